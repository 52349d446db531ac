// The editor form's state, its conversion to the `product.create`/`product.update` input, and
// the field-by-field comparison the conflict panel shows.
import type { EditorProduct } from "@/server/services/product-editor/get-product";
import { formatMajor, parseMoney } from "@/shared/money";
import { ZCreateProductInput, ZUpdateProductInput } from "@/shared/product-editor";

export type Status = EditorProduct["status"];

/** The editor's product after a JSON round trip (VERSION_CONFLICT details carry one). */
export type LoadedProduct = Omit<EditorProduct, "updatedAt"> & { updatedAt: Date | string };

export interface OptionForm {
  name: string;
  value: string;
}

export interface VariantForm {
  /** Stable React key, also for new rows. */
  key: string;
  id?: string;
  sku: string;
  title: string;
  options: OptionForm[];
  /** Major units as typed, e.g. "12.99". */
  price: string;
  /** The "was" price of a sale, as typed; empty: not on sale. */
  compareAt: string;
  lowStockThreshold: string;
  /** New variants only. */
  initialStock: string;
}

/** What the form and the procedure input hold alike, besides the variants. */
interface ProductFields {
  title: string;
  slug: string;
  description: string;
  brand: string;
  categoryId: string;
  images: string[];
}

export interface ProductForm extends ProductFields {
  variants: VariantForm[];
}

let keySeq = 0;
export const newKey = () => `new-${++keySeq}`;

export function emptyVariant(): VariantForm {
  return { key: newKey(), sku: "", title: "", options: [], price: "", compareAt: "", lowStockThreshold: "5", initialStock: "0" };
}

export function emptyForm(): ProductForm {
  return { title: "", slug: "", description: "", brand: "", categoryId: "", images: [], variants: [emptyVariant()] };
}

export function toForm(p: LoadedProduct): ProductForm {
  return {
    title: p.title,
    slug: p.slug,
    description: p.description,
    brand: p.brand,
    categoryId: p.categoryId,
    images: [...p.images],
    variants: p.variants.map((v) => ({
      key: v.id,
      id: v.id,
      sku: v.sku,
      title: v.title,
      options: v.options.map((o) => ({ ...o })),
      price: formatMajor(v.priceMinor),
      compareAt: v.compareAtMinor === null ? "" : formatMajor(v.compareAtMinor),
      lowStockThreshold: String(v.lowStockThreshold),
      initialStock: "0",
    })),
  };
}

const INT_RE = /^-?\d{1,9}$/;

export interface VariantInput {
  id?: string;
  sku: string;
  title: string;
  options: OptionForm[];
  priceMinor: number;
  compareAtMinor: number | null;
  lowStockThreshold: number;
  position: number;
  initialStock?: number;
}

export interface ProductInput extends ProductFields {
  variants: VariantInput[];
}

/** The procedure input, or field errors for what cannot be converted (prices, whole numbers). */
export function toInput(f: ProductForm): { input: ProductInput; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const variants = f.variants.map((v, i): VariantInput => {
    const priceMinor = parseMoney(v.price);
    if (priceMinor === null) errors[`variants.${i}.priceMinor`] = "Enter a price like 12.99";
    const compareAtMinor = v.compareAt.trim() ? parseMoney(v.compareAt) : null;
    if (v.compareAt.trim() && compareAtMinor === null) errors[`variants.${i}.compareAtMinor`] = "Enter a price like 19.99, or leave it empty";
    const threshold = v.lowStockThreshold.trim();
    if (!INT_RE.test(threshold)) errors[`variants.${i}.lowStockThreshold`] = "Enter a whole number";
    const initial = v.initialStock.trim() || "0";
    if (!v.id && !INT_RE.test(initial)) errors[`variants.${i}.initialStock`] = "Enter a whole number";
    return {
      ...(v.id ? { id: v.id } : {}),
      sku: v.sku,
      title: v.title,
      options: v.options.filter((o) => o.name.trim() || o.value.trim()),
      priceMinor: priceMinor ?? 0,
      compareAtMinor,
      lowStockThreshold: Number(threshold),
      position: i,
      ...(v.id ? {} : { initialStock: Number(initial) }),
    };
  });
  return {
    input: { title: f.title, slug: f.slug, description: f.description, brand: f.brand, categoryId: f.categoryId, images: f.images, variants },
    errors,
  };
}

export interface DiffRow {
  key: string;
  label: string;
  loaded: string;
  saved: string;
  mine: string;
}

type Flat = Map<string, { label: string; value: string }>;

