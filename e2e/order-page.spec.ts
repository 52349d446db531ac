// The order page as a customer reads it, and the short order number everywhere an order is named.
import { buy, PROCEDURES, transitionOrder, trpcOk } from "./api";
import { DEMO_ADMIN, expect, signIn, test } from "./fixtures";

const NUMBER = /^LM-[0-9A-HJKMNP-TV-Z]{5}$/;

test("an order page names the order by its short number and its delivery service, and a cancel takes the thanks away", async ({ page, shop, seller, customer }) => {
  const product = await shop.product(seller);
  const placed = await buy(customer.api, product.variants[0]!.id, 1);
  const order = await trpcOk<{ id: string; number: string }>(customer.api, PROCEDURES.orderById, { orderId: placed.id }, "query");
  expect(order.number).toMatch(NUMBER);
  // The API takes the number as well as the id, in any case.
  const byNumber = await trpcOk<{ id: string }>(customer.api, PROCEDURES.orderById, { orderId: order.number.toLowerCase() }, "query");
  expect(byNumber.id).toBe(placed.id);

  await signIn(page, customer);
  await page.goto("/orders");
  const row = page.getByTestId("order-row").filter({ hasText: order.number });
  await expect(row.getByTestId("order-number")).toHaveText(order.number);
  await row.getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/orders/${order.number}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Order ${order.number}`);
  await expect(page.getByTestId("order-id")).toHaveText(`id ${placed.id}`);
  await expect(page.getByTestId("delivery-service")).toHaveText("Standard delivery (3–5 working days)");

  // Just placed: thanked; cancelled: no longer.
  await page.goto(`/orders/${order.number}?placed=1`);
  await expect(page.getByText(/thank you! your order is confirmed/i)).toBeVisible();
  await page.getByRole("button", { name: "Cancel order" }).click();
  await page.getByRole("button", { name: "Yes, cancel order" }).click();
  await expect(page.getByTestId("order-status")).toHaveText("Cancelled");
  await expect(page.getByText(/thank you! your order is confirmed/i)).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("order-status")).toHaveText("Cancelled");
  await expect(page.getByText(/thank you! your order is confirmed/i)).toHaveCount(0);

  // The full id still opens it.
  await page.goto(`/orders/${placed.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Order ${order.number}`);
});

test("a shipped order's tracking number links to the carrier; sellers and admins see the short number", async ({ page, shop, seller, customer }) => {
  const product = await shop.product(seller);
  const placed = await buy(customer.api, product.variants[0]!.id, 1);
  const { number } = await trpcOk<{ number: string }>(customer.api, PROCEDURES.orderById, { orderId: placed.id }, "query");
  await transitionOrder(seller.api, placed.id, "PAID");
  await transitionOrder(seller.api, placed.id, "PACKED");
  await transitionOrder(seller.api, placed.id, "SHIPPED", { carrier: "ups", trackingNumber: "1Z999AA10123456784" });

  await signIn(page, customer);
  await page.goto(`/orders/${number}`);
  const link = page.getByRole("link", { name: /1Z999AA10123456784, track with UPS/ });
  await expect(link).toHaveAttribute("href", "https://www.ups.com/track?tracknum=1Z999AA10123456784");
  await expect(link).toHaveAttribute("target", "_blank");

  const { page: sellerPage } = await shop.browserAs(seller);
  await sellerPage.goto("/seller/orders");
  await expect(sellerPage.getByTestId("seller-order-row").filter({ hasText: number })).toHaveCount(1);
  await sellerPage.getByRole("link", { name: number }).click();
  await expect(sellerPage.getByRole("heading", { level: 1 })).toHaveText(`Order ${number}`);
  await expect(sellerPage.getByText("Service: Standard delivery (3–5 working days)")).toBeVisible();

  const { page: adminPage } = await shop.browserAs(DEMO_ADMIN);
  await adminPage.goto("/admin/orders");
  await expect(adminPage.getByRole("link", { name: number })).toBeVisible();
  await adminPage.goto(`/admin/orders/${number}`);
  await expect(adminPage.getByRole("heading", { level: 1 })).toHaveText(`Order ${number}`);
});
