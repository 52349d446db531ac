import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "../../generated/prisma/client.ts";
import { migrate, pgliteExecutor } from "../../server/db/migrate.ts";
const pg = new PGlite(); await migrate(pgliteExecutor(pg));
const db = new PrismaClient({ adapter: new PrismaPGlite(pg) as any });
await db.user.create({ data: { email: "a@b.c", name: "a", passwordHash: "x" } });
try { await db.user.create({ data: { email: "a@b.c", name: "a", passwordHash: "x" } }); } catch (e: any) { console.log("UNIQUE", e.cause, e.name); }
try { await db.$executeRawUnsafe(`insert into "Category"(id,name,slug) values ('c','c','c')`); await db.$executeRawUnsafe(`update "Category" set "parentId"='zz'`);} catch (e: any) { console.log("FK", e.code, e.meta); }
await db.$disconnect(); await pg.close();
