/**
 * Why an outbound request failed. The codes are the outbound client's own; the routes that call it choose
 * the HTTP answer (a refused address is the caller's fault, a provider that times out is not).
 *
 * - `FORBIDDEN_URL`: not an `http:`/`https:` URL, or one with credentials in it; nothing was looked up.
 * - `FORBIDDEN_ADDRESS`: the host is, or resolves to, an address outbound requests may not reach (or plain
 *   `http:` to an address outside the allow list); nothing was connected to.
 * - `DNS`: the host name did not resolve.
 * - `TIMEOUT`: the connection, the response headers or the whole exchange took too long.
 * - `TOO_LARGE`: the response body is larger than the client's limit.
 * - `CONNECT`: the connection could not be opened, or broke before the answer was complete.
 * - `TLS`: the TLS handshake failed, most often because the certificate is not trusted or not for the host.
 */
export type OutboundErrorCode =
  | 'FORBIDDEN_URL'
  | 'FORBIDDEN_ADDRESS'
  | 'DNS'
  | 'TIMEOUT'
  | 'TOO_LARGE'
  | 'CONNECT'
  | 'TLS';

/**
 * The one error type the outbound client throws for a request that could not be made or answered.
 * Its message names the origin (scheme, host and port) and never the path, the query or the headers,
 * which may carry credentials; nor the address a forbidden name resolved to, which would map a private
 * network for whoever reads it. That address is on `address`, for the server's own log.
 *
 * @example
 * try { await outbound.send(request) } catch (e) { if (e instanceof OutboundError && e.code === 'TIMEOUT') … }
 */
export class OutboundError extends Error {
  readonly code: OutboundErrorCode;
  /** The address that was refused or connected to, when there was one. Not part of the message. */
  readonly address: string | undefined;

  constructor(code: OutboundErrorCode, message: string, options: { address?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'OutboundError';
    this.code = code;
    this.address = options.address;
  }
}
