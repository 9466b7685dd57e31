export type RequestRefusal =
  /** The fields break a rule of validateFields; `where` lists them. */
  | 'invalid-fields'
  /** A field the request needs has no value. */
  | 'missing-field'
  /** The caller's method is not one Keyward forwards. */
  | 'method'
  /** The caller's path is not a clean absolute path, or would leave the provider's base path. */
  | 'path'
  /** A header name is not a token, or a header value holds a control character. */
  | 'header'
  /** The URL built is not the provider's: another origin, user info, a scheme other than https. */
  | 'url';

/**
 * Why buildRequest would not build a request. The message names a field, a header or a rule, never a
 * value: a value may be a secret, and the message may be logged.
 */
export class RequestRefused extends Error {
  override readonly name = 'RequestRefused';

  constructor(
    readonly code: RequestRefusal,
    /** What is at fault: `config.hostname`, `header x-api-key`, `path`. */
    readonly where: string,
  ) {
    super(`connection request refused (${code}): ${where}`);
  }
}
