// Loaded with `node --import` before every npm script that reaches the database (start, db:*,
// cli, test, bench:*): the Prisma client is generated code, kept out of git and made offline
// from prisma/schema.prisma, so any of those commands works as the first one after `npm ci`
// (also `npm ci --omit=dev`: prisma is a dependency). It is generated again when the schema
// changed since (a pull that adds a migration). Plain JavaScript: it runs before tsx is loaded.
// Its output goes to stderr, so a command's stdout stays its result alone (the CLI's contract).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const client = path.join(root, "generated/prisma/client.ts");
const stamp = path.join(root, "generated/prisma/.schema-sha256");
const schema = createHash("sha256").update(readFileSync(path.join(root, "prisma/schema.prisma"))).digest("hex");

if (!existsSync(client) || !existsSync(stamp) || readFileSync(stamp, "utf8") !== schema) {
  process.stderr.write("[livemarket] generating the Prisma client (prisma/schema.prisma changed or was never generated)\n");
  const r = spawnSync(process.execPath, [path.join(root, "node_modules/prisma/build/index.js"), "generate", "--no-hints"], {
    cwd: root,
    stdio: ["ignore", process.stderr, process.stderr],
  });
  if (r.status !== 0) {
    process.stderr.write(`[livemarket] prisma generate failed (exit ${r.status ?? r.signal})\n`);
    process.exit(1);
  }
  writeFileSync(stamp, schema);
}
