"use client";
// The seller's products table. Its state (search, filters, sort, page) is the URL, so a view
// can be shared and Back works; the filter form is a GET form (next/form navigates on the
// client). Data comes from the cache the server prefetched.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Form from "next/form";
import Link from "next/link";
import { useTRPC } from "@/client/trpc";
import { buttonClass, ButtonLink } from "@/components/ui/button";
import { CategoryOptions, type CategoryOption } from "@/components/ui/category-options";
import { Labelled, SelectField, type Choices } from "@/components/ui/field";
import { countOf } from "@/components/ui/count";
import { stockState } from "@/shared/stock";
import { exportHref, tableHref, type SortField, type TableParams } from "./params";
import { PriceCell, StockCell } from "./inline-edit";
import { BulkBar } from "./bulk-edit";
import { useState } from "react";
import { DateTime } from "@/components/ui/date-time";

const control = "rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm";

/** A column header; with a `sort` field it is a link that sorts the table by that column. */
function ColumnHeader({ label, sort, params, className = "" }: { label: string; sort?: SortField; params: TableParams; className?: string }) {
  if (!sort) {
    return (
      <th scope="col" className="px-3 py-2">
        {label}
      </th>
    );
  }
  const active = params.sort === sort;
  // First click: A→Z / low→high for title, price, stock; newest first for updated.
  const firstDir = sort === "updated" ? "desc" : "asc";
  const nextDir = active ? (params.dir === "asc" ? "desc" : "asc") : firstDir;
  return (
    <th scope="col" aria-sort={active ? (params.dir === "asc" ? "ascending" : "descending") : "none"} className={`px-3 py-2 ${className}`}>
      <Link href={tableHref(params, { sort, dir: nextDir, page: 1 })} className="inline-flex items-center gap-1 hover:underline">
        {label}
        <span aria-hidden="true" className="text-slate-400">
          {active ? (params.dir === "asc" ? "▲" : "▼") : "↕"}
        </span>
        <span className="sr-only">, sort {nextDir === "asc" ? "ascending" : "descending"}</span>
      </Link>
    </th>
  );
}

const COLUMNS: { label: string; sort?: SortField; className?: string }[] = [
  { label: "Product", sort: "title" },
  { label: "SKU / variant" },
  { label: "Price", sort: "price", className: "text-right" },
  { label: "Stock", sort: "stock", className: "text-right" },
  { label: "Status" },
  { label: "Category" },
  { label: "Updated", sort: "updated" },
];

const STATUS_CHOICES: Choices = [["", "Any status"], ["ACTIVE", "Active"], ["DRAFT", "Draft"], ["ARCHIVED", "Archived"]];
const STOCK_CHOICES: Choices = [["", "Any stock"], ["in", "In stock"], ["low", "Low stock"], ["out", "Out of stock"]];

const STATUS_STYLES: Record<string, string> = {
  ACTIVE: "bg-emerald-50 text-emerald-800",
  DRAFT: "bg-slate-100 text-slate-700",
  ARCHIVED: "bg-amber-50 text-amber-800",
};

