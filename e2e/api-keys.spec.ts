// API keys through their pages: a seller makes a key in their settings, copies it from the page
// (shown once), and a REST call with it lists the store's orders; revoking it ends it. An admin
// makes and revokes a platform key.
import { buy } from "./api";
import { DEMO_ADMIN, expect, signIn, test } from "./fixtures";

/** The REST path of the store's orders (server/api/rest/operations/store.ts). */
const STORE_ORDERS = "/api/v1/store/orders";

test("a seller creates a key in the settings page, copies it, lists the store's orders with it over REST, and revokes it", async ({ page, shop, seller, customer }) => {
  test.slow(); // a seller with two-factor, a product, an order, then four page loads
  const product = await shop.product(seller, { variants: [{ stock: 5 }] });
  const order = await buy(customer.api, product.variants[0]!.id, 1);

  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await signIn(page, seller);
  await page.goto("/seller");
  await page.getByRole("navigation", { name: "Seller" }).getByRole("link", { name: "Settings" }).click();
  await expect(page).toHaveURL(/\/seller\/settings\/api-keys$/);
  await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();
  await expect(page.getByText("No keys yet.")).toBeVisible();

  // The form: a store's key has no admin scope to offer.
  const form = page.getByRole("form", { name: "Create an API key" });
  await expect(form.getByRole("checkbox", { name: /^admin/ })).toHaveCount(0);
  await form.getByLabel("Name").fill("Warehouse POS");
  await form.getByRole("checkbox", { name: /^orders:read/ }).check();
  await form.getByRole("checkbox", { name: /^catalog:read/ }).check();
  await form.getByRole("button", { name: "Create key" }).click();

  // Shown once, with a copy button and the warning.
  const secretBox = page.getByTestId("new-api-key-secret");
  await expect(secretBox).toHaveValue(/^lm_live_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
  await expect(page.getByText("You won't see it again")).toBeVisible();
  const secret = await secretBox.inputValue();
  await page.getByRole("button", { name: "Copy key" }).click();
  await expect(page.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);

  // Listed without its secret.
  const row = page.getByTestId("api-key-row");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Warehouse POS");
  await expect(row.getByTestId("api-key-prefix")).toHaveText(`${secret.split("_").slice(0, 3).join("_")}_…`);
  await expect(row.getByTestId("api-key-scopes")).toContainText("orders:read");
  await expect(row.getByTestId("api-key-state")).toHaveText("Active");
  await expect(row.getByTestId("api-key-last-used")).toHaveText("Never");

  // Once dismissed, the secret is gone for good: not after a reload either.
  await page.getByRole("button", { name: "I have saved it" }).click();
  await expect(secretBox).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("api-key-row")).toHaveCount(1);
  expect(await page.content()).not.toContain(secret);

  // Another program uses it: no cookies, just the key.
  const program = await shop.requestContext();
  const res = await program.get(STORE_ORDERS, { headers: { authorization: `Bearer ${secret}` } });
  expect(res.status(), await res.text()).toBe(200);
  const body = (await res.json()) as { data: unknown[] };
  expect(body.data).toHaveLength(1);
  expect(JSON.stringify(body.data[0])).toContain(order.id);

  // Its last use shows on the page.
  await page.reload();
  await expect(page.getByTestId("api-key-row").getByTestId("api-key-last-used")).not.toHaveText("Never");

  // Revoked (after confirming): the next call is refused.
  await page.getByTestId("api-key-row").getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("alertdialog", { name: "Revoke Warehouse POS?" }).getByRole("button", { name: "Yes, revoke" }).click();
  await expect(page.getByTestId("api-key-row").getByTestId("api-key-state")).toHaveText("Revoked");
  await expect(page.getByTestId("api-key-row").getByRole("button", { name: "Revoke" })).toHaveCount(0);
  const after = await program.get(STORE_ORDERS, { headers: { authorization: `Bearer ${secret}` } });
  expect(after.status()).toBe(401);
  expect(after.headers()["content-type"]).toContain("application/problem+json");
});

test("an admin creates a platform key with the admin scope and revokes it", async ({ page }) => {
  await signIn(page, DEMO_ADMIN);
  await page.goto("/admin");
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "API keys" }).click();
  await expect(page).toHaveURL(/\/admin\/api-keys$/);
  const name = `Back office ${Date.now().toString(36)}`;
  const form = page.getByRole("form", { name: "Create an API key" });
  await form.getByLabel("Name").fill(name);
  await form.getByRole("checkbox", { name: /^admin/ }).check();
  await form.getByLabel("Expires").selectOption("30");
  await form.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByTestId("new-api-key-secret")).toHaveValue(/^lm_live_/);

  const row = page.getByTestId("api-key-row").filter({ hasText: name });
  await expect(row.getByTestId("api-key-scopes")).toHaveText("admin");
  await expect(row.getByTestId("api-key-state")).toHaveText("Active");
  await expect(row.getByText("Expires")).toBeVisible();
  await expect(row.getByText("Never", { exact: true })).toHaveCount(1); // last used: never; it expires

  await row.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("alertdialog", { name: `Revoke ${name}?` }).getByRole("button", { name: "Yes, revoke" }).click();
  await expect(row.getByTestId("api-key-state")).toHaveText("Revoked");
});
