export type { AuditEntry } from '../../../src/client/types.js';

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

/**
 * The first line of `GET /v1/audit/export` (src/audit-export.ts): which chain the entries follow, whether
 * none is left out between them, and the hash the first one links to.
 */
export interface ExportStart {
  kind: 'keyward.audit.export';
  version: 1;
  chain: 'log' | 'organization';
  orgId: string | null;
  linked: boolean;
  anchor: string | null;
}

/** The last line of the export: how many entries came, and the last one's hash in the chain. */
export interface ExportEnd {
  kind: 'keyward.audit.end';
  count: number;
  lastHash: string | null;
}
