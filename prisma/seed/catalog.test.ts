import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildCatalog } from "./catalog.ts";

const catalog = buildCatalog();
const variants = catalog.products.flatMap((p) => p.variants);

describe("seed catalog", () => {
  it("is deterministic", () => {
    expect(buildCatalog()).toEqual(catalog);
  });

  it("has enough products and variants", () => {
    expect(catalog.products.length).toBeGreaterThanOrEqual(200);
    expect(variants.length).toBeGreaterThanOrEqual(600);
    for (const p of catalog.products) {
      expect(p.variants.length).toBeGreaterThanOrEqual(2);
      expect(p.variants.length).toBeLessThanOrEqual(5);
    }
  });

  it("has the three seller stores", () => {
    expect(catalog.stores).toHaveLength(3);
    expect(catalog.stores.map((s) => s.owner.email).sort()).toEqual([
      "seller1@livemarket.test",
      "seller2@livemarket.test",
      "seller3@livemarket.test",
    ]);
    const bySlug = Object.fromEntries(catalog.stores.map((s) => [s.slug, s.owner.email]));
    expect(bySlug).toEqual({
      northwind: "seller1@livemarket.test",
      sunset: "seller2@livemarket.test",
      tidewater: "seller3@livemarket.test",
    });
  });

  it("has unique product slugs and variant skus", () => {
    const slugs = catalog.products.map((p) => p.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    const skus = variants.map((v) => v.sku);
    expect(new Set(skus).size).toBe(skus.length);
  });

  it("puts products in existing leaf categories of existing stores", () => {
    const categorySlugs = new Set(catalog.categories.map((c) => c.slug));
    expect(categorySlugs.size).toBe(catalog.categories.length);
    for (const c of catalog.categories) {
      if (c.parentSlug !== null) expect(categorySlugs.has(c.parentSlug)).toBe(true);
    }
    const parents = new Set(catalog.categories.map((c) => c.parentSlug).filter((s) => s !== null));
    const storeSlugs = new Set(catalog.stores.map((s) => s.slug));
    for (const p of catalog.products) {
      expect(categorySlugs.has(p.categorySlug), p.slug).toBe(true);
      expect(parents.has(p.categorySlug), `${p.slug} is in non-leaf ${p.categorySlug}`).toBe(false);
      expect(storeSlugs.has(p.storeSlug), p.slug).toBe(true);
    }
  });

  it("has out-of-stock and low-stock variants", () => {
    expect(variants.some((v) => v.stock === 0)).toBe(true);
    expect(variants.some((v) => v.stock > 0 && v.stock <= v.lowStockThreshold)).toBe(true);
    for (const v of variants) {
      expect(Number.isInteger(v.stock) && v.stock >= 0).toBe(true);
      expect(v.lowStockThreshold).toBeGreaterThanOrEqual(3);
      expect(v.lowStockThreshold).toBeLessThanOrEqual(10);
    }
  });

  it("has positive integer prices", () => {
    for (const v of variants) {
      expect(Number.isInteger(v.priceMinor), v.sku).toBe(true);
      expect(v.priceMinor, v.sku).toBeGreaterThan(0);
    }
  });

  it("has a few draft and archived products", () => {
    const count = (s: string) => catalog.products.filter((p) => p.status === s).length;
    expect(count("DRAFT")).toBeGreaterThan(0);
    expect(count("ARCHIVED")).toBeGreaterThan(0);
    expect(count("ACTIVE")).toBeGreaterThan(catalog.products.length - 20);
  });

  it("has an image file for every image path", () => {
    const publicDir = path.resolve(process.cwd(), "public");
    const missing = catalog.products
      .flatMap((p) => p.images)
      .filter((src) => !existsSync(path.join(publicDir, src)));
    expect(missing).toEqual([]);
  });
});
