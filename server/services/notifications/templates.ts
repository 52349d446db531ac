// The order emails' words and layout: each message is one function from plain data to a subject,
// a plain-text body and an HTML body. The HTML is written in MJML (decision 166) and compiled by
// the `mjml` package into the table layout mail clients need; every value that comes from a
// person (names, product titles, notes) goes through `esc` before it reaches the markup. The text
// part says the same thing for clients that show no HTML (and the dev mailbox, which shows it).
// Money is written with its currency's own decimals; dates through shared/dates.ts (UTC, labelled).
import "server-only";
import mjml2html from "mjml";
import { formatUtc } from "@/shared/dates";
import { taxLabel } from "@/shared/tax";

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** HTML-escapes text for element content and attribute values. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** Integer minor units in the currency's own decimals: 1299 USD "$12.99", 1299 JPY "¥1,299", 1299 KWD "KWD 1.299". */
export function money(minor: number, currency: string): string {
  let f = moneyFormats.get(currency);
  if (!f) {
    f = new Intl.NumberFormat("en-US", { style: "currency", currency });
    moneyFormats.set(currency, f);
  }
  const digits = f.resolvedOptions().maximumFractionDigits ?? 2;
  return f.format(minor / 10 ** digits).replace(/\u00a0/g, " ");
}

interface Line {
  name: string;
  quantity: number;
  totalMinor: number;
}

interface Section {
  /** MJML of the section's body (already escaped). */
  mjml: string;
  /** The same in plain text. */
  text: string;
}

const p = (html: string) => `<mj-text font-size="15px" line-height="22px" color="#1e293b">${html}</mj-text>`;
const button = (href: string, label: string) =>
  `<mj-button href="${esc(href)}" background-color="#1d4ed8" color="#ffffff" font-size="15px" align="left" border-radius="6px">${esc(label)}</mj-button>`;
const small = (html: string) => `<mj-text font-size="12px" line-height="18px" color="#64748b">${html}</mj-text>`;

function lines(items: readonly Line[], currency: string, totalMinor: number | null): Section {
  const rows = items
    .map((i) => `<tr><td style="padding:4px 0">${esc(i.name)} × ${i.quantity}</td><td style="padding:4px 0;text-align:right">${esc(money(i.totalMinor, currency))}</td></tr>`)
    .join("");
  const total = totalMinor === null ? "" : `<tr><td style="padding:8px 0 0;font-weight:bold">Total</td><td style="padding:8px 0 0;text-align:right;font-weight:bold">${esc(money(totalMinor, currency))}</td></tr>`;
  return {
    mjml: `<mj-table font-size="14px" color="#1e293b">${rows}${total}</mj-table>`,
    text: [...items.map((i) => `- ${i.name} × ${i.quantity}: ${money(i.totalMinor, currency)}`), ...(totalMinor === null ? [] : [`Total: ${money(totalMinor, currency)}`])].join("\n"),
  };
}

/** The frame every message shares, compiled to HTML. */
async function compile(title: string, body: string, footer: string): Promise<string> {
  const source = `<mjml>
  <mj-head><mj-title>${esc(title)}</mj-title><mj-preview>${esc(title)}</mj-preview>
    <mj-attributes><mj-all font-family="-apple-system, Segoe UI, Helvetica, Arial, sans-serif" /></mj-attributes>
  </mj-head>
  <mj-body background-color="#f1f5f9">
    <mj-section><mj-column><mj-text font-size="18px" font-weight="bold" color="#1d4ed8">Livemarket</mj-text></mj-column></mj-section>
    <mj-section background-color="#ffffff" border-radius="8px"><mj-column>${body}</mj-column></mj-section>
    <mj-section><mj-column>${small(footer)}</mj-column></mj-section>
  </mj-body>
</mjml>`;
  const out = await mjml2html(source, { validationLevel: "strict" });
  return out.html;
}

const TEXT_FOOTER = "Livemarket";

