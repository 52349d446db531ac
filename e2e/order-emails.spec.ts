// Order emails on the embedded default, read where a newcomer reads them (/dev/mail): a customer
// orders and gets the confirmation, the seller gets their new order, ships it and the customer
// gets the shipped mail with the carrier's tracking link; the seller's low-stock digest (sent now
// from the dev mailbox's button, for a day of this test's own) has an unsubscribe link that works
// without signing in, refuses a tampered token, and the seller turns the digest back on.
import type { Page } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";

test.describe.configure({ timeout: 120_000 });

/** The newest dev-mailbox message to `email` whose subject matches (the worker sends within a second or two). */
async function openMail(page: Page, email: string, subject: string | RegExp) {
  const message = page.getByRole("listitem").filter({ hasText: `To: ${email}` }).filter({ hasText: subject }).first();
  await expect(async () => {
    await page.goto("/dev/mail");
    await expect(message).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  return message;
}

test("a placed order is confirmed by mail, the seller's shipping mails the tracking link, and the digest's unsubscribe works", async ({ page, shop, seller: sellerAccount, customer }) => {
  const product = await shop.product(sellerAccount, { variants: [{ title: "Mail size", stock: 3, lowStockThreshold: 2 }] });
  const id = product.variants[0]!.id;

  await signIn(page, customer);
  await page.goto(`/products/${product.slug}?variant=${id}`);
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByText("Added to cart")).toBeVisible();
  await page.goto("/checkout");
  await page.getByLabel("Phone").fill("+1 555 0100");
  await page.getByLabel("Street address").fill("1 Market Street");
  await page.getByLabel("City").fill("San Francisco");
  await page.getByLabel("Postcode").fill("94110");
  await page.getByLabel("Pay on delivery").check();
  await page.getByRole("button", { name: /Place order/ }).click();
  await expect(page.getByTestId("order-status")).toHaveText("Placed");
  const number = (await page.getByRole("heading", { level: 1 }).textContent())!.trim().replace("Order ", "");

  // The confirmation, with the order's page; the seller's new order, with their item.
  const mailbox = (await shop.browserAs()).page;
  const confirmation = await openMail(mailbox, customer.email, `Your Livemarket order ${number}`);
  await expect(confirmation).toContainText(product.title);
  await expect(confirmation.getByRole("link", { name: new RegExp(`/orders/${number}$`) })).toBeVisible();
  const newOrder = await openMail(mailbox, sellerAccount.email, `New order ${number}`);
  await expect(newOrder).toContainText(product.title);

  // The seller ships it with DHL: the customer's mail has the tracking number and DHL's page.
  const { page: seller } = await shop.browserAs(sellerAccount);
  await seller.goto("/seller/orders?status=placed");
  await seller.getByRole("link", { name: number }).click();
  await seller.getByRole("button", { name: "Mark paid" }).click();
  await expect(seller.getByTestId("part-status")).toHaveText("Paid");
  await seller.getByRole("button", { name: "Mark packed" }).click();
  await expect(seller.getByTestId("part-status")).toHaveText("Packed");
  await seller.getByRole("button", { name: "Ship" }).click();
  const ship = seller.getByRole("form", { name: "Ship" });
  await ship.getByLabel("Carrier").selectOption({ label: "DHL Express" });
  await ship.getByLabel("Tracking number").fill("0812345678");
  await ship.getByRole("button", { name: "Mark shipped" }).click();
  await expect(seller.getByTestId("part-status")).toHaveText("Shipped");
  const shipped = await openMail(mailbox, customer.email, `Your order ${number} has shipped`);
  await expect(shipped).toContainText("tracking number 0812345678");
  const tracking = shipped.getByRole("link", { name: /dhl\.com.*tracking-id=0812345678/ });
  await expect(tracking).toHaveAttribute("href", /^https:\/\/www\.dhl\.com\/.*tracking-id=0812345678$/);

  // The order took one of three units: at the alert level of 2. The digest for a day of this test's own.
  await mailbox.goto("/dev/mail");
  await mailbox.getByLabel(/^Day/).fill("2031-01-15");
  await mailbox.getByRole("button", { name: "Send the low-stock digest now" }).click();
  const digest = await openMail(mailbox, sellerAccount.email, /Low stock at/);
  await expect(digest).toContainText("2 left (alert at 2)");
  const unsubscribe = (await digest.getByRole("link", { name: /\/unsubscribe\// }).getAttribute("href"))!;

  // No sign-in needed: the link shows one button; opening it changed nothing.
  const visitor = (await shop.browserAs()).page;
  await visitor.goto(unsubscribe);
  await expect(visitor.getByText(sellerAccount.email)).toBeVisible();
  // A token altered by one character is refused, page and POST alike.
  const tampered = unsubscribe.replace(/.(?=$)/, (c) => (c === "A" ? "B" : "A"));
  expect((await visitor.goto(tampered))!.status()).toBe(404);
  const token = new URL(tampered).pathname.split("/").pop()!;
  const refused = await visitor.request.post(`/api/mail/unsubscribe?token=${token}`, { form: { "List-Unsubscribe": "One-Click" } });
  expect(refused.status()).toBe(404);
  await visitor.goto(unsubscribe);
  await visitor.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(visitor.getByRole("status")).toContainText("You are unsubscribed");

  // Unsubscribed: another day's digest does not come; the seller turns it back on in settings.
  await mailbox.goto("/dev/mail");
  await mailbox.getByLabel(/^Day/).fill("2031-01-16");
  await mailbox.getByRole("button", { name: "Send the low-stock digest now" }).click();
  await expect(mailbox.getByRole("listitem").filter({ hasText: `To: ${sellerAccount.email}` }).filter({ hasText: /Jan 16, 2031/ })).toHaveCount(0);
  await seller.goto("/seller/settings/email");
  await expect(seller.getByTestId("digest-state")).toContainText("Off");
  await seller.getByRole("button", { name: "Turn on the digest" }).click();
  await expect(seller.getByTestId("digest-state")).toContainText("On");
  await mailbox.goto("/dev/mail");
  await mailbox.getByLabel(/^Day/).fill("2031-01-17");
  await mailbox.getByRole("button", { name: "Send the low-stock digest now" }).click();
  await openMail(mailbox, sellerAccount.email, /Jan 17, 2031/);
});
