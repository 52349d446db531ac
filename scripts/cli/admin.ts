// `admin create --email … [--name …] [--password-stdin]`: a new admin account. With no password
// given, one is generated and printed (stdout, alone); the admin sets up two-factor at first
// sign-in when REQUIRE_2FA_FOR_STAFF asks for it.
import type { Command } from "commander";
import { inTransaction } from "@/server/db/transaction";
import { createAdmin, generatePassword } from "@/server/services/admin/create-admin";
import { CliError, type CliDeps } from "./deps";

export function register(program: Command, deps: CliDeps): void {
  const admin = program.command("admin").description("admin accounts");
  admin
    .command("create")
    .description("create an admin account; prints the generated password when none is given")
    .requiredOption("--email <email>", "the admin's email (their sign-in)")
    .option("--name <name>", "display name", "Administrator")
    .option("--password-stdin", "read the password from standard input instead of generating one")
    .action(async (opts: { email: string; name: string; passwordStdin?: boolean }) => {
      let password: string;
      if (opts.passwordStdin) {
        password = (await deps.readStdin()).replace(/\r?\n$/, "");
        if (!password) throw new CliError("--password-stdin: standard input was empty", 2);
      } else {
        password = generatePassword();
      }
      const db = await deps.db();
      const user = await inTransaction(db, (tx) => createAdmin(tx, { email: opts.email, name: opts.name, password }, { via: "cli" }));
      deps.stderr(`Created admin ${user.email} (id ${user.id}).\n`);
      if (!opts.passwordStdin) {
        deps.stderr("Their password (shown once; they can change it on /account/security):\n");
        deps.stdout(`${password}\n`);
      }
    });
}
