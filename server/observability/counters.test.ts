// Stock-outs are counted once the change that made them committed: a transaction that brings a
// variant to 0 and then rolls back (another line short, a declined card) counts nothing.
import { describe, expect, it } from "vitest";
import { backends, useTestDb } from "@/test/backends";
import { inTransaction } from "@/server/db/transaction";
import { adjustStock } from "@/server/services/inventory/adjust-stock";
import { metrics } from "./metrics";

const stockOuts = async () => (await metrics.stockOuts.get()).values.reduce((s, v) => s + v.value, 0);

describe.each(backends())("stock-out counting on %s", (backend) => {
  const t = useTestDb(backend);

  it("counts a stock-out after its commit, and none for one rolled back", async () => {
    const v = await t.db.variant.findFirstOrThrow({
      where: { stock: { gte: 1 }, product: { status: "ACTIVE", deletedAt: null } },
      select: { id: true, stock: true, product: { select: { store: { select: { id: true, ownerId: true } } } } },
    });
    const actor = { userId: v.product.store.ownerId, storeId: v.product.store.id };
    const before = await stockOuts();
    await expect(
      inTransaction(t.db, async (tx) => {
        await adjustStock(tx, actor, { variantId: v.id, delta: -v.stock, reason: "DAMAGE" });
        throw new Error("the rest of the transaction failed");
      }),
    ).rejects.toThrow("the rest of the transaction failed");
    expect(await stockOuts()).toBe(before);
    expect((await t.db.variant.findUniqueOrThrow({ where: { id: v.id } })).stock).toBe(v.stock);

    await inTransaction(t.db, (tx) => adjustStock(tx, actor, { variantId: v.id, delta: -v.stock, reason: "DAMAGE" }));
    expect(await stockOuts()).toBe(before + 1);
  });
});
