// After a mutation commits, the workers of this process are woken: the relay first, then the
// webhook, recommendation and mail workers once the relay's pass is over (so they rarely claim
// the same fresh outbox rows at once). A worker that fails to wake does not stop the others.
import { describe, expect, it } from "vitest";
import { kickAppRelay, setAppMailKick, setAppRecs, setAppRelay, setAppWebhooks } from "./kick";

describe("kickAppRelay", () => {
  it("wakes the relay, then the webhook, recommendation and mail workers", async () => {
    const order: string[] = [];
    let finishRelay!: () => void;
    const relayPass = new Promise<void>((r) => (finishRelay = r));
    const worker = (name: string, pass: () => Promise<void> = async () => {}) => ({
      kick: async () => {
        order.push(`${name} start`);
        await pass();
      },
    });
    setAppRelay(Promise.resolve(worker("relay", () => relayPass)));
    setAppWebhooks(Promise.resolve(worker("webhooks")));
    setAppRecs(Promise.resolve({ kick: () => Promise.reject(new Error("recs down")) }));
    setAppMailKick(Promise.resolve(worker("mail")));

    kickAppRelay();
    await new Promise((r) => setTimeout(r, 0));
    expect(order).toEqual(["relay start"]);
    finishRelay();
    await new Promise((r) => setTimeout(r, 0));
    expect(order.sort()).toEqual(["mail start", "relay start", "webhooks start"]);
  });
});
