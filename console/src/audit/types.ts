export type { AuditEntry } from '@keyward/client';

/** The filters `GET /v1/audit` takes besides the page (src/http/params.ts, AuditQuery). */
export interface AuditFilters {
  action: string;
  actorId: string;
  targetId: string;
  /** As a `datetime-local` input holds it: local time, no zone. */
  since: string;
  until: string;
}

export const NO_FILTERS: AuditFilters = { action: '', actorId: '', targetId: '', since: '', until: '' };