async function build(subject: string, parts: { mjml: string; text: string }[], footer: { mjml: string; text: string } = { mjml: "You receive this email because of an order at Livemarket.", text: TEXT_FOOTER }): Promise<RenderedMail> {
  const html = await compile(subject, parts.map((x) => x.mjml).join("\n"), footer.mjml);
  const text = [...parts.map((x) => x.text), "", "--", footer.text].join("\n\n").replace(/\n{3,}/g, "\n\n");
  return { subject, text, html };
}

const para = (text: string): Section => ({ mjml: p(esc(text)), text });
const link = (href: string, label: string): Section => ({ mjml: button(href, label), text: `${label}: ${href}` });

export interface OrderConfirmationData {
  number: string;
  name: string;
  items: Line[];
  deliveryMinor: number;
  /** The order's tax, as its page shows it (shared/tax.ts orderTaxView); null or absent: none. */
  tax?: { name: string; ratePpm: number; addedMinor: number; includedMinor: number } | null;
  totalMinor: number;
  currency: string;
  placedAt: Date | string;
  paid: boolean;
  /** The order's page (the signed link for a guest). */
  orderUrl: string;
  guest: boolean;
}

/** "Sales tax 8.875% (in the total): $0.89" / "incl. VAT 19%: €1.60" under the order's lines. */
function taxParas(d: OrderConfirmationData): Section[] {
  if (!d.tax) return [];
  const out: Section[] = [];
  if (d.tax.addedMinor > 0) out.push(para(`${taxLabel(d.tax.name, d.tax.ratePpm, false)} (in the total): ${money(d.tax.addedMinor, d.currency)}`));
  if (d.tax.includedMinor > 0) out.push(para(`${taxLabel(d.tax.name, d.tax.ratePpm, true)}: ${money(d.tax.includedMinor, d.currency)}`));
  return out;
}

export function orderConfirmationMail(d: OrderConfirmationData): Promise<RenderedMail> {
  const parts: Section[] = [
    para(`Hello ${d.name},`),
    para(`Thank you for your order ${d.number}, placed ${formatUtc(d.placedAt)} (${d.paid ? "paid" : "to pay on delivery"}).`),
    lines([...d.items, ...(d.deliveryMinor > 0 ? [{ name: "Delivery", quantity: 1, totalMinor: d.deliveryMinor }] : [])], d.currency, d.totalMinor),
    ...taxParas(d),
    link(d.orderUrl, d.guest ? "Follow your order (no account needed)" : "See your order"),
  ];
  if (d.guest) {
    parts.push(para("Anyone with this link can see the order: keep it to yourself. To see all your orders in one place, create an account with this email address."));
  }
  return build(`Your Livemarket order ${d.number}`, parts);
}

export interface OrderShippedData {
  number: string;
  name: string;
  storeName: string;
  items: Line[];
  currency: string;
  carrier: string;
  trackingNumber: string;
  /** The carrier's public tracking page, when it has one (decision 141). */
  trackingUrl: string | null;
  shippedAt: Date | string;
  orderUrl: string;
}

export function orderShippedMail(d: OrderShippedData): Promise<RenderedMail> {
  return build(`Your order ${d.number} has shipped`, [
    para(`Hello ${d.name},`),
    para(`${d.storeName} shipped your items from order ${d.number} on ${formatUtc(d.shippedAt)} with ${d.carrier}, tracking number ${d.trackingNumber}.`),
    lines(d.items, d.currency, null),
    ...(d.trackingUrl ? [link(d.trackingUrl, `Track your parcel with ${d.carrier}`)] : []),
    link(d.orderUrl, "See your order"),
  ]);
}

export interface OrderCancelledData {
  number: string;
  name: string;
  /** Null: the whole order; else the store whose part was cancelled. */
  storeName: string | null;
  items: Line[];
  currency: string;
  orderUrl: string;
}

export function orderCancelledMail(d: OrderCancelledData): Promise<RenderedMail> {
  return build(`Your order ${d.number} was cancelled`, [
    para(`Hello ${d.name},`),
    para(d.storeName === null ? `Your order ${d.number} was cancelled.` : `${d.storeName} cancelled these items of your order ${d.number}:`),
    ...(d.storeName === null ? [] : [lines(d.items, d.currency, null)]),
    para("Anything you paid for cancelled items is refunded; you will receive a separate email when it is."),
    link(d.orderUrl, "See your order"),
  ]);
}

