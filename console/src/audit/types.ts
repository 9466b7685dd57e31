/** An audit entry as `GET /v1/audit` and its export give it (src/http/schemas.ts, AuditEntrySchema). */
export interface AuditEntry {
  seq: number;
  id: string;
  at: string;
  action: string;
  actorId: string | null;
  orgId: string | null;
  targetId: string | null;
  requestId: string | null;
  ip: string | null;
  outcome: 'success' | 'failure';
  details: Record<string, unknown> | null;
  prevHash: string;
  hash: string;
}

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
