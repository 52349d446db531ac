// pglite-prisma-adapter 0.6 reports every database error as {kind: "postgres", code} while
// Prisma 6.19 expects adapters to name the well-known ones (as @prisma/adapter-pg does). Without
// this, a unique violation on PGlite is an anonymous "Raw query failed" instead of P2002, and
// the app would answer differently on the two backends. We convert in the adapter's one error
// hook, the same mapping adapter-pg uses, so both backends raise the same Prisma errors.
import "server-only";
import { DriverAdapterError, type SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";

interface PgLikeError {
  code?: string;
  message: string;
  detail?: string;
  column?: string;
  constraint?: string;
  severity?: string;
  hint?: string;
}

function keyFields(detail?: string): { fields: string[] } | undefined {
  const fields = detail?.match(/Key \(([^)]+)\)/)?.at(1)?.split(", ");
  return fields ? { fields } : undefined;
}

export function convertPgError(e: PgLikeError): ConstructorParameters<typeof DriverAdapterError>[0] {
  const base = { originalCode: e.code, originalMessage: e.message };
  switch (e.code) {
    case "23505":
      return { ...base, kind: "UniqueConstraintViolation", constraint: keyFields(e.detail) };
    case "23502":
      return { ...base, kind: "NullConstraintViolation", constraint: keyFields(e.detail) };
    case "23503":
      return {
        ...base,
        kind: "ForeignKeyConstraintViolation",
        constraint: e.column ? { fields: [e.column] } : e.constraint ? { index: e.constraint } : undefined,
      };
    case "40001":
      return { ...base, kind: "TransactionWriteConflict" };
    default:
      return {
        ...base,
        kind: "postgres",
        code: e.code ?? "UNKNOWN",
        severity: e.severity ?? "ERROR",
        message: e.message,
        detail: e.detail,
        column: e.column,
        hint: e.hint,
      };
  }
}

const PATCHED = Symbol.for("livemarket.pglite-errors");

/** Installs the conversion on the adapter's shared base class (once per process). */
export async function patchPGliteErrors(factory: SqlDriverAdapterFactory): Promise<void> {
  const adapter = await factory.connect();
  const base = Object.getPrototypeOf(Object.getPrototypeOf(adapter)) as Record<PropertyKey, unknown>;
  if (base[PATCHED] || typeof base.onError !== "function") return;
  base.onError = function onError(error: unknown): never {
    if (error && typeof error === "object" && "code" in error && "message" in error) {
      throw new DriverAdapterError(convertPgError(error as PgLikeError));
    }
    throw error;
  };
  base[PATCHED] = true;
}

/** A Prisma adapter factory over an open PGlite instance, with errors converted. */
export async function pgliteAdapter(pglite: import("@electric-sql/pglite").PGlite): Promise<SqlDriverAdapterFactory> {
  const { PrismaPGlite } = await import("pglite-prisma-adapter");
  // The adapter is typed against an older @prisma/driver-adapter-utils than Prisma 6.19's; the
  // runtime contract is the same (every test on the embedded backend goes through it).
  const factory = new PrismaPGlite(pglite) as unknown as SqlDriverAdapterFactory;
  await patchPGliteErrors(factory);
  return factory;
}
