// Reading an import file: bytes -> UTF-8 text -> CSV records -> typed rows, with an error per
// row (line number, column, reason). A malformed file (encoding, header, size) is refused as a
// whole with AppError VALIDATION before anything is looked up.
import "server-only";
import { createHash } from "node:crypto";
import { AppError } from "@/server/errors";
import { MAX_PRICE_MINOR, parseMoney } from "@/shared/money";
import { SLUG_RE } from "@/shared/slug";
import { CsvFormatError, decodeUtf8, parseCsv, restoreCell } from "./csv";
import {
  COLUMNS,
  MAX_FILE_BYTES,
  MAX_ROWS,
  MAX_STOCK,
  parseOptions,
  parseWhole,
  type ColumnName,
} from "./format";

export interface ImportRow {
  line: number;
  slug: string;
  title: string;
  category: string;
  /** undefined: column absent or empty (keep the product's status; DRAFT for a new product) */
  status?: "DRAFT" | "ACTIVE" | "ARCHIVED";
  /** undefined: column absent (keep) */
  description?: string;
  brand?: string;
  sku: string;
  variantTitle?: string;
  options?: Record<string, string>;
  priceMinor: number;
  /** undefined: absent or empty (keep; USD for a new variant) */
  currency?: string;
  stock: number;
  lowStockThreshold?: number;
}

export interface RowError {
  line: number;
  column?: string;
  message: string;
}

export interface ReadImport {
  rows: ImportRow[];
  errors: RowError[];
  /** data rows in the file (valid or not) */
  rowCount: number;
  /** sha256 of the file's bytes */
  fileHash: string;
}

function malformed(message: string): AppError {
  return new AppError("VALIDATION", message, { fieldErrors: { file: [message] }, details: { malformed: true } });
}

export function readImportFile(bytes: Uint8Array): ReadImport {
  if (bytes.length === 0) throw malformed("The file is empty.");
  if (bytes.length > MAX_FILE_BYTES) throw malformed(`The file is too large (at most ${MAX_FILE_BYTES / 1024 / 1024} MB).`);
  let records;
  try {
    records = parseCsv(decodeUtf8(bytes));
  } catch (err) {
    if (err instanceof CsvFormatError) throw malformed(err.message);
    throw err;
  }
  if (records.length === 0) throw malformed("The file is empty.");
  const [header, ...data] = records;
  const names = header!.fields.map((f) => f.trim().toLowerCase());
  const known = new Set<string>(COLUMNS.map((c) => c.name));
  const unknown = names.filter((n) => !known.has(n));
  if (unknown.length > 0) {
    throw malformed(
      `Unknown column${unknown.length > 1 ? "s" : ""} ${unknown.map((u) => `"${u}"`).join(", ")} in the first line. Expected columns: ${COLUMNS.map((c) => c.name).join(", ")}.`,
    );
  }
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw malformed(`Column "${dup}" appears twice in the first line.`);
  const missing = COLUMNS.filter((c) => c.required && !names.includes(c.name)).map((c) => c.name);
  if (missing.length > 0) throw malformed(`Missing column${missing.length > 1 ? "s" : ""}: ${missing.join(", ")}.`);
  if (data.length === 0) throw malformed("The file has a header but no rows.");
  if (data.length > MAX_ROWS) throw malformed(`The file has ${data.length} rows; at most ${MAX_ROWS} per import.`);

  const index = new Map(names.map((n, i) => [n as ColumnName, i]));
  const rows: ImportRow[] = [];
  const errors: RowError[] = [];

  for (const rec of data) {
    const line = rec.line;
    if (rec.fields.length !== names.length) {
      errors.push({ line, message: `Expected ${names.length} values, found ${rec.fields.length}` });
      continue;
    }
    const rowErrors: RowError[] = [];
    const err = (column: ColumnName, message: string) => rowErrors.push({ line, column, message });
    const has = (c: ColumnName) => index.has(c);
    const raw = (c: ColumnName) => {
      const i = index.get(c);
      // An apostrophe our export put before a formula-like cell is not part of the value.
      return i === undefined ? "" : restoreCell(rec.fields[i]!);
    };
    const text = (c: ColumnName, max: number, required: boolean): string => {
      const v = raw(c).trim();
      if (required && v === "") err(c, `Missing ${c}`);
      else if (v.length > max) err(c, `${c} is too long (at most ${max} characters)`);
      return v;
    };

    const slug = text("product_slug", 200, true).toLowerCase();
    if (slug && !SLUG_RE.test(slug)) err("product_slug", "product_slug may contain only a-z, 0-9 and single dashes");
    const title = text("product_title", 200, true);
    const category = text("category", 100, true).toLowerCase();
    const sku = text("sku", 64, true);
    if (sku && !/^[A-Za-z0-9][A-Za-z0-9._\-/]*$/.test(sku)) err("sku", "sku may contain letters, digits and . _ - /");

    let status: ImportRow["status"];
    const st = raw("status").trim().toUpperCase();
    if (st) {
      if (st === "DRAFT" || st === "ACTIVE" || st === "ARCHIVED") status = st;
      else err("status", `Unknown status "${raw("status").trim()}" (use DRAFT, ACTIVE or ARCHIVED)`);
    }
    const description = has("description") ? raw("description") : undefined;
    if (description !== undefined && description.length > 10_000) err("description", "description is too long (at most 10000 characters)");
    const brand = has("brand") ? text("brand", 100, false) : undefined;
    const variantTitle = has("variant_title") ? text("variant_title", 200, false) : undefined;

    let options: Record<string, string> | undefined;
    if (has("options")) {
      const o = parseOptions(raw("options"));
      if (o.ok) options = o.value;
      else err("options", o.error);
    }

    const priceText = raw("price").trim();
    const priceMinor = parseMoney(priceText);
    if (priceText === "") err("price", "Missing price");
    else if (priceMinor === null) err("price", `"${priceText}" is not a price (use e.g. 12.50)`);
    else if (priceMinor < 1) err("price", "A price must be above 0");
    else if (priceMinor > MAX_PRICE_MINOR) err("price", "Price is too large");

    let currency: string | undefined;
    const cur = raw("currency").trim().toUpperCase();
    if (cur) {
      if (/^[A-Z]{3}$/.test(cur)) currency = cur;
      else err("currency", `"${raw("currency").trim()}" is not a currency code (e.g. USD)`);
    }

    const stockText = raw("stock").trim();
    const stock = parseWhole(stockText);
    if (stockText === "") err("stock", "Missing stock");
    else if (stock === null) err("stock", `"${stockText}" is not a whole number of 0 or more`);
    else if (stock > MAX_STOCK) err("stock", `Stock is too large (at most ${MAX_STOCK})`);

    let lowStockThreshold: number | undefined;
    const thrText = raw("low_stock_threshold").trim();
    if (thrText) {
      const thr = parseWhole(thrText);
      if (thr === null) err("low_stock_threshold", `"${thrText}" is not a whole number of 0 or more`);
      else if (thr > MAX_STOCK) err("low_stock_threshold", "low_stock_threshold is too large");
      else lowStockThreshold = thr;
    }

    if (rowErrors.length > 0) {
      errors.push(...rowErrors);
      continue;
    }
    rows.push({
      line,
      slug,
      title,
      category,
      status,
      description,
      brand,
      sku,
      variantTitle,
      options,
      priceMinor: priceMinor!,
      currency,
      stock: stock!,
      lowStockThreshold,
    });
  }
  return { rows, errors, rowCount: data.length, fileHash: createHash("sha256").update(bytes).digest("hex") };
}
