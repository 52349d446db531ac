/** "1 product", "3 products": a count with its noun in the right number. */
export function countOf(n: number, one: string, many = `${one}s`): string {
  return n === 1 ? `1 ${one}` : `${n} ${many}`;
}
