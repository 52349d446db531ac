// `api-key create | list | revoke`: store and platform API keys through the key service
// (server/services/api-keys), the same rules as the key pages.
//
// Who the CLI acts as: a key is always made by a user (a store's key acts as the store's owner,
// a platform key as the admin who made it), so the CLI acts as one and the audit log names them:
// the store's owner by default for store keys, and `--as <email>` (an enabled admin) for platform
// keys or when the owner can no longer act (demoted, disabled).
import type { Command } from "commander";
import type { Db } from "@/server/db/client";
import { inTransaction } from "@/server/db/transaction";
import { createApiKey, listApiKeys, revokeApiKey, type ApiKeyActor, type ApiKeyView } from "@/server/services/api-keys";
import { API_KEY_PATTERN, API_KEY_PREFIX, API_SCOPES, type ApiScope } from "@/shared/api-scopes";
import { CliError, commaList, storeBySlug, table, wholeNumber, type CliDeps } from "./deps";

const DAY_MS = 24 * 60 * 60 * 1000;

function parseScopes(value: string): ApiScope[] {
  const scopes = commaList(value);
  const unknown = scopes.filter((s) => !(API_SCOPES as readonly string[]).includes(s));
  if (scopes.length === 0 || unknown.length > 0) {
    throw new CliError(`--scopes: ${unknown.length ? `unknown scope ${unknown.map((s) => `"${s}"`).join(", ")}` : "name at least one"}; choose from ${API_SCOPES.join(", ")}`, 2);
  }
  return scopes as ApiScope[];
}

/** The user the CLI acts as (see the top of this file). */
async function actorFor(db: Db, opts: { as?: string; store: { ownerId: string; slug: string } | null }): Promise<ApiKeyActor> {
  if (opts.as) {
    const user = await db.user.findUnique({ where: { email: opts.as.trim().toLowerCase() }, select: { id: true, role: true, disabledAt: true } });
    if (!user) throw new CliError(`--as: no account with the email ${opts.as}`);
    if (user.disabledAt) throw new CliError(`--as: ${opts.as} is disabled`);
    return { id: user.id, role: user.role };
  }
  if (!opts.store) throw new CliError("Platform keys are managed by admins (a platform key acts as the admin who made it): name one with --as <admin email>", 2);
  const owner = await db.user.findUniqueOrThrow({ where: { id: opts.store.ownerId }, select: { id: true, role: true, disabledAt: true } });
  if (owner.role !== "SELLER" || owner.disabledAt) {
    throw new CliError(`The owner of ${opts.store.slug} is no longer an enabled seller (their keys do not work); name an admin with --as <email>`);
  }
  return { id: owner.id, role: owner.role };
}

const iso = (d: Date | null) => (d ? d.toISOString().replace(/\.\d{3}Z$/, "Z") : "-");

function state(k: ApiKeyView, now: Date): string {
  if (k.revokedAt) return `revoked ${iso(k.revokedAt)}`;
  if (k.expiresAt && k.expiresAt <= now) return "expired";
  return "active";
}

/** The key named by its id, its prefix (with or without `lm_live_`), or its whole secret. */
async function findKey(db: Db, ref: string): Promise<{ id: string; storeId: string | null; store: { slug: string; ownerId: string } | null }> {
  const text = ref.trim();
  const prefix = API_KEY_PATTERN.exec(text)?.[1] ?? /^(?:lm_live_)?([0-9a-f]{16})$/.exec(text)?.[1];
  const select = { id: true, storeId: true, store: { select: { slug: true, ownerId: true } } } as const;
  const key = prefix ? await db.apiKey.findUnique({ where: { prefix }, select }) : await db.apiKey.findUnique({ where: { id: text }, select });
  if (!key) throw new CliError(`No API key with the id or prefix "${ref}"`);
  return key;
}

