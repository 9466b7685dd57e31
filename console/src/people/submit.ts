import { useState } from 'preact/hooks';
import type { ApiError } from '../api.js';
import { asApiError } from '../load.js';

/**
 * A form's request in flight: whether it is busy, and the server's refusal of the last attempt, which the
 * form shows beside what the user typed (the server, not the browser, is the judge).
 */
export function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  /** Runs the request; answers whether it succeeded. */
  async function run(request: () => Promise<void>): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      await request();
      return true;
    } catch (failure) {
      setError(asApiError(failure));
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run, clear: () => setError(null) };
}
