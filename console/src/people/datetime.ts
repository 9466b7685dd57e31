/**
 * `<input type="datetime-local">` speaks the browser's local time, without a zone; the API speaks
 * ISO 8601 in UTC. An empty field means "no expiry".
 */
export function toLocalInput(iso: string | null): string {
  if (iso === null) return '';
  const at = new Date(iso);
  return new Date(at.getTime() - at.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

export function fromLocalInput(value: string): string | null {
  return value === '' ? null : new Date(value).toISOString();
}
