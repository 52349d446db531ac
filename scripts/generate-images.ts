// Generates the demo product and category images (small SVGs) from the seed catalogue.
//   npx tsx scripts/generate-images.ts
// Output: public/images/products/<product-slug>-<n>.svg and public/images/categories/<slug>.svg.
// Fully deterministic; stale *.svg files in those folders are deleted first.
import { mkdirSync, readdirSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  PRODUCT_IMAGE_COLORS,
  buildCatalog,
  hashString,
  iconForCategory,
  iconForProduct,
  type ImageIcon,
} from "../prisma/seed/catalog.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const PUBLIC = path.join(ROOT, "public");
const PRODUCTS_DIR = path.join(PUBLIC, "images", "products");
const CATEGORIES_DIR = path.join(PUBLIC, "images", "categories");

// Icons drawn in a 600x600 box, centred around (300, 280). Outline parts that must not
// be filled carry their own fill="none".
const ICONS: Record<ImageIcon, string> = {
  tshirt:
    '<path d="M215 150l45-20q40 35 80 0l45 20 70 65-45 50-25-20v185H215V245l-25 20-45-50z"/>' +
    '<path d="M260 130q40 45 80 0" fill="none"/>',
  jacket:
    '<path d="M215 140l45-15 40 40 40-40 45 15 60 50 25 230-45 5-25-160v180H200V260l-25 160-45-5 25-230z"/>' +
    '<path d="M300 165v275M260 125l-15 60 55-20 55 20-15-60" fill="none"/>',
  shoe:
    '<path d="M140 330q10-80 50-100l60-5q25 45 80 50 90 10 120 55 20 30 10 50H150q-15-20-10-50z"/>' +
    '<path d="M150 360h312M258 250l18-16M282 264l18-16M306 274l16-14" fill="none"/>',
  pan:
    '<circle cx="250" cy="290" r="125"/><circle cx="250" cy="290" r="92" fill-opacity=".5"/>' +
    '<path d="M372 272h120q15 18 0 36H372z"/>',
  pot:
    '<path d="M170 230h260v160q0 30-30 30H200q-30 0-30-30z"/>' +
    '<path d="M155 212h290q-10-35-145-45-135 10-145 45z"/><circle cx="300" cy="158" r="14"/>' +
    '<path d="M170 262h-38v34h38M430 262h38v34h-38" fill="none"/>',
  pillow:
    '<path d="M170 175q130-30 260 0 20 55 0 110-130 30-260 0-20-55 0-110z" fill-opacity=".7"/>' +
    '<path d="M140 250q160-35 320 0 25 70 0 140-160 35-320 0-25-70 0-140z"/>',
  headphones:
    '<path d="M185 330v-55a115 115 0 0 1 230 0v55" fill="none" stroke-width="26"/>' +
    '<rect x="150" y="300" width="75" height="125" rx="32"/><rect x="375" y="300" width="75" height="125" rx="32"/>',
  speaker:
    '<rect x="205" y="130" width="190" height="300" rx="32"/>' +
    '<circle cx="300" cy="335" r="62" fill-opacity=".5"/><circle cx="300" cy="335" r="22"/><circle cx="300" cy="205" r="30" fill-opacity=".5"/>',
  phone:
    '<rect x="215" y="125" width="170" height="310" rx="28"/>' +
    '<rect x="235" y="160" width="130" height="235" rx="8" fill-opacity=".5"/><circle cx="300" cy="415" r="9"/>',
  battery:
    '<rect x="190" y="160" width="220" height="270" rx="30"/><rect x="265" y="135" width="70" height="28" rx="8"/>' +
    '<path d="M315 200l-65 100h45l-15 85 70-110h-45z" fill-opacity=".5"/>',
  cable:
    '<path d="M235 210q-10 190 65 190t65-190" fill="none" stroke-width="22"/>' +
    '<rect x="205" y="135" width="60" height="80" rx="12"/><rect x="335" y="135" width="60" height="80" rx="12"/>' +
    '<path d="M222 135v-25h26v25M352 135v-25h26v25"/>',
  tent:
    '<path d="M300 135l175 285H125z"/><path d="M300 250l55 170H245z" fill-opacity=".5"/>' +
    '<path d="M300 135l-20-30M300 135l20-30" fill="none"/>',
  backpack:
    '<path d="M255 170q0-50 45-50t45 50" fill="none" stroke-width="16"/>' +
    '<rect x="195" y="160" width="210" height="275" rx="60"/><rect x="235" y="305" width="130" height="95" rx="18" fill-opacity=".6"/>' +
    '<path d="M250 240h100" fill="none"/>',
};

