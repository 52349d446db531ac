// Upload checks: the type comes from the file's first bytes, the size is capped, SVG is refused,
// and a stored image reads back with its content type.
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { detectImageType, MAX_UPLOAD_BYTES, readUpload, saveUpload } from "./uploads";
import { appErrorOf } from "@/test/errors";

// A 1x1 transparent PNG.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64");


describe("image uploads", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "lm-uploads-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("stores a PNG under a random name and serves it back as image/png", async () => {
    const saved = await saveUpload(new Uint8Array(PNG), dir);
    expect(saved.url).toMatch(/^\/uploads\/[a-f0-9]{32}\.png$/);
    const back = await readUpload(saved.name, dir);
    expect(back?.contentType).toBe("image/png");
    expect(Buffer.compare(back!.bytes, PNG)).toBe(0);
    const other = await saveUpload(new Uint8Array(PNG), dir);
    expect(other.name).not.toBe(saved.name);
  });

  it("knows JPEG, WebP and GIF by their first bytes, whatever the name says", () => {
    expect(detectImageType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toBe("jpg");
    expect(detectImageType(new Uint8Array(Buffer.from("RIFF\0\0\0\0WEBPVP8 ")))).toBe("webp");
    expect(detectImageType(new Uint8Array(Buffer.from("GIF89a\x01\0\x01\0")))).toBe("gif");
  });

  it("refuses an image over 5 MB with a clear message and stores nothing", async () => {
    const big = new Uint8Array(MAX_UPLOAD_BYTES + 1);
    big.set(PNG.subarray(0, 8));
    const before = await readdir(path.join(dir, "uploads")).catch(() => []);
    const err = await appErrorOf(saveUpload(big, dir));
    expect(err.code).toBe("VALIDATION");
    expect(err.message).toMatch(/limit is 5 MB/);
    expect(await readdir(path.join(dir, "uploads")).catch(() => [])).toEqual(before);
  });

  it.each([
    ["an SVG", Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')],
    ["a text file named .png", Buffer.from("hello, I am not an image")],
    ["an empty file", Buffer.alloc(0)],
  ])("refuses %s", async (_name, bytes) => {
    const err = await appErrorOf(saveUpload(new Uint8Array(bytes), dir));
    expect(err.code).toBe("VALIDATION");
    expect(err.fieldErrors?.file?.[0]).toBeTruthy();
  });

  it("serves nothing for names that are not ours (no path traversal)", async () => {
    expect(await readUpload("../../etc/passwd", dir)).toBeNull();
    expect(await readUpload(`${"a".repeat(32)}.svg`, dir)).toBeNull();
    expect(await readUpload(`${"b".repeat(32)}.png`, dir)).toBeNull();
  });
});
