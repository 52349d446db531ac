import Form from "next/form";

/**
 * The product search form: a GET form to /search with one field, `q`. Without JavaScript it
 * is a plain form submission; with it, next/form navigates on the client.
 */
export function SearchBox({
  defaultValue = "",
  className = "",
  landmarkLabel = "Product search",
}: {
  defaultValue?: string;
  className?: string;
  /** Name of the search landmark; give each search box on a page its own. */
  landmarkLabel?: string;
}) {
  return (
    <Form action="/search" role="search" aria-label={landmarkLabel} className={`flex w-full max-w-xl items-stretch gap-2 ${className}`}>
      <label className="flex-1">
        <span className="sr-only">Search products</span>
        <input
          type="search"
          name="q"
          defaultValue={defaultValue}
          maxLength={200}
          placeholder="Search products"
          autoComplete="off"
          enterKeyHint="search"
          className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm placeholder:text-slate-500"
        />
      </label>
      <button
        type="submit"
        className="inline-flex items-center justify-center rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white transition-colors hover:bg-brand-700"
      >
        Search
      </button>
    </Form>
  );
}
