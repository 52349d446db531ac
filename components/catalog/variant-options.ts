// Pure helpers for the variant picker, shared by the product page (server: resolving a no-JS
// option submission to a variant) and the picker (client). No server imports.

export interface PickableVariant {
  id: string;
  title: string;
  options: Record<string, string>;
  stock: number;
}

export interface OptionGroup {
  name: string;
  values: string[];
}

/** URL parameters of a no-JS option submission: `opt_<name>=<value>`. */
export const OPTION_PARAM_PREFIX = "opt_";

/**
 * Option names and their values, in the order variants list them; null when the options
 * cannot describe the variants (a variant without options, or two variants with the same
 * options), in which case the picker lists variant titles instead.
 */
export function optionGroups(variants: PickableVariant[]): OptionGroup[] | null {
  if (variants.length === 0) return null;
  const names: string[] = [];
  const values = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const v of variants) {
    const keys = Object.keys(v.options);
    if (keys.length === 0) return null;
    for (const k of keys) {
      if (!values.has(k)) {
        names.push(k);
        values.set(k, []);
      }
      const list = values.get(k)!;
      if (!list.includes(v.options[k]!)) list.push(v.options[k]!);
    }
  }
  for (const v of variants) {
    const signature = JSON.stringify(names.map((n) => v.options[n] ?? null));
    if (seen.has(signature)) return null;
    seen.add(signature);
  }
  return names.map((name) => ({ name, values: values.get(name)! }));
}

/** The variant shown when the URL names none: the first in stock, else the first. The product
 * page picks it once, when it opens, and keeps it when its stock changes (product-detail.tsx). */
export function defaultVariant<V extends PickableVariant>(variants: V[]): V | undefined {
  return variants.find((v) => v.stock > 0) ?? variants[0];
}

/**
 * The variant for a wanted set of option values: an exact match, else among variants with the
 * `priority` option's value (the one just chosen) the one agreeing on the most other options.
 */
export function pickVariant<V extends PickableVariant>(variants: V[], wanted: Record<string, string>, priority?: string): V | undefined {
  const keys = Object.keys(wanted);
  const score = (v: V) => keys.filter((k) => v.options[k] === wanted[k]).length;
  const pool = priority ? variants.filter((v) => v.options[priority] === wanted[priority]) : variants;
  let best: V | undefined;
  for (const v of pool.length ? pool : variants) if (!best || score(v) > score(best)) best = v;
  return best;
}

/** "size" -> "Size". */
export function optionLabel(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
