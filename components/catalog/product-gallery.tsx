"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";

const PLACEHOLDER = "/images/placeholder.svg";

/**
 * The product's images: the one shown large, and below it (with two or more) a row of
 * thumbnails, each a button that shows its image; the shown one is marked (aria-pressed).
 */
export function ProductGallery({ title, images }: { title: string; images: string[] }) {
  const t = useTranslations("product.detail");
  const all = images.length ? images : [PLACEHOLDER];
  const [picked, setPicked] = useState(0);
  // The list can shrink under us (a seller removes an image): fall back to the first.
  const shown = picked < all.length ? picked : 0;
  const altOf = (i: number) => (i === 0 ? title : t("imageAlt", { title, n: i + 1, total: all.length }));
  return (
    <div className="flex min-w-0 flex-col gap-3">
      {/* eslint-disable-next-line @next/next/no-img-element -- local SVGs need no optimisation */}
      <img
        src={all[shown]}
        alt={altOf(shown)}
        width={600}
        height={600}
        className="aspect-square w-full rounded-lg border border-slate-200 bg-white object-cover"
        data-testid="gallery-main"
      />
      {all.length > 1 ? (
        <ul className="flex flex-wrap gap-3" aria-label={t("images")}>
          {all.map((src, i) => (
            <li key={`${i}-${src}`}>
              <button
                type="button"
                onClick={() => setPicked(i)}
                aria-pressed={i === shown}
                aria-label={t("showImage", { n: i + 1, total: all.length })}
                className={`block overflow-hidden rounded-md border-2 bg-white ${i === shown ? "border-brand-600" : "border-slate-200 hover:border-slate-400"}`}
              >
                {/* eslint-disable-next-line @next/next/no-img-element -- local SVGs need no optimisation */}
                <img src={src} alt="" width={80} height={80} className="h-16 w-16 object-cover sm:h-20 sm:w-20" loading="lazy" />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
