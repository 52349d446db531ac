// Upload checks: the type comes from the file's first bytes, the size is capped, SVG is refused,
// and a stored image reads back with its content type.
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
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
    expect(await sharp(back!.bytes).metadata()).toMatchObject({ format: "png", width: 1, height: 1 });
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

  describe("polyglots (an image that is also HTML or script)", () => {
    const HTML = Buffer.from("<html><body><script>alert(document.cookie)</script></body></html>");
    const img = (format: "png" | "jpeg" | "webp" | "gif") =>
      sharp({ create: { width: 8, height: 8, channels: 3, background: "#36c" } })[format]().toBuffer();

    it("refuses a GIF header followed by HTML", async () => {
      const err = await appErrorOf(saveUpload(new Uint8Array(Buffer.concat([Buffer.from("GIF89a"), HTML])), dir));
      expect(err.code).toBe("VALIDATION");
      expect(err.fieldErrors?.file?.[0]).toBeTruthy();
    });

    it.each(["png", "jpeg", "webp", "gif"] as const)("stores a real %s with HTML appended without the HTML", async (format) => {
      const saved = await saveUpload(new Uint8Array(Buffer.concat([await img(format), HTML])), dir);
      const back = await readUpload(saved.name, dir);
      expect(back!.bytes.includes("<script")).toBe(false);
      expect((await sharp(back!.bytes).metadata()).width).toBe(8);
    });

    it("stores a JPEG without the HTML hidden in its comment and metadata", async () => {
      const jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#c63" } })
        .jpeg()
        .withExif({ IFD0: { ImageDescription: "<script>alert(1)</script>" } })
        .toBuffer();
      // A COM segment with HTML right after SOI.
      const com = Buffer.concat([Buffer.from([0xff, 0xfe, 0, HTML.length + 2]), HTML]);
      const poly = Buffer.concat([jpeg.subarray(0, 2), com, jpeg.subarray(2)]);
      expect((await sharp(poly).metadata()).width).toBe(8);
      const saved = await saveUpload(new Uint8Array(poly), dir);
      const back = await readUpload(saved.name, dir);
      expect(back!.bytes.includes("<script")).toBe(false);
    });
  });
});
