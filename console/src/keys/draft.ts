/**
 * The key being made, as the creation steps hold it: what the user typed, kept as typed (strings), so
 * that going back, or a refusal from the server, loses nothing. `toBody` turns it into the body of
 * `POST /v1/organizations/{orgId}/apikeys` (src/http/routes/apikeys-create.ts).
 */
export interface Draft {
  name: string;
  description: string;
  /** Empty for the signed-in user, the server's default owner. */
  ownerId: string;
  role: 'member' | 'admin';
  /** One permission a line. */
  scopes: string;
  expiry: Expiry;
  customDays: string;
  limit: string;
  windowSeconds: string;
  quota: string;
  refill: 'never' | 'daily' | 'monthly';
  refillAmount: string;
}

export const EXPIRIES = {
  never: { label: 'Never', seconds: null },
  day: { label: '1 day', seconds: 86_400 },
  month: { label: '30 days', seconds: 30 * 86_400 },
  quarter: { label: '90 days', seconds: 90 * 86_400 },
  custom: { label: 'Another number of days', seconds: null },
} as const;

export type Expiry = keyof typeof EXPIRIES;

/** The server's longest time to live (schemas.ts `Ttl`), in days. */
export const MAX_DAYS = 3650;

export const EMPTY: Draft = {
  name: '',
  description: '',
  ownerId: '',
  role: 'member',
  scopes: '',
  expiry: 'quarter',
  customDays: '',
  limit: '',
  windowSeconds: '60',
  quota: '',
  refill: 'never',
  refillAmount: '',
};

/** A field the user must fix before the next step, and why. */
export interface Problem {
  field: keyof Draft;
  message: string;
}

// The server's permission pattern (src/keys/permissions.ts), so that a typo is caught before the review.
const PERMISSION = /^(\*|[a-z0-9][a-z0-9_.-]{0,63}:(\*|[a-z0-9][a-z0-9_.-]{0,63}))$/;
const MAX_SCOPES = 64;

export function scopeList(draft: Draft): string[] {
  return draft.scopes
    .split(/[\s,]+/)
    .map((scope) => scope.trim())
    .filter((scope) => scope !== '');
}

/** What the browser cannot check alone (required, min and max are on the inputs themselves). */
export function problemIn(draft: Draft, step: number): Problem | null {
  if (step === 1 && draft.name.trim() === '') return { field: 'name', message: 'Give the key a name.' };
  if (step === 2) {
    const scopes = scopeList(draft);
    const wrong = scopes.find((scope) => !PERMISSION.test(scope));
    if (wrong !== undefined)
      return {
        field: 'scopes',
        message: `${wrong} is not a permission: write resource:action, such as documents:read, or *.`,
      };
    if (new Set(scopes).size !== scopes.length)
      return { field: 'scopes', message: 'Each scope may appear only once.' };
    if (scopes.length > MAX_SCOPES)
      return { field: 'scopes', message: `A key holds at most ${MAX_SCOPES} scopes.` };
  }
  if (step === 3 && draft.limit !== '' && draft.windowSeconds === '')
    return { field: 'windowSeconds', message: 'A rate limit needs a window.' };
  if (step === 3 && draft.refill !== 'never' && draft.refillAmount === '')
    return { field: 'refillAmount', message: 'Say how many requests each refill restores.' };
  if (step === 3 && draft.refill !== 'never' && draft.quota === '')
    return { field: 'quota', message: 'A refill needs a quota to refill.' };
  return null;
}

/** The key's time to live in seconds, or undefined for a key that never expires. */
export function ttlOf(draft: Draft): number | undefined {
  if (draft.expiry === 'custom') return Number(draft.customDays) * 86_400;
  return EXPIRIES[draft.expiry].seconds ?? undefined;
}

export function toBody(draft: Draft): Record<string, unknown> {
  const scopes = scopeList(draft);
  const ttl = ttlOf(draft);
  return {
    name: draft.name.trim(),
    role: draft.role,
    ...(draft.description.trim() === '' ? {} : { description: draft.description.trim() }),
    ...(draft.ownerId === '' ? {} : { ownerId: draft.ownerId }),
    ...(scopes.length === 0 ? {} : { scopes }),
    ...(ttl === undefined ? {} : { ttl }),
    ...(draft.limit === ''
      ? {}
      : { ratelimit: { limit: Number(draft.limit), duration: Number(draft.windowSeconds) * 1000 } }),
    ...(draft.quota === ''
      ? {}
      : {
          quota: {
            remaining: Number(draft.quota),
            ...(draft.refill === 'never'
              ? {}
              : { refill: { interval: draft.refill, amount: Number(draft.refillAmount) } }),
          },
        }),
  };
}