function flattenProduct(p: LoadedProduct, categoryName: (id: string) => string): Flat {
  const out: Flat = new Map();
  out.set("title", { label: "Title", value: p.title });
  out.set("slug", { label: "URL name", value: p.slug });
  out.set("description", { label: "Description", value: p.description });
  out.set("brand", { label: "Brand", value: p.brand });
  out.set("category", { label: "Category", value: categoryName(p.categoryId) });
  out.set("images", { label: "Images", value: p.images.join("\n") });
  out.set("status", { label: "Status", value: p.status });
  p.variants.forEach((v, i) => flattenVariant(out, v.id, `Variant ${i + 1} (${v.sku})`, {
    sku: v.sku,
    title: v.title,
    options: v.options.map((o) => `${o.name}: ${o.value}`).join(", "),
    price: formatMajor(v.priceMinor),
    compareAt: v.compareAtMinor === null ? "" : formatMajor(v.compareAtMinor),
    threshold: String(v.lowStockThreshold),
    position: String(i + 1),
  }));
  return out;
}

function flattenVariant(out: Flat, id: string, label: string, fields: Record<string, string>) {
  const names: Record<string, string> = { sku: "SKU", title: "title", options: "options", price: "price", compareAt: "was price", threshold: "low-stock threshold", position: "position" };
  for (const [k, v] of Object.entries(fields)) out.set(`v:${id}:${k}`, { label: `${label} ${names[k]}`, value: v });
}

function flattenForm(f: ProductForm, status: Status, categoryName: (id: string) => string): Flat {
  const out: Flat = new Map();
  out.set("title", { label: "Title", value: f.title.trim() });
  out.set("slug", { label: "URL name", value: f.slug.trim() });
  out.set("description", { label: "Description", value: f.description.trim() });
  out.set("brand", { label: "Brand", value: f.brand.trim() });
  out.set("category", { label: "Category", value: categoryName(f.categoryId) });
  out.set("images", { label: "Images", value: f.images.join("\n") });
  out.set("status", { label: "Status", value: status });
  f.variants.forEach((v, i) => {
    const price = parseMoney(v.price);
    flattenVariant(out, v.id ?? v.key, `Variant ${i + 1} (${v.sku.trim() || "new"})`, {
      sku: v.sku.trim(),
      title: v.title.trim(),
      options: v.options.filter((o) => o.name.trim() || o.value.trim()).map((o) => `${o.name.trim()}: ${o.value.trim()}`).join(", "),
      price: price === null ? v.price : formatMajor(price),
      compareAt: v.compareAt.trim() && parseMoney(v.compareAt) !== null ? formatMajor(parseMoney(v.compareAt)!) : v.compareAt.trim(),
      threshold: v.lowStockThreshold.trim(),
      position: String(i + 1),
    });
  });
  return out;
}

/** Fields where what you loaded, what is saved now and what you typed are not all the same. */
export function conflictRows(loaded: LoadedProduct, saved: LoadedProduct, mine: ProductForm, categoryName: (id: string) => string): DiffRow[] {
  const a = flattenProduct(loaded, categoryName);
  const b = flattenProduct(saved, categoryName);
  // Status is not part of the form (it has its own buttons): "Apply mine again" keeps the saved one.
  const c = flattenForm(mine, saved.status, categoryName);
  const keys = [...new Set([...a.keys(), ...b.keys(), ...c.keys()])];
  const absent = "(none)";
  return keys
    .map((key) => ({
      key,
      label: (b.get(key) ?? c.get(key) ?? a.get(key))!.label,
      loaded: a.get(key)?.value ?? absent,
      saved: b.get(key)?.value ?? absent,
      mine: c.get(key)?.value ?? absent,
    }))
    .filter((r) => !(r.loaded === r.saved && r.saved === r.mine));
}

/**
 * "Apply mine again": the fields you changed since you loaded, on top of the saved version.
 * Fields you did not touch keep the saved values, so the other person's edits survive; where
 * both of you changed a field, yours wins (the panel showed both).
 */
