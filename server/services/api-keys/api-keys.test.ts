// API keys on both backends: a key's secret is shown once and stored only as a hash; a key
// authenticates as its store (or as the platform) with its scopes; revoked, expired, unknown,
// tampered keys and keys whose owner lost the role are refused (401); only the store's seller or
// an admin manages a store's keys, only admins platform keys; every change is audited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inTransaction } from "@/server/db/transaction";
import { backends, openTestDb, type TestDb } from "@/test/backends";
import { appErrorOf } from "@/test/errors";
import { DEMO_ACCOUNTS } from "@/prisma/seed/seed";
import { createApiKey, listApiKeys, revokeApiKey, authenticateApiKey, type ApiKeyActor } from "@/server/services/api-keys";
import { API_KEY_PATTERN } from "@/shared/api-scopes";
import { withAuditVia, recordAudit } from "@/server/services/audit/record-audit";

describe.each(backends())("API keys on %s", (backend) => {
  let t: TestDb;
  let admin: ApiKeyActor;
  let seller: ApiKeyActor;
  let otherSeller: ApiKeyActor;
  let customer: ApiKeyActor;
  let storeId: string;
  let otherStoreId: string;

  beforeAll(async () => {
    t = await openTestDb(backend);
    const who = async (email: string) => t.db.user.findUniqueOrThrow({ where: { email }, select: { id: true, role: true } });
    admin = await who(DEMO_ACCOUNTS.admin.email);
    seller = await who("seller1@livemarket.test");
    otherSeller = await who("seller2@livemarket.test");
    customer = await who(DEMO_ACCOUNTS.customer.email);
    storeId = (await t.db.store.findUniqueOrThrow({ where: { ownerId: seller.id } })).id;
    otherStoreId = (await t.db.store.findUniqueOrThrow({ where: { ownerId: otherSeller.id } })).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const create = (actor: ApiKeyActor, sid: string | null, scopes: Parameters<typeof createApiKey>[1]["scopes"], extra: { name?: string; expiresAt?: Date | null } = {}) =>
    inTransaction(t.db, (tx) => createApiKey(tx, { actor, storeId: sid, name: extra.name ?? "ERP", scopes, expiresAt: extra.expiresAt }));

  it("shows the secret once, stores only its hash, and authenticates as the store with its scopes", async () => {
    const { key, secret } = await create(seller, storeId, ["catalog:read", "orders:read", "catalog:read"]);
    expect(secret).toMatch(API_KEY_PATTERN);
    expect(secret.startsWith(`lm_live_${key.prefix}_`)).toBe(true);
    expect(key).toMatchObject({ name: "ERP", storeId, scopes: ["catalog:read", "orders:read"], revokedAt: null, lastUsedAt: null, createdBy: { id: seller.id } });
    expect(key).not.toHaveProperty("secretHash");
    const row = await t.db.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(row.secretHash).not.toContain(secret.slice(-20));
    expect(row.secretHash).toMatch(/^[0-9a-f]{64}$/);

    const principal = await authenticateApiKey(t.db, secret, "203.0.113.9");
    expect(principal).toMatchObject({ kind: "api-key", keyId: key.id, name: "ERP", scopes: ["catalog:read", "orders:read"], store: { id: storeId }, userId: seller.id });
    const listed = await listApiKeys(t.db, { storeId });
    const seen = listed.find((k) => k.id === key.id)!;
    expect(seen.lastUsedAddress).toBe("203.0.113.9");
    expect(seen.lastUsedAt).toBeInstanceOf(Date);
    expect(listed.every((k) => k.storeId === storeId)).toBe(true);
    expect(JSON.stringify(listed)).not.toContain(row.secretHash);
  });

  it("refuses unknown, malformed and tampered secrets (401)", async () => {
    const { secret } = await create(seller, storeId, ["catalog:read"]);
    for (const bad of ["", "lm_live_x", secret.slice(0, -1) + (secret.endsWith("A") ? "B" : "A"), secret.replace(/^lm_live_[0-9a-f]{16}/, "lm_live_0000000000000000"), `${secret} `]) {
      expect((await appErrorOf(authenticateApiKey(t.db, bad, "test"))).code).toBe("UNAUTHENTICATED");
    }
  });

  it("refuses a revoked key at its next use, and a revoked key stays revoked", async () => {
    const { key, secret } = await create(seller, storeId, ["orders:read"]);
    const revoked = await inTransaction(t.db, (tx) => revokeApiKey(tx, { actor: seller, storeId, id: key.id }));
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    const err = await appErrorOf(authenticateApiKey(t.db, secret, "test"));
    expect(err).toMatchObject({ code: "UNAUTHENTICATED", message: expect.stringMatching(/revoked/) });
    const again = await inTransaction(t.db, (tx) => revokeApiKey(tx, { actor: seller, storeId, id: key.id }));
    expect(again.revokedAt).toEqual(revoked.revokedAt);
    const audits = await t.db.auditLog.findMany({ where: { entityType: "ApiKey", entityId: key.id }, orderBy: { createdAt: "asc" } });
    expect(audits.map((a) => a.action)).toEqual(["apiKey.create", "apiKey.revoke"]);
  });

  it("refuses an expired key, and a key cannot be made already expired", async () => {
    const { secret } = await create(seller, storeId, ["orders:read"], { expiresAt: new Date(Date.now() + 60_000) });
    await expect(authenticateApiKey(t.db, secret, "test")).resolves.toMatchObject({ kind: "api-key" });
    const later = new Date(Date.now() + 120_000);
    expect((await appErrorOf(authenticateApiKey(t.db, secret, "test", later))).message).toMatch(/expired/);
    const err = await appErrorOf(create(seller, storeId, ["orders:read"], { expiresAt: new Date(Date.now() - 1000) }));
    expect(err.code).toBe("VALIDATION");
    expect(err.fieldErrors?.expiresAt).toBeDefined();
  });

  it("lets only the store's seller or an admin manage a store's keys; another store's key is not found", async () => {
    expect((await appErrorOf(create(otherSeller, storeId, ["catalog:read"]))).code).toBe("FORBIDDEN");
    expect((await appErrorOf(create(customer, storeId, ["catalog:read"]))).code).toBe("FORBIDDEN");
    const byAdmin = await create(admin, storeId, ["catalog:read"]);
    expect(byAdmin.key.storeId).toBe(storeId);
    // The other seller names their own store but this store's key: nothing is revoked.
    const err = await appErrorOf(inTransaction(t.db, (tx) => revokeApiKey(tx, { actor: otherSeller, storeId: otherStoreId, id: byAdmin.key.id })));
    expect(err.code).toBe("NOT_FOUND");
    expect((await appErrorOf(inTransaction(t.db, (tx) => revokeApiKey(tx, { actor: otherSeller, storeId, id: byAdmin.key.id })))).code).toBe("FORBIDDEN");
    expect((await t.db.apiKey.findUniqueOrThrow({ where: { id: byAdmin.key.id } })).revokedAt).toBeNull();
  });

  it("makes platform keys for admins only, the admin scope for platform keys only", async () => {
    expect((await appErrorOf(create(seller, null, ["catalog:read"]))).code).toBe("FORBIDDEN");
    const bad = await appErrorOf(create(admin, storeId, ["admin"]));
    expect(bad.code).toBe("VALIDATION");
    const { key, secret } = await create(admin, null, ["admin"], { name: "Back office" });
    expect(key.storeId).toBeNull();
    expect(await authenticateApiKey(t.db, secret, "test")).toMatchObject({ store: null, scopes: ["admin"], userId: admin.id });
    expect((await listApiKeys(t.db, { storeId: null })).map((k) => k.id)).toContain(key.id);
    expect((await listApiKeys(t.db, { storeId })).map((k) => k.id)).not.toContain(key.id);
  });

  it("refuses bad input: no scopes, an unknown scope, an empty name", async () => {
    expect((await appErrorOf(create(seller, storeId, []))).code).toBe("VALIDATION");
    expect((await appErrorOf(create(seller, storeId, ["everything" as "admin"]))).code).toBe("VALIDATION");
    expect((await appErrorOf(create(seller, storeId, ["catalog:read"], { name: "  " }))).code).toBe("VALIDATION");
  });

  it("stops a store's key when its seller is disabled or demoted, and a platform key when its admin is", async () => {
    const u = await t.db.user.create({ data: { email: `keyowner-${backend}@example.com`, name: "Key Owner", passwordHash: "x", role: "SELLER" } });
    const s = await t.db.store.create({ data: { ownerId: u.id, name: "Keys", slug: `keys-${backend}` } });
    const { secret } = await create({ id: u.id, role: "SELLER" }, s.id, ["catalog:read"]);
    await authenticateApiKey(t.db, secret, "test");
    await t.db.user.update({ where: { id: u.id }, data: { disabledAt: new Date() } });
    expect((await appErrorOf(authenticateApiKey(t.db, secret, "test"))).code).toBe("UNAUTHENTICATED");
    await t.db.user.update({ where: { id: u.id }, data: { disabledAt: null, role: "CUSTOMER" } });
    expect((await appErrorOf(authenticateApiKey(t.db, secret, "test"))).code).toBe("UNAUTHENTICATED");

    const a = await t.db.user.create({ data: { email: `keyadmin-${backend}@example.com`, name: "Key Admin", passwordHash: "x", role: "ADMIN" } });
    const platform = await create({ id: a.id, role: "ADMIN" }, null, ["admin"]);
    await t.db.user.update({ where: { id: a.id }, data: { role: "CUSTOMER" } });
    expect((await appErrorOf(authenticateApiKey(t.db, platform.secret, "test"))).code).toBe("UNAUTHENTICATED");
  });

  it("names the key in audit entries written while a key's request runs", async () => {
    const { key } = await create(seller, storeId, ["catalog:write"], { name: "POS till 3" });
    await withAuditVia({ apiKeyId: key.id, apiKeyName: key.name }, () =>
      inTransaction(t.db, (tx) => recordAudit(tx, { actorId: seller.id, action: "test.via", entityType: "Test", entityId: key.id })),
    );
    await inTransaction(t.db, (tx) => recordAudit(tx, { actorId: seller.id, action: "test.direct", entityType: "Test", entityId: key.id }));
    const rows = await t.db.auditLog.findMany({ where: { entityType: "Test", entityId: key.id }, orderBy: { action: "desc" } });
    expect(rows.map((r) => [r.action, r.apiKeyName])).toEqual([["test.via", "POS till 3"], ["test.direct", null]]);
  });
});
