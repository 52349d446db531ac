// Sessions are server-side (server/auth/sessions.ts): signing out, signing out everywhere, a
// password change, disabling and demoting end sessions in every browser, and a copy of a session
// cookie dies with its session.
import type { APIRequestContext, Page } from "@playwright/test";
import { enrolTwoFactor, NO_KEEP_ALIVE, PROCEDURES, register, setDisabled, setRole, signInWithApi, trpcCall } from "./api";
import { expect, signIn, test, uniqueEmail, type Account, type Shop } from "./fixtures";

/** The page, reloaded, shows no one signed in. */
async function expectSignedOut(page: Page) {
  await page.goto("/");
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(page.getByTestId("signed-in-as")).toHaveCount(0);
}

async function expectSignedIn(page: Page) {
  await page.goto("/");
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
}

/** The customer signed in in two browsers, A on its security page. */
async function twoBrowsers(shop: Shop, customer: Account) {
  const [a, b] = [await shop.browserAs(customer), await shop.browserAs(customer)];
  await a.page.goto("/account/security");
  return { a, b };
}

const meCode = async (request: APIRequestContext) => {
  const r = await trpcCall(request, PROCEDURES.me, undefined, "query");
  return r.ok ? "OK" : r.error.data?.code;
};

test("signing out everywhere from one browser signs the other out too", async ({ shop, customer }) => {
  const a = await shop.browserAs(customer);
  const b = await shop.browserAs(customer);
  await a.page.goto("/");
  await a.page.getByRole("banner").getByRole("link", { name: "Account" }).click();
  await a.page.getByRole("navigation", { name: "Your account" }).getByRole("link", { name: "Security" }).click();
  await expect(a.page).toHaveURL(/\/account\/security$/);
  await expect(a.page.getByRole("heading", { name: "Account security" })).toBeVisible();
  // This browser, the other one and the fixture's API session.
  const rows = a.page.getByTestId("session-row");
  await expect(rows).toHaveCount(3);
  await expect(rows.filter({ hasText: "This device" })).toHaveCount(1);

  await a.page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(a.page).toHaveURL(/\/signin/);
  await expectSignedOut(b.page);
  await expectSignedOut(a.page);
  expect(await meCode(customer.api)).toBe("UNAUTHORIZED");
});

test("signing out one other session from the list ends that one only", async ({ shop, customer }) => {
  const { a, b } = await twoBrowsers(shop, customer);
  const others = a.page.getByTestId("session-row").filter({ hasNotText: "This device" });
  await expect(others).toHaveCount(2);
  // The most recently seen other session is the browser B signed in last.
  await others.first().getByRole("button", { name: /^Sign out / }).click();
  await expect(a.page.getByTestId("session-row")).toHaveCount(2);
  await expectSignedOut(b.page);
  await expectSignedIn(a.page);
  expect(await meCode(customer.api)).toBe("OK");
});

test("changing the password signs out the other browsers and keeps this one", async ({ shop, customer }) => {
  const { a, b } = await twoBrowsers(shop, customer);
  const form = a.page.getByRole("form", { name: "Change password" });
  // A wrong current password changes nothing.
  await form.getByLabel("Current password").fill("not-my-password");
  await form.getByLabel("New password").fill("a-brand-new-password");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByText("That is not your current password")).toBeVisible();
  await expectSignedIn(b.page);

  await a.page.goto("/account/security");
  await form.getByLabel("Current password").fill(customer.password);
  await form.getByLabel("New password").fill("a-brand-new-password");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByText("2 other sessions were signed out")).toBeVisible();
  await expect(a.page.getByTestId("session-row")).toHaveCount(1);
  await expectSignedOut(b.page);
  await expectSignedIn(a.page);
  expect(await meCode(customer.api)).toBe("UNAUTHORIZED");
  // The new password is the one that signs in now.
  const fresh = await shop.requestContext();
  await signInWithApi(fresh, customer.email, "a-brand-new-password");
});

test("a copied session cookie stops working once its browser signs out", async ({ playwright, baseURL, shop, customer }) => {
  const a = await shop.browserAs(customer);
  await a.page.goto("/");
  const copy = await playwright.request.newContext({ baseURL, storageState: await a.context.storageState(), extraHTTPHeaders: NO_KEEP_ALIVE });
  try {
    expect(await meCode(copy)).toBe("OK");
    await a.page.getByRole("button", { name: "Sign out" }).click();
    await expect(a.page.getByRole("link", { name: "Sign in" })).toBeVisible();
    expect(await meCode(copy)).toBe("UNAUTHORIZED");
    const res = await copy.get("/api/auth/session");
    // next-auth's client reads an empty session as signed out.
    expect(await res.json()).toEqual({});
  } finally {
    await copy.dispose();
  }
});

test("an admin demoted and disabled loses the admin pages and procedures on the very next request", async ({ shop, adminApi }) => {
  const api = await shop.requestContext();
  const password = "e2e-admin-password";
  const user = await register(api, { name: "Short-lived Admin", email: uniqueEmail("admin"), password });
  await setRole(adminApi, user.id, "ADMIN");
  // A new admin sets up two-factor first (staff must); the browser gets that verified session.
  await signInWithApi(api, user.email, password);
  const twoFactor = await enrolTwoFactor(api);
  const { page } = await shop.browserAs({ id: user.id, name: user.name, email: user.email, password, api, twoFactor });
  await page.goto("/admin");
  await expect(page.getByRole("heading", { name: "Platform admin" })).toBeVisible();
  expect((await trpcCall(api, PROCEDURES.adminOverview, undefined, "query")).ok).toBe(true);

  await setRole(adminApi, user.id, "CUSTOMER");
  await setDisabled(adminApi, user.id, true);
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fadmin/);
  const r = await trpcCall(api, PROCEDURES.setRole, { userId: user.id, role: "ADMIN" });
  expect(r.ok ? "OK" : r.error.data?.code).toBe("UNAUTHORIZED");
});

test("a disabled seller's export and import runs are refused at once", async ({ seller, adminApi }) => {
  const csv = "product_slug,product_title,category,sku,price,stock\nlate-run,Late run,camping,LATE-RUN-1,9.99,3\n";
  expect((await seller.api.get("/seller/products/export", { headers: NO_KEEP_ALIVE })).status()).toBe(200);
  await setDisabled(adminApi, seller.id, true);
  expect((await seller.api.get("/seller/products/export", { headers: NO_KEEP_ALIVE })).status()).toBe(401);
  const run = await seller.api.post("/seller/import/run?mode=dry-run", { data: csv, headers: { ...NO_KEEP_ALIVE, "content-type": "text/csv" } });
  expect(run.status()).toBe(401);
});

test("the security page asks a signed-out visitor to sign in", async ({ page, customer }) => {
  await page.goto("/account/security");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Faccount%2Fsecurity/);
  await signIn(page, customer);
  await page.goto("/account/security");
  await expect(page.getByRole("heading", { name: "Where you're signed in" })).toBeVisible();
});