export function mergeMine(loaded: LoadedProduct, saved: LoadedProduct, mine: ProductForm): ProductForm {
  const base = toForm(loaded);
  const theirs = toForm(saved);
  const pick = <T>(b: T, t: T, m: T): T => (JSON.stringify(m) !== JSON.stringify(b) ? m : t);
  const baseById = new Map(base.variants.map((v) => [v.id!, v]));
  const mineById = new Map(mine.variants.filter((v) => v.id).map((v) => [v.id!, v]));
  const variants: VariantForm[] = [];
  for (const t of theirs.variants) {
    const b = baseById.get(t.id!);
    const m = mineById.get(t.id!);
    if (!b) variants.push(t); // they added it
    else if (m)
      variants.push({
        ...t,
        sku: pick(b.sku, t.sku, m.sku),
        title: pick(b.title, t.title, m.title),
        options: pick(b.options, t.options, m.options),
        price: pick(b.price, t.price, m.price),
        compareAt: pick(b.compareAt, t.compareAt, m.compareAt),
        lowStockThreshold: pick(b.lowStockThreshold, t.lowStockThreshold, m.lowStockThreshold),
      });
    // else: you removed it
  }
  for (const m of mine.variants) if (!m.id) variants.push(m);
  return {
    title: pick(base.title, theirs.title, mine.title),
    slug: pick(base.slug, theirs.slug, mine.slug),
    description: pick(base.description, theirs.description, mine.description),
    brand: pick(base.brand, theirs.brand, mine.brand),
    categoryId: pick(base.categoryId, theirs.categoryId, mine.categoryId),
    images: pick(base.images, theirs.images, mine.images),
    variants,
  };
}

/**
 * Every error of the form at once: what cannot be converted (prices, whole numbers), then what
 * the procedure's own schema would refuse (shared/product-editor.ts), keyed by field path. Empty
 * when the form can be sent.
 */
export function validateForm(f: ProductForm, loaded: { id: string; version: number } | null): { input: ProductInput; errors: Record<string, string> } {
  const { input, errors } = toInput(f);
  const parsed = loaded ? ZUpdateProductInput.safeParse({ ...input, id: loaded.id, expectedVersion: loaded.version }) : ZCreateProductInput.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path.join(".") || "form";
      errors[key] ??= issue.message;
    }
  }
  return { input, errors };
}

export interface OptionAxis {
  name: string;
  /** As typed: "S, M, L" */
  values: string;
}

const optionsKey = (options: OptionForm[]) =>
  options
    .filter((o) => o.name.trim())
    .map((o) => `${o.name.trim().toLowerCase()}=${o.value.trim().toLowerCase()}`)
    .sort()
    .join("|");

/** "Navy blue" -> "NAVY-BLUE", for SKUs. */
const skuPart = (text: string) =>
  text
    .trim()
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "") || "X";

/** The axes as name and distinct values, without empty ones. */
export function parseAxes(axes: OptionAxis[]): { name: string; values: string[] }[] {
  return axes
    .map((a) => ({
      name: a.name.trim(),
      values: [...new Map(a.values.split(",").map((v) => [v.trim().toLowerCase(), v.trim()] as const).filter(([k]) => k)).values()],
    }))
    .filter((a) => a.name && a.values.length > 0);
}

/**
 * Variants for every combination of the axes' values (size × colour …) that the form has not
 * got yet, added after the existing ones: SKU `<prefix>-<VALUE>-<VALUE>`, title "M / Red", price
 * and threshold copied from the first variant. A lone empty variant (a new product) is replaced.
 * Everything stays editable afterwards.
 */
export function generateVariants(f: ProductForm, axes: OptionAxis[], skuPrefix: string): { form: ProductForm; added: number } {
  const parsed = parseAxes(axes);
  if (parsed.length === 0) return { form: f, added: 0 };
  let combos: OptionForm[][] = [[]];
  for (const axis of parsed) combos = combos.flatMap((c) => axis.values.map((value) => [...c, { name: axis.name, value }]));
  const blank = (v: VariantForm) => !v.id && !v.sku.trim() && !v.title.trim() && v.options.every((o) => !o.name.trim() && !o.value.trim());
  const kept = f.variants.length === 1 && blank(f.variants[0]!) ? [] : f.variants;
  const template = kept[0] ?? f.variants[0];
  const have = new Set(kept.map((v) => optionsKey(v.options)));
  const prefix = skuPart(skuPrefix || f.slug || f.title || "SKU");
  const fresh = combos
    .filter((options) => !have.has(optionsKey(options)))
    .map((options): VariantForm => ({
      ...emptyVariant(),
      sku: [prefix, ...options.map((o) => skuPart(o.value))].join("-").slice(0, 64),
      title: options.map((o) => o.value).join(" / "),
      options,
      price: template?.price ?? "",
      lowStockThreshold: template?.lowStockThreshold ?? "5",
    }));
  return { form: { ...f, variants: [...kept, ...fresh] }, added: fresh.length };
}
