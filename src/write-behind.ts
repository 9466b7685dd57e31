/**
 * Runs a write-behind job every `intervalMs`, and once more on stop. Runs never overlap: one asked for
 * while another is going waits for it. The job handles its own errors, so that the chain never breaks.
 * @example const writer = new WriteBehind(() => this.write(), 1000); writer.start(); await writer.stop();
 */
export class WriteBehind {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly job: () => Promise<void>,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.run(), this.intervalMs);
    this.timer.unref();
  }

  run(): Promise<void> {
    this.running = this.running.then(this.job);
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.run();
  }
}
