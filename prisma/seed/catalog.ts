import { mulberry32 } from "../../shared/prng.ts";
import { slugify } from "../../shared/slug.ts";
// Deterministic demo catalogue for Livemarket: 3 stores, a small category tree and
// ~225 products with ~800 variants. Pure data: no I/O, no Date.now, no Math.random.
// The image generator (scripts/generate-images.ts) derives its SVGs from this module.

export interface SeedStore {
  slug: string;
  name: string;
  description: string;
  owner: { email: string; name: string };
}
export interface SeedCategory {
  slug: string;
  name: string;
  parentSlug: string | null;
  position: number;
}
export interface SeedVariant {
  sku: string;
  title: string;
  options: Record<string, string>;
  priceMinor: number;
  stock: number;
  lowStockThreshold: number;
}
export interface SeedProduct {
  slug: string;
  storeSlug: string;
  categorySlug: string;
  title: string;
  description: string;
  brand: string;
  images: string[];
  status: "ACTIVE" | "DRAFT" | "ARCHIVED";
  ageDays: number;
  variants: SeedVariant[];
}
export interface SeedCatalog {
  stores: SeedStore[];
  categories: SeedCategory[];
  products: SeedProduct[];
}

// ---------------------------------------------------------------------------
// Image hints (shared with scripts/generate-images.ts)
// ---------------------------------------------------------------------------

export type ImageIcon =
  | "tshirt"
  | "jacket"
  | "shoe"
  | "pan"
  | "pot"
  | "pillow"
  | "headphones"
  | "speaker"
  | "phone"
  | "battery"
  | "cable"
  | "tent"
  | "backpack";

/** Icon per category slug (leaf and top-level). */
export const CATEGORY_ICONS: Readonly<Record<string, ImageIcon>> = {
  clothing: "tshirt",
  "t-shirts": "tshirt",
  jackets: "jacket",
  shoes: "shoe",
  "home-kitchen": "pot",
  cookware: "pan",
  bedding: "pillow",
  electronics: "headphones",
  audio: "headphones",
  accessories: "phone",
  "sports-outdoors": "tent",
  camping: "tent",
};

/** Title keywords that pick a more specific icon than the category default. */
const ICON_KEYWORDS: ReadonlyArray<readonly [RegExp, ImageIcon]> = [
  [/dutch oven|stockpot|saucepan|roasting/i, "pot"],
  [/speaker|soundbar|turntable|radio/i, "speaker"],
  [/power bank|charger|charging|hub|memory card/i, "battery"],
  [/cable/i, "cable"],
  [/backpack/i, "backpack"],
];

export function iconForCategory(categorySlug: string): ImageIcon {
  return CATEGORY_ICONS[categorySlug] ?? "tshirt";
}

export function iconForProduct(product: Pick<SeedProduct, "title" | "categorySlug">): ImageIcon {
  for (const [re, icon] of ICON_KEYWORDS) if (re.test(product.title)) return icon;
  return iconForCategory(product.categorySlug);
}

/** Pastel gradient pairs [top-left, bottom-right]; picked per image by a slug hash. */
export const PRODUCT_IMAGE_COLORS: ReadonlyArray<readonly [string, string]> = [
  ["#fde2e4", "#f4a6b4"],
  ["#e0f2fe", "#93c5fd"],
  ["#dcfce7", "#86d8a8"],
  ["#fef3c7", "#f5c26b"],
  ["#ede9fe", "#b9a6f5"],
  ["#ccfbf1", "#6fd3c4"],
  ["#ffedd5", "#f7a76c"],
  ["#f1f5f9", "#a5b4c8"],
  ["#fce7f3", "#e79bd0"],
  ["#ecfccb", "#b5d96a"],
  ["#e0e7ff", "#9aa8f0"],
  ["#fae8d8", "#d9a77f"],
];

/** Small stable string hash (FNV-1a, 32 bit). */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------


function at<T>(arr: readonly T[], i: number): T {
  const v = arr[i];
  if (v === undefined) throw new Error(`index ${i} out of range (${arr.length})`);
  return v;
}

// ---------------------------------------------------------------------------
// Source data
// ---------------------------------------------------------------------------

