"use client";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CategoryOptions } from "@/components/ui/category-options";
import { Field, FieldError, Labelled, SelectField } from "@/components/ui/field";
import { AdjustStockButton } from "@/components/seller/inventory/adjust-stock-dialog";
import { newerOf } from "@/client/live/apply-live-event";
import { useTRPC } from "@/client/trpc";
import { describeError, type AppErrorData } from "@/client/trpc-errors";
import type { CategoryOption } from "@/server/services/product-editor/get-product";
import { slugify } from "@/shared/slug";
import { ConflictPanel } from "./conflict-panel";
import { ImageManager } from "./image-manager";
import { conflictRows, emptyForm, generateVariants, mergeMine, emptyVariant, toForm, validateForm, type LoadedProduct, type OptionAxis, type ProductForm, type Status, type VariantForm } from "./form-state";

const STATUS_LABEL: Record<Status, string> = { DRAFT: "Draft", ACTIVE: "Published", ARCHIVED: "Archived" };

/** /seller/products/new */
export function NewProductEditor() {
  const trpc = useTRPC();
  const { data: categories } = useSuspenseQuery(trpc.seller.products.categories.queryOptions());
  return <EditorForm initial={null} categories={categories} stockById={{}} />;
}

/** /seller/products/[id] */
export function ProductEditor({ productId }: { productId: string }) {
  const trpc = useTRPC();
  const { data: categories } = useSuspenseQuery(trpc.seller.products.categories.queryOptions());
  const { data: product } = useSuspenseQuery(trpc.seller.products.get.queryOptions({ id: productId }));
  // Stock is not part of the form: it changes through "Adjust stock" and is read live here.
  const stockById = Object.fromEntries(product.variants.map((v) => [v.id, v.stock]));
  return <EditorForm initial={product} categories={categories} stockById={stockById} />;
}

function conflictOf(err: unknown): LoadedProduct | null {
  if (!(err instanceof TRPCClientError)) return null;
  const data = (err.data ?? {}) as AppErrorData;
  if (data.appCode !== "VERSION_CONFLICT") return null;
  return ((data.details ?? {}) as { current?: LoadedProduct }).current ?? null;
}

