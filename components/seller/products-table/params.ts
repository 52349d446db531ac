// The products table's state lives in the URL: ?q=&status=&category=&stock=&sort=&dir=&page=&size=
// Parsing is lenient (a bad value is dropped, never an error) so any shared link opens.
import {
  PAGE_SIZES,
  PRODUCT_STATUSES,
  SORT_FIELDS,
  STOCK_STATES,
  type TSellerProductsFilter,
} from "@/shared/seller-products";

export type SortField = (typeof SORT_FIELDS)[number];
export interface TableParams extends TSellerProductsFilter {
  page: number;
  pageSize: number;
}

type Search = Record<string, string | string[] | undefined> | URLSearchParams;

function get(sp: Search, key: string): string | undefined {
  const v = sp instanceof URLSearchParams ? (sp.get(key) ?? undefined) : sp[key];
  const s = Array.isArray(v) ? v[0] : v;
  return s?.trim() || undefined;
}
const oneOf = <T extends string>(list: readonly T[], v: string | undefined): T | undefined =>
  v !== undefined && (list as readonly string[]).includes(v) ? (v as T) : undefined;

export function parseTableParams(sp: Search): TableParams {
  const q = get(sp, "q")?.slice(0, 200);
  const category = get(sp, "category");
  const page = Number(get(sp, "page"));
  const size = Number(get(sp, "size"));
  return {
    q,
    status: oneOf(PRODUCT_STATUSES, get(sp, "status")?.toUpperCase()),
    category: category && /^[a-z0-9-]{1,100}$/.test(category) ? category : undefined,
    stock: oneOf(STOCK_STATES, get(sp, "stock")),
    sort: oneOf(SORT_FIELDS, get(sp, "sort")) ?? "updated",
    dir: oneOf(["asc", "desc"] as const, get(sp, "dir")) ?? "desc",
    page: Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1,
    pageSize: (PAGE_SIZES as readonly number[]).includes(size) ? size : 20,
  };
}

/** The URL query of a table state; defaults are left out so links stay short. */
export function tableQuery(p: TableParams): string {
  const u = new URLSearchParams();
  if (p.q) u.set("q", p.q);
  if (p.status) u.set("status", p.status);
  if (p.category) u.set("category", p.category);
  if (p.stock) u.set("stock", p.stock);
  if (p.sort !== "updated") u.set("sort", p.sort);
  if (p.dir !== "desc") u.set("dir", p.dir);
  if (p.page !== 1) u.set("page", String(p.page));
  if (p.pageSize !== 20) u.set("size", String(p.pageSize));
  const s = u.toString();
  return s ? `?${s}` : "";
}

export function tableHref(p: TableParams, change: Partial<TableParams> = {}): string {
  return `/seller/products${tableQuery({ ...p, ...change })}`;
}

/** Export link: the same filters and sort, no paging. */
export function exportHref(p: TableParams): string {
  return `/seller/products/export${tableQuery({ ...p, page: 1, pageSize: 20 })}`;
}
