// An order from another system arrives on the order stream (POST /api/orders/test publishes it;
// the app's consumer stores it) and an admin sees it in the orders list: its source and the line
// stock could not cover.
import { expect, signIn, test, DEMO_ADMIN } from "./fixtures";
import { buy } from "./api";

interface EventOrder {
  order_uid: string;
  items: { chrt_id: number; name: string }[];
}

test("an admin sees an order that came through the stream, with its source and its shortfall", async ({ page, shop, seller, customer, adminApi }) => {
  // Two SKUs of a seller: one with stock, one with a single unit that a customer then buys.
  const product = await shop.product(seller, { variants: [{ title: "Plenty", stock: 5 }, { title: "Last one", stock: 1 }] });
  const [plenty, last] = product.variants;
  const skus: EventOrder["items"] = [];
  for (const v of [plenty!, last!]) {
    const placed = (await buy(customer.api, v.id, 1)) as unknown as { orderUid: string };
    const res = await adminApi.get(`/api/orders/${placed.orderUid}`);
    expect(res.status()).toBe(200);
    skus.push(...((await res.json()) as EventOrder).items);
  }

  // Another system sends an order for one of each: the second is out of stock now.
  const sent = await adminApi.post("/api/orders/test", { data: { items: skus } });
  expect(sent.status()).toBe(202);
  const { order_uid } = (await sent.json()) as { order_uid: string };
  await expect.poll(async () => (await adminApi.get(`/api/orders/${order_uid}`)).status()).toBe(200);

  await signIn(page, DEMO_ADMIN);
  await page.goto("/admin/orders?status=needs_attention");
  // The list names orders by their short number; this one is the row short of this test's SKU.
  const row = page.getByTestId("admin-order-row").filter({ has: page.getByTestId("order-shortfall").filter({ hasText: `chrt_id ${skus[1]!.chrt_id})` }) });
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId("order-source")).toHaveText("Event stream");
  await expect(row.getByText("Needs attention")).toBeVisible();
  await expect(row.getByTestId("order-shortfall")).toContainText(`(Last one) (chrt_id ${skus[1]!.chrt_id}) × 1`);
  await expect(row.getByTestId("order-shortfall")).not.toContainText("Plenty");
});
