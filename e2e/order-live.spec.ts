// Live order updates: a customer's open order page follows what happens to the order (the
// seller's fulfilment steps, a cancellation from another tab) without being reloaded. No
// page.reload() or goto() after an order page has been opened.
import { buy, transitionOrder } from "./api";
import { expect, signIn, test } from "./fixtures";
import { live } from "./helpers";

const UPS_TRACKING = "1Z999AA10123456784";

test("a customer's open order page shows the seller shipping it, with the tracking number, without a reload", async ({ page, shop, seller, customer }) => {
  const product = await shop.product(seller);
  const order = await buy(customer.api, product.variants[0]!.id, 1);

  // The customer opens the order and keeps it open.
  await signIn(page, customer);
  await page.goto(`/orders/${order.id}`);
  await expect(page.getByTestId("order-status")).toHaveText("Placed");
  const part = page.getByTestId("order-part").filter({ hasText: seller.store.name });
  await expect(part.getByText("Placed", { exact: true })).toBeVisible();
  await expect(page.getByTestId("tracking-number")).toHaveCount(0);
  await live(page, "the open order page is connected for live updates");

  // The seller, in a browser of their own, marks their part paid, packed, then ships it.
  const { context: sellerBrowser } = await shop.browserAs(seller);
  await transitionOrder(sellerBrowser.request, order.id, "PAID");
  await transitionOrder(sellerBrowser.request, order.id, "PACKED");
  await transitionOrder(sellerBrowser.request, order.id, "SHIPPED", { carrier: "ups", trackingNumber: UPS_TRACKING });

  // The page the customer kept open follows.
  await expect(page.getByTestId("order-status")).toHaveText("Shipped");
  await expect(part.getByText("Shipped", { exact: true })).toBeVisible();
  await expect(page.getByTestId("tracking-number")).toHaveText(UPS_TRACKING);
});

test("an order cancelled in one tab shows as cancelled in another open tab, without a reload", async ({ page, shop, seller, customer }) => {
  const product = await shop.product(seller);
  const order = await buy(customer.api, product.variants[0]!.id, 1);
  await signIn(page, customer);

  // The same order open in two tabs of one browser.
  await page.goto(`/orders/${order.id}`);
  const other = await page.context().newPage();
  await other.goto(`/orders/${order.id}`);
  await expect(other.getByTestId("order-status")).toHaveText("Placed");
  await live(other, "the order page in the other tab is connected for live updates");

  // Cancelled in the first tab.
  await page.getByRole("button", { name: "Cancel order" }).click();
  await page.getByRole("button", { name: "Yes, cancel order" }).click();
  await expect(page.getByTestId("order-status")).toHaveText("Cancelled");

  // The second tab follows.
  await expect(other.getByTestId("order-status")).toHaveText("Cancelled");
  await expect(other.getByTestId("order-part").filter({ hasText: seller.store.name }).getByText("Cancelled", { exact: true })).toBeVisible();
  await expect(other.getByRole("button", { name: "Cancel order" })).toHaveCount(0);
});
