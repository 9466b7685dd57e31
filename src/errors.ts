/**
 * The closed set of error codes Keyward answers with, and the one table that maps each to an HTTP status.
 * `docs/errors.md` documents every code; a test keeps the two in step.
 */
export const ERROR_STATUS = {
  INVALID_REQUEST: 400,
  INVALID_JSON: 400,
  CONNECTION_CHECK_FAILED: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  CSRF_FAILED: 403,
  NOT_FOUND: 404,
  REQUEST_TIMEOUT: 408,
  CONFLICT: 409,
  CONNECT_SESSION_ENDED: 410,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  EXPECTATION_FAILED: 417,
  HEADERS_TOO_LARGE: 431,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  CONNECTION_UNREADABLE: 500,
  BAD_GATEWAY: 502,
  UNAVAILABLE: 503,
  GATEWAY_TIMEOUT: 504,
  INSUFFICIENT_STORAGE: 507,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** The one exception type routes throw; the error handler turns it into `{success:false, error}`. */
export class KeywardError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  /** Extra response headers, such as `Retry-After` on `RATE_LIMITED`. */
  readonly headers: Record<string, string>;

  constructor(code: ErrorCode, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'KeywardError';
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.headers = headers;
  }
}

export const notFound = (what: string) => new KeywardError('NOT_FOUND', `${what} not found`);
export const forbidden = (message = 'The caller lacks the permission for this operation') =>
  new KeywardError('FORBIDDEN', message);
export const invalid = (field: string, rule: string) =>
  new KeywardError('INVALID_REQUEST', `${field}: ${rule}`);
export const conflict = (message: string) => new KeywardError('CONFLICT', message);
