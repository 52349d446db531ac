// One pass of a background job at a time (the outbox relay, the webhook worker, the status
// publisher, the reservation sweeper). A run asked for while a pass is going makes that pass go
// round once more instead of starting a second one, so nothing asked for after a pass started is
// missed, and every caller waits for the pass that covers its request.
import "server-only";

export class SerialRunner {
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly pass: () => Promise<void>,
    private readonly stopped: () => boolean,
  ) {}

  run(): Promise<void> {
    if (this.stopped()) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.pass();
        } while (this.again && !this.stopped());
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  /** The pass going on now, if any (to wait for it when stopping). */
  get current(): Promise<void> | null {
    return this.running;
  }
}

/**
 * A background job's loop: its pass, one at a time (SerialRunner), run when asked and every
 * `intervalMs` while started (the timer is unref'd: it never keeps a process alive). Runs asked
 * for before `start()` go ahead (a job can be driven by hand, as tests do); after `stop()` none
 * does, and `stop()` waits for the pass under way. The outbox relay, the webhook worker, the order
 * status publisher and the reservation sweeper each hold one.
 */
export class PollingLoop {
  private timer: NodeJS.Timeout | null = null;
  private halted = false;
  private readonly runner: SerialRunner;

  constructor(
    pass: () => Promise<void>,
    private readonly intervalMs: number,
    /** What each tick asks for (default: a run); a job may note more first. */
    private readonly onTick: () => Promise<void> = () => this.run(),
  ) {
    this.runner = new SerialRunner(pass, () => this.halted);
  }

  get stopped(): boolean {
    return this.halted;
  }

  /** Starts the timer and asks for a pass now. */
  start(): void {
    this.halted = false;
    const tick = () => {
      if (this.halted) return;
      this.timer = setTimeout(() => void this.onTick().finally(tick), this.intervalMs);
      this.timer.unref();
    };
    tick();
    void this.onTick();
  }

  /** One pass now (or joins the one going on, which then goes round once more). */
  run(): Promise<void> {
    return this.runner.run();
  }

  async stop(): Promise<void> {
    this.halted = true;
    if (this.timer) clearTimeout(this.timer);
    await this.runner.current?.catch(() => {});
  }
}
