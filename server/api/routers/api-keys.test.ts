// seller.apiKeys.* and admin.apiKeys.* through createCaller on both backends: a seller manages
// only their own store's keys (another store's key is NOT_FOUND and stays as it was; a store id in
// the input is refused, not obeyed), only admins manage platform keys, the secret is in create's
// answer once and never in a list, and what the pages make is what the REST API accepts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends, openTestDb, type TestDb } from "@/test/backends";
import { errorOf } from "@/test/errors";
import { createCaller } from "@/server/api/root";
import { createContextInner } from "@/server/api/trpc";
import { authenticateApiKey } from "@/server/services/api-keys";
import { API_KEY_PATTERN } from "@/shared/api-scopes";
import { sessionFor, type Caller } from "@/test/router";

describe.each(backends())("api key procedures on %s", (backend) => {
  let t: TestDb;
  let seller: Caller;
  let otherSeller: Caller;
  let admin: Caller;
  let customer: Caller;
  let storeId: string;
  let otherStoreId: string;
  let sellerId: string;
  let adminId: string;

  beforeAll(async () => {
    t = await openTestDb(backend);
    const as = async (email: string, role: "CUSTOMER" | "SELLER" | "ADMIN") => {
      const u = await t.db.user.findUniqueOrThrow({ where: { email }, select: { id: true, name: true, email: true } });
      return { id: u.id, caller: createCaller(createContextInner({ db: t.db, session: sessionFor(u, role) })) };
    };
    const s = await as("seller1@livemarket.test", "SELLER");
    const a = await as("admin@livemarket.test", "ADMIN");
    seller = s.caller;
    sellerId = s.id;
    admin = a.caller;
    adminId = a.id;
    otherSeller = (await as("seller2@livemarket.test", "SELLER")).caller;
    customer = (await as("customer@livemarket.test", "CUSTOMER")).caller;
    storeId = (await t.db.store.findUniqueOrThrow({ where: { slug: "northwind" } })).id;
    otherStoreId = (await t.db.store.findUniqueOrThrow({ where: { slug: "sunset" } })).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it("a seller creates a key for their store: the secret once, audited, and it authenticates as the store", async () => {
    const expiresAt = new Date(Date.now() + 7 * 24 * 3600 * 1000);
    const { key, secret } = await seller.seller.apiKeys.create({ name: "Warehouse", scopes: ["orders:read", "catalog:read"], expiresAt });
    expect(secret).toMatch(API_KEY_PATTERN);
    expect(key).toMatchObject({ name: "Warehouse", storeId, scopes: ["orders:read", "catalog:read"], revokedAt: null, createdBy: { id: sellerId } });
    expect(key.expiresAt?.getTime()).toBe(expiresAt.getTime());
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "apiKey.create", entityId: key.id } });
    expect(audit.actorId).toBe(sellerId);
    expect(JSON.stringify(audit)).not.toContain(secret);

    const principal = await authenticateApiKey(t.db, secret, "198.51.100.7");
    expect(principal).toMatchObject({ keyId: key.id, store: { id: storeId }, scopes: ["orders:read", "catalog:read"], userId: sellerId });
    const listed = (await seller.seller.apiKeys.list()).find((k) => k.id === key.id)!;
    expect(listed).toMatchObject({ lastUsedAddress: "198.51.100.7", lastUsedAt: expect.any(Date) });
  });

  it("never returns a secret or its hash from list", async () => {
    const { key, secret } = await seller.seller.apiKeys.create({ name: "Listed", scopes: ["catalog:read"] });
    const { secretHash } = await t.db.apiKey.findUniqueOrThrow({ where: { id: key.id }, select: { secretHash: true } });
    const lists = [await seller.seller.apiKeys.list(), await admin.admin.apiKeys.list()];
    for (const list of lists) {
      const text = JSON.stringify(list);
      expect(text).not.toContain(secret);
      // The random part: everything after `lm_live_<prefix>_` (it may itself contain "_").
      expect(text).not.toContain(secret.replace(/^lm_live_[0-9a-f]+_/, ""));
      expect(text).not.toContain(secretHash);
      for (const k of list) expect(Object.keys(k).sort()).toEqual(["createdAt", "createdBy", "expiresAt", "id", "lastUsedAddress", "lastUsedAt", "name", "prefix", "revokedAt", "scopes", "storeId"]);
    }
  });

  it("a seller lists only their own store's keys", async () => {
    const theirs = await otherSeller.seller.apiKeys.create({ name: "Sunset ERP", scopes: ["orders:read"] });
    const platform = await admin.admin.apiKeys.create({ name: "Platform", scopes: ["admin"] });
    const mine = await seller.seller.apiKeys.list();
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((k) => k.storeId === storeId)).toBe(true);
    expect(mine.map((k) => k.id)).not.toContain(theirs.key.id);
    expect(mine.map((k) => k.id)).not.toContain(platform.key.id);
    expect((await otherSeller.seller.apiKeys.list()).map((k) => k.id)).toEqual([theirs.key.id]);
  });

  it("a seller cannot revoke another store's key or a platform key: NOT_FOUND, and they keep working", async () => {
    const theirs = await otherSeller.seller.apiKeys.create({ name: "Sunset POS", scopes: ["orders:read"] });
    const platform = await admin.admin.apiKeys.create({ name: "Ops", scopes: ["admin"] });
    for (const id of [theirs.key.id, platform.key.id]) {
      const err = await errorOf(seller.seller.apiKeys.revoke({ id }));
      expect(err.code).toBe("NOT_FOUND");
    }
    expect(await t.db.apiKey.count({ where: { id: { in: [theirs.key.id, platform.key.id] }, revokedAt: { not: null } } })).toBe(0);
    expect(await t.db.auditLog.count({ where: { action: "apiKey.revoke", entityId: { in: [theirs.key.id, platform.key.id] } } })).toBe(0);
    await expect(authenticateApiKey(t.db, theirs.secret, "test")).resolves.toMatchObject({ keyId: theirs.key.id });
    await expect(authenticateApiKey(t.db, platform.secret, "test")).resolves.toMatchObject({ keyId: platform.key.id });
  });

  it("refuses a store named in the input (the store comes from the session), creating nothing", async () => {
    const before = await t.db.apiKey.count();
    const attempt = { name: "Sneaky", scopes: ["orders:read"], storeId: otherStoreId } as unknown as Parameters<Caller["seller"]["apiKeys"]["create"]>[0];
    expect((await errorOf(seller.seller.apiKeys.create(attempt))).code).toBe("BAD_REQUEST");
    expect(await t.db.apiKey.count()).toBe(before);
  });

  it("a store's key cannot carry the admin scope, and an expiry must be in the future", async () => {
    const before = await t.db.apiKey.count();
    const admin1 = await errorOf(seller.seller.apiKeys.create({ name: "Root", scopes: ["orders:read", "admin"] }));
    expect(admin1.code).toBe("BAD_REQUEST");
    const past = await errorOf(seller.seller.apiKeys.create({ name: "Old", scopes: ["orders:read"], expiresAt: new Date(Date.now() - 1000) }));
    expect(past.code).toBe("BAD_REQUEST");
    for (const bad of [
      { name: "", scopes: ["orders:read"] },
      { name: "x", scopes: [] },
      { name: "x", scopes: ["orders:delete"] },
      { name: "x", scopes: ["orders:read"], expiresAt: "not a date" },
      // The latest moment JavaScript has (year 275760): past what the database stores.
      { name: "x", scopes: ["orders:read"], expiresAt: new Date(8.64e15) },
    ]) {
      expect((await errorOf(seller.seller.apiKeys.create(bad as never))).code).toBe("BAD_REQUEST");
    }
    expect(await t.db.apiKey.count()).toBe(before);
  });

  it("a seller revokes their own key: audited once, and the key stops authenticating", async () => {
    const { key, secret } = await seller.seller.apiKeys.create({ name: "Old POS", scopes: ["orders:read"] });
    const revoked = await seller.seller.apiKeys.revoke({ id: key.id });
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    await expect(authenticateApiKey(t.db, secret, "test")).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    // Revoking again is harmless: the first time is kept, one audit entry.
    const again = await seller.seller.apiKeys.revoke({ id: key.id });
    expect(again.revokedAt?.getTime()).toBe(revoked.revokedAt!.getTime());
    expect(await t.db.auditLog.count({ where: { action: "apiKey.revoke", entityId: key.id, actorId: sellerId } })).toBe(1);
  });

  it("only admins manage platform keys; an admin cannot revoke a store's key as a platform key", async () => {
    for (const c of [seller, customer]) {
      expect((await errorOf(c.admin.apiKeys.create({ name: "x", scopes: ["admin"] }))).code).toBe("FORBIDDEN");
      expect((await errorOf(c.admin.apiKeys.list())).code).toBe("FORBIDDEN");
    }
    // Admins are not sellers: the seller procedures are not theirs.
    expect((await errorOf(admin.seller.apiKeys.list())).code).toBe("FORBIDDEN");
    const { key, secret } = await admin.admin.apiKeys.create({ name: "Back office", scopes: ["admin", "orders:read"] });
    expect(key).toMatchObject({ storeId: null, scopes: ["admin", "orders:read"], createdBy: { id: adminId } });
    await expect(authenticateApiKey(t.db, secret, "test")).resolves.toMatchObject({ store: null, userId: adminId });
    expect((await admin.admin.apiKeys.list()).every((k) => k.storeId === null)).toBe(true);

    const storeKey = await seller.seller.apiKeys.create({ name: "Store", scopes: ["orders:read"] });
    expect((await errorOf(admin.admin.apiKeys.revoke({ id: storeKey.key.id }))).code).toBe("NOT_FOUND");
    expect((await t.db.apiKey.findUniqueOrThrow({ where: { id: storeKey.key.id } })).revokedAt).toBeNull();

    const done = await admin.admin.apiKeys.revoke({ id: key.id });
    expect(done.revokedAt).toBeInstanceOf(Date);
    await expect(authenticateApiKey(t.db, secret, "test")).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    expect(await t.db.auditLog.count({ where: { action: "apiKey.revoke", entityId: key.id, actorId: adminId } })).toBe(1);
  });
});
