// The interactive API reference's script (/docs/api): Swagger UI's standalone bundle, read from
// the swagger-ui-dist package in node_modules and served by our own app (no CDN), once per
// process (its stylesheet is imported by the page and bundled by Next.js). Only the listed
// files: the name is looked up, never joined into a path as given.
import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";

const ASSETS = {
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
} as const;
type AssetName = keyof typeof ASSETS;

const cache = new Map<AssetName, Promise<Buffer>>();
const isAsset = (name: string): name is AssetName => Object.hasOwn(ASSETS, name);

/** The asset's bytes and content type, or null for any other name. */
export async function docsAsset(name: string): Promise<{ body: Buffer; contentType: string } | null> {
  if (!isAsset(name)) return null;
  let bytes = cache.get(name);
  if (!bytes) {
    bytes = readFile(path.join(process.cwd(), "node_modules", "swagger-ui-dist", name));
    cache.set(name, bytes);
    bytes.catch(() => cache.delete(name));
  }
  return { body: await bytes, contentType: ASSETS[name] };
}