function EditorForm({ initial, categories, stockById }: { initial: LoadedProduct | null; categories: CategoryOption[]; stockById: Record<string, number> }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const formId = useId();
  const [loaded, setLoaded] = useState<LoadedProduct | null>(initial);
  const [form, setForm] = useState<ProductForm>(() => (initial ? toForm(initial) : emptyForm()));
  const [slugTouched, setSlugTouched] = useState(initial !== null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [conflict, setConflict] = useState<LoadedProduct | null>(null);
  const [confirmArchive, setConfirmArchive] = useState(false);
  // Where the result of an action should take the seller: the conflict panel, or the first field
  // with an error (set with the state that shows them, applied once they are rendered).
  const [focusTarget, setFocusTarget] = useState<{ to: "conflict" | "error"; n: number } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const conflictRef = useRef<HTMLElement>(null);
  const [axes, setAxes] = useState<OptionAxis[]>([
    { name: "Size", values: "" },
    { name: "Colour", values: "" },
  ]);
  const [generated, setGenerated] = useState<string | null>(null);

  useEffect(() => {
    if (!focusTarget) return;
    const el = focusTarget.to === "conflict" ? conflictRef.current : formRef.current?.querySelector<HTMLElement>("[aria-invalid='true'], [data-error-anchor]");
    if (!el) return;
    el.scrollIntoView({ block: "center", behavior: "smooth" });
    el.focus({ preventScroll: true });
  }, [focusTarget]);

  const categoryName = useMemo(() => {
    const names = new Map<string, string>();
    for (const c of categories) {
      names.set(c.id, c.name);
      for (const ch of c.children) names.set(ch.id, `${c.name} › ${ch.name}`);
    }
    return (id: string) => names.get(id) ?? (id ? "(unknown)" : "(none)");
  }, [categories]);

  function accept(saved: LoadedProduct, text: string) {
    setLoaded(saved);
    setForm(toForm(saved));
    setConflict(null);
    setErrors({});
    setMessage(null);
    setNotice(text);
    queryClient.setQueryData(trpc.seller.products.get.queryKey({ id: saved.id }), (cached) => newerOf(cached, saved) as never);
  }

  function fail(err: unknown) {
    const current = conflictOf(err);
    if (current) {
      setConflict(current);
      setNotice(null);
      setMessage(null);
      setFocusTarget((t) => ({ to: "conflict", n: (t?.n ?? 0) + 1 }));
      return;
    }
    const d = describeError(err);
    setConflict(null);
    setErrors(d.fieldErrors);
    setMessage(d.message);
    setNotice(null);
    if (Object.keys(d.fieldErrors).length) setFocusTarget((t) => ({ to: "error", n: (t?.n ?? 0) + 1 }));
  }

  const create = useMutation(
    trpc.seller.products.create.mutationOptions({
      onSuccess: (p) => router.push(`/seller/products/${p.id}?created=1`),
      onError: fail,
    }),
  );
  const update = useMutation(trpc.seller.products.update.mutationOptions({ onSuccess: (p) => accept(p, "Saved."), onError: fail }));
  const setStatus = useMutation(
    trpc.seller.products.setStatus.mutationOptions({
      onSuccess: (p) => {
        // Keep what the seller is typing; only status and version move on.
        setLoaded(p);
        setConfirmArchive(false);
        setNotice(`Status: ${STATUS_LABEL[p.status]}.`);
        setMessage(null);
        queryClient.setQueryData(trpc.seller.products.get.queryKey({ id: p.id }), (cached) => newerOf(cached, p) as never);
      },
      onError: (err) => {
        setConfirmArchive(false);
        fail(err);
      },
    }),
  );
  const busy = create.isPending || update.isPending || setStatus.isPending;

  function save(expectedVersion?: number, values: ProductForm = form) {
    // The whole form at once, with the procedure's own schema: every error on the first submit.
    const { input, errors: local } = validateForm(values, loaded);
    const count = Object.keys(local).length;
    if (count) {
      setErrors(local);
      setNotice(null);
      setMessage(`Not saved: ${count} ${count === 1 ? "field needs" : "fields need"} attention.`);
      setFocusTarget((t) => ({ to: "error", n: (t?.n ?? 0) + 1 }));
      return;
    }
    setErrors({});
    setMessage(null);
    setNotice(null);
    if (!loaded) create.mutate(input);
    else update.mutate({ ...input, id: loaded.id, expectedVersion: expectedVersion ?? loaded.version });
  }

  const set = <K extends keyof ProductForm>(k: K, v: ProductForm[K]) => setForm((f) => ({ ...f, [k]: v }));
  const setVariant = (i: number, patch: Partial<VariantForm>) =>
    setForm((f) => ({ ...f, variants: f.variants.map((v, j) => (j === i ? { ...v, ...patch } : v)) }));
  const moveVariant = (i: number, by: number) =>
    setForm((f) => {
      const vs = [...f.variants];
      const [it] = vs.splice(i, 1);
      vs.splice(i + by, 0, it!);
      return { ...f, variants: vs };
    });
  const err = (k: string) => errors[k];
  /** A variant input's value, change handler and error (the error's key is the input's, unless named). */
  const variantField = (i: number, key: "sku" | "title" | "price" | "compareAt" | "lowStockThreshold" | "initialStock", errorKey: string = key) => ({
    value: form.variants[i]![key],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setVariant(i, { [key]: e.target.value }),
    error: err(`variants.${i}.${errorKey}`),
  });

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <Link href="/seller/products" className="text-sm text-brand-700 underline">
            ← All products
          </Link>
          <h1 className="text-2xl font-bold">{loaded ? `Edit: ${loaded.title}` : "New product"}</h1>
          {loaded ? (
            <p className="text-sm text-slate-600">
              Status: <span data-testid="product-status">{STATUS_LABEL[loaded.status]}</span>
              {loaded.status === "ACTIVE" ? (
                <>
                  {" · "}
                  <Link href={`/products/${loaded.slug}`} className="text-brand-700 underline">
                    View in shop
                  </Link>
                </>
              ) : null}
            </p>
          ) : null}
        </div>
        {loaded ? (
          <div className="flex flex-wrap gap-2" aria-label="Status actions" role="group">
            {loaded.status === "DRAFT" ? (
              <Button onClick={() => setStatus.mutate({ id: loaded.id, expectedVersion: loaded.version, status: "ACTIVE" })} disabled={busy}>
                Publish
              </Button>
            ) : null}
            {loaded.status === "ACTIVE" ? (
              <Button variant="secondary" onClick={() => setStatus.mutate({ id: loaded.id, expectedVersion: loaded.version, status: "DRAFT" })} disabled={busy}>
                Unpublish to draft
              </Button>
            ) : null}
            {loaded.status !== "ARCHIVED" ? (
              <Button variant="secondary" onClick={() => setConfirmArchive(true)} disabled={busy}>
                Archive
              </Button>
            ) : (
              <Button onClick={() => setStatus.mutate({ id: loaded.id, expectedVersion: loaded.version, status: "ACTIVE" })} disabled={busy}>
                Restore
              </Button>
            )}
          </div>
        ) : null}
      </div>

      {confirmArchive && loaded ? (
        <div role="alertdialog" aria-labelledby={`${formId}-archive`} className="flex flex-col gap-3 rounded-lg border border-red-200 bg-red-50 p-4">
          <p id={`${formId}-archive`} className="text-sm text-red-900">
            Archive “{loaded.title}”? It disappears from the storefront (lists, search and its page) and can no longer be bought. Past orders keep it, and you can restore it later.
          </p>
          <div className="flex gap-2">
            <Button onClick={() => setStatus.mutate({ id: loaded.id, expectedVersion: loaded.version, status: "ARCHIVED" })} disabled={busy}>
              Yes, archive
            </Button>
            <Button variant="secondary" onClick={() => setConfirmArchive(false)}>
              Cancel
            </Button>
          </div>
        </div>
      ) : null}

      {conflict && loaded ? (
        <ConflictPanel
          ref={conflictRef}
          rows={conflictRows(loaded, conflict, form, categoryName)}
          busy={busy}
          onReload={() => accept(conflict, "Loaded the saved version. Your changes were discarded.")}
          onApplyMine={() => {
            const merged = mergeMine(loaded, conflict, form);
            setForm(merged);
            setLoaded(conflict);
            save(conflict.version, merged);
          }}
        />
      ) : null}
      <form
        ref={formRef}
        id={`${formId}-form`}
        aria-label="Product"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
        className="flex flex-col gap-6"
      >
        <section className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-2">
          <Field
            label="Title"
            value={form.title}
            onChange={(e) => {
              const title = e.target.value;
              setForm((f) => ({ ...f, title, slug: slugTouched ? f.slug : slugify(title) }));
            }}
            error={err("title")}
            required
          />
          <Field
            label="URL name"
            hint="Lower-case letters, digits and dashes; the product page is /products/<URL name>"
            value={form.slug}
            onChange={(e) => {
              setSlugTouched(true);
              set("slug", e.target.value);
            }}
            error={err("slug")}
            required
          />
          <Field label="Brand" value={form.brand} onChange={(e) => set("brand", e.target.value)} error={err("brand")} />
          <SelectField
            id={`${formId}-category`}
            label="Category"
            value={form.categoryId}
            onChange={(e) => set("categoryId", e.target.value)}
            error={err("categoryId")}
            className={`rounded-md border px-3 py-2 text-sm ${err("categoryId") ? "border-red-600" : "border-slate-300"}`}
            choices={[["", "Choose a category…"]]}
          >
            <CategoryOptions categories={categories} optionValue={(c) => c.id} wholeLabel={(c) => `${c.name} (all)`} />
          </SelectField>
          <Labelled id={`${formId}-description`} label="Description" className="flex flex-col gap-1 md:col-span-2">
            <textarea
              id={`${formId}-description`}
              rows={5}
              value={form.description}
              onChange={(e) => set("description", e.target.value)}
              className={`rounded-md border px-3 py-2 text-sm ${err("description") ? "border-red-600" : "border-slate-300"}`}
            />
            <FieldError error={err("description")} />
          </Labelled>
          <div className="md:col-span-2">
            <ImageManager images={form.images} onChange={(imgs) => set("images", imgs)} error={Object.entries(errors).find(([k]) => k.startsWith("images"))?.[1]} />
          </div>
        </section>

        <section className="flex flex-col gap-4">
          <h2 className="text-lg font-semibold">Variants</h2>
          {err("variants") ? (
            <p role="alert" className="text-sm text-red-700" tabIndex={-1} data-error-anchor>
              {err("variants")}
            </p>
          ) : null}
          <details className="rounded-lg border border-slate-200 bg-white p-4" data-testid="variant-generator">
            <summary className="cursor-pointer text-sm font-medium text-brand-700">Generate variants from options (size × colour …)</summary>
            <div className="mt-3 flex flex-col gap-3">
              <p className="text-xs text-slate-600">
                Name each option and list its values, separated by commas. Every combination you do not have yet is added as a variant, with the first variant&apos;s price; edit them before saving.
              </p>
              {axes.map((a, i) => (
                <div key={i} className="grid gap-2 md:grid-cols-[12rem_1fr]">
                  <Field label={`Option ${i + 1}`} value={a.name} onChange={(e) => setAxes((xs) => xs.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))} />
                  <Field
                    label={`${a.name.trim() || `Option ${i + 1}`} values`}
                    placeholder={i === 0 ? "S, M, L" : "Red, Navy"}
                    value={a.values}
                    onChange={(e) => setAxes((xs) => xs.map((x, j) => (j === i ? { ...x, values: e.target.value } : x)))}
                  />
                </div>
              ))}
              <div className="flex flex-wrap items-center gap-3">
                {axes.length < 3 ? (
                  <Button variant="ghost" onClick={() => setAxes((xs) => [...xs, { name: "", values: "" }])}>
                    Add an option
                  </Button>
                ) : null}
                <Button
                  variant="secondary"
                  onClick={() => {
                    const { form: next, added } = generateVariants(form, axes, form.slug);
                    setForm(next);
                    setGenerated(added === 0 ? "No new combinations: every one is already a variant (or no values were entered)." : `Added ${added} ${added === 1 ? "variant" : "variants"}. Check their SKUs and prices, then save.`);
                  }}
                >
                  Generate variants
                </Button>
                <span role="status" className="text-sm text-slate-700" data-testid="generate-result">
                  {generated}
                </span>
              </div>
            </div>
          </details>
          {form.variants.map((v, i) => (
            <fieldset key={v.key} className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4" data-testid="variant-row">
              <legend className="px-1 text-sm font-semibold">Variant {i + 1}</legend>
              <div className="grid gap-3 md:grid-cols-5">
                <Field label="SKU" {...variantField(i, "sku")} error={err(`variants.${i}.sku`) ?? err(`variants.${i}.id`)} required />
                <Field label="Variant title" {...variantField(i, "title")} />
                <Field label="Price" inputMode="decimal" placeholder="12.99" {...variantField(i, "price", "priceMinor")} required />
                <Field label="Was price (optional)" inputMode="decimal" placeholder="19.99" hint="On sale: shown struck through" {...variantField(i, "compareAt", "compareAtMinor")} />
                <Field label="Low-stock threshold" inputMode="numeric" {...variantField(i, "lowStockThreshold")} />
              </div>
              <div className="flex flex-col gap-2">
                <span className="text-sm font-medium text-slate-800">Options</span>
                {v.options.length === 0 ? <p className="text-xs text-slate-500">No options (e.g. size: M, colour: Red).</p> : null}
                {v.options.map((o, j) => (
                  <div key={j} className="flex flex-wrap items-end gap-2">
                    {(["name", "value"] as const).map((part) => (
                      <Field
                        key={part}
                        label={`Option ${j + 1} ${part}`}
                        value={o[part]}
                        onChange={(e) => setVariant(i, { options: v.options.map((x, k) => (k === j ? { ...x, [part]: e.target.value } : x)) })}
                        error={err(`variants.${i}.options.${j}.${part}`)}
                      />
                    ))}
                    <Button variant="ghost" onClick={() => setVariant(i, { options: v.options.filter((_, k) => k !== j) })} aria-label={`Remove option ${j + 1} of variant ${i + 1}`}>
                      Remove
                    </Button>
                  </div>
                ))}
                <Button variant="ghost" className="self-start" onClick={() => setVariant(i, { options: [...v.options, { name: "", value: "" }] })}>
                  Add option
                </Button>
              </div>
              <div className="flex flex-wrap items-center gap-3 border-t border-slate-100 pt-3">
                {v.id ? (
                  <>
                    <span className="text-sm">
                      In stock: <span className="font-semibold" data-testid="variant-stock">{stockById[v.id] ?? "—"}</span>
                    </span>
                    {loaded && stockById[v.id] !== undefined ? (
                      <>
                        <AdjustStockButton variantId={v.id} sku={loaded.variants.find((x) => x.id === v.id)?.sku ?? v.sku} stock={stockById[v.id]!} />
                        <Link href={`/seller/products/${loaded.id}/variants/${v.id}`} className="text-sm text-brand-700 underline">
                          Stock history
                        </Link>
                      </>
                    ) : null}
                  </>
                ) : (
                  <div className="w-40">
                    <Field label="Initial stock" inputMode="numeric" {...variantField(i, "initialStock")} />
                  </div>
                )}
                <div className="ml-auto flex gap-2">
                  <Button variant="ghost" onClick={() => moveVariant(i, -1)} disabled={i === 0} aria-label={`Move variant ${i + 1} up`}>
                    ↑
                  </Button>
                  <Button variant="ghost" onClick={() => moveVariant(i, 1)} disabled={i === form.variants.length - 1} aria-label={`Move variant ${i + 1} down`}>
                    ↓
                  </Button>
                  <Button
                    variant="ghost"
                    className="text-red-700"
                    disabled={form.variants.length === 1}
                    onClick={() => setForm((f) => ({ ...f, variants: f.variants.filter((_, j) => j !== i) }))}
                    aria-label={`Remove variant ${i + 1}`}
                  >
                    Remove variant
                  </Button>
                </div>
              </div>
            </fieldset>
          ))}
          <Button variant="secondary" className="self-start" onClick={() => setForm((f) => ({ ...f, variants: [...f.variants, emptyVariant()] }))}>
            Add variant
          </Button>
          {loaded && loaded.variants.some((lv) => !form.variants.some((v) => v.id === lv.id)) ? (
            <Alert tone="info">Saving removes {loaded.variants.filter((lv) => !form.variants.some((v) => v.id === lv.id)).map((v) => v.sku).join(", ")} and its stock history. Variants that were ordered or sit in carts cannot be removed.</Alert>
          ) : null}
        </section>

      </form>

      {/* The action bar stays in view at the bottom of the window, with the result of the last
          action beside the button that caused it. */}
      <div className="sticky bottom-0 z-10 -mx-4 flex flex-wrap items-center gap-3 border-t border-slate-200 bg-white/95 px-4 py-3 shadow-[0_-4px_12px_rgba(15,23,42,0.06)] backdrop-blur" data-testid="editor-action-bar">
        <Button type="submit" form={`${formId}-form`} disabled={busy}>
          {busy ? "Saving…" : loaded ? "Save changes" : "Create product"}
        </Button>
        <div className="min-w-0 flex-1 text-sm" role="status" aria-live="polite" data-testid="save-result">
          {conflict ? (
            <span className="font-medium text-amber-900">
              Not saved: someone else saved this product first.{" "}
              <button type="button" className="underline" onClick={() => setFocusTarget((t) => ({ to: "conflict", n: (t?.n ?? 0) + 1 }))}>
                Compare and choose
              </button>
            </span>
          ) : message ? (
            <span className="font-medium text-red-700">
              {message}{" "}
              {Object.keys(errors).length ? (
                <button type="button" className="underline" onClick={() => setFocusTarget((t) => ({ to: "error", n: (t?.n ?? 0) + 1 }))}>
                  Go to the first
                </button>
              ) : null}
            </span>
          ) : notice ? (
            <span className="font-medium text-emerald-800">{notice}</span>
          ) : !loaded ? (
            <span className="text-slate-600">New products start as drafts; publish them from the editor.</span>
          ) : null}
        </div>
      </div>
    </div>
  );
}
