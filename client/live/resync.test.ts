// After a reconnection the sidecar could not recover, a page refetches what live events feed,
// not everything it has cached (decision 187).
import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { invalidateLiveQueries } from "./apply-live-event";

describe("resync after a reconnection that could not recover", () => {
  it("refetches only the queries live events feed", async () => {
    const qc = new QueryClient();
    const keys = [
      [["catalog", "product"], { input: { slug: "a" }, type: "query" }],
      [["cart", "get"], { type: "query" }],
      [["seller", "products"], { type: "query" }],
      [["orders", "byId"], { input: { orderId: "o1" }, type: "query" }],
      [["reviews", "forProduct"], { input: { productId: "p" }, type: "query" }],
      [["account", "profile"], { type: "query" }],
      [["admin", "users"], { type: "query" }],
    ];
    for (const k of keys) qc.setQueryData(k, { ok: true });
    await invalidateLiveQueries(qc);
    const stale = qc
      .getQueryCache()
      .getAll()
      .filter((q) => q.state.isInvalidated)
      .map((q) => (q.queryKey[0] as string[])[0]);
    expect(stale.sort()).toEqual(["cart", "catalog", "orders", "reviews", "seller"]);
  });
});
