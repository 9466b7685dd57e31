import { createHistogram, performance, type RecordableHistogram } from 'node:perf_hooks';
import { Pool } from 'undici';
import type { IssuedKey } from './world.js';

/** The kinds of request the soak sends, in the mix of {@link operationAt}. */
export type Operation = 'verify' | 'read' | 'create' | 'revoke';
export const OPERATIONS: readonly Operation[] = ['verify', 'read', 'create', 'revoke'];

/** What the load needs from the server: keys made beforehand through the API (bench/soak.ts). */
export interface LoadPlan {
  url: string;
  /** Requests per second, sent on schedule whether or not earlier ones were answered. */
  rate: number;
  connections: number;
  orgId: string;
  /** A key that holds `keys:verify`: the service that asks about the pool's keys. */
  verifier: string;
  /** An admin key of the organization, which creates keys and revokes them. */
  creator: string;
  /** Valid keys: verified, and each reading its own record. */
  pool: IssuedKey[];
  /** A well-formed key that no one holds: one verification in 20 asks about it, as strangers do. */
  unknown: string;
}

/** What the load saw between two calls of {@link Load.take}. */
export interface Interval {
  /** Requests answered as expected, by operation. */
  answered: Record<Operation, number>;
  /** Requests answered otherwise, or not at all (reset, timeout). */
  errors: number;
  /** Requests not sent because too many were outstanding: the server fell a second behind. */
  late: number;
  /** Microseconds from each request's scheduled time to its whole answer. */
  latency: RecordableHistogram;
  /** The first few unexpected answers, for the report. */
  firstErrors: string[];
}

/**
 * Which operation the `n`-th request is: of every 100, 90 verifications, 8 reads authenticated by a
 * key, one creation and one revocation.
 */
export function operationAt(n: number): Operation {
  const slot = n % 100;
  if (slot < 90) return 'verify';
  if (slot < 98) return 'read';
  return slot === 98 ? 'create' : 'revoke';
}

function emptyInterval(): Interval {
  return {
    answered: { verify: 0, read: 0, create: 0, revoke: 0 },
    errors: 0,
    late: 0,
    latency: createHistogram(),
    firstErrors: [],
  };
}

/**
 * An open-loop load at a fixed rate over a pool of keep-alive connections. Latency is measured from
 * when a request was due, not from when a connection was free, so that a server that stalls shows it
 * in the percentiles instead of slowing the load down.
 */
export class Load {
  private readonly pool: Pool;
  private current = emptyInterval();
  private timer: NodeJS.Timeout | null = null;
  private startedAt = 0;
  private issued = 0;
  private outstanding = 0;
  /** Keys the load created and has not yet revoked, oldest first. */
  private readonly created: string[] = [];
  private drained: (() => void) | null = null;

  constructor(private readonly plan: LoadPlan) {
    this.pool = new Pool(plan.url, {
      connections: plan.connections,
      pipelining: 1,
      headersTimeout: 10_000,
      bodyTimeout: 10_000,
    });
  }

  start(): void {
    this.startedAt = performance.now();
    // A tick every millisecond sends whatever has fallen due since the last one. Latency counts from
    // when a request fell due, so a coarser tick would add half its period to every figure.
    this.timer = setInterval(() => this.tick(), 1);
  }

  /** What happened since the last call; a fresh interval begins. */
  take(): Interval {
    const done = this.current;
    this.current = emptyInterval();
    return done;
  }

  /** Stops sending, waits (10 s at most) for the answers still outstanding, and closes the pool. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.outstanding > 0) {
      await new Promise<void>((resolve) => {
        const bound = setTimeout(resolve, 10_000);
        this.drained = () => {
          clearTimeout(bound);
          resolve();
        };
      });
    }
    await this.pool.close();
  }

  private tick(): void {
    const due = Math.floor(((performance.now() - this.startedAt) * this.plan.rate) / 1000);
    // More than a second of requests unanswered: the server is not keeping up, and queueing more
    // would only measure the queue.
    for (; this.issued < due; this.issued++) {
      const scheduled = this.startedAt + (this.issued * 1000) / this.plan.rate;
      if (this.outstanding >= this.plan.rate) this.current.late++;
      else void this.send(this.issued, scheduled);
    }
  }

  private async send(n: number, scheduled: number): Promise<void> {
    this.outstanding++;
    const operation = operationAt(n);
    // Each request counts in the interval where its answer arrived, as its latency does.
    try {
      const problem = await this.perform(operation, n);
      if (problem) this.fail(`${operation}: ${problem}`);
      else this.current.answered[operation]++;
    } catch (error) {
      this.fail(`${operation}: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      const micros = Math.round((performance.now() - scheduled) * 1000);
      this.current.latency.record(Math.max(1, micros));
      this.outstanding--;
      if (this.outstanding === 0 && this.drained) this.drained();
    }
  }

  private fail(message: string): void {
    this.current.errors++;
    if (this.current.firstErrors.length < 5) this.current.firstErrors.push(message);
  }

  /** Sends one request of the mix; resolves to what was wrong with its answer, or null. */
  private async perform(operation: Operation, n: number): Promise<string | null> {
    const plan = this.plan;
    const member = plan.pool[n % plan.pool.length] as IssuedKey;
    if (operation === 'verify') {
      const stranger = n % 20 === 0;
      const { status, body } = await this.call('POST', '/v1/keys/verify', plan.verifier, {
        key: stranger ? plan.unknown : member.apiKey,
      });
      const expected = stranger ? 'NOT_FOUND' : 'VALID';
      return status === 200 && body?.code === expected ? null : `${status} ${body?.code ?? ''}`;
    }
    if (operation === 'read') {
      const { status } = await this.call('GET', `/v1/apikeys/${member.id}`, member.apiKey);
      return status === 200 ? null : String(status);
    }
    const oldest = operation === 'revoke' ? this.created.shift() : undefined;
    if (oldest) {
      const { status } = await this.call('DELETE', `/v1/apikeys/${oldest}`, plan.creator);
      return status === 200 ? null : String(status);
    }
    const { status, body } = await this.call(
      'POST',
      `/v1/organizations/${plan.orgId}/apikeys`,
      plan.creator,
      {
        name: `soak-${n}`,
        role: 'member',
      },
    );
    if (status !== 201) return String(status);
    this.created.push(body.id);
    return null;
  }

  private async call(
    method: string,
    path: string,
    key: string,
    json?: object,
  ): Promise<{ status: number; body: any }> {
    const headers: Record<string, string> = { authorization: `Key ${key}` };
    if (json) headers['content-type'] = 'application/json';
    const response = await this.pool.request({
      method: method as 'GET',
      path,
      headers,
      body: json ? JSON.stringify(json) : undefined,
    });
    const text = await response.body.text();
    return { status: response.statusCode, body: text ? JSON.parse(text) : null };
  }
}