export function register(program: Command, deps: CliDeps): void {
  const apiKey = program.command("api-key").description("store and platform API keys");

  apiKey
    .command("create")
    .description("create a key and print it (only the key, on stdout; it is shown once)")
    .option("--store <slug>", "a key for this store (acts as its owner)")
    .option("--platform", "a platform key (admins' REST API; needs --as)")
    .requiredOption("--scopes <list>", `comma-separated: ${API_SCOPES.join(", ")} (admin only on platform keys)`, parseScopes)
    .option("--name <name>", "what the key is for", "CLI key")
    .option("--expires-in-days <days>", "expire after this many days (default: never)", wholeNumber("--expires-in-days", 1, 3650))
    .option("--as <email>", "act as this user (an enabled admin; default for store keys: the store's owner)")
    .action(async (opts: { store?: string; platform?: boolean; scopes: ApiScope[]; name: string; expiresInDays?: number; as?: string }) => {
      if (Boolean(opts.store) === Boolean(opts.platform)) throw new CliError("Name exactly one of --store <slug> or --platform", 2);
      const db = await deps.db();
      const store = opts.store ? await storeBySlug(db, opts.store) : null;
      const actor = await actorFor(db, { as: opts.as, store });
      const expiresAt = opts.expiresInDays ? new Date(Date.now() + opts.expiresInDays * DAY_MS) : null;
      const { key, secret } = await inTransaction(db, (tx) => createApiKey(tx, { actor, storeId: store?.id ?? null, name: opts.name, scopes: opts.scopes, expiresAt }));
      deps.stderr(
        `Created ${store ? `a key for ${store.slug}` : "a platform key"}: "${key.name}" (id ${key.id}, ${API_KEY_PREFIX}${key.prefix}), scopes ${key.scopes.join(", ")}` +
          `${key.expiresAt ? `, expires ${iso(key.expiresAt)}` : ""}. It is shown once:\n`,
      );
      deps.stdout(`${secret}\n`);
    });

  apiKey
    .command("list")
    .description("list a store's keys (--store) or the platform's (never their secrets)")
    .option("--store <slug>", "this store's keys (default: platform keys)")
    .action(async (opts: { store?: string }) => {
      const db = await deps.db();
      const store = opts.store ? await storeBySlug(db, opts.store) : null;
      const keys = await listApiKeys(db, { storeId: store?.id ?? null });
      const now = new Date();
      deps.stderr(`${keys.length} ${store ? `key${keys.length === 1 ? "" : "s"} of ${store.slug}` : `platform key${keys.length === 1 ? "" : "s"}`}\n`);
      if (keys.length === 0) return;
      deps.stdout(
        table(
          ["ID", "PREFIX", "NAME", "SCOPES", "CREATED", "LAST USED", "EXPIRES", "STATE"],
          keys.map((k) => [
            k.id,
            `${API_KEY_PREFIX}${k.prefix}`,
            k.name,
            k.scopes.join(","),
            iso(k.createdAt),
            k.lastUsedAt ? `${iso(k.lastUsedAt)} ${k.lastUsedAddress ?? ""}`.trim() : "never",
            iso(k.expiresAt),
            state(k, now),
          ]),
        ),
      );
    });

  apiKey
    .command("revoke")
    .description("revoke a key at once: the next request made with it is refused (401)")
    .argument("<key>", "the key's id or prefix (lm_live_<16 hex>)")
    .option("--as <email>", "act as this user (an enabled admin; default for store keys: the store's owner)")
    .action(async (ref: string, opts: { as?: string }) => {
      const db = await deps.db();
      const found = await findKey(db, ref);
      const actor = await actorFor(db, { as: opts.as, store: found.store });
      const key = await inTransaction(db, (tx) => revokeApiKey(tx, { actor, storeId: found.storeId, id: found.id }));
      deps.stderr(`Revoked "${key.name}" (${API_KEY_PREFIX}${key.prefix}) at ${iso(key.revokedAt)}.\n`);
    });
}
