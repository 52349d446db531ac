// One pass of a background job at a time (the outbox relay, the webhook worker). A run asked for
// while a pass is going makes that pass go round once more instead of starting a second one, so
// nothing asked for after a pass started is missed, and every caller waits for the pass that
// covers its request.
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
