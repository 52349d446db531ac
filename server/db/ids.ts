// Row ids the application makes itself (statements that insert many rows at once, where
// Prisma's client-side cuid() default does not apply): "c" and 24 hex digits, like the rest.
import "server-only";
import { randomBytes } from "node:crypto";

export const newId = (): string => `c${randomBytes(12).toString("hex")}`;

/** Rows claimed with `UPDATE … WHERE id IN (SELECT … ORDER BY id …) RETURNING`, put back in id
 * order (the order they were written): RETURNING answers rows in the order the update met them in
 * the table, not the subquery's, so a row updated before (a lease given back) or written into
 * space freed earlier comes out of turn. Sorts in place. */
export function inIdOrder<T extends { id: bigint | string }>(rows: T[]): T[] {
  return rows.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
}