export function ProductsTable({ params, categories }: { params: TableParams; categories: CategoryOption[] }) {
  const trpc = useTRPC();
  const query = useQuery({ ...trpc.seller.products.list.queryOptions(params), placeholderData: keepPreviousData });
  // Variant ids chosen for a bulk change (kept across pages and refetches; sent with what the table shows).
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const data = query.data;
  const filtered = Boolean(params.q || params.status || params.category || params.stock);
  const clearHref = tableHref({ ...params, q: undefined, status: undefined, category: undefined, stock: undefined, page: 1 });

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">Products</h1>
        <div className="flex flex-wrap gap-2">
          <a href={exportHref(params)} className={buttonClass.secondary} download>
            Export CSV
          </a>
          <ButtonLink href="/seller/import" variant="secondary">
            Import CSV
          </ButtonLink>
          <ButtonLink href="/seller/products/new">New product</ButtonLink>
        </div>
      </div>

      <Form action="/seller/products" key={tableHref(params)} aria-label="Filter products" className="flex flex-wrap items-end gap-3">
        <Labelled id="pt-q" label="Search your products">
          <input id="pt-q" type="search" name="q" defaultValue={params.q ?? ""} placeholder="Title or SKU" className={`${control} w-64`} />
        </Labelled>
        <SelectField id="pt-status" label="Status" name="status" defaultValue={params.status ?? ""} className={control} choices={STATUS_CHOICES} />
        <SelectField id="pt-category" label="Category" name="category" defaultValue={params.category ?? ""} className={control} choices={[["", "All categories"]]}>
          <CategoryOptions categories={categories} />
        </SelectField>
        <SelectField id="pt-stock" label="Stock" name="stock" defaultValue={params.stock ?? ""} className={control} choices={STOCK_CHOICES} />
        {params.sort !== "updated" ? <input type="hidden" name="sort" value={params.sort} /> : null}
        {params.dir !== "desc" ? <input type="hidden" name="dir" value={params.dir} /> : null}
        {params.pageSize !== 20 ? <input type="hidden" name="size" value={params.pageSize} /> : null}
        <button type="submit" className={buttonClass.primary}>
          Apply filters
        </button>
        {filtered ? (
          <Link href={clearHref} className="px-2 py-2 text-sm text-brand-700 underline">
            Clear filters
          </Link>
        ) : null}
      </Form>

      {!data ? (
        <p role="status" className="text-sm text-slate-600">
          Loading products…
        </p>
      ) : data.total === 0 ? (
        <div className="rounded-md border border-dashed border-slate-300 p-8 text-center text-slate-700" data-testid="products-empty">
          {filtered ? (
            <>
              <p className="font-medium">No products match these filters.</p>
              <p className="mt-2 text-sm">
                <Link href={clearHref} className="text-brand-700 underline">
                  Clear the filters
                </Link>{" "}
                to see all your products.
              </p>
            </>
          ) : (
            <>
              <p className="font-medium">You have no products yet.</p>
              <p className="mt-2 text-sm">
                <Link href="/seller/products/new" className="text-brand-700 underline">
                  Add a product
                </Link>{" "}
                or{" "}
                <Link href="/seller/import" className="text-brand-700 underline">
                  import a CSV file
                </Link>
                .
              </p>
            </>
          )}
        </div>
      ) : (
        <>
          <p className="text-sm text-slate-600" data-testid="products-count" aria-live="polite">
            {countOf(data.total, "product")}
          </p>
          <BulkBar items={data.items} selected={selected} setSelected={setSelected} />
          <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-left text-sm" aria-busy={query.isFetching || undefined}>
              <caption className="sr-only">Your products and their variants. Edit a price or stock, then press Enter or leave the field to save, or Escape to cancel.</caption>
              <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase text-slate-600">
                <tr>
                  {COLUMNS.map((c) => (
                    <ColumnHeader key={c.label} label={c.label} sort={c.sort} params={params} className={c.className} />
                  ))}
                </tr>
              </thead>
              {data.items.map((p) => {
                const span = Math.max(1, p.variants.length);
                const product = (
                  <th scope="rowgroup" rowSpan={span} className="px-3 py-2 align-top font-medium">
                    <div className="flex items-start gap-3">
                      {/* eslint-disable-next-line @next/next/no-img-element -- our own small images, as on the catalogue cards */}
                      <img src={p.images[0] ?? "/images/placeholder.svg"} alt="" width={48} height={48} loading="lazy" className="h-12 w-12 shrink-0 rounded border border-slate-200 object-cover" data-testid="product-thumb" />
                      <div className="min-w-0">
                        <Link href={`/seller/products/${p.id}`} className="text-brand-700 hover:underline">
                          {p.title}
                        </Link>
                        <div className="text-xs font-normal text-slate-500">{p.slug}</div>
                      </div>
                    </div>
                  </th>
                );
                const tail = (
                  <>
                    <td rowSpan={span} className="px-3 py-2 align-top">
                      <span className={`rounded px-2 py-0.5 text-xs font-medium ${STATUS_STYLES[p.status] ?? ""}`}>{p.status.toLowerCase()}</span>
                    </td>
                    <td rowSpan={span} className="px-3 py-2 align-top">
                      {p.category.name}
                    </td>
                    <td rowSpan={span} className="whitespace-nowrap px-3 py-2 align-top text-slate-600">
                      <DateTime value={p.updatedAt} />
                    </td>
                  </>
                );
                return (
                  <tbody key={p.id} className="border-b border-slate-100 last:border-0" data-testid="product-row">
                    {p.variants.length === 0 ? (
                      <tr>
                        {product}
                        <td colSpan={3} className="px-3 py-2 text-slate-500">
                          No variants
                        </td>
                        {tail}
                      </tr>
                    ) : (
                      p.variants.map((v, i) => {
                        const state = stockState(v.stock, v.lowStockThreshold);
                        return (
                          <tr key={v.id} data-testid="variant-row">
                            {i === 0 ? product : null}
                            <td className="px-3 py-2 align-top">
                              <label className="flex items-start gap-2">
                                <input
                                  type="checkbox"
                                  className="mt-0.5"
                                  aria-label={`Select ${v.sku}`}
                                  checked={selected.has(v.id)}
                                  onChange={() => {
                                    const next = new Set(selected);
                                    if (next.has(v.id)) next.delete(v.id);
                                    else next.add(v.id);
                                    setSelected(next);
                                  }}
                                />
                                <span>
                                  <span className="block font-mono text-xs">{v.sku}</span>
                                  <span className="block text-xs text-slate-500">{v.title}</span>
                                </span>
                              </label>
                            </td>
                            <td className="px-3 py-2 align-top">
                              <PriceCell variant={v} productVersion={p.version} />
                            </td>
                            <td className="px-3 py-2 align-top">
                              <StockCell variant={v} />
                              {state !== "in-stock" ? (
                                <div className={`mt-1 text-right text-xs ${state === "out" ? "text-red-700" : "text-amber-700"}`}>
                                  {state === "out" ? "Out of stock" : "Low stock"}
                                </div>
                              ) : null}
                            </td>
                            {i === 0 ? tail : null}
                          </tr>
                        );
                      })
                    )}
                  </tbody>
                );
              })}
            </table>
          </div>
          <nav aria-label="Pagination" className="flex items-center justify-between gap-3 text-sm">
            {data.page > 1 ? (
              <Link href={tableHref(params, { page: Math.min(data.page - 1, data.pageCount) })} className="text-brand-700 underline" rel="prev">
                Previous page
              </Link>
            ) : (
              <span />
            )}
            <span>
              Page {data.page} of {data.pageCount}
            </span>
            {data.page < data.pageCount ? (
              <Link href={tableHref(params, { page: data.page + 1 })} className="text-brand-700 underline" rel="next">
                Next page
              </Link>
            ) : (
              <span />
            )}
          </nav>
        </>
      )}
    </div>
  );
}
