import type { ConnectionCheck } from './types.js';

/** A check's outcome in a word or two, and the status class that colours it. */
export function checkLabel(check: ConnectionCheck): { text: string; tone: 'active' | 'revoked' } {
  switch (check.outcome) {
    case 'passed':
      return { text: 'passed', tone: 'active' };
    case 'refused':
      return { text: `refused (${check.status ?? '?'})`, tone: 'revoked' };
    case 'unreachable':
      return { text: 'unreachable', tone: 'revoked' };
    case 'forbidden':
      return { text: 'address not allowed', tone: 'revoked' };
  }
}

/** What a check found, as a sentence for the live region under the list. */
export function checkSentence(name: string, check: ConnectionCheck): string {
  switch (check.outcome) {
    case 'passed':
      return `${name}: the check passed; the provider accepts the credential.`;
    case 'refused':
      return `${name}: the provider refused the credential (it answered ${check.status ?? 'an error'}).`;
    case 'unreachable':
      return `${name}: the provider could not be reached.`;
    case 'forbidden':
      return `${name}: the provider's address is one this cluster does not reach (KEYWARD_OUTBOUND_ALLOW).`;
  }
}
