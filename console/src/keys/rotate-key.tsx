import { useState } from 'preact/hooks';
import { type ApiKey, api, type CreatedKey } from '../api.js';
import { Confirm } from '../confirm.js';

/** How long the old secret may keep working: the server allows 0 to 30 days (apikeys-rotate.ts). */
const GRACE = [
  { seconds: 0, label: 'No time: it stops at once' },
  { seconds: 3600, label: '1 hour' },
  { seconds: 86_400, label: '24 hours' },
  { seconds: 7 * 86_400, label: '7 days' },
] as const;

/**
 * Asks for the grace period, then rotates: the answer holds the successor's secret, which goes to the
 * show-once dialog through `onRotated`.
 */
export function RotateKey({
  apiKey,
  onRotated,
  onCancel,
}: {
  apiKey: ApiKey;
  onRotated: (successor: CreatedKey) => Promise<void>;
  onCancel: () => void;
}) {
  const [grace, setGrace] = useState<number>(3600);

  async function rotate() {
    const successor = await api<CreatedKey>('POST', `/v1/apikeys/${apiKey.id}/rotate`, {
      gracePeriod: grace,
    });
    await onRotated(successor);
  }

  return (
    <Confirm
      title={`Rotate ${apiKey.name}?`}
      action={`Rotate ${apiKey.name}`}
      onDone={rotate}
      onCancel={onCancel}
    >
      <p>
        Keyward issues a new key with the same owner, role, scopes, limits and expiry. The old key (
        <code>{apiKey.hint}</code>) keeps working during the grace period, so that its users can move to the
        new one; then it stops.
      </p>
      <fieldset class="grace">
        <legend>The old key keeps working for</legend>
        {GRACE.map(({ seconds, label }) => (
          <label key={seconds} class="choice">
            <input
              type="radio"
              name="grace"
              value={seconds}
              checked={grace === seconds}
              onChange={() => setGrace(seconds)}
            />{' '}
            {label}
          </label>
        ))}
      </fieldset>
    </Confirm>
  );
}
