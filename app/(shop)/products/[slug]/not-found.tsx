import Link from "next/link";

export default function ProductNotFound() {
  return (
    <div className="mx-auto max-w-md py-16 text-center">
      <h1 className="text-2xl font-bold">This product is no longer available</h1>
      <p className="mt-2 text-slate-600">
        The seller may have removed it, or the link may be mistyped. Similar products may still be in the shop.
      </p>
      <div className="mt-6 flex justify-center gap-4">
        <Link href="/search" className="text-brand-700 underline">
          Search products
        </Link>
        <Link href="/" className="text-brand-700 underline">
          Back to the shop
        </Link>
      </div>
    </div>
  );
}
