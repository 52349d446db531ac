// Shipping per seller as people use it (decisions 194-196): two sellers set up where they ship
// on /seller/shipping; a shopper with a cart from both checks out to an address, sees each
// seller's options with the cheapest chosen, switches one and sees the totals change, places the
// order, and the order page shows each part's shipping. An address a seller does not ship to is
// named at checkout and cannot be ordered.
import type { Page } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";

async function addZone(page: Page, zone: { name: string; countries: string[]; options: { name: string; price?: string; tiers?: string }[] }) {
  await page.goto("/seller/shipping");
  await expect(page.getByRole("heading", { level: 1, name: "Shipping" })).toBeVisible();
  await page.getByRole("button", { name: "Add a zone" }).click();
  const form = page.getByRole("form", { name: "New shipping zone" });
  await form.getByLabel("Zone name").fill(zone.name);
  await form.getByLabel("Countries").selectOption(zone.countries);
  for (const [i, o] of zone.options.entries()) {
    if (i > 0) await form.getByRole("button", { name: "Add an option" }).click();
    const row = form.getByTestId("rate-row").nth(i);
    await row.getByLabel("Option name").fill(o.name);
    if (o.tiers) {
      await row.getByLabel("Priced").selectOption("SUBTOTAL");
      await row.getByLabel(/^Tiers/).fill(o.tiers);
    } else {
      await row.getByLabel("Price (USD)").fill(o.price!);
    }
  }
  await form.getByRole("button", { name: "Add zone" }).click();
  await expect(page.getByText(`Added the zone ${zone.name}.`)).toBeVisible();
  await expect(page.getByRole("listitem", { name: `Zone ${zone.name}` })).toBeVisible();
}

test("checkout to an address with two sellers' shipping options: chosen per seller, totals per part, kept on the order", async ({ page, shop, seller, customer }) => {
  // Two sellers (each registered, promoted and enrolled in two-factor) and a shopper: longer than one page's budget.
  test.setTimeout(120_000);
  const other = await shop.seller();
  const a = await shop.product(seller, { variants: [{ priceMinor: 2500, stock: 20 }] });
  const b = await shop.product(other, { variants: [{ priceMinor: 3000, stock: 20 }] });

  const { page: sellerPage } = await shop.browserAs(seller);
  // A new store ships everywhere at the starting prices until the seller changes it.
  await sellerPage.goto("/seller/shipping");
  await expect(sellerPage.getByRole("listitem", { name: "Zone Everywhere" })).toBeVisible();
  await addZone(sellerPage, { name: "Germany", countries: ["DE"], options: [{ name: "Paket (2–4 days)", price: "6.90" }, { name: "Express (next day)", price: "19.90" }] });
  const { page: otherPage } = await shop.browserAs(other);
  await addZone(otherPage, { name: "Germany", countries: ["DE"], options: [{ name: "Standard (3–6 days)", tiers: "0 = 8.00, 100 = 0" }] });
  // Seller A ships only to Germany from now on.
  sellerPage.once("dialog", (d) => void d.accept());
  await sellerPage.getByRole("button", { name: "Delete Everywhere" }).click();
  await expect(sellerPage.getByRole("listitem", { name: "Zone Everywhere" })).toHaveCount(0);

  await signIn(page, customer);
  for (const p of [a, b]) {
    await page.goto(`/products/${p.slug}?variant=${p.variants[0]!.id}`);
    await page.getByRole("button", { name: "Add to cart" }).click();
    await expect(page.getByText("Added to cart")).toBeVisible();
  }
  await page.goto("/checkout");
  await page.getByLabel("Phone").fill("+49 30 1234567");
  await page.getByLabel("Street address").fill("Unter den Linden 1");
  await page.getByLabel("City").fill("Berlin");
  await page.getByLabel("Postcode").fill("10117");

  // Japan first: seller A has no zone for it. The checkout names the store and will not place the order.
  await page.getByLabel("Country").selectOption("JP");
  await expect(page.getByRole("alert").filter({ hasText: `${seller.store.name} does not ship to Japan` })).toBeVisible();
  await expect(page.getByRole("button", { name: /Place order/ })).toBeDisabled();

  await page.getByLabel("Country").selectOption("DE");
  const groupA = page.getByRole("radiogroup", { name: `From ${seller.store.name}` });
  const groupB = page.getByRole("radiogroup", { name: `From ${other.store.name}` });
  // Each seller's options for Germany, the cheapest chosen.
  await expect(groupA.getByRole("radio", { name: /Paket \(2–4 days\)/ })).toBeChecked();
  await expect(groupA.getByRole("radio", { name: /Express \(next day\)/ })).not.toBeChecked();
  await expect(groupB.getByRole("radio", { name: /Standard \(3–6 days\)/ })).toBeChecked();
  await expect(groupA.getByTestId("shipping-part-cost")).toHaveText("$6.90");
  await expect(groupB.getByTestId("shipping-part-cost")).toHaveText("$8.00");
  // German VAT (19%, seeded, on shipping too) is added to both sellers' lines and shipping:
  // goods 25.00 + 30.00 -> 4.75 + 5.70; shipping 6.90 + 8.00 -> 1.31 + 1.52.
  await expect(page.getByTestId("line-tax").first()).toContainText("VAT 19%");
  await expect(page.getByTestId("tax-total")).toHaveText("$13.28");
  await expect(page.getByTestId("checkout-total")).toHaveText("$83.18");

  // Switching seller A's option changes its part and the order's total.
  await groupA.getByRole("radio", { name: /Express \(next day\)/ }).check();
  await expect(groupA.getByTestId("shipping-part-cost")).toHaveText("$19.90");
  // Express's VAT: 19.90 -> 3.78 (instead of 1.31).
  await expect(page.getByTestId("tax-total")).toHaveText("$15.75");
  await expect(page.getByTestId("checkout-total")).toHaveText("$98.65");

  await page.getByLabel("Card number").fill("4242 4242 4242 4242");
  await page.getByLabel("Expiry (MM/YY)").fill("12/39");
  await page.getByLabel("Security code").fill("123");
  await page.getByRole("button", { name: /Place order/ }).click();
  await expect(page.getByTestId("order-status")).toHaveText("Paid");
  const parts = page.getByTestId("order-part");
  await expect(parts.filter({ hasText: seller.store.name }).getByTestId("part-shipping")).toHaveText("Shipping: Express (next day) · $19.90");
  await expect(parts.filter({ hasText: other.store.name }).getByTestId("part-shipping")).toHaveText("Shipping: Standard (3–6 days) · $8.00");
  // The order keeps the tax it was charged.
  await expect(page.getByTestId("tax-total")).toHaveText("$15.75");
});
