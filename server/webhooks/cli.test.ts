// The webhook CLI commands (scripts/cli/webhooks.ts) on a fresh commander program, against a
// test database on both backends: add prints only the secret, list shows it, replay queues.
import { Command } from "commander";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends, openTestDb, type TestDb } from "@/test/backends";
import { register } from "@/scripts/cli/webhooks";

describe.each(backends())("webhook CLI on %s", (backend) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(backend);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function run(...args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const program = new Command("cli").exitOverride().configureOutput({ writeOut: (s) => out.push(s), writeErr: (s) => err.push(s) });
    register(program, { db: async () => t.db, stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
    let error: unknown = null;
    try {
      await program.parseAsync(args, { from: "user" });
    } catch (e) {
      error = e;
    }
    return { stdout: out.join(""), stderr: err.join(""), error };
  }

  it("adds a store endpoint, printing only its secret; lists it; replays a delivery", async () => {
    const added = await run("webhook", "add", "--store", "northwind", "--url", "https://hooks.example.com/cli", "--events", "order.placed,stock.changed");
    expect(added.error).toBeNull();
    expect(added.stdout).toMatch(/^whsec_[A-Za-z0-9_-]{43}\n$/);
    const listed = await run("webhook", "list", "--store", "northwind");
    expect(listed.stdout).toContain("https://hooks.example.com/cli");
    expect(listed.stdout).toContain("order.placed,stock.changed");
    const ep = await t.db.webhookEndpoint.findFirstOrThrow({ where: { url: "https://hooks.example.com/cli" }, select: { id: true } });
    const d = await t.db.webhookDelivery.create({
      data: { endpointId: ep.id, outboxEventId: 1n, eventId: "evt_cli", eventType: "order.placed", body: "{}", status: "FAILED", attempts: 3, giveUpAt: new Date() },
      select: { id: true },
    });
    const replayed = await run("webhook", "replay", d.id);
    expect(replayed.error).toBeNull();
    expect((await t.db.webhookDelivery.findUniqueOrThrow({ where: { id: d.id } })).status).toBe("PENDING");
  });

  it("refuses bad lines and platform endpoints without an admin, changing nothing", async () => {
    const before = await t.db.webhookEndpoint.count();
    for (const args of [
      ["webhook", "add", "--store", "northwind", "--url", "https://x.example.com", "--events", "order.nope"],
      ["webhook", "add", "--platform", "--url", "https://x.example.com", "--events", "order.placed"],
      ["webhook", "add", "--platform", "--url", "https://x.example.com", "--events", "order.placed", "--as", "seller1@livemarket.test"],
      ["webhook", "add", "--store", "northwind", "--platform", "--url", "https://x.example.com", "--events", "order.placed"],
      ["webhook", "add", "--store", "northwind", "--url", "ftp://x.example.com", "--events", "order.placed"],
      ["webhook", "replay", "no-such-delivery"],
    ]) {
      const r = await run(...args);
      expect(r.error, args.join(" ")).not.toBeNull();
      expect(r.stdout).toBe("");
    }
    expect(await t.db.webhookEndpoint.count()).toBe(before);
    const platform = await run("webhook", "add", "--platform", "--as", "admin@livemarket.test", "--url", "https://hooks.example.com/platform", "--events", "order.placed");
    expect(platform.stdout).toMatch(/^whsec_/);
  });
});
