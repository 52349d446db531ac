// The layout's rules that a compiler cannot see, checked over the tree as text: code under
// server/ is marked server-only (a browser bundle that reaches it fails to build), and stock and
// price are written by one module only.
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const tracked = (dir: string) =>
  execFileSync("git", ["ls-files", "-co", "--exclude-standard", dir], { cwd: root, encoding: "utf8" })
    .split("\n")
    .filter((f) => /\.tsx?$/.test(f) && !f.endsWith(".test.ts"));

describe("folders say where code runs", () => {
  it("every module under server/ starts with import \"server-only\"", () => {
    const files = tracked("server");
    expect(files.length).toBeGreaterThan(50);
    const unmarked = files.filter((f) => {
      const firstImport = readFileSync(path.join(root, f), "utf8")
        .split("\n")
        .find((l) => /^import\b/.test(l));
      return firstImport !== 'import "server-only";';
    });
    expect(unmarked).toEqual([]);
  });
});

describe("one path for every stock and price change", () => {
  const ONE_MODULE = "server/services/inventory/variant-change.ts";
  const sources = () => tracked("server").map((f) => ({ file: f, text: readFileSync(path.join(root, f), "utf8") }));

  it(`only ${ONE_MODULE} writes a variant's stock, price or version`, () => {
    const writers = new Set<string>();
    for (const { file, text } of sources()) {
      // Raw SQL: an UPDATE of "Variant" whose SET names stock, price or version.
      for (const m of text.matchAll(/UPDATE\s+"Variant"[\s\S]*?(?:`|;|RETURNING|WHERE)/g)) {
        if (/\b(stock|"priceMinor"|version|currency|"lowStockThreshold")\s*=/.test(m[0])) writers.add(file);
      }
      // The Prisma client: variant.update/updateMany/upsert/create with live fields in `data`.
      for (const m of text.matchAll(/\.variant\.(?:update|updateMany|upsert)\(\s*\{[\s\S]*?\}\s*\)/g)) {
        if (/\b(stock|priceMinor|version|currency|lowStockThreshold)\s*:/.test(m[0])) writers.add(file);
      }
    }
    expect([...writers]).toEqual([ONE_MODULE]);
  });

  it("inserts ledger rows and outbox events only through their modules", () => {
    const ledger = sources().filter(({ text }) => /INSERT INTO "InventoryMovement"|inventoryMovement\.create/.test(text)).map((s) => s.file);
    expect(ledger).toEqual([ONE_MODULE]);
    const outbox = sources().filter(({ text }) => /INSERT INTO "OutboxEvent"|outboxEvent\.create/.test(text)).map((s) => s.file).sort();
    expect(outbox).toEqual([ONE_MODULE, "server/services/outbox/record-event.ts"].sort());
  });

  it("every writer that puts outbox events into its own statement tells the catalogue cache (eventsRecorded, or eventsCommitted without a transaction)", () => {
    // recordEvents does it itself; variant-change.ts invalidates from the rows it changed.
    const writers = sources().filter(({ file, text }) => /\boutboxInsert\(/.test(text) && file !== "server/services/outbox/record-event.ts");
    expect(writers.length).toBeGreaterThan(1);
    const silent = writers.filter(({ file, text }) => !(file === ONE_MODULE ? /invalidateCatalogAfterCommit\(/ : /\beventsRecorded\(|\beventsCommitted\(/).test(text)).map((s) => s.file);
    expect(silent).toEqual([]);
  });
});

describe("shared vocabularies match the database's", () => {
  it("stock reasons and order statuses are the schema's enums, in order", async () => {
    const { OrderStatus, StockReason } = await import("@/generated/prisma/client.ts");
    const { STOCK_REASONS } = await import("@/shared/stock");
    const { ORDER_STATUSES } = await import("@/shared/orders");
    expect([...STOCK_REASONS]).toEqual(Object.values(StockReason));
    expect([...ORDER_STATUSES]).toEqual(Object.values(OrderStatus));
  });
});

describe("every HTTP entry point reads its body through the bounded reader", () => {
  it("no route handler under app/ reads the request body itself (routeHandler and server/http/request-guards.ts do)", () => {
    const routes = tracked("app").filter((f) => /\/route\.tsx?$/.test(f));
    expect(routes.length).toBeGreaterThan(5);
    const readers = routes.filter((f) => /\breq(uest)?\.(json|text|formData|arrayBuffer|blob|body)\b/.test(readFileSync(path.join(root, f), "utf8")));
    expect(readers).toEqual([]);
  });
});

describe("input schemas refuse text the database cannot store", () => {
  // Not inputs from a request: the environment, the sidecar's internal messages, events the app
  // makes itself (and validates on the way out), and the helper itself.
  const NOT_INPUT = ["shared/text.ts", "shared/events.ts", "server/services/orders/order-event.ts", "server/realtime/sidecar.ts", "server/env.ts"];

  it("every string of an input schema is zText() (no NUL, no lone surrogates), not z.string()", () => {
    const files = [...tracked("shared"), ...tracked("server"), ...tracked("app")].filter((f) => !NOT_INPUT.includes(f));
    const raw = files.filter((f) => /\bz\s*\.\s*string\s*\(/.test(readFileSync(path.join(root, f), "utf8")));
    expect(raw).toEqual([]);
  });

  it("integers of input schemas are 32-bit (z.int32()) or bounded by max()", () => {
    const files = [...tracked("shared"), ...tracked("server"), ...tracked("app")].filter((f) => !NOT_INPUT.includes(f));
    const unbounded = files.filter((f) => {
      const text = readFileSync(path.join(root, f), "utf8");
      // z.number()….int() with no max( before the next comma/closing paren of the field
      return [...text.matchAll(/z\s*\.\s*(?:coerce\s*\.\s*)?number\s*\([^)]*\)[\s\S]{0,200}?(?:,\n|\)\s*[,;]\n)/g)].some((m) => /\.int\(/.test(m[0]) && !/\.max\(|\.refine\(/.test(m[0]));
    });
    expect(unbounded).toEqual([]);
  });
});
