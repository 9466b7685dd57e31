import { expect } from 'vitest';
import { VaultError } from '../../src/vault/vault.js';

/** Runs `run`, which must refuse with a VaultError of `code`, and answers that error. */
export async function vaultRefusal(run: () => Promise<unknown>, code: string): Promise<VaultError> {
  const error = await run().then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(VaultError);
  expect((error as VaultError).code).toBe(code);
  return error as VaultError;
}
