// How an enum value reads on a page: its words in sentence case ("PAID" → "Paid",
// "LOW_STOCK" → "Low stock"), unless a table names a better phrase for it.

export function enumLabels<V extends string>(values: readonly V[], phrases: Partial<Record<V, string>> = {}): Record<V, string> {
  return Object.fromEntries(values.map((v) => [v, phrases[v] ?? sentenceCase(v)])) as Record<V, string>;
}

function sentenceCase(value: string): string {
  const words = value.toLowerCase().replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
