import { type Draft, EXPIRIES, scopeList, ttlOf } from './draft.js';
import type { Owner } from './key-steps.js';

/** The last step: the key as it will be asked for, in words. */
export function Review({ draft, owners }: { draft: Draft; owners: Owner[] }) {
  const scopes = scopeList(draft);
  const ttl = ttlOf(draft);
  const rows: [string, string][] = [
    ['Name', draft.name.trim()],
    ['Description', draft.description.trim() || 'none'],
    ['Owner', owners.find((owner) => owner.id === draft.ownerId)?.label ?? draft.ownerId],
    ['Role', draft.role],
    ['Scopes', scopes.length === 0 ? `none: the whole ${draft.role} role` : scopes.join(', ')],
    [
      'Expires',
      ttl === undefined
        ? 'never'
        : draft.expiry === 'custom'
          ? `after ${draft.customDays} days`
          : `after ${EXPIRIES[draft.expiry].label}`,
    ],
    [
      'Rate limit',
      draft.limit === '' ? 'none' : `${draft.limit} requests per ${draft.windowSeconds} seconds`,
    ],
    [
      'Quota',
      draft.quota === ''
        ? 'none'
        : `${draft.quota} requests${draft.refill === 'never' ? '' : `, refilled ${draft.refill} to ${draft.refillAmount}`}`,
    ],
  ];
  return (
    <dl class="review">
      {rows.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
