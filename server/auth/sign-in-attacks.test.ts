// Attacks on sign-in (issue 10, finding 5): guessing cannot lock the owner out, and one address
// cannot escape its limit by sending X-Forwarded-For.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDb } from "@/test/backends";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@/prisma/seed/seed";
import { markPeerStamping, stampPeer } from "@/scripts/peer-stamp";
import { requestAddress } from "@/server/limits";
import { signInWithPassword } from "./sign-in";

const admin = DEMO_ACCOUNTS.admin.email;

describe("sign-in under attack", () => {
  const t = useTestDb("pglite");

  it("200 wrong guesses at the admin from other addresses do not lock the admin out", async () => {
    for (let i = 0; i < 200; i++) {
      await signInWithPassword(t.db, { email: admin, password: `guess-${i}-xxxxxxxx` }, `198.51.100.${i % 20}`);
    }
    const owner = await signInWithPassword(t.db, { email: admin, password: DEMO_PASSWORD }, "203.0.113.10");
    expect(owner).toMatchObject({ ok: true, user: { email: admin } });
  });

  it("one address guessing one account waits longer after each failure past the first five; the owner elsewhere does not", async () => {
    const victim = DEMO_ACCOUNTS.customer.email;
    const attacker = "192.0.2.50";
    const results = [];
    for (let i = 0; i < 8; i++) results.push(await signInWithPassword(t.db, { email: victim, password: `guess-${i}-xxxxxxxx` }, attacker));
    // Five free failures, the sixth is checked and fails, then the pair must wait.
    expect(results.slice(0, 6).every((r) => !r.ok && r.reason === "invalid")).toBe(true);
    expect(results[6]).toMatchObject({ ok: false, reason: "rate-limited" });
    // Even the right password waits from the attacker's address…
    expect(await signInWithPassword(t.db, { email: victim, password: DEMO_PASSWORD }, attacker)).toMatchObject({ ok: false, reason: "rate-limited" });
    // …while the owner, from their own address, signs in.
    expect(await signInWithPassword(t.db, { email: victim, password: DEMO_PASSWORD }, "203.0.113.11")).toMatchObject({ ok: true });
  });

  it("one address spraying 200 accounts is stopped by the per-address limit", async () => {
    const results = [];
    for (let i = 0; i < 200; i++) {
      results.push(await signInWithPassword(t.db, { email: `sprayed-${i}@example.com`, password: "password-guess" }, "192.0.2.77"));
    }
    const limited = results.filter((r) => !r.ok && r.reason === "rate-limited").length;
    expect(limited).toBeGreaterThanOrEqual(170);
    // Refused before the password is checked: even a right one.
    expect(await signInWithPassword(t.db, { email: admin, password: DEMO_PASSWORD }, "192.0.2.77")).toMatchObject({ ok: false, reason: "rate-limited" });
  });

  it("200 guesses sent at once from one address cannot slip past the per-address limit", async () => {
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => signInWithPassword(t.db, { email: `parallel-${i}@example.com`, password: "password-guess" }, "192.0.2.88")),
    );
    expect(results.filter((r) => !r.ok && r.reason === "invalid").length).toBeLessThanOrEqual(30);
    expect(results.filter((r) => !r.ok && r.reason === "rate-limited").length).toBeGreaterThanOrEqual(170);
  });

  describe("X-Forwarded-For from an untrusted peer", () => {
    let server: Server;
    let port = 0;
    beforeAll(async () => {
      markPeerStamping();
      // The app server's request stamp, then the app's address resolution and sign-in.
      server = createServer((req, res) => {
        stampPeer(req);
        const headers = new Headers();
        for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
        const body: Buffer[] = [];
        req.on("data", (c: Buffer) => body.push(c));
        req.on("end", () => {
          void signInWithPassword(t.db, JSON.parse(Buffer.concat(body).toString()), requestAddress(headers)).then((r) => {
            res.setHeader("content-type", "application/json");
            res.end(JSON.stringify({ address: requestAddress(headers), result: r }));
          });
        });
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it("rotating it does not escape the per-address limit", async () => {
      const answers: { address: string; result: { ok: boolean; reason?: string } }[] = [];
      for (let i = 0; i < 200; i++) {
        const res = await fetch(`http://127.0.0.1:${port}/`, {
          method: "POST",
          headers: { "x-forwarded-for": `100.64.${i >> 8}.${i & 255}`, "x-real-ip": `100.65.0.${i & 255}`, "x-livemarket-peer": `100.66.0.${i & 255}` },
          body: JSON.stringify({ email: `rotated-${i}@example.com`, password: "password-guess" }),
        });
        answers.push(await res.json());
      }
      expect(new Set(answers.map((a) => a.address))).toEqual(new Set(["127.0.0.1"]));
      expect(answers.filter((a) => a.result.reason === "rate-limited").length).toBeGreaterThanOrEqual(170);
    });
  });
});
