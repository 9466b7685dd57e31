/** How a set-up request authenticates. */
export type Auth = { bearer: string } | { key: string } | { basic: [string, string] };

function authorization(auth: Auth): string {
  if ('bearer' in auth) return `Bearer ${auth.bearer}`;
  if ('key' in auth) return `Key ${auth.key}`;
  return `Basic ${Buffer.from(auth.basic.join(':')).toString('base64')}`;
}

/** One request to a running server that must answer `expect`; the parsed JSON body. */
export async function call(
  url: string,
  method: string,
  path: string,
  options: { auth?: Auth; body?: unknown; expect?: number } = {},
): Promise<any> {
  const headers: Record<string, string> = {};
  if (options.auth) headers.authorization = authorization(options.auth);
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${url}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  const expected = options.expect ?? (method === 'POST' ? 201 : 200);
  if (response.status !== expected) {
    throw new Error(`${method} ${path} answered ${response.status}, expected ${expected}: ${text}`);
  }
  return text ? JSON.parse(text) : null;
}

/** The server's Prometheus counters that the bench reads around a run. */
export interface Counters {
  storeQueries: number;
  verifications: Record<string, number>;
  /** The server process's CPU time, user and system, all threads (prom-client's process metric). */
  cpuSeconds: number;
}

export async function readCounters(url: string): Promise<Counters> {
  const response = await fetch(`${url}/metrics`);
  const text = await response.text();
  if (response.status !== 200) throw new Error(`GET /metrics answered ${response.status}: ${text}`);
  const queries = /^keyward_store_queries_total (\d+)$/m.exec(text);
  if (!queries?.[1]) throw new Error('GET /metrics has no keyward_store_queries_total');
  const verifications: Record<string, number> = {};
  for (const match of text.matchAll(/^keyward_verifications_total\{code="([A-Z_]+)"\} (\d+)$/gm)) {
    verifications[match[1] as string] = Number(match[2]);
  }
  const cpu = /^keyward_process_cpu_seconds_total ([0-9.e+-]+)$/m.exec(text);
  if (!cpu?.[1]) throw new Error('GET /metrics has no keyward_process_cpu_seconds_total');
  return { storeQueries: Number(queries[1]), verifications, cpuSeconds: Number(cpu[1]) };
}

/** What happened between two readings: store queries, CPU, and verifications by code (zeros left out). */
export function difference(before: Counters, after: Counters): Counters {
  const verifications: Record<string, number> = {};
  for (const [code, count] of Object.entries(after.verifications)) {
    const delta = count - (before.verifications[code] ?? 0);
    if (delta !== 0) verifications[code] = delta;
  }
  return {
    storeQueries: after.storeQueries - before.storeQueries,
    verifications,
    cpuSeconds: after.cpuSeconds - before.cpuSeconds,
  };
}
