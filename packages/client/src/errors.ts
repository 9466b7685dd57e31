/** An answer in Keyward's error shape: `{success: false, error: {code, message, requestId}}`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly requestId: string | null;
  /** Seconds to wait before trying again, from `Retry-After` (on `429`). */
  readonly retryAfter: number | null;

  constructor(
    status: number,
    code: string,
    message: string,
    requestId: string | null,
    retryAfter: number | null,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.requestId = requestId;
    this.retryAfter = retryAfter;
  }
}

/** Nothing answered at the URL, or (`answered`) what answered is not a Keyward server. */
export class UnreachableError extends Error {
  readonly url: string;
  readonly answered: boolean;

  constructor(url: string, message: string, answered = false) {
    super(message);
    this.name = 'UnreachableError';
    this.url = url;
    this.answered = answered;
  }
}
