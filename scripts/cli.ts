// `npm run cli -- <command>`: the operators' management CLI (commander). Each domain adds its
// commands from scripts/cli/<domain>.ts through `register(program, deps)`; COMMANDS below is the
// list of those files, in help order. Add a domain there.
//
// The database is the one the environment names, like `npm start` and `npm run db:*`: the
// embedded PGlite in DATA_DIR/pglite, or DATABASE_URL. It is opened only by commands that need
// it, with pending migrations applied first (the same runner and advisory lock as `npm start`).
// PGlite is one process's database: while `npm start` (or `npm run dev`) has the embedded one
// open, the CLI refuses with the app's process id (the lock in server/db/client.ts) and changes
// nothing; stop the app, or run the app and the CLI on a PostgreSQL server (DATABASE_URL).
//
// stdout carries only a command's result (the new key, the generated password, the CSV, a list);
// everything else goes to stderr. Exit status: 0 done, 1 refused or failed, 2 bad command line
// or input.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Command, CommanderError } from "commander";
import { env, pgliteDir } from "@/server/env";
import { openDb, type DbHandle, type DbTarget } from "@/server/db/client";
import { migrateTarget } from "@/server/db/setup";
import { AppError, toAppError } from "@/server/errors";
import { closeCatalogInvalidationBus } from "@/server/services/catalog/catalog-invalidation";
import { CliError, type CliDeps, type RegisterCommands } from "./cli/deps";
import { register as admin } from "./cli/admin";
import { register as apiKeys } from "./cli/api-keys";
import { register as stores } from "./cli/stores";
import { register as webhooks } from "./cli/webhooks";

/** The domains, in help order. Each is `register(program, deps)` from scripts/cli/<domain>.ts. */
export const COMMANDS: RegisterCommands[] = [
  admin, //    admin create
  apiKeys, //  api-key create | list | revoke
  stores, //   store export | store import
  webhooks, // webhook add | list | replay
];

export function buildProgram(deps: CliDeps): Command {
  const program = new Command("npm run cli --")
    .description("Livemarket management CLI: the database is DATABASE_URL, or the embedded one in DATA_DIR")
    .exitOverride()
    .configureOutput({ writeOut: (s) => deps.stdout(s), writeErr: (s) => deps.stderr(s) })
    .showSuggestionAfterError();
  for (const registerDomain of COMMANDS) registerDomain(program, deps);
  return program;
}

function describeFailure(err: unknown): { message: string; exitCode: number } {
  if (err instanceof CliError) return { message: err.message, exitCode: err.exitCode };
  const app = err instanceof AppError ? err : toAppError(err);
  if (app.code === "INTERNAL") {
    // An operator's tool: the underlying message helps more than "Something went wrong".
    return { message: err instanceof Error ? err.message : String(err), exitCode: 1 };
  }
  const fields = Object.entries(app.fieldErrors ?? {}).map(([k, v]) => `\n  ${k}: ${v.join(", ")}`).join("");
  return { message: `${app.message}${fields}`, exitCode: app.code === "VALIDATION" ? 2 : 1 };
}

/** Runs one command line (the arguments after `cli --`); answers the exit status. */
export async function runCli(args: string[], deps: CliDeps): Promise<number> {
  const program = buildProgram(deps);
  try {
    await program.parseAsync(args, { from: "user" });
    return 0;
  } catch (err) {
    // Commander has already printed its own message (usage errors, --help).
    if (err instanceof CommanderError) return err.exitCode;
    const { message, exitCode } = describeFailure(err);
    deps.stderr(`error: ${message}\n`);
    return exitCode;
  }
}

/** The environment's database, opened (and migrated) on first use; `close()` after the command. */
export function lazyDb(target: DbTarget): { db: CliDeps["db"]; close(): Promise<void> } {
  let handle: Promise<DbHandle> | undefined;
  return {
    db() {
      handle ??= (async () => {
        const h = await openDb(target);
        try {
          await migrateTarget(target, h);
        } catch (err) {
          await h.close();
          throw err;
        }
        return h;
      })();
      return handle.then((h) => h.db);
    },
    async close() {
      if (handle) await (await handle.catch(() => null))?.close();
    },
  };
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString("utf8");
}

async function main(): Promise<void> {
  const target: DbTarget = env.DATABASE_URL ? { url: env.DATABASE_URL } : { pgliteDir: pgliteDir() };
  const database = lazyDb(target);
  const code = await runCli(process.argv.slice(2), {
    db: database.db,
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    readStdin: () => readAll(process.stdin),
  });
  await database.close();
  // A write published its catalogue invalidations over Redis (REDIS_URL): let the process end.
  await closeCatalogInvalidationBus();
  process.exitCode = code;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