export interface OrderRefundedData {
  number: string;
  name: string;
  storeName: string | null;
  amountMinor: number;
  currency: string;
  orderUrl: string;
}

export function orderRefundedMail(d: OrderRefundedData): Promise<RenderedMail> {
  const what = d.storeName === null ? `your order ${d.number}` : `your items from ${d.storeName} (order ${d.number})`;
  return build(`Refund for your order ${d.number}`, [
    para(`Hello ${d.name},`),
    para(`We refunded ${money(d.amountMinor, d.currency)} for ${what}. Depending on how you paid, it can take a few days to reach you.`),
    link(d.orderUrl, "See your order"),
  ]);
}

export interface SellerNewOrderData {
  storeName: string;
  sellerName: string;
  number: string;
  /** This store's items only. */
  items: Line[];
  totalMinor: number;
  currency: string;
  placedAt: Date | string;
  city: string;
  orderUrl: string;
}

export function sellerNewOrderMail(d: SellerNewOrderData): Promise<RenderedMail> {
  return build(
    `New order ${d.number} for ${d.storeName}`,
    [
      para(`Hello ${d.sellerName},`),
      para(`${d.storeName} has a new order, ${d.number}, placed ${formatUtc(d.placedAt)}${d.city ? ` for delivery to ${d.city}` : ""}. Your items:`),
      lines(d.items, d.currency, d.totalMinor),
      link(d.orderUrl, "Open the order"),
    ],
    { mjml: "You receive this email because you run a store on Livemarket.", text: TEXT_FOOTER },
  );
}

export interface DigestVariant {
  productTitle: string;
  variantTitle: string;
  sku: string;
  stock: number;
  lowStockThreshold: number;
}

export interface LowStockDigestData {
  storeName: string;
  sellerName: string;
  /** The day it is for, YYYY-MM-DD (UTC). */
  day: string;
  variants: DigestVariant[];
  /** How many low variants there are in all (the list may be cut). */
  total: number;
  productsUrl: string;
  unsubscribeUrl: string;
  settingsUrl: string;
}

export function lowStockDigestMail(d: LowStockDigestData): Promise<RenderedMail> {
  const label = (v: DigestVariant) => `${v.productTitle}${v.variantTitle ? ` (${v.variantTitle})` : ""}`;
  const state = (v: DigestVariant) => (v.stock === 0 ? "sold out" : `${v.stock} left (alert at ${v.lowStockThreshold})`);
  const rows = d.variants.map((v) => `<tr><td style="padding:4px 0">${esc(label(v))}<br/><span style="color:#64748b">${esc(v.sku)}</span></td><td style="padding:4px 0;text-align:right">${esc(state(v))}</td></tr>`).join("");
  const more = d.total > d.variants.length ? d.total - d.variants.length : 0;
  const dayText = formatUtc(`${d.day}T12:00:00Z`, "date");
  return build(
    `Low stock at ${d.storeName}: ${d.total} variant${d.total === 1 ? "" : "s"} (${dayText})`,
    [
      para(`Hello ${d.sellerName},`),
      para(`These variants of ${d.storeName} were at or below their low-stock alert level on ${dayText}:`),
      { mjml: `<mj-table font-size="14px" color="#1e293b">${rows}</mj-table>`, text: d.variants.map((v) => `- ${label(v)} [${v.sku}]: ${state(v)}`).join("\n") },
      ...(more ? [para(`…and ${more} more.`)] : []),
      link(d.productsUrl, "Restock in your products"),
    ],
    {
      mjml: `You receive this daily digest because you run a store on Livemarket. <a href="${esc(d.unsubscribeUrl)}" style="color:#64748b">Unsubscribe from the low-stock digest</a>, or turn it back on in <a href="${esc(d.settingsUrl)}" style="color:#64748b">your email settings</a>.`,
      text: `Unsubscribe from the low-stock digest: ${d.unsubscribeUrl}\nTurn it back on in your email settings: ${d.settingsUrl}`,
    },
  );
}
