import { ApiError } from '../api.js';
import type { AuditEntry } from './types.js';

/**
 * The whole log from `GET /v1/audit/export`, oldest first, one entry per line as the response streams
 * in, so that a long log is checked without being held in memory. It is JSON Lines, not JSON, so it
 * comes here rather than through api.ts; a GET needs no CSRF header.
 */
export async function* exportedEntries(): AsyncGenerator<AuditEntry> {
  let response: Response;
  try {
    response = await fetch('/v1/audit/export', { credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Keyward did not answer. Check your connection and try again.', null);
  }
  if (!response.ok || !response.body) {
    const data = (await response.json().catch(() => null)) as {
      error?: { code?: string; message?: string; requestId?: string };
    } | null;
    throw new ApiError(
      response.status,
      data?.error?.code ?? 'INTERNAL',
      data?.error?.message ?? `Keyward answered ${response.status}`,
      data?.error?.requestId ?? null,
    );
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let pending = '';
  for (;;) {
    const { done, value } = await reader.read();
    pending += value ?? '';
    const lines = pending.split('\n');
    pending = done ? '' : (lines.pop() ?? '');
    for (const line of lines) if (line.trim() !== '') yield parse(line);
    if (done) return;
  }
}

function parse(line: string): AuditEntry {
  try {
    return JSON.parse(line) as AuditEntry;
  } catch {
    throw new ApiError(
      0,
      'INVALID_EXPORT',
      'The export holds a line that is not JSON: it was cut short',
      null,
    );
  }
}
