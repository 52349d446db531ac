// Log lines carry no secrets, whoever writes them: credentials by field name (headers, passwords,
// tokens, API keys, TOTP and recovery codes, card fields) at any depth, and API keys, bearer
// credentials and card numbers inside any string (the message, an error's message and stack).
// Lines are JSON, carry the request id of the request running, and respect the level.
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "./logger";
import { redactText } from "./redact";
import { runWithRequestId } from "./request-context";

function collect() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      done();
    },
  });
  return { lines, destination, parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

const SECRETS = {
  bearer: "lm_live_0123456789abcdef_Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eA",
  password: "correct horse battery staple",
  cookie: "next-auth.session-token=eyJhbGciOiJIUzI1NiJ9.payload.sig",
  access: "lmat_abcdefghijklmnopqrstuvwxyz0123456789",
  totp: "492039",
  recovery: "ABCD-EFGH-IJKL",
  card: "4242 4242 4242 4242",
  cardPlain: "4000000000000002",
  webhookSecret: "whsec_9f8e7d6c5b4a39281706f5e4d3c2b1a0",
};

describe("logger", () => {
  it("writes no secret, whatever field or string it hides in", () => {
    const out = collect();
    const log = createLogger({ destination: out.destination, pretty: false, level: "debug" });
    log.info(`checkout with card ${SECRETS.card} and key ${SECRETS.bearer}`, {
      headers: { authorization: `Bearer ${SECRETS.bearer}`, cookie: SECRETS.cookie, "x-api-key": SECRETS.bearer, "user-agent": "curl/8" },
      body: { email: "a@b.test", password: SECRETS.password, newPassword: SECRETS.password, totpCode: SECRETS.totp, recoveryCode: SECRETS.recovery },
      payment: { method: "card", cardNumber: SECRETS.cardPlain, last4: "0002" },
      nested: [{ accessToken: SECRETS.access, refresh_token: SECRETS.access, apiKey: SECRETS.bearer, secret: SECRETS.webhookSecret }],
      note: `paid with ${SECRETS.cardPlain}; auth was Bearer ${SECRETS.access}`,
    });
    const err = new Error(`declined ${SECRETS.card} for ${SECRETS.bearer}`);
    log.error("payment failed", { err, token: SECRETS.access });

    const text = out.lines.join("\n");
    for (const [name, value] of Object.entries(SECRETS)) expect(text, name).not.toContain(value);
    // The digits of the card numbers in any grouping.
    expect(text.replace(/[ -]/g, "")).not.toMatch(/4242424242424242|4000000000000002/);

    const [info, error] = out.parsed();
    // What is not secret stays readable.
    expect(info).toMatchObject({
      level: "info",
      headers: { authorization: "[redacted]", cookie: "[redacted]", "x-api-key": "[redacted]", "user-agent": "curl/8" },
      body: { email: "a@b.test", password: "[redacted]", totpCode: "[redacted]", recoveryCode: "[redacted]" },
      payment: { method: "card", cardNumber: "[redacted]", last4: "0002" },
    });
    expect(info!.msg).toBe("checkout with card [redacted] and key [redacted]");
    expect(error).toMatchObject({ level: "error", msg: "payment failed", token: "[redacted]", err: { type: "Error", message: "declined [redacted] for [redacted]" } });
    expect(String((error!.err as { stack: string }).stack)).toContain("logger.test.ts");
  });

  it("keeps numbers that are not card numbers (no Luhn match) and short codes in prose", () => {
    expect(redactText("order 1234567890123 of 2 items")).toBe("order 1234567890123 of 2 items");
    expect(redactText("4242424242424242")).toBe("[redacted]");
  });

  it("names the request running on every line, and writes nothing under its level", () => {
    const out = collect();
    const log = createLogger({ destination: out.destination, pretty: false, level: "warn" });
    runWithRequestId("req-abc.123", () => {
      log.info("not written");
      log.warn("written", { n: 1 });
    });
    runWithRequestId("bad id\nwith a line break", () => log.error("fresh id"));
    const [warn, fresh] = out.parsed();
    expect(out.lines).toHaveLength(2);
    expect(warn).toMatchObject({ level: "warn", msg: "written", n: 1, reqId: "req-abc.123" });
    expect(typeof warn!.time).toBe("string");
    expect(fresh!.reqId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
