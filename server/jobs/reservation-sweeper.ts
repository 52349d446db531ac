// The reservation sweeper: started once per app process (instrumentation.ts), it gives back the
// stock of card checkouts whose payment never resolved (server/services/orders/
// release-reservations.ts), right after a start (a process that died mid-checkout comes back to
// its own leftovers) and every ORDER_RESERVATION_SWEEP_MS. Safe with any number of processes.
import "server-only";
import { getDb } from "@/server/db";
import type { Db } from "@/server/db/client";
import { env } from "@/server/env";
import { logger as defaultLogger } from "@/server/observability/logger";
import { releaseLapsedReservations, type SweepOptions } from "@/server/services/orders/release-reservations";
import { PollingLoop } from "./serial-runner";

export interface SweeperOptions extends SweepOptions {
  intervalMs?: number;
  logger?: Pick<typeof defaultLogger, "info" | "error">;
}

export class ReservationSweeper {
  private readonly loop: PollingLoop;
  private readonly log: NonNullable<SweeperOptions["logger"]>;
  /** Reservations this sweeper released since start. */
  released = 0;

  constructor(
    private readonly db: Db,
    private readonly opts: SweeperOptions = {},
  ) {
    this.log = opts.logger ?? defaultLogger;
    this.loop = new PollingLoop(() => this.pass(), opts.intervalMs ?? env.ORDER_RESERVATION_SWEEP_MS);
  }

  start(): this {
    this.loop.start();
    return this;
  }

  /** One pass now (or joins the one going on). */
  sweep(): Promise<void> {
    return this.loop.run();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  private async pass(): Promise<void> {
    try {
      const n = await releaseLapsedReservations(this.db, this.opts);
      this.released += n;
      if (n > 0) this.log.info("released lapsed checkout reservations", { released: n });
    } catch (err) {
      if (!this.loop.stopped) this.log.error("reservation sweeper could not release lapsed reservations", { err });
    }
  }
}

let started: Promise<ReservationSweeper> | undefined;

/** Idempotent: one sweeper per process; none while Next.js builds. */
export async function startReservationSweeper(): Promise<ReservationSweeper | null> {
  if (env.NEXT_PHASE === "phase-production-build") return null;
  started ??= getDb().then((db) => new ReservationSweeper(db).start());
  return started;
}
