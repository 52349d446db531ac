/** A category and its children, as the category selects offer them. */
export interface CategoryOption {
  slug: string;
  name: string;
  children: { slug: string; name: string }[];
}

type Category = { slug: string; name: string };

/**
 * The option groups of a category select: one group per top-level category, offering the whole
 * category first, then each child. Options are valued by slug unless `optionValue` says otherwise.
 */
export function CategoryOptions<C extends Category>({
  categories,
  optionValue = (c) => c.slug,
  wholeLabel = (c) => `All ${c.name}`,
}: {
  categories: readonly (C & { children: readonly C[] })[];
  optionValue?: (c: C) => string;
  /** the option for the whole top-level category */
  wholeLabel?: (c: C) => string;
}) {
  return categories.map((c) => (
    <optgroup key={optionValue(c)} label={c.name}>
      <option value={optionValue(c)}>{wholeLabel(c)}</option>
      {c.children.map((child) => (
        <option key={optionValue(child)} value={optionValue(child)}>
          {child.name}
        </option>
      ))}
    </optgroup>
  ));
}
