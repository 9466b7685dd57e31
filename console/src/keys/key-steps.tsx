import type { ComponentChildren } from 'preact';
import { type Draft, EXPIRIES, type Expiry, MAX_DAYS, type Problem } from './draft.js';

/** A creation step's form fields: the draft, a way to change it, and the problem found on Next. */
export interface StepProps {
  draft: Draft;
  set: (patch: Partial<Draft>) => void;
  problem: Problem | null;
}

export interface Owner {
  id: string;
  label: string;
}

/** The attributes that tie a field to its label and to the problem found in it. */
function field(name: keyof Draft, problem: Problem | null, hint?: boolean) {
  const wrong = problem?.field === name;
  const described = [hint ? `key-${name}-hint` : '', wrong ? `key-${name}-problem` : ''].join(' ').trim();
  return {
    id: `key-${name}`,
    name,
    'aria-invalid': wrong ? ('true' as const) : undefined,
    'aria-describedby': described === '' ? undefined : described,
  };
}

function ProblemText({ name, problem }: { name: keyof Draft; problem: Problem | null }) {
  if (problem?.field !== name) return null;
  return (
    <p id={`key-${name}-problem`} class="field-problem">
      {problem.message}
    </p>
  );
}

function Hint({ name, children }: { name: keyof Draft; children: ComponentChildren }) {
  return (
    <p id={`key-${name}-hint`} class="hint">
      {children}
    </p>
  );
}

const text = (event: Event) => (event.currentTarget as HTMLInputElement).value;

export function NameStep({ draft, set, problem, owners }: StepProps & { owners: Owner[] }) {
  return (
    <>
      <label for="key-name">Name</label>
      <input
        {...field('name', problem)}
        required
        maxLength={200}
        value={draft.name}
        onInput={(e) => set({ name: text(e) })}
      />
      <ProblemText name="name" problem={problem} />
      <label for="key-description">Description (optional)</label>
      <textarea
        {...field('description', problem)}
        rows={3}
        maxLength={1000}
        value={draft.description}
        onInput={(e) => set({ description: text(e) })}
      />
      <label for="key-ownerId">Owner</label>
      <select
        {...field('ownerId', problem, true)}
        value={draft.ownerId}
        onChange={(e) => set({ ownerId: text(e) })}
      >
        {owners.map((owner) => (
          <option key={owner.id} value={owner.id}>
            {owner.label}
          </option>
        ))}
      </select>
      <Hint name="ownerId">The key acts as its owner, and never with more than the owner may do.</Hint>
    </>
  );
}

export function AccessStep({ draft, set, problem }: StepProps) {
  return (
    <>
      <fieldset>
        <legend>Role</legend>
        {(['member', 'admin'] as const).map((role) => (
          <label key={role} class="choice">
            <input
              type="radio"
              name="role"
              value={role}
              checked={draft.role === role}
              onChange={() => set({ role })}
            />{' '}
            {role === 'member' ? 'Member: reads the organization, manages its own keys' : 'Admin: everything'}
          </label>
        ))}
      </fieldset>
      <label for="key-scopes">Scopes (optional)</label>
      <textarea
        {...field('scopes', problem, true)}
        rows={4}
        spellcheck={false}
        value={draft.scopes}
        onInput={(e) => set({ scopes: text(e) })}
      />
      <Hint name="scopes">
        One permission a line, as <code>resource:action</code> (<code>documents:read</code>,{' '}
        <code>documents:*</code>). Scopes narrow the role; without them the key holds the whole role.
      </Hint>
      <ProblemText name="scopes" problem={problem} />
    </>
  );
}

export function LimitsStep({ draft, set, problem }: StepProps) {
  const number = (name: keyof Draft, min: number, max: number) => ({
    ...field(name, problem),
    type: 'number',
    inputMode: 'numeric' as const,
    min,
    max,
    step: 1,
    value: draft[name],
    onInput: (e: Event) => set({ [name]: text(e) }),
  });
  return (
    <>
      <fieldset>
        <legend>Expires</legend>
        {(Object.keys(EXPIRIES) as Expiry[]).map((expiry) => (
          <label key={expiry} class="choice">
            <input
              type="radio"
              name="expiry"
              value={expiry}
              checked={draft.expiry === expiry}
              onChange={() => set({ expiry })}
            />{' '}
            {EXPIRIES[expiry].label}
          </label>
        ))}
        {draft.expiry === 'custom' && (
          <>
            <label for="key-customDays">Days until it expires</label>
            <input {...number('customDays', 1, MAX_DAYS)} required />
          </>
        )}
      </fieldset>
      <fieldset>
        <legend>Rate limit (optional)</legend>
        <label for="key-limit">Requests</label>
        <input {...number('limit', 1, 1_000_000_000)} />
        <label for="key-windowSeconds">In a window of (seconds)</label>
        <input {...number('windowSeconds', 1, 86_400)} />
        <ProblemText name="windowSeconds" problem={problem} />
      </fieldset>
      <fieldset>
        <legend>Quota (optional)</legend>
        <label for="key-quota">Requests in all</label>
        <input {...number('quota', 0, 1_000_000_000)} />
        <ProblemText name="quota" problem={problem} />
        <label for="key-refill">Refilled</label>
        <select
          {...field('refill', problem)}
          value={draft.refill}
          onChange={(e) => set({ refill: text(e) as Draft['refill'] })}
        >
          <option value="never">Never</option>
          <option value="daily">Daily</option>
          <option value="monthly">Monthly</option>
        </select>
        {draft.refill !== 'never' && (
          <>
            <label for="key-refillAmount">Refilled to (requests)</label>
            <input {...number('refillAmount', 1, 1_000_000_000)} required />
            <ProblemText name="refillAmount" problem={problem} />
          </>
        )}
      </fieldset>
    </>
  );
}