const STORES: SeedStore[] = [
  {
    slug: "northwind",
    name: "Northwind Outfitters",
    description: "Everyday clothing, footwear and trail-ready outdoor gear built to last.",
    owner: { email: "seller1@livemarket.test", name: "Nora Seller" },
  },
  {
    slug: "sunset",
    name: "Sunset Home & Kitchen",
    description: "Cookware and bedding for slow breakfasts and long weekends at home.",
    owner: { email: "seller2@livemarket.test", name: "Sam Seller" },
  },
  {
    slug: "tidewater",
    name: "Tidewater Tech",
    description: "Headphones, speakers and the small accessories that keep your devices going.",
    owner: { email: "seller3@livemarket.test", name: "Tariq Seller" },
  },
];

const SKU_PREFIX: Record<string, string> = { northwind: "NW", sunset: "SH", tidewater: "TT" };

const CATEGORIES: SeedCategory[] = [
  { slug: "clothing", name: "Clothing", parentSlug: null, position: 0 },
  { slug: "t-shirts", name: "T-Shirts", parentSlug: "clothing", position: 0 },
  { slug: "jackets", name: "Jackets", parentSlug: "clothing", position: 1 },
  { slug: "shoes", name: "Shoes", parentSlug: "clothing", position: 2 },
  { slug: "home-kitchen", name: "Home & Kitchen", parentSlug: null, position: 1 },
  { slug: "cookware", name: "Cookware", parentSlug: "home-kitchen", position: 0 },
  { slug: "bedding", name: "Bedding", parentSlug: "home-kitchen", position: 1 },
  { slug: "electronics", name: "Electronics", parentSlug: null, position: 2 },
  { slug: "audio", name: "Audio", parentSlug: "electronics", position: 0 },
  { slug: "accessories", name: "Accessories", parentSlug: "electronics", position: 1 },
  { slug: "sports-outdoors", name: "Sports & Outdoors", parentSlug: null, position: 3 },
  { slug: "camping", name: "Camping", parentSlug: "sports-outdoors", position: 0 },
];

/** Colour name -> SKU code. */
const COLOUR_CODES: Record<string, string> = {
  Black: "BLK",
  White: "WHT",
  "Heather Grey": "HGR",
  Grey: "GRY",
  Charcoal: "CHR",
  Navy: "NVY",
  Olive: "OLV",
  Rust: "RST",
  Sand: "SND",
  Forest: "FOR",
  Tan: "TAN",
  Brown: "BRN",
  Cream: "CRM",
  Red: "RED",
  "Cobalt Blue": "CBL",
  Sage: "SGE",
  Ivory: "IVY",
  "Dusty Rose": "DRS",
  Slate: "SLT",
  Oatmeal: "OAT",
  Walnut: "WAL",
  Silver: "SLV",
  "Space Grey": "SPG",
  Clear: "CLR",
  Orange: "ORG",
  Teal: "TEL",
};

interface Dim {
  key: string;
  values: readonly string[];
  /** ordered dims (sizes, capacities) pick a contiguous run; others a random subset */
  ordered?: boolean;
  /** price increase per step along `values`, as a fraction of the base price */
  priceStep?: number;
}

interface Noun {
  noun: string;
  mods: readonly string[];
  /** put the modifier after the noun ("Wireless Earbuds Pro") */
  suffix?: boolean;
  price: readonly [number, number];
  dims: readonly Dim[];
  store?: string;
}

interface CategorySpec {
  slug: string;
  store: string;
  brands: readonly string[];
  blurbs: readonly string[];
  features: readonly string[];
  nouns: readonly Noun[];
}

const CLOTHING_BRANDS = ["Fernhollow", "Marlowe & Finch", "Quarry Lane", "Tallgrass Supply"] as const;
const OUTDOOR_BRANDS = ["Cairnfield", "Larchmont Trail", "Quarry Lane"] as const;

const SIZES = ["S", "M", "L", "XL"] as const;
const SHOE_SIZES = ["40", "41", "42", "43", "44", "45"] as const;
const BED_SIZES = ["Twin", "Full", "Queen", "King"] as const;
const TEE_COLOURS = ["Black", "White", "Heather Grey", "Navy", "Olive", "Rust", "Sand"] as const;
const JACKET_COLOURS = ["Black", "Navy", "Olive", "Tan", "Charcoal", "Rust", "Forest"] as const;
const SHOE_COLOURS = ["Black", "Brown", "Tan", "White", "Grey", "Navy"] as const;
const BED_COLOURS = ["White", "Ivory", "Sage", "Dusty Rose", "Slate", "Oatmeal"] as const;
const TECH_COLOURS = ["Black", "White", "Navy", "Sage", "Space Grey"] as const;
const GEAR_COLOURS = ["Orange", "Forest", "Slate", "Teal", "Sand"] as const;

