import { ApiError } from '../api.js';

/**
 * The lines of `GET /v1/audit/export`, parsed, as the response streams in: the start line, the entries
 * oldest first, the end line. The whole log, or an organization's (`orgId`). A long log is checked
 * without being held in memory. It is JSON Lines, not JSON, so it comes here rather than through api.ts;
 * a GET needs no CSRF header.
 */
export async function* exportedLines(orgId?: string): AsyncGenerator<unknown> {
  const query = orgId === undefined ? '' : `?${new URLSearchParams({ orgId })}`;
  let response: Response;
  try {
    response = await fetch(`/v1/audit/export${query}`, { credentials: 'same-origin' });
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

function parse(line: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    throw new ApiError(
      0,
      'INVALID_EXPORT',
      'The export holds a line that is not JSON: it was cut short',
      null,
    );
  }
}