function escapeXml(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

interface SvgInput {
  key: string; // hashed for colours
  title: string;
  label: string;
  icon: ImageIcon;
  variant: number; // 1-based image number: changes angle and palette
}

function renderSvg({ key, title, label, icon, variant }: SvgInput): string {
  const h = hashString(key);
  const palette =
    PRODUCT_IMAGE_COLORS[(h + (variant - 1) * 5) % PRODUCT_IMAGE_COLORS.length] ?? PRODUCT_IMAGE_COLORS[0]!;
  const [from, to] = palette;
  const flip = (h >>> 8) % 2 === 1 || variant > 1;
  const [x1, x2] = flip ? ["1", "0"] : ["0", "1"];
  const scale = variant > 1 ? 0.82 : 1;
  const transform = scale === 1 ? "" : ` transform="translate(300 280) scale(${scale}) translate(-300 -280)"`;
  const circleX = 300 + (((h >>> 12) % 9) - 4) * 6;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 600" width="600" height="600" role="img" aria-labelledby="t">` +
    `<title id="t">${escapeXml(title)}</title>` +
    `<defs><linearGradient id="g" x1="${x1}" y1="0" x2="${x2}" y2="1">` +
    `<stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient></defs>` +
    `<rect width="600" height="600" fill="url(#g)"/>` +
    `<circle cx="${circleX}" cy="280" r="210" fill="#fff" fill-opacity=".28"/>` +
    `<g fill="#fff" stroke="#334155" stroke-width="8" stroke-linejoin="round" stroke-linecap="round"${transform}>` +
    ICONS[icon] +
    `</g>` +
    `<text x="300" y="540" text-anchor="middle" font-family="system-ui, sans-serif" font-size="28" font-weight="600" letter-spacing="3" fill="#1e293b" fill-opacity=".8">${escapeXml(label.toUpperCase())}</text>` +
    `</svg>\n`
  );
}

function cleanSvgs(dir: string): number {
  mkdirSync(dir, { recursive: true });
  let removed = 0;
  for (const name of readdirSync(dir)) {
    if (name.endsWith(".svg")) {
      unlinkSync(path.join(dir, name));
      removed++;
    }
  }
  return removed;
}

function main(): void {
  const catalog = buildCatalog();
  const removed = cleanSvgs(PRODUCTS_DIR) + cleanSvgs(CATEGORIES_DIR);

  let bytes = 0;
  let files = 0;
  let largest = 0;
  const write = (file: string, svg: string): void => {
    const size = Buffer.byteLength(svg);
    if (size >= 3072) throw new Error(`${file} is ${size} bytes (limit 3 KB)`);
    writeFileSync(file, svg);
    bytes += size;
    files++;
    largest = Math.max(largest, size);
  };

  for (const product of catalog.products) {
    const icon = iconForProduct(product);
    product.images.forEach((src, i) => {
      const prefix = "/images/products/";
      if (!src.startsWith(prefix) || !src.endsWith(".svg")) throw new Error(`unexpected image path ${src}`);
      const file = path.join(PRODUCTS_DIR, src.slice(prefix.length));
      write(file, renderSvg({ key: product.slug, title: product.title, label: product.brand, icon, variant: i + 1 }));
    });
  }

  for (const category of catalog.categories) {
    const file = path.join(CATEGORIES_DIR, `${category.slug}.svg`);
    write(
      file,
      renderSvg({
        key: `category:${category.slug}`,
        title: category.name,
        label: category.name,
        icon: iconForCategory(category.slug),
        variant: 1,
      }),
    );
  }

  console.log(
    `generate-images: wrote ${files} SVGs (${(bytes / 1024).toFixed(1)} KB, largest ${largest} B), removed ${removed} stale`,
  );
}

main();
