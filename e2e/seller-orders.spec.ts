import { expect, signIn, test } from "./fixtures";

test("a seller takes an order from paid to shipped and the customer sees each step and the tracking number", async ({ page, shop, seller: sellerAccount, customer }) => {
  // Checkout, four seller steps and three browsers: near the 30 s budget when the machine is busy.
  test.slow();
  const product = await shop.product(sellerAccount);
  const id = product.variants[0]!.id;

  // The customer orders it, paying on delivery.
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
  // The page's address names the order by its short number; the full id is shown beside it.
  const orderId = (await page.getByTestId("order-id").textContent())!.replace(/^id /, "").trim();
  const heading = (await page.getByRole("heading", { level: 1 }).textContent())!.trim(); // "Order LM-XXXXX"

  // The seller finds it among placed orders and moves it along.
  const { context: sellerCtx, page: seller } = await shop.browserAs(sellerAccount);
  await seller.goto("/seller/orders?status=placed");
  await seller.getByRole("link", { name: heading.replace("Order ", "") }).click();
  await expect(seller).toHaveURL(new RegExp(`/seller/orders/${orderId}$`));
  await expect(seller.getByTestId("part-status")).toHaveText("Placed");
  await expect(seller.getByText("Pay on delivery · pending")).toBeVisible();
  await expect(seller.getByText("1 Market Street")).toBeVisible();

  await seller.getByRole("button", { name: "Mark paid" }).click();
  await expect(seller.getByTestId("part-status")).toHaveText("Paid");
  await expect(seller.getByTestId("payment-state")).toHaveText("Pay on delivery · succeeded");
  await seller.getByRole("button", { name: "Mark packed" }).click();
  await expect(seller.getByTestId("part-status")).toHaveText("Packed");

  await seller.getByRole("button", { name: "Ship" }).click();
  const ship = seller.getByRole("form", { name: "Ship" });
  await ship.getByRole("button", { name: "Mark shipped" }).click();
  await expect(ship.locator("p", { hasText: "Choose a carrier" })).toBeVisible();
  await expect(ship.getByText("Enter the tracking number")).toBeVisible();
  await ship.getByLabel("Carrier").selectOption({ label: "DHL Express" });
  await ship.getByLabel("Tracking number").fill("12345");
  await ship.getByRole("button", { name: "Mark shipped" }).click();
  await expect(ship.getByText("Not a DHL Express tracking number (for example 1234567890)")).toBeVisible();
  await ship.getByLabel("Tracking number").fill("081 234 5678"); // spaces are fine
  await ship.getByRole("button", { name: "Mark shipped" }).click();
  await expect(seller.getByTestId("part-status")).toHaveText("Shipped");
  await expect(seller.getByTestId("part-tracking")).toHaveText("0812345678");
  // Cancelling is no longer offered, and the page says why.
  await expect(seller.getByRole("button", { name: "Cancel" })).toHaveCount(0);
  await expect(seller.getByText("A shipped order cannot be cancelled; refund it instead")).toBeVisible();
  await sellerCtx.close();

  // The customer sees every step with its date, and the tracking number.
  await page.reload();
  await expect(page.getByTestId("order-status")).toHaveText("Shipped");
  const timeline = page.getByTestId("order-timeline").getByRole("listitem");
  await expect(timeline).toHaveCount(4);
  await expect(timeline.nth(0)).toContainText("Placed");
  await expect(timeline.nth(1)).toContainText("Paid");
  await expect(timeline.nth(2)).toContainText("Packed");
  await expect(timeline.nth(3)).toContainText("Shipped with DHL Express, tracking number 0812345678");
  await expect(page.getByTestId("tracking-number")).toHaveText("0812345678");
  await expect(page.getByTestId("order-part")).toContainText(sellerAccount.store.name);
  await expect(page.getByRole("button", { name: "Cancel order" })).toHaveCount(0);

  // Another seller cannot open it by URL.
  const { page: other } = await shop.browserAs(await shop.seller());
  const res = await other.goto(`/seller/orders/${orderId}`);
  expect(res?.status()).toBe(404);
  await expect(other.getByText("Page not found")).toBeVisible();
});
