import { performance } from 'node:perf_hooks';

/**
 * What a write-behind job reports: `written` (or nothing to write), `kept` when the write failed and what
 * it held waits for the next run, `dropped` when the write failed and what it held is lost.
 */
export type Flushed = 'written' | 'kept' | 'dropped';

/**
 * Runs a write-behind job every `intervalMs`, and once more on stop. Runs never overlap: one asked for
 * while another is going waits for it. The job handles its own errors, so that the chain never breaks,
 * and reports how its write went.
 *
 * For the metrics it knows how far behind the store is: its owner calls `changed()` when something new
 * waits, and the lag is the age of the oldest change not yet written (0 when none waits), counted from
 * the first change after the last write that succeeded.
 * @example const writer = new WriteBehind(() => this.write(), 1000, () => this.waiting.size); writer.start();
 */
export class WriteBehind {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  /** When the oldest change that no run has taken yet was noted (`performance.now()`), or null. */
  private waitingSinceMs: number | null = null;
  /** The same for the changes the run under way is writing. */
  private writingSinceMs: number | null = null;
  /** Runs whose write failed, since the process started. */
  failures = 0;

  constructor(
    private readonly job: () => Promise<Flushed>,
    private readonly intervalMs: number,
    /** How many entries wait for the next run: `keyward_write_behind_pending`. */
    readonly pending: () => number = () => 0,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.run(), this.intervalMs);
    this.timer.unref();
  }

  /** Notes that a change waits for the next run; one comparison unless it is the first since a run. */
  changed(): void {
    if (this.waitingSinceMs === null) this.waitingSinceMs = performance.now();
  }

  /** Seconds since the oldest change not yet written was noted, whether a run is writing it or not. */
  lagSeconds(): number {
    const since = this.writingSinceMs ?? this.waitingSinceMs;
    return since === null ? 0 : (performance.now() - since) / 1000;
  }

  run(): Promise<void> {
    this.running = this.running.then(() => this.write());
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.run();
  }

  private async write(): Promise<void> {
    this.writingSinceMs = this.waitingSinceMs;
    this.waitingSinceMs = null;
    const outcome = await this.job();
    const since = this.writingSinceMs;
    this.writingSinceMs = null;
    if (outcome === 'written') return;
    this.failures++;
    // What failed waits for the next run with the changes made meanwhile, and is the oldest of them.
    if (outcome === 'kept' && since !== null) this.waitingSinceMs = since;
  }
}
