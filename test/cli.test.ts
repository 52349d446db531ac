// The operators' CLI (scripts/cli.ts) on both backends, with stdout and stderr captured:
// `api-key create` prints only the key, and that key authenticates; bad input exits non-zero and
// changes nothing; admin create, key list and revoke, store export and import (dry run, apply).
// And the embedded database in use by the app: refused with a clear message.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends, openTestDb, type TestDb } from "@/test/backends";
import { lazyDb, runCli } from "@/scripts/cli";
import type { CliDeps } from "@/scripts/cli/deps";
import { authenticateApiKey } from "@/server/services/api-keys";
import { verifyPassword } from "@/server/auth/password";
import { API_KEY_PATTERN } from "@/shared/api-scopes";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cliOn(t: TestDb) {
  return async (args: string[], stdin = ""): Promise<Run> => {
    let stdout = "";
    let stderr = "";
    const deps: CliDeps = {
      db: async () => t.db,
      stdout: (s) => void (stdout += s),
      stderr: (s) => void (stderr += s),
      readStdin: async () => stdin,
    };
    const code = await runCli(args, deps);
    return { code, stdout, stderr };
  };
}

describe.each(backends())("the CLI on %s", (backend) => {
  let t: TestDb;
  let cli: ReturnType<typeof cliOn>;
  const dir = mkdtempSync(path.join(tmpdir(), "lm-cli-"));

  beforeAll(async () => {
    t = await openTestDb(backend);
    cli = cliOn(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("api-key create prints only the key on stdout, and that key authenticates as the store", async () => {
    const r = await cli(["api-key", "create", "--store", "northwind", "--scopes", "catalog:read,orders:read", "--name", "ERP sync"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^lm_live_[0-9a-f]{16}_[A-Za-z0-9_-]{43}\n$/);
    const secret = r.stdout.trim();
    expect(secret).toMatch(API_KEY_PATTERN);
    expect(r.stderr).toContain("northwind");
    expect(r.stderr).not.toContain(secret);
    const store = await t.db.store.findUniqueOrThrow({ where: { slug: "northwind" } });
    const principal = await authenticateApiKey(t.db, secret, "203.0.113.5");
    expect(principal).toMatchObject({ name: "ERP sync", scopes: ["catalog:read", "orders:read"], store: { id: store.id }, userId: store.ownerId });
    // Made as the store's owner, and audited.
    expect(await t.db.auditLog.count({ where: { action: "apiKey.create", entityId: principal.keyId, actorId: store.ownerId } })).toBe(1);
  });

  it("api-key create --platform acts as the admin named with --as, with an expiry", async () => {
    const refused = await cli(["api-key", "create", "--platform", "--scopes", "admin"]);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe("");
    expect(refused.stderr).toMatch(/--as <admin email>/);

    const r = await cli(["api-key", "create", "--platform", "--scopes", "admin,orders:read", "--as", "admin@livemarket.test", "--expires-in-days", "30"]);
    expect(r.code, r.stderr).toBe(0);
    const principal = await authenticateApiKey(t.db, r.stdout.trim(), "test");
    const admin = await t.db.user.findUniqueOrThrow({ where: { email: "admin@livemarket.test" } });
    expect(principal).toMatchObject({ store: null, userId: admin.id, scopes: ["admin", "orders:read"] });
    const row = await t.db.apiKey.findUniqueOrThrow({ where: { id: principal.keyId } });
    const days = (row.expiresAt!.getTime() - row.createdAt.getTime()) / 86_400_000;
    expect(Math.round(days)).toBe(30);
  });

  it("refuses bad input with a message and a non-zero status, printing and creating nothing", async () => {
    const before = await t.db.apiKey.count();
    const cases: [string[], number, RegExp][] = [
      [["api-key", "create", "--store", "northwind", "--scopes", "orders:read,orders:delete"], 2, /unknown scope "orders:delete"/],
      [["api-key", "create", "--store", "northwind", "--scopes", ","], 2, /name at least one/],
      [["api-key", "create", "--store", "northwind", "--scopes", "admin"], 2, /cannot have the admin scope/],
      [["api-key", "create", "--store", "no-such-store", "--scopes", "orders:read"], 1, /No store with the slug "no-such-store"/],
      [["api-key", "create", "--scopes", "orders:read"], 2, /exactly one of --store <slug> or --platform/],
      [["api-key", "create", "--store", "northwind", "--platform", "--scopes", "orders:read"], 2, /exactly one of/],
      [["api-key", "create", "--store", "northwind", "--scopes", "orders:read", "--expires-in-days", "-3"], 2, /--expires-in-days must be a whole number/],
      [["api-key", "create", "--store", "northwind"], 1, /required option '--scopes <list>' not specified/],
      [["api-key", "create", "--platform", "--scopes", "admin", "--as", "customer@livemarket.test"], 1, /Only admins manage platform keys/],
      [["api-key", "create", "--store", "sunset", "--scopes", "orders:read", "--as", "seller1@livemarket.test"], 1, /Only the store's seller or an admin/],
      [["api-key", "frobnicate"], 1, /unknown command 'frobnicate'/],
    ];
    for (const [args, code, message] of cases) {
      const r = await cli(args);
      expect({ args, code: r.code, stdout: r.stdout }).toEqual({ args, code, stdout: "" });
      expect(r.stderr).toMatch(message);
    }
    expect(await t.db.apiKey.count()).toBe(before);
  });

  it("lists a store's keys without their secrets, and revokes one by its prefix", async () => {
    const made = await cli(["api-key", "create", "--store", "sunset", "--scopes", "orders:read", "--name", "Sunset POS"]);
    const secret = made.stdout.trim();
    const prefix = secret.split("_").slice(0, 3).join("_");
    const list = await cli(["api-key", "list", "--store", "sunset"]);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain("Sunset POS");
    expect(list.stdout).toContain(prefix);
    expect(list.stdout).not.toContain(secret);
    expect(list.stdout).not.toContain(API_KEY_PATTERN.exec(secret)![2]); // the random part (base64url: it may hold "_" itself)
    expect(list.stdout.split("\n")[0]).toMatch(/^ID\s+PREFIX\s+NAME\s+SCOPES/);
    // Another store's list does not have it.
    expect((await cli(["api-key", "list", "--store", "northwind"])).stdout).not.toContain("Sunset POS");

    const revoked = await cli(["api-key", "revoke", prefix]);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout).toBe("");
    await expect(authenticateApiKey(t.db, secret, "test")).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    expect((await cli(["api-key", "list", "--store", "sunset"])).stdout).toMatch(/Sunset POS.*revoked/);
    const missing = await cli(["api-key", "revoke", "lm_live_0000000000000000"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/No API key/);
  });

  it("admin create: a generated password (stdout, alone) or one from stdin; a taken email is refused", async () => {
    const email = `ops-${backend}@example.com`;
    const r = await cli(["admin", "create", "--email", email, "--name", "Ops"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^[A-Za-z0-9_-]{24}\n$/);
    const user = await t.db.user.findUniqueOrThrow({ where: { email } });
    expect(user.role).toBe("ADMIN");
    expect(await verifyPassword(user.passwordHash, r.stdout.trim())).toBe(true);
    expect(await t.db.auditLog.count({ where: { action: "user.create", entityId: user.id, actorId: null } })).toBe(1);

    const again = await cli(["admin", "create", "--email", email.toUpperCase()]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists/);

    const fromStdin = `ops2-${backend}@example.com`;
    const s = await cli(["admin", "create", "--email", fromStdin, "--password-stdin"], "a-long-enough-password\n");
    expect(s.code, s.stderr).toBe(0);
    expect(s.stdout).toBe("");
    const u2 = await t.db.user.findUniqueOrThrow({ where: { email: fromStdin } });
    expect(await verifyPassword(u2.passwordHash, "a-long-enough-password")).toBe(true);

    const short = await cli(["admin", "create", "--email", `ops3-${backend}@example.com`, "--password-stdin"], "short\n");
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/password: Use at least 10 characters/);
    const bad = await cli(["admin", "create", "--email", "not-an-email"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/email: Enter a valid email address/);
    expect(await t.db.user.count({ where: { email: { in: [`ops3-${backend}@example.com`, "not-an-email"] } } })).toBe(0);
  });

  it("store export writes the import format; store import is a dry run until --apply", async () => {
    const out = path.join(dir, `northwind-${backend}.csv`);
    const exported = await cli(["store", "export", "--store", "northwind", "--out", out]);
    expect(exported.code, exported.stderr).toBe(0);
    const csv = readFileSync(out, "utf8");
    const [header, first] = csv.split(/\r?\n/);
    expect(header!.split(",")).toEqual(expect.arrayContaining(["product_slug", "sku", "price", "stock"]));
    const toStdout = await cli(["store", "export", "--store", "northwind"]);
    expect(toStdout.stdout).toBe(csv);

    // Change one variant's stock in the file.
    const columns = header!.split(",");
    const skuAt = columns.indexOf("sku");
    const sku = first!.split(",")[skuAt]!;
    const variant = await t.db.variant.findUniqueOrThrow({ where: { sku } });
    const edited = path.join(dir, `edited-${backend}.csv`);
    writeFileSync(edited, `${header}\n${first!.replace(new RegExp(`,${variant.stock},(\\d+)$`), `,${variant.stock + 7},$1`)}\n`);

    const dry = await cli(["store", "import", "--store", "northwind", "--file", edited]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/1 rows: 0 new variants, 1 changed/);
    expect(dry.stdout).toMatch(/stock changes: 1/);
    expect(dry.stderr).toMatch(/Dry run: nothing changed/);
    expect((await t.db.variant.findUniqueOrThrow({ where: { sku } })).stock).toBe(variant.stock);

    const applied = await cli(["store", "import", "--store", "northwind", "--file", edited, "--apply"]);
    expect(applied.code, applied.stderr).toBe(0);
    expect((await t.db.variant.findUniqueOrThrow({ where: { sku } })).stock).toBe(variant.stock + 7);

    // Another store cannot take northwind's SKU: errors by line, exit 1, nothing changes.
    const foreign = await cli(["store", "import", "--store", "sunset", "--file", edited, "--apply"]);
    expect(foreign.code).toBe(1);
    expect(foreign.stdout).toMatch(/line 2 \(product_slug\): Product slug already in use by another store/);
    expect(foreign.stderr).toMatch(/nothing was applied/);
    expect((await t.db.variant.findUniqueOrThrow({ where: { sku } })).stock).toBe(variant.stock + 7);

    const missing = await cli(["store", "import", "--store", "northwind", "--file", path.join(dir, "missing.csv")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read/);
  });
});

describe("the CLI and the embedded database", () => {
  it("refuses while another live process (the app) has the data folder open, and changes nothing", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "lm-cli-lock-"));
    const pglite = path.join(dataDir, "pglite");
    // The app's lock (server/db/client.ts): a live process's id beside the folder.
    writeFileSync(`${pglite}.lock`, String(process.ppid));
    const database = lazyDb({ pgliteDir: pglite });
    let stderr = "";
    const code = await runCli(["api-key", "list"], { db: database.db, stdout: () => {}, stderr: (s) => void (stderr += s), readStdin: async () => "" });
    await database.close();
    expect(code).toBe(1);
    expect(stderr).toMatch(new RegExp(`in use by process ${process.ppid} \\(is npm start running\\?\\)\\. Stop it first, or set DATABASE_URL`));
    expect(readFileSync(`${pglite}.lock`, "utf8")).toBe(String(process.ppid));
  });

  it("--help lists every domain without opening a database", async () => {
    let stdout = "";
    const code = await runCli(["--help"], {
      db: () => Promise.reject(new Error("must not open")),
      stdout: (s) => void (stdout += s),
      stderr: () => {},
      readStdin: async () => "",
    });
    expect(code).toBe(0);
    for (const domain of ["admin", "api-key", "store"]) expect(stdout).toMatch(new RegExp(`^  ${domain}\\b`, "m"));
  });
});
