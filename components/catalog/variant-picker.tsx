"use client";
import { useTranslations } from "next-intl";
import { optionGroups, optionLabel, OPTION_PARAM_PREFIX, pickVariant, type PickableVariant } from "./variant-options";

/**
 * Native radio groups, one per option (size, colour, …), or one group of variant titles when
 * options cannot tell the variants apart. Arrow keys move within a group, as usual for radios.
 * It is a GET form to the product page: without JavaScript the "Show selection" button
 * submits it; with JavaScript a change calls `onSelect` at once.
 */
export function VariantPicker<V extends PickableVariant>({
  action,
  variants,
  selected,
  onSelect,
}: {
  action: string;
  variants: V[];
  selected: V;
  onSelect: (variant: V) => void;
}) {
  const t = useTranslations("product.variants");
  const groups = optionGroups(variants);
  const pill =
    "flex cursor-pointer items-center gap-2 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-600";
  const soldOut = <span className="text-xs text-slate-500">{t("outOfStock")}</span>;
  return (
    <form action={action} method="get" className="flex flex-col gap-4" aria-label={t("choose")}>
      {groups ? (
        groups.map((g) => (
          <fieldset key={g.name}>
            <legend className="mb-2 text-sm font-semibold text-slate-900">
              {optionLabel(g.name)}: <span className="font-normal">{selected.options[g.name] ?? "—"}</span>
            </legend>
            <div className="flex flex-wrap gap-2">
              {g.values.map((value) => {
                const target = pickVariant(variants, { ...selected.options, [g.name]: value }, g.name);
                return (
                  <label key={value} className={pill}>
                    <input
                      type="radio"
                      name={`${OPTION_PARAM_PREFIX}${g.name}`}
                      value={value}
                      checked={selected.options[g.name] === value}
                      onChange={() => target && onSelect(target)}
                      className="accent-brand-600"
                    />
                    {value}
                    {target && target.stock <= 0 && target.options[g.name] === value ? soldOut : null}
                  </label>
                );
              })}
            </div>
          </fieldset>
        ))
      ) : (
        <fieldset>
          <legend className="mb-2 text-sm font-semibold text-slate-900">{t("variant")}</legend>
          <div className="flex flex-wrap gap-2">
            {variants.map((v) => (
              <label key={v.id} className={pill}>
                <input type="radio" name="variant" value={v.id} checked={v.id === selected.id} onChange={() => onSelect(v)} className="accent-brand-600" />
                {v.title || t("default")}
                {v.stock <= 0 ? soldOut : null}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      <noscript>
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100">
          {t("show")}
        </button>
      </noscript>
    </form>
  );
}
