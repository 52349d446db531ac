// URL names ("slugs") of products and stores: lower-case letters, digits and single dashes.

export const SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SLUG_MESSAGE = "Lower-case letters, digits and single dashes";

/** A slug made from a title or name: accents dropped, "&" spelled out, anything else a dash. */
export function slugify(text: string, maxLength = 200): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, maxLength)
    .replace(/-+$/, "");
}
