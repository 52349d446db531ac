// Registration and sign-in as a person does them: through the real forms.
import { expect, test, uniqueEmail } from "./fixtures";
import { signInThroughForm } from "./helpers";

test("a new customer registers, signs out and signs back in", async ({ page }) => {
  const email = uniqueEmail("shopper");
  await page.goto("/");
  await page.getByRole("link", { name: "Create account" }).click();
  await page.getByLabel("Name").fill("Pat Shopper");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("correct-horse-battery");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("signed-in-as")).toContainText("Pat Shopper");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(page.getByTestId("signed-in-as")).toHaveCount(0);

  await signInThroughForm(page, email, "correct-horse-battery");
  await expect(page.getByTestId("signed-in-as")).toContainText("Pat Shopper");
});

test("registration explains each bad field next to it and creates nothing", async ({ page, customer }) => {
  await page.goto("/register");
  await page.getByLabel("Name").fill("Bad Input");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter a valid email address")).toBeVisible();
  await expect(page.getByText("Use at least 10 characters")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");

  // An email that already has an account.
  await page.getByLabel("Email").fill(customer.email);
  await page.getByLabel("Password").fill("long-enough-password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("An account with this email already exists")).toBeVisible();
  await expect(page.getByTestId("signed-in-as")).toHaveCount(0);
});

test("a wrong password is refused with a message", async ({ page, customer }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(customer.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("form", { name: "Sign in" }).getByRole("alert")).toHaveText("That email and password do not match an account.");
  await expect(page.getByTestId("signed-in-as")).toHaveCount(0);
});

test("signing in with a callbackUrl that hides another host behind a tab stays on the shop", async ({ page, customer, baseURL }) => {
  // /signin?callbackUrl=/%09/evil.example/x: browsers drop the tab, which made it //evil.example/x.
  await page.goto("/signin?callbackUrl=/%09/evil.example/x");
  await page.getByLabel("Email").fill(customer.email);
  await page.getByLabel("Password").fill(customer.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
  expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
  expect(new URL(page.url()).pathname).toBe("/");
  // Signed in already, the page redirects at once: still home, still the shop.
  await page.goto("/register?callbackUrl=/%5C/evil.example/x");
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
  expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
});
