// What every CLI domain file (scripts/cli/<domain>.ts) gets from the runner (scripts/cli.ts):
// the database, opened on first use, and the two output streams. Tests build their own CliDeps
// over a test database and capture what a command writes.
//
// Output rule: stdout carries only the command's result, the thing a script would capture
// (`KEY=$(npm run -s cli -- api-key create …)`); every message for the operator goes to stderr.
import type { Command } from "commander";
import type { Db } from "@/server/db/client";
import type { DbClient } from "@/server/db/transaction";

export interface CliDeps {
  /** The database the environment names (DATABASE_URL, or the embedded one in DATA_DIR/pglite),
   * opened and migrated on the first call; the runner closes it after the command. */
  db(): Promise<Db>;
  /** The command's result: what a script captures. Write whole lines ("…\n"). */
  stdout(text: string): void;
  /** Everything else: progress, notes, warnings, errors. */
  stderr(text: string): void;
  /** All of standard input (for --password-stdin). */
  readStdin(): Promise<string>;
}

/** Each domain file exports this: it adds its commands to the program. */
export type RegisterCommands = (program: Command, deps: CliDeps) => void;

/** A refusal the operator can fix: printed as "error: <message>" with this exit status
 * (2 = the command line is wrong, 1 = the request was refused or failed). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
    this.name = "CliError";
  }
}

/** "a,b , c" -> ["a", "b", "c"] (empty items dropped). */
export function commaList(value: string): string[] {
  return value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A whole number option within [min, max], or a usage error naming the option. */
export function wholeNumber(option: string, min: number, max: number) {
  return (value: string): number => {
    const n = /^\d+$/.test(value.trim()) ? Number(value.trim()) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) throw new CliError(`${option} must be a whole number from ${min} to ${max}, got "${value}"`, 2);
    return n;
  };
}

export interface CliStore {
  id: string;
  slug: string;
  name: string;
  ownerId: string;
}

/** The store with this slug, or a clear refusal. */
export async function storeBySlug(db: DbClient, slug: string): Promise<CliStore> {
  const store = await db.store.findUnique({ where: { slug: slug.trim().toLowerCase() }, select: { id: true, slug: true, name: true, ownerId: true } });
  if (!store) throw new CliError(`No store with the slug "${slug}" (list them on /admin/stores)`);
  return store;
}

/** Fixed-width columns for list output (stdout), one row per line. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join("  ").trimEnd();
  return [line(header), ...rows.map(line)].join("\n") + "\n";
}
