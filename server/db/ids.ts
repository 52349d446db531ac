// Row ids the application makes itself (statements that insert many rows at once, where
// Prisma's client-side cuid() default does not apply): "c" and 24 hex digits, like the rest.
import "server-only";
import { randomBytes } from "node:crypto";

export const newId = (): string => `c${randomBytes(12).toString("hex")}`;
