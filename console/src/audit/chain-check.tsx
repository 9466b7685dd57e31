import { useState } from 'preact/hooks';
import type { ApiError } from '../api.js';
import { asApiError, Failure } from '../load.js';
import { type ChainCheck as Outcome, verifyChain } from './chain.js';
import { exportedEntries } from './export.js';

const WHY = {
  link: 'it does not link to the entry before it',
  hash: 'its hash does not match its content',
} as const;

/**
 * "Check the chain": the whole log, exported and checked link by link in this browser. Only the whole log
 * can be: a filtered list, or an organization's, skips the entries that link its own together.
 */
export function ChainCheck() {
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
      setState({ step: 'done', outcome: await verifyChain(exportedEntries()) });
    } catch (error) {
      setState({ step: 'failed', error: asApiError(error) });
    }
  }

  const outcome = state.step === 'done' ? state.outcome : null;
  return (
    <section class="chain-check" aria-labelledby="chain-heading">
      <h2 id="chain-heading">The chain</h2>
      <p>
        Each entry carries the hash of the one before it, so that an entry edited, removed or moved breaks
        every link after it. This browser fetches the whole log and checks every link itself.
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
            The chain is broken at entry #{outcome.brokenAt} ({outcome.reason}): {WHY[outcome.reason]}.
          </p>
        )}
      </div>
      {state.step === 'failed' && <Failure error={state.error} />}
    </section>
  );
}
