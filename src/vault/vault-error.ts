/**
 * Why the vault refused. Each code names what an operator or a caller can act on:
 * - `MALFORMED`: a sealed value is not the documented form (not JSON, a missing part, a bad length, an
 *   unknown version). Corruption in storage, or a value that was never sealed.
 * - `TAMPERED`: a sealed value is well formed but does not authenticate: it was edited, moved to another
 *   organization, connection or field, or a field was added or removed.
 * - `UNKNOWN_MASTER_KEY`: the value was wrapped by a master key the keyring lacks.
 * - `RETIRED_MASTER_KEY`: the value was wrapped by a master key that was retired, whose material is gone.
 * - `KEY_IN_USE`: a master key cannot be retired while it is active or while records still use it.
 * - `INVALID_INPUT`: what was handed to the vault cannot be used (a bad field name, a non-string value,
 *   an empty organization or connection id).
 * - `INVALID_KEYRING`: a keyring (its file or its configuration) is corrupted or inconsistent.
 * - `KEYRING_UNREADABLE`: the keyring file exists but cannot be read.
 * - `KEYRING_MISSING`: the keyring file is absent where one must be (sealed records exist).
 */
export type VaultErrorCode =
  | 'MALFORMED'
  | 'TAMPERED'
  | 'UNKNOWN_MASTER_KEY'
  | 'RETIRED_MASTER_KEY'
  | 'KEY_IN_USE'
  | 'INVALID_INPUT'
  | 'INVALID_KEYRING'
  | 'KEYRING_UNREADABLE'
  | 'KEYRING_MISSING';

/**
 * The one exception the vault throws. Its message names ids, field names and files, never key material
 * nor a secret value, so that it can be logged as it is. It is not a `KeywardError`: a route that meets
 * one answers `500 INTERNAL` (a vault that cannot open a record is an infrastructure failure), and the
 * error handler logs it.
 */
export class VaultError extends Error {
  readonly code: VaultErrorCode;

  constructor(code: VaultErrorCode, message: string) {
    super(message);
    this.name = 'VaultError';
    this.code = code;
  }
}
