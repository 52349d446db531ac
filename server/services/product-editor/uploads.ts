// Product image uploads: checked by their first bytes (not the name or the browser's type),
// at most 5 MB, then decoded and encoded again (sharp) in the same format, so what is stored
// is pixels only: a file that is also HTML or script (a GIF/HTML polyglot, a payload appended
// or hidden in a comment or EXIF) is either refused, when it does not decode as an image, or
// stored without the payload. Stored under <DATA_DIR>/uploads with a random name and served
// back by app/uploads/[name]/route.ts. SVG is refused: it can carry scripts.
import "server-only";
import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

export const IMAGE_TYPES = {
  png: "image/png",
  jpg: "image/jpeg",
  webp: "image/webp",
  gif: "image/gif",
} as const;
export type ImageExt = keyof typeof IMAGE_TYPES;

/** Stored names: 32 random hex characters and the detected type's extension. */
export const UPLOAD_NAME_RE = /^[a-f0-9]{32}\.(png|jpg|webp|gif)$/;

const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));

/** The image type from its magic bytes, or null. */
export function detectImageType(bytes: Uint8Array): ImageExt | null {
  if (bytes.length >= 8 && bytes[0] === 0x89 && ascii(bytes, 1, 4) === "PNG" && bytes[4] === 0x0d && bytes[5] === 0x0a && bytes[6] === 0x1a && bytes[7] === 0x0a) return "png";
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "jpg";
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 12) === "WEBP") return "webp";
  if (bytes.length >= 6 && (ascii(bytes, 0, 6) === "GIF87a" || ascii(bytes, 0, 6) === "GIF89a")) return "gif";
  return null;
}

export function uploadsDir(dataDir: string = env.DATA_DIR): string {
  return path.resolve(dataDir, "uploads");
}

/** Checks an upload; throws VALIDATION with a message a seller understands. */
export function validateImage(bytes: Uint8Array): ImageExt {
  if (bytes.length === 0) throw new AppError("VALIDATION", "The file is empty.", { fieldErrors: { file: ["The file is empty."] } });
  if (bytes.length > MAX_UPLOAD_BYTES) {
    const mb = (bytes.length / 1024 / 1024).toFixed(1);
    throw new AppError("VALIDATION", `The image is ${mb} MB; the limit is 5 MB.`, { fieldErrors: { file: [`The image is ${mb} MB; the limit is 5 MB.`] } });
  }
  const ext = detectImageType(bytes);
  if (!ext) {
    const msg = "Only PNG, JPEG, WebP and GIF images can be uploaded (SVG is not accepted).";
    throw new AppError("VALIDATION", msg, { fieldErrors: { file: [msg] } });
  }
  return ext;
}

/** Images larger than this many pixels are refused before decoding (decompression bombs). */
const MAX_PIXELS = 40_000_000;

/**
 * Decodes the image and encodes it again in its own format, keeping only pixels (no comments,
 * EXIF or trailing bytes; a JPEG's EXIF orientation is applied first). Anything that does not
 * decode as the image its first bytes claim is refused.
 */
export async function reencodeImage(bytes: Uint8Array, ext: ImageExt): Promise<Buffer> {
  const animated = ext === "gif" || ext === "webp";
  let out: Buffer;
  try {
    const img = sharp(bytes, { animated, limitInputPixels: MAX_PIXELS });
    if (!animated) img.rotate();
    out = await (ext === "png" ? img.png() : ext === "jpg" ? img.jpeg({ quality: 90 }) : ext === "webp" ? img.webp({ quality: 90 }) : img.gif()).toBuffer();
  } catch {
    out = Buffer.alloc(0);
  }
  if (out.length === 0 || detectImageType(out) !== ext) {
    const msg = `The file is not a valid ${ext === "jpg" ? "JPEG" : ext.toUpperCase()} image (it could not be read as one).`;
    throw new AppError("VALIDATION", msg, { fieldErrors: { file: [msg] } });
  }
  return out;
}

/** Validates, cleans (reencodeImage) and stores an image; returns its URL path (/uploads/<name>). */
export async function saveUpload(input: Uint8Array, dataDir?: string): Promise<{ url: string; name: string; contentType: string; size: number }> {
  const ext = validateImage(input);
  const bytes = await reencodeImage(input, ext);
  const dir = uploadsDir(dataDir);
  await mkdir(dir, { recursive: true });
  const name = `${randomBytes(16).toString("hex")}.${ext}`;
  await writeFile(path.join(dir, name), bytes, { flag: "wx" });
  return { url: `/uploads/${name}`, name, contentType: IMAGE_TYPES[ext], size: bytes.length };
}

/** A stored upload by name, or null (bad name or no such file). */
export async function readUpload(name: string, dataDir?: string): Promise<{ bytes: Buffer; contentType: string } | null> {
  const m = UPLOAD_NAME_RE.exec(name);
  if (!m) return null;
  try {
    const bytes = await readFile(path.join(uploadsDir(dataDir), name));
    return { bytes, contentType: IMAGE_TYPES[m[1] as ImageExt] };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
}
