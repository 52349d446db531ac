// Recommendations as shoppers see them: the product page's "Frequently bought together" (from
// orders, applied by the app's worker after they commit) and "Similar products", the cart's
// "Frequently bought together", and "For you" on the home page for a signed-in customer only.
import { PROCEDURES, TEST_DELIVERY, trpcOk } from "./api";
import { expect, test, uniqueTag, type Account, type Product } from "./fixtures";

// Each test waits for the worker to apply an order (it polls when the kick after the order's
// commit is missed), on two cores shared with other runs: more time than the default 30 s.
test.describe.configure({ timeout: 90_000 });

function buyTogether(customer: Account, products: Product[]) {
  return trpcOk<{ id: string }>(customer.api, PROCEDURES.placeOrder, {
    idempotencyKey: `e2e-recs-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
    lines: products.map((p) => ({ variantId: p.variants[0]!.id, quantity: 1 })),
    delivery: TEST_DELIVERY,
    payment: { method: "cod" },
  });
}

test("the product page and the cart show what is bought together, and similar products, with links", async ({ shop, seller, customer, page }) => {
  const tag = uniqueTag();
  const brand = `Recs Brand ${tag}`;
  const lantern = await shop.product(seller, { title: `E2E Recs Lantern ${tag}`, brand });
  const battery = await shop.product(seller, { title: `E2E Recs Battery ${tag}`, brand });
  const mug = await shop.product(seller, { title: `E2E Recs Mug ${tag}`, brand });
  await buyTogether(customer, [lantern, battery]);

  // The worker applies the order after it commits (woken at once, polling otherwise).
  const together = page.getByTestId("recs-together");
  await expect(async () => {
    await page.goto(`/products/${lantern.slug}`);
    await expect(together.getByRole("link", { name: battery.title, exact: true })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(together.getByRole("heading", { name: "Frequently bought together" })).toBeVisible();
  const similar = page.getByTestId("recs-similar");
  await expect(similar.getByRole("heading", { name: "Similar products" })).toBeVisible();
  await expect(similar.getByRole("link", { name: mug.title, exact: true })).toBeVisible();
  await expect(similar.getByRole("link", { name: lantern.title, exact: true })).toHaveCount(0);

  await together.getByRole("link", { name: battery.title, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/products/${battery.slug}$`));
  await expect(page.getByTestId("recs-together").getByRole("link", { name: lantern.title, exact: true })).toBeVisible();

  // The cart: the lantern in it, the battery suggested.
  await trpcOk(page.request, PROCEDURES.cartAdd, { variantId: lantern.variants[0]!.id, quantity: 1 });
  await page.goto("/cart");
  const cartRecs = page.getByTestId("recs-cart-together");
  await expect(cartRecs.getByRole("heading", { name: "Frequently bought together" })).toBeVisible();
  await expect(cartRecs.getByRole("link", { name: battery.title, exact: true })).toBeVisible();
  await expect(cartRecs.getByRole("link", { name: lantern.title, exact: true })).toHaveCount(0);
});

test("a signed-in customer sees For you on the home page, a visitor does not", async ({ shop, seller, customer }) => {
  const tag = uniqueTag();
  const stove = await shop.product(seller, { title: `E2E Recs Stove ${tag}` });
  const pot = await shop.product(seller, { title: `E2E Recs Pot ${tag}` });
  const other = await shop.customer();
  await buyTogether(other, [stove, pot]);

  const { page } = await shop.browserAs(customer);
  // A fresh customer with no orders and no views: no row.
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Featured" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "For you" })).toHaveCount(0);

  // Viewing the stove is noted (after the page is up); the pot, bought with it, is for them.
  const noted = page.waitForResponse((r) => r.url().includes("recommendations.recordView") && r.ok());
  await page.goto(`/products/${stove.slug}`);
  await noted;
  await expect(async () => {
    await page.goto("/");
    await expect(page.getByTestId("recs-for-you").getByRole("link", { name: pot.title, exact: true })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByRole("heading", { name: "For you" })).toBeVisible();
  await expect(page.getByTestId("recs-for-you").getByRole("link", { name: stove.title, exact: true })).toHaveCount(0);

  const visitor = await shop.browserAs();
  await visitor.page.goto("/");
  await expect(visitor.page.getByRole("heading", { name: "Featured" })).toBeVisible();
  await expect(visitor.page.getByRole("heading", { name: "For you" })).toHaveCount(0);
});
