/**
 * Thrown while an entry of a catalog is compiled, when Keyward cannot honour it. It never leaves
 * compileProvider, which turns it into a refusal: `{ name, reason }`.
 */
export class EntryRefused extends Error {
  override readonly name = 'EntryRefused';
}

export function refuse(reason: string): never {
  throw new EntryRefused(reason);
}

export function asRecord(value: unknown): Readonly<Record<string, unknown>> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** A string, or a number written without quotes in the YAML (`example: 8080`). */
export function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  return typeof value === 'number' ? String(value) : undefined;
}