const size = (ps = 0): Dim => ({ key: "size", values: SIZES, ordered: true, priceStep: ps });
const colour = (values: readonly string[]): Dim => ({ key: "colour", values });
const cm = (values: readonly number[], ps = 0.12): Dim => ({
  key: "size",
  values: values.map((v) => `${v} cm`),
  ordered: true,
  priceStep: ps,
});

const SPECS: CategorySpec[] = [
  {
    slug: "t-shirts",
    store: "northwind",
    brands: CLOTHING_BRANDS,
    blurbs: [
      "is a soft everyday layer with a relaxed, true-to-size fit",
      "is cut for a clean drape that holds its shape wash after wash",
      "is a breathable staple for warm days and layering under jackets",
      "is made in small batches from responsibly sourced yarn",
    ],
    features: [
      "Pre-shrunk and machine washable.",
      "Reinforced shoulder seams and a ribbed collar that won't stretch out.",
      "Breathable fabric keeps you cool on summer walks.",
      "Garment-dyed for a lived-in colour that fades beautifully.",
      "Tagless neck label for all-day comfort.",
    ],
    nouns: [
      { noun: "Crew T-Shirt", mods: ["Merino", "Organic Cotton", "Slub", "Heavyweight", "Pima Cotton", "Recycled Cotton"], price: [1999, 4499], dims: [size(), colour(TEE_COLOURS)] },
      { noun: "V-Neck Tee", mods: ["Organic Cotton", "Bamboo", "Linen Blend", "Pima Cotton"], price: [1799, 3499], dims: [size(), colour(TEE_COLOURS)] },
      { noun: "Pocket Tee", mods: ["Heavyweight", "Garment-Dyed", "Slub", "Organic Cotton"], price: [1999, 3299], dims: [size(), colour(TEE_COLOURS)] },
      { noun: "Henley", mods: ["Waffle Knit", "Merino", "Linen Blend", "Organic Cotton"], price: [2999, 4999], dims: [size(), colour(TEE_COLOURS)] },
      { noun: "Long Sleeve Tee", mods: ["Merino", "Heavyweight", "Organic Cotton", "Striped"], price: [2499, 4999], dims: [size(), colour(TEE_COLOURS)] },
      { noun: "Graphic Tee", mods: ["Mountain", "Ocean Wave", "Retro Sunset", "Pine Forest"], price: [1999, 2999], dims: [size(), colour(TEE_COLOURS)] },
      { noun: "Tank Top", mods: ["Ribbed", "Linen", "Performance"], price: [1499, 2999], dims: [size(), colour(TEE_COLOURS)] },
    ],
  },
  {
    slug: "jackets",
    store: "northwind",
    brands: CLOTHING_BRANDS,
    blurbs: [
      "is a weather-ready layer with a roomy cut for sweaters underneath",
      "is built for cold commutes and weekend hikes alike",
      "is a modern take on a workwear classic",
      "packs down into its own pocket for travel",
    ],
    features: [
      "Water-repellent finish sheds light rain and snow.",
      "Two-way zipper, hand-warmer pockets and an adjustable hem.",
      "Windproof shell with a warm, lightweight lining.",
      "Reinforced cuffs and corozo buttons for years of wear.",
      "Insulated with recycled fill that stays warm when damp.",
    ],
    nouns: [
      { noun: "Field Jacket", mods: ["Waxed Canvas", "Ripstop", "Cotton Twill", "Insulated"], price: [12999, 21999], dims: [size(), colour(JACKET_COLOURS)] },
      { noun: "Bomber Jacket", mods: ["Nylon", "Suede", "Quilted", "Wool Blend"], price: [8999, 17999], dims: [size(), colour(JACKET_COLOURS)] },
      { noun: "Chore Coat", mods: ["Cotton Canvas", "Corduroy", "Denim"], price: [7999, 12999], dims: [size(), colour(JACKET_COLOURS)] },
      { noun: "Parka", mods: ["Down", "Insulated", "Waterproof", "Recycled Down"], price: [17999, 24999], dims: [size(), colour(JACKET_COLOURS)] },
      { noun: "Rain Jacket", mods: ["Packable", "3-Layer", "Lightweight", "Recycled"], price: [6999, 15999], dims: [size(), colour(JACKET_COLOURS)] },
      { noun: "Fleece Jacket", mods: ["Sherpa", "Grid", "Recycled", "High-Pile"], price: [5999, 9999], dims: [size(), colour(JACKET_COLOURS)] },
      { noun: "Vest", mods: ["Down", "Quilted", "Fleece", "Insulated"], price: [5999, 12999], dims: [size(), colour(JACKET_COLOURS)] },
    ],
  },
  {
    slug: "shoes",
    store: "northwind",
    brands: CLOTHING_BRANDS,
    blurbs: [
      "is a comfortable everyday pair with a cushioned footbed",
      "is built on a grippy rubber outsole for city streets and light trails",
      "is a versatile pair that dresses up or down",
      "is made with a durable upper and a supportive heel counter",
    ],
    features: [
      "EU sizing; we recommend your usual size.",
      "Removable cushioned insole with arch support.",
      "Stitched sole can be resoled by any cobbler.",
      "Lightweight, breathable and ready to wear out of the box.",
      "Non-marking rubber outsole with deep lugs for grip.",
    ],
    nouns: [
      { noun: "Sneakers", mods: ["Canvas", "Leather", "Suede", "Knit", "Low-Top"], price: [5999, 11999], dims: [{ key: "size", values: SHOE_SIZES, ordered: true }, colour(SHOE_COLOURS)] },
      { noun: "Running Shoes", mods: ["Trail", "Road", "Cushioned", "Lightweight"], price: [8999, 15999], dims: [{ key: "size", values: SHOE_SIZES, ordered: true }, colour(SHOE_COLOURS)] },
      { noun: "Chelsea Boots", mods: ["Suede", "Leather", "Waterproof"], price: [12999, 19999], dims: [{ key: "size", values: SHOE_SIZES, ordered: true }, colour(SHOE_COLOURS)] },
      { noun: "Hiking Boots", mods: ["Waterproof", "Mid-Cut", "Leather", "Lightweight"], price: [11999, 18999], dims: [{ key: "size", values: SHOE_SIZES, ordered: true }, colour(SHOE_COLOURS)] },
      { noun: "Loafers", mods: ["Penny", "Suede", "Leather"], price: [8999, 15999], dims: [{ key: "size", values: SHOE_SIZES, ordered: true }, colour(SHOE_COLOURS)] },
      { noun: "Slip-On Shoes", mods: ["Canvas", "Knit", "Recycled"], price: [4999, 7999], dims: [{ key: "size", values: SHOE_SIZES, ordered: true }, colour(SHOE_COLOURS)] },
      { noun: "Desert Boots", mods: ["Suede", "Crepe-Sole", "Nubuck"], price: [9999, 14999], dims: [{ key: "size", values: SHOE_SIZES, ordered: true }, colour(SHOE_COLOURS)] },
      { noun: "Sandals", mods: ["Leather Slide", "Trail", "Cork Footbed"], price: [3999, 7999], dims: [{ key: "size", values: SHOE_SIZES, ordered: true }, colour(SHOE_COLOURS)] },
    ],
  },
  {
    slug: "cookware",
    store: "sunset",
    brands: ["Copperwick", "Hearthmoor", "Saltmarsh Kitchen"],
    blurbs: [
      "heats evenly and goes from stovetop to oven",
      "is a kitchen workhorse for searing, simmering and braising",
      "is built to last a lifetime of weeknight dinners",
      "works on gas, electric and induction hobs",
    ],
    features: [
      "Oven safe to 260 °C; dishwasher safe, though hand washing is recommended.",
      "Riveted stay-cool handle and a drip-free pouring rim.",
      "Pre-seasoned and ready to cook with.",
      "PFAS-free cooking surface that releases eggs and fish easily.",
      "Backed by a lifetime warranty.",
    ],
    nouns: [
      { noun: "Skillet", mods: ["Cast Iron", "Carbon Steel", "Stainless Steel", "Nonstick", "Tri-Ply"], price: [2999, 8999], dims: [cm([20, 24, 26, 28, 30])] },
      { noun: "Saucepan", mods: ["Stainless Steel", "Copper Core", "Nonstick", "Tri-Ply"], price: [3999, 11999], dims: [cm([16, 18, 20])] },
      { noun: "Dutch Oven", mods: ["Enamelled Cast Iron", "Cast Iron", "Lightweight"], price: [7999, 22999], dims: [cm([22, 24, 26, 28], 0.1), colour(["Red", "Cobalt Blue", "Cream", "Sage", "Black"])] },
      { noun: "Wok", mods: ["Carbon Steel", "Cast Iron", "Nonstick"], price: [3999, 8999], dims: [cm([30, 32, 36])] },
      { noun: "Stockpot", mods: ["Stainless Steel", "Enamelled Steel", "Tri-Ply"], price: [4999, 12999], dims: [cm([24, 26, 28])] },
      { noun: "Sauté Pan", mods: ["Stainless Steel", "Nonstick", "Copper Core", "Tri-Ply"], price: [5999, 14999], dims: [cm([24, 26, 28])] },
      { noun: "Grill Pan", mods: ["Cast Iron", "Nonstick", "Enamelled Cast Iron"], price: [3999, 9999], dims: [cm([26, 28]), colour(["Black", "Red", "Slate"])] },
      { noun: "Roasting Pan", mods: ["Stainless Steel", "Nonstick", "Enamelled"], price: [4999, 12999], dims: [cm([30, 35, 40])] },
    ],
  },
  {
    slug: "bedding",
    store: "sunset",
    brands: ["Linnet Loom", "Hearthmoor", "Copperwick"],
    blurbs: [
      "is breathable, soft and gets better with every wash",
      "is made for cool, restful sleep all year round",
      "is woven from long-staple fibres for lasting softness",
      "is a hotel-style upgrade for everyday beds",
    ],
    features: [
      "OEKO-TEX certified and free from harmful dyes.",
      "Deep pockets fit mattresses up to 40 cm.",
      "Machine wash warm and tumble dry low.",
      "Hidden button closure and corner ties keep everything in place.",
      "Hypoallergenic fill suitable for sensitive sleepers.",
    ],
    nouns: [
      { noun: "Sheet Set", mods: ["Percale", "Sateen", "Linen", "Bamboo", "Flannel", "Organic Cotton"], price: [6999, 19999], dims: [{ key: "size", values: BED_SIZES, ordered: true, priceStep: 0.1 }, colour(BED_COLOURS)] },
      { noun: "Duvet Cover", mods: ["Linen", "Waffle", "Percale", "Sateen"], price: [7999, 17999], dims: [{ key: "size", values: BED_SIZES, ordered: true, priceStep: 0.1 }, colour(BED_COLOURS)] },
      { noun: "Comforter", mods: ["Down Alternative", "Wool", "Lightweight Down", "Cooling"], price: [9999, 21999], dims: [{ key: "size", values: BED_SIZES, ordered: true, priceStep: 0.1 }] },
      { noun: "Quilt", mods: ["Cotton", "Stonewashed Linen", "Matelassé"], price: [8999, 17999], dims: [{ key: "size", values: BED_SIZES, ordered: true, priceStep: 0.1 }, colour(BED_COLOURS)] },
      { noun: "Pillowcase Pair", mods: ["Silk", "Percale", "Sateen", "Linen"], price: [2499, 5999], dims: [{ key: "size", values: ["Standard", "King"], ordered: true, priceStep: 0.1 }, colour(BED_COLOURS)] },
      { noun: "Throw Blanket", mods: ["Chunky Knit", "Waffle", "Merino", "Fleece"], price: [3999, 11999], dims: [colour(BED_COLOURS)] },
      { noun: "Mattress Topper", mods: ["Memory Foam", "Down Alternative", "Latex"], price: [9999, 21999], dims: [{ key: "size", values: BED_SIZES, ordered: true, priceStep: 0.1 }] },
    ],
  },
  {
    slug: "audio",
    store: "tidewater",
    brands: ["Aurelio Sound", "Ohmbridge", "Pixelgrove"],
    blurbs: [
      "delivers rich, balanced sound with deep bass",
      "is tuned for podcasts, playlists and everything in between",
      "pairs instantly over Bluetooth 5.3",
      "is designed for all-day listening comfort",
    ],
    features: [
      "Up to 30 hours of battery life with USB-C fast charging.",
      "Active noise cancellation and a transparency mode.",
      "IPX5 water resistance shrugs off rain and sweat.",
      "Multipoint pairing switches between laptop and phone.",
      "Two-year warranty and free firmware updates.",
    ],
    nouns: [
      { noun: "Wireless Earbuds", mods: ["Pro", "Sport", "Lite", "ANC"], suffix: true, price: [4999, 19999], dims: [colour(TECH_COLOURS)] },
      { noun: "Over-Ear Headphones", mods: ["Noise-Cancelling", "Studio", "Wireless", "Kids"], price: [5999, 24999], dims: [colour(TECH_COLOURS)] },
      { noun: "Bluetooth Speaker", mods: ["Portable", "Waterproof", "Mini", "Party"], price: [2999, 17999], dims: [colour(TECH_COLOURS)] },
      { noun: "Soundbar", mods: ["Compact", "2.1 Channel", "Slim"], price: [9999, 24999], dims: [colour(["Black", "White", "Charcoal"])] },
      { noun: "Turntable", mods: ["Belt-Drive", "Bluetooth", "Direct-Drive"], price: [12999, 24999], dims: [colour(["Walnut", "Black", "White"])] },
      { noun: "Bookshelf Speakers", mods: ["Powered", "Passive", "Wireless"], price: [12999, 24999], dims: [colour(["Walnut", "Black", "White"])] },
      { noun: "On-Ear Headphones", mods: ["Foldable", "Wireless", "Kids", "Wired"], price: [2999, 12999], dims: [colour(TECH_COLOURS)] },
      { noun: "Clock Radio", mods: ["Bluetooth", "Retro", "Sunrise"], price: [2999, 7999], dims: [colour(["Black", "White", "Sage", "Walnut"])] },
    ],
  },
  {
    slug: "accessories",
    store: "tidewater",
    brands: ["Ohmbridge", "Lumenkey", "Pixelgrove"],
    blurbs: [
      "keeps your phone, laptop and earbuds charged on the go",
      "is a small upgrade that makes every desk and bag tidier",
      "is tested for safety and built to survive daily travel",
      "works with USB-C phones, tablets and laptops",
    ],
    features: [
      "Over-voltage, over-current and temperature protection.",
      "Fits easily in a pocket or laptop bag.",
      "Backed by an 18-month warranty.",
      "Recycled packaging, no plastic.",
      "Supports USB Power Delivery fast charging.",
    ],
    nouns: [
      { noun: "Power Bank", mods: ["Slim", "Rugged", "Magnetic", "Solar"], price: [2499, 7999], dims: [{ key: "capacity", values: ["5000 mAh", "10000 mAh", "20000 mAh", "26800 mAh"], ordered: true, priceStep: 0.25 }] },
      { noun: "USB-C Cable", mods: ["Braided", "Fast-Charge", "Right-Angle", "Coiled"], price: [999, 2499], dims: [{ key: "length", values: ["0.5 m", "1 m", "2 m", "3 m"], ordered: true, priceStep: 0.15 }] },
      { noun: "Wall Charger", mods: ["65W GaN", "30W", "Dual-Port", "100W GaN"], price: [1999, 5999], dims: [colour(["White", "Black", "Space Grey"])] },
      { noun: "Phone Case", mods: ["Clear", "Leather", "Rugged", "Silicone", "Wallet"], price: [1499, 4999], dims: [colour(["Black", "Clear", "Navy", "Sage", "Tan", "Red"])] },
      { noun: "Laptop Sleeve", mods: ["Felt", "Neoprene", "Leather"], price: [2499, 6999], dims: [{ key: "size", values: ["13 in", "14 in", "16 in"], ordered: true, priceStep: 0.08 }, colour(["Grey", "Black", "Tan", "Navy"])] },
      { noun: "Wireless Charging Pad", mods: ["Fast", "3-in-1", "Slim"], price: [1999, 6999], dims: [colour(["Black", "White", "Walnut"])] },
      { noun: "Memory Card", mods: ["microSD", "SD", "High-Endurance microSD"], price: [1299, 4999], dims: [{ key: "capacity", values: ["64 GB", "128 GB", "256 GB", "512 GB"], ordered: true, priceStep: 0.45 }] },
      { noun: "USB-C Hub", mods: ["7-in-1", "Travel", "4-Port"], price: [2999, 7999], dims: [colour(["Space Grey", "Silver", "Black"])] },
    ],
  },
  {
    slug: "camping",
    store: "northwind",
    brands: OUTDOOR_BRANDS,
    blurbs: [
      "is trail-tested for weekend trips and long treks",
      "is light enough for backpacking and tough enough for car camping",
      "sets up in minutes and packs down small",
      "is built for wind, rain and cold mountain nights",
    ],
    features: [
      "Made with recycled ripstop nylon and taped seams.",
      "Includes a compression stuff sack.",
      "Lifetime repair programme: we fix it instead of replacing it.",
      "Weighs less than most gear in its class.",
      "Tested from desert heat to alpine frost.",
    ],
    nouns: [
      { noun: "Tent", mods: ["Backpacking", "Dome", "Tunnel", "Ultralight"], price: [12999, 24999], dims: [{ key: "size", values: ["1-Person", "2-Person", "3-Person", "4-Person"], ordered: true, priceStep: 0.12 }] },
      { noun: "Sleeping Bag", mods: ["Down", "Synthetic", "Summer", "Mummy"], price: [6999, 21999], dims: [{ key: "size", values: ["Regular", "Long"], ordered: true, priceStep: 0.06 }, colour(GEAR_COLOURS)] },
      { noun: "Backpack", mods: ["Hiking", "Trekking", "Ultralight", "Day Hiking"], price: [6999, 19999], dims: [{ key: "capacity", values: ["20 L", "30 L", "45 L", "60 L"], ordered: true, priceStep: 0.1 }, colour(GEAR_COLOURS)] },
      { noun: "Sleeping Pad", mods: ["Inflatable", "Foam", "Self-Inflating", "Insulated"], price: [3999, 15999], dims: [{ key: "size", values: ["Regular", "Long", "Wide"], ordered: true, priceStep: 0.1 }] },
      { noun: "Camp Chair", mods: ["Folding", "Ultralight", "Rocking"], price: [3999, 12999], dims: [colour(GEAR_COLOURS)] },
      { noun: "Headlamp", mods: ["Rechargeable", "Waterproof", "Trail Running"], price: [1999, 5999], dims: [colour(["Black", "Orange", "Teal"])], store: "tidewater" },
      { noun: "Lantern", mods: ["LED Camp", "Solar", "Collapsible"], price: [1999, 4999], dims: [colour(["Black", "Orange", "Forest"])], store: "tidewater" },
      { noun: "Water Bottle", mods: ["Insulated", "Collapsible", "Steel"], price: [1999, 4499], dims: [{ key: "capacity", values: ["500 ml", "750 ml", "1 L"], ordered: true, priceStep: 0.1 }, colour(GEAR_COLOURS)] },
    ],
  },
];

