import { useState } from 'preact/hooks';
import type { ApiError } from '../api.js';
import { asApiError, Failure } from '../load.js';
import { type ExportProblem, type ExportCheck as Outcome, verifyExport } from './chain.js';
import { exportedLines } from './export.js';

const WHY: Record<ExportProblem, string> = {
  link: 'it does not link to the entry before it',
  hash: 'its hash does not match its content',
  order: 'it comes after a later entry',
  start: 'the export does not begin with its start line',
  cut: 'the export ends before its end line: it was cut short',
  end: 'the entries do not match the export’s end line',
  'after-end': 'the export goes on after its end line',
};

/**
 * "Check the chain": the whole log, or an organization's entries along the organization's own chain
 * (`orgId`), exported and checked link by link in this browser.
 */
export function ChainCheck({ orgId }: { orgId?: string }) {
  const [state, setState] = useState<
    | { step: 'idle' | 'checking' | 'unsupported' }
    | { step: 'done'; outcome: Outcome }
    | { step: 'failed'; error: ApiError }
  >({ step: 'idle' });

  async function check() {
    // Web Crypto exists only in a secure context: HTTPS, or loopback.
    if (!globalThis.crypto?.subtle) return setState({ step: 'unsupported' });
    setState({ step: 'checking' });
    try {
      setState({ step: 'done', outcome: await verifyExport(exportedLines(orgId)) });
    } catch (error) {
      setState({ step: 'failed', error: asApiError(error) });
    }
  }

  const outcome = state.step === 'done' ? state.outcome : null;
  return (
    <section class="chain-check" aria-labelledby="chain-heading">
      <h2 id="chain-heading">The chain</h2>
      <p>
        {orgId === undefined
          ? 'Each entry carries the hash of the one before it, '
          : "Each of the organization's entries carries the hash of its entry before it, "}
        so that an entry edited, removed or moved breaks every link after it. This browser fetches{' '}
        {orgId === undefined ? 'the whole log' : "the organization's entries"} and checks every link itself.
      </p>
      <button type="button" onClick={check} disabled={state.step === 'checking'}>
        {state.step === 'checking' ? 'Checking the chain…' : 'Check the chain'}
      </button>
      <div role="status" class="conn-said">
        {outcome?.ok && <p class="status status-active">The chain holds: {outcome.count} entries checked.</p>}
        {state.step === 'unsupported' && (
          <p>This browser hashes only on a secure page: open the console over HTTPS to check the chain.</p>
        )}
        {outcome && !outcome.ok && (
          <p class="status status-revoked">
            {outcome.brokenAt === null
              ? `The chain cannot be checked (${outcome.problem}): ${WHY[outcome.problem]}.`
              : `The chain is broken at entry #${outcome.brokenAt} (${outcome.problem}): ${WHY[outcome.problem]}.`}
          </p>
        )}
      </div>
      {state.step === 'failed' && <Failure error={state.error} />}
    </section>
  );
}
