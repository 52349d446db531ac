// What the seller's product editor loads: one product of the caller's store with every
// editable field and its variants. Another store's product answers exactly like a missing one.
import "server-only";
import type { Prisma } from "@/generated/prisma/client.ts";
import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors";

type Client = Db | Prisma.TransactionClient;

export interface EditorOption {
  name: string;
  value: string;
}

export interface EditorVariant {
  id: string;
  sku: string;
  title: string;
  options: EditorOption[];
  priceMinor: number;
  currency: string;
  stock: number;
  lowStockThreshold: number;
  position: number;
  version: number;
}

export interface EditorProduct {
  id: string;
  slug: string;
  title: string;
  description: string;
  brand: string;
  categoryId: string;
  category: { id: string; name: string; slug: string };
  images: string[];
  status: "DRAFT" | "ACTIVE" | "ARCHIVED";
  version: number;
  updatedAt: Date;
  variants: EditorVariant[];
}

export const editorProductSelect = {
  id: true,
  slug: true,
  title: true,
  description: true,
  brand: true,
  categoryId: true,
  category: { select: { id: true, name: true, slug: true } },
  images: true,
  status: true,
  version: true,
  updatedAt: true,
  variants: {
    orderBy: [{ position: "asc" }, { id: "asc" }],
    select: {
      id: true,
      sku: true,
      title: true,
      options: true,
      priceMinor: true,
      currency: true,
      stock: true,
      lowStockThreshold: true,
      position: true,
      version: true,
    },
  },
} satisfies Prisma.ProductSelect;

/** `options` is a JSON object in the database; the form edits ordered name/value pairs. */
export function optionsToPairs(json: Prisma.JsonValue): EditorOption[] {
  if (!json || typeof json !== "object" || Array.isArray(json)) return [];
  const out: EditorOption[] = [];
  for (const [name, value] of Object.entries(json)) {
    if (typeof value === "string" && value !== "") out.push({ name, value });
    else if (typeof value === "number" || typeof value === "boolean") out.push({ name, value: String(value) });
  }
  return out;
}

export function pairsToOptions(pairs: EditorOption[]): Record<string, string> {
  return Object.fromEntries(pairs.map((p) => [p.name, p.value]));
}

type Row = Prisma.ProductGetPayload<{ select: typeof editorProductSelect }>;

function toEditor(row: Row): EditorProduct {
  return { ...row, variants: row.variants.map((v) => ({ ...v, options: optionsToPairs(v.options) })) };
}

/** The product as the editor shows it, or null (missing, soft-deleted or another store's). */
export async function findEditorProduct(db: Client, storeId: string, id: string): Promise<EditorProduct | null> {
  const row = await db.product.findFirst({ where: { id, storeId, deletedAt: null }, select: editorProductSelect });
  return row ? toEditor(row) : null;
}

export async function getEditorProduct(db: Client, storeId: string, id: string): Promise<EditorProduct> {
  const p = await findEditorProduct(db, storeId, id);
  if (!p) throw new AppError("NOT_FOUND", "Product not found");
  return p;
}

export interface CategoryOption {
  id: string;
  name: string;
  slug: string;
  children: { id: string; name: string; slug: string }[];
}

/** Top-level categories with their children, in display order, for the category select. */
export async function listCategoryTree(db: Client): Promise<CategoryOption[]> {
  const rows = await db.category.findMany({
    where: { parentId: null },
    orderBy: [{ position: "asc" }, { name: "asc" }],
    select: {
      id: true,
      name: true,
      slug: true,
      children: { orderBy: [{ position: "asc" }, { name: "asc" }], select: { id: true, name: true, slug: true } },
    },
  });
  return rows;
}
