import { Type } from 'typebox';
import { Closed, idOf, LIMITS, Timestamp } from './schemas.js';

/**
 * Path and query parameters, and request body fields, that more than one route takes: the routes share
 * them through here, never by importing each other.
 */

export const OrgParams = Type.Object({ orgId: idOf('org') });
export const KeyParams = Type.Object({ keyId: idOf('key') });
export const MemberParams = Type.Object({ orgId: idOf('org'), userId: idOf('usr') });
export const ServiceUserParams = Type.Object({ orgId: idOf('org'), serviceUserId: idOf('svc') });
export const UserParams = Type.Object({ userId: idOf('usr') });
export const ConnectionParams = Type.Object({ connectionId: idOf('con') });
/** The owner of a key: a user or a service user. */
export const OwnerId = Type.String({ pattern: '^(usr|svc)_[0-9A-Za-z]{22}$', maxLength: LIMITS.id });

/** The audit log's filters, for reading it a page at a time and for exporting it (`auditFilter`). */
export const AuditQuery = {
  orgId: Type.Optional(idOf('org')),
  action: Type.Optional(Type.String({ pattern: '^[a-z_.]{1,64}$', maxLength: LIMITS.word })),
  // A user, a service user, or a connect link (`cns_`), which acts for its visitor.
  actorId: Type.Optional(Type.String({ pattern: '^(usr|svc|cns)_[0-9A-Za-z]{22}$', maxLength: LIMITS.id })),
  targetId: Type.Optional(Type.String({ pattern: '^[a-z]{3}_[0-9A-Za-z]{22}$', maxLength: LIMITS.id })),
  since: Type.Optional(Timestamp),
  until: Type.Optional(Timestamp),
};

export const Username = Type.String({
  pattern: '^[a-z0-9][a-z0-9._-]{1,63}$',
  maxLength: 64,
  description: '2–64 characters: lower-case letters, digits, `.`, `_` and `-`',
});
export const Password = Type.String({ minLength: 8, maxLength: 1024 });

export const RefreshBody = Type.Object(
  { refreshToken: Type.String({ minLength: 1, maxLength: 200 }) },
  Closed,
);
