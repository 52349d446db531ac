// What the seller's product editor loads: one product of the caller's store with every
// editable field and its variants. Another store's product answers exactly like a missing one.
import "server-only";
import type { Prisma } from "@/generated/prisma/client.ts";
import type { DbClient } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import { readOptions, variantFieldsSelect } from "@/server/services/catalog/variant-fields";

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
  /** A sale's "was" price (decision 175); null: not on sale. */
  compareAtMinor: number | null;
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
  variants: { orderBy: [{ position: "asc" }, { id: "asc" }], select: { ...variantFieldsSelect, position: true } },
} satisfies Prisma.ProductSelect;

/** The form edits a variant's options as ordered name/value pairs. */
export function optionsToPairs(json: Prisma.JsonValue): EditorOption[] {
  return Object.entries(readOptions(json)).map(([name, value]) => ({ name, value }));
}

export function pairsToOptions(pairs: EditorOption[]): Record<string, string> {
  return Object.fromEntries(pairs.map((p) => [p.name, p.value]));
}

type Row = Prisma.ProductGetPayload<{ select: typeof editorProductSelect }>;

function toEditor(row: Row): EditorProduct {
  return { ...row, variants: row.variants.map((v) => ({ ...v, options: optionsToPairs(v.options) })) };
}

/** The product as the editor shows it, or null (missing, soft-deleted or another store's). */
export async function findEditorProduct(db: DbClient, storeId: string, id: string): Promise<EditorProduct | null> {
  const row = await db.product.findFirst({ where: { id, storeId, deletedAt: null }, select: editorProductSelect });
  return row ? toEditor(row) : null;
}

export async function getEditorProduct(db: DbClient, storeId: string, id: string): Promise<EditorProduct> {
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
export async function listCategoryTree(db: DbClient): Promise<CategoryOption[]> {
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