// ---------------------------------------------------------------------------
// Builder
// ---------------------------------------------------------------------------

const SEED = 0x11e3a2c7;

/** Builds the demo catalogue. Pure and deterministic: every call returns equal data. */
export function buildCatalog(): SeedCatalog {
  const rng = mulberry32(SEED);
  const int = (min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));
  const pick = <T>(arr: readonly T[]): T => at(arr, Math.floor(rng() * arr.length));
  const shuffle = <T>(arr: readonly T[]): T[] => {
    const out = arr.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      const tmp = at(out, i);
      out[i] = at(out, j);
      out[j] = tmp;
    }
    return out;
  };

  /** choose `count` values of a dim; returns indices into dim.values, in order */
  const chooseValues = (dim: Dim, count: number): number[] => {
    const n = dim.values.length;
    const c = Math.min(count, n);
    if (dim.ordered) {
      const start = int(0, n - c);
      return Array.from({ length: c }, (_, i) => start + i);
    }
    return shuffle(Array.from({ length: n }, (_, i) => i))
      .slice(0, c)
      .sort((a, b) => a - b);
  };

  const usedSlugs = new Set<string>();
  const usedSkus = new Set<string>();
  const products: SeedProduct[] = [];

  for (const spec of SPECS) {
    const items: Array<{ noun: Noun; mod: string }> = [];
    for (const noun of spec.nouns) for (const mod of noun.mods) items.push({ noun, mod });

    for (const { noun, mod } of shuffle(items)) {
      const index = products.length + 1;
      const title = noun.suffix ? `${noun.noun} ${mod}` : `${mod} ${noun.noun}`;
      const storeSlug = noun.store ?? spec.store;
      const brand = pick(spec.brands);

      let slug = slugify(title);
      if (usedSlugs.has(slug)) slug = `${slug}-${slugify(brand).split("-")[0] ?? "x"}`;
      for (let n = 2; usedSlugs.has(slug); n++) slug = `${slugify(title)}-${n}`;
      usedSlugs.add(slug);

      const blurb = pick(spec.blurbs);
      const features = shuffle(spec.features).slice(0, int(1, 2));
      const description = [`The ${brand} ${title} ${blurb}.`, ...features].join(" ");

      // ---- variants
      const [d0, d1] = [noun.dims[0], noun.dims[1]];
      if (!d0) throw new Error(`no dims for ${title}`);
      let combos: number[][];
      if (!d1) {
        const idx = chooseValues(d0, int(2, 5));
        combos = idx.map((i) => [i]);
      } else {
        // [count of first dim, count of second dim]; 1 x 3 only when the first dim is tiny
        const shapes: Array<readonly [number, number]> = [
          [4, 1],
          [3, 1],
          [2, 2],
          [5, 1],
          [4, 1],
          [2, 1],
          [1, 3],
        ];
        const fitting = shapes.filter(
          ([a, b]) => a <= d0.values.length && b <= d1.values.length && (a > 1 || d0.values.length <= 2),
        );
        const [a, b] = pick(fitting);
        const i0 = chooseValues(d0, a);
        const i1 = chooseValues(d1, b);
        combos = i0.flatMap((x) => i1.map((y) => [x, y]));
      }

      const [pmin, pmax] = noun.price;
      const base = Math.max(pmin, Math.floor(int(pmin, pmax) / 100) * 100 + 99);
      const prefix = SKU_PREFIX[storeSlug] ?? "LM";
      const stem = slugify(title)
        .split("-")
        .filter((w) => w.length > 1 || /\d/.test(w))
        .slice(0, 2)
        .map((w) => w.slice(0, 6).toUpperCase())
        .join("-");
      const dims = noun.dims;

      const variants: SeedVariant[] = combos.map((combo) => {
        const options: Record<string, string> = {};
        const parts: string[] = [];
        const codes: string[] = [];
        let price = base;
        combo.forEach((vi, di) => {
          const dim = at(dims, di);
          const value = at(dim.values, vi);
          options[dim.key] = value;
          parts.push(dim.key === "size" && /^\d+$/.test(value) ? `EU ${value}` : value);
          codes.push(
            dim.key === "colour"
              ? (COLOUR_CODES[value] ?? value.replace(/[^A-Za-z]/g, "").slice(0, 3).toUpperCase())
              : value.toUpperCase().replace(/[^A-Z0-9]/g, "").slice(0, 8),
          );
          if (dim.priceStep) price += Math.round((base * dim.priceStep * vi) / 100) * 100;
        });
        const sku = `${prefix}-${stem}-${String(index).padStart(3, "0")}-${codes.join("-")}`;
        if (usedSkus.has(sku)) throw new Error(`duplicate sku ${sku}`);
        usedSkus.add(sku);

        const lowStockThreshold = int(3, 10);
        const r = rng();
        let stock: number;
        if (r < 0.08) stock = 0;
        else if (r < 0.18) stock = int(1, lowStockThreshold);
        else stock = int(Math.max(lowStockThreshold + 1, 5), 120);

        return { sku, title: parts.join(" / "), options, priceMinor: price, stock, lowStockThreshold };
      });

      const images = [`/images/products/${slug}-1.svg`];
      if (rng() < 0.35) images.push(`/images/products/${slug}-2.svg`);

      products.push({
        slug,
        storeSlug,
        categorySlug: spec.slug,
        title,
        description,
        brand,
        images,
        status: "ACTIVE",
        ageDays: int(0, 180),
        variants,
      });
    }
  }

  // exactly 4 drafts and 4 archived products, spread at random
  const order = shuffle(products.map((_, i) => i));
  order.slice(0, 4).forEach((i) => (at(products, i).status = "DRAFT"));
  order.slice(4, 8).forEach((i) => (at(products, i).status = "ARCHIVED"));

  return {
    stores: STORES.map((s) => ({ ...s, owner: { ...s.owner } })),
    categories: CATEGORIES.map((c) => ({ ...c })),
    products,
  };
}
