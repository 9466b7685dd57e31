import { useEffect, useRef, useState } from 'preact/hooks';
import { type ApiError, api, type CreatedKey, type Organization } from '../api.js';
import { asApiError, Failure, Show, useLoad } from '../load.js';
import { BASE, navigate } from '../router.js';
import { type Draft, EMPTY, type Problem, problemIn, toBody } from './draft.js';
import { AccessStep, LimitsStep, NameStep, type Owner } from './key-steps.js';
import { ownersOf } from './owners.js';
import { Review } from './review.js';
import { ShowOnce } from './show-once.js';

const STEPS = ['Name and owner', 'Role and scopes', 'Expiry and limits', 'Review'] as const;

/** The page `/keys/new`: a key made in four steps, then shown once. */
export function CreateKey({ org }: { org: Organization }) {
  const [loaded, retry] = useLoad(() => ownersOf(org.id), org.id);
  return (
    <section class="create-key" aria-labelledby="create-key-title">
      <h2 id="create-key-title">Create a key</h2>
      <Show loaded={loaded} what="who may own the key" retry={retry}>
        {({ me, services }) => (
          <Steps
            org={org}
            owners={[
              { id: '', label: `You (${me.name})` },
              ...services.map((s) => ({ id: s.id, label: `${s.name} (service user, ${s.role})` })),
            ]}
          />
        )}
      </Show>
    </section>
  );
}

/** The owner a link asked for (`/keys/new?owner=svc_…`, from the service users tab), if it is one on offer. */
function askedOwner(owners: Owner[]): string {
  const asked = new URLSearchParams(location.search).get('owner');
  return owners.find((owner) => owner.id !== '' && owner.id === asked)?.id ?? '';
}

function Steps({ org, owners }: { org: Organization; owners: Owner[] }) {
  const [draft, setDraft] = useState<Draft>(() => ({ ...EMPTY, ownerId: askedOwner(owners) }));
  const [step, setStep] = useState(1);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  // The new key, held here only until the show-once dialog closes.
  const [created, setCreated] = useState<CreatedKey | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const list = `/organizations/${org.id}/keys`;

  // Each step starts from its heading, so that a screen reader announces it and Tab goes to its fields.
  useEffect(() => heading.current?.focus(), [step]);

  const set = (patch: Partial<Draft>) => setDraft((current) => ({ ...current, ...patch }));

  async function submit(event: Event) {
    event.preventDefault();
    if (step < STEPS.length) {
      const found = problemIn(draft, step);
      setProblem(found);
      if (found) document.getElementById(`key-${found.field}`)?.focus();
      else setStep(step + 1);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      setCreated(await api<CreatedKey>('POST', `/v1/organizations/${org.id}/apikeys`, toBody(draft)));
    } catch (failure) {
      setError(asApiError(failure));
    } finally {
      setBusy(false);
    }
  }

  function back() {
    setProblem(null);
    setError(null);
    setStep(step - 1);
  }

  const props = { draft, set, problem };
  return (
    <>
      <ol class="steps">
        {STEPS.map((title, index) => (
          <li key={title} aria-current={index + 1 === step ? 'step' : undefined}>
            {title}
          </li>
        ))}
      </ol>
      <form class="key-form" onSubmit={submit} aria-labelledby="create-key-step" aria-busy={busy}>
        <h3 id="create-key-step" ref={heading} tabIndex={-1}>
          Step {step} of {STEPS.length}: {STEPS[step - 1]}
        </h3>
        {step === 1 && <NameStep {...props} owners={owners} />}
        {step === 2 && <AccessStep {...props} />}
        {step === 3 && <LimitsStep {...props} />}
        {step === 4 && <Review draft={draft} owners={owners} />}
        {error && <Failure error={error} />}
        <div class="actions">
          <a href={`${BASE}${list}`}>Cancel</a>
          {step > 1 && (
            <button type="button" onClick={back} disabled={busy}>
              Back
            </button>
          )}
          <button type="submit" class="primary" disabled={busy}>
            {step < STEPS.length ? 'Next' : busy ? 'Creating…' : 'Create key'}
          </button>
        </div>
      </form>
      {created && (
        <ShowOnce
          secret={created.apiKey}
          name={created.name}
          keyId={created.id}
          orgId={org.id}
          onClose={() => {
            setCreated(null);
            navigate(list);
          }}
        />
      )}
    </>
  );
}
