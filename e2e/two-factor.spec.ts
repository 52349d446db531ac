// Two-factor authentication as staff meet it: an admin without it is sent to set it up, does so
// with a code computed here (otplib, as an authenticator app would), signs out, signs in with
// password and code, and a recovery code works once.
import type { Page } from "@playwright/test";
import { register, setRole, totpCode } from "./api";
import { expect, signIn, test, uniqueEmail } from "./fixtures";

const PASSWORD = "e2e-admin-password";

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
}

async function passwordStep(page: Page, email: string, callbackUrl: string) {
  await page.goto(`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  // The password alone is no session: the form asks for the code.
  await expect(page.getByLabel("Authentication code")).toBeVisible();
  await expect(page.getByTestId("signed-in-as")).toHaveCount(0);
}

async function codeStep(page: Page, code: string) {
  await page.getByLabel("Authentication code").fill(code);
  await page.getByRole("button", { name: "Verify" }).click();
}

test("an admin without two-factor is sent to set it up, enrols, and signs in with password and code; a recovery code works once", async ({ page, shop, adminApi }) => {
  // A new admin (the demo admin is exempt; this one is not).
  const api = await shop.requestContext();
  const email = uniqueEmail("admin");
  const user = await register(api, { name: "Alex Admin", email, password: PASSWORD });
  await setRole(adminApi, user.id, "ADMIN");

  // Signed in with the password only: /admin sends them to the security page first.
  await page.goto(`/signin?callbackUrl=${encodeURIComponent("/admin")}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/account\/security\?next=%2Fadmin$/);
  await expect(page.getByText("Your role needs two-factor authentication")).toBeVisible();
  await expect(page.getByTestId("two-factor-state")).toHaveText("Off");
  // Admin procedures are refused meanwhile, whatever the page.
  const refused = await page.request.get(`/api/trpc/admin.overview`);
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.json.data.appCode).toBe("TWO_FACTOR_REQUIRED");

  // Set-up: a QR code and the key; the code computed from the key turns it on.
  await page.getByRole("button", { name: "Set up two-factor authentication" }).click();
  await expect(page.getByRole("img", { name: /QR code/ })).toBeVisible();
  const secret = (await page.getByTestId("two-factor-secret").innerText()).replace(/\s/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await page.getByLabel("Code from the app").fill(await totpCode(secret));
  await page.getByRole("button", { name: "Turn on two-factor" }).click();
  const codes = page.getByTestId("recovery-codes").getByRole("listitem");
  await expect(codes).toHaveCount(10);
  const recoveryCodes = await codes.allInnerTexts();
  await page.getByRole("button", { name: "I have saved them" }).click();
  await expect(page.getByTestId("two-factor-state")).toHaveText("On");
  await page.getByRole("link", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("heading", { name: "Platform admin" })).toBeVisible();

  // The admin users page tells who has two-factor and who is exempt.
  await page.goto(`/admin/users?q=${encodeURIComponent(email)}`);
  await expect(page.getByTestId("user-row").getByTestId("user-two-factor")).toHaveText("On");
  await page.goto(`/admin/users?q=${encodeURIComponent("admin@livemarket.test")}`);
  await expect(page.getByTestId("user-row").getByTestId("user-two-factor")).toContainText("Exempt from 2FA");

  // Signed out, back in: the password, then a code (the next step's: the enrolment used this one).
  await signOut(page);
  await passwordStep(page, email, "/admin");
  await codeStep(page, "000000");
  await expect(page.getByText("That code is not right")).toBeVisible();
  await codeStep(page, await totpCode(secret, 1));
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("heading", { name: "Platform admin" })).toBeVisible();

  // A recovery code signs in once.
  await signOut(page);
  await passwordStep(page, email, "/admin");
  await codeStep(page, recoveryCodes[0]!);
  await expect(page.getByRole("heading", { name: "Platform admin" })).toBeVisible();
  await signOut(page);
  await passwordStep(page, email, "/admin");
  await codeStep(page, recoveryCodes[0]!);
  await expect(page.getByText("That code is not right")).toBeVisible();
  await expect(page.getByTestId("signed-in-as")).toHaveCount(0);
  // Another of them still works, and the security page counts what is left.
  await codeStep(page, recoveryCodes[1]!);
  await expect(page.getByRole("heading", { name: "Platform admin" })).toBeVisible();
  await page.goto("/account/security");
  await expect(page.getByText("8 recovery codes left")).toBeVisible();
});

test("a customer turns two-factor on and off on the security page, staying signed in", async ({ page, customer }) => {
  await signIn(page, customer);
  await page.goto("/account/security");
  await expect(page.getByTestId("two-factor-state")).toHaveText("Off");
  await expect(page.getByText("Your role needs two-factor")).toHaveCount(0);
  await page.getByRole("button", { name: "Set up two-factor authentication" }).click();
  const secret = (await page.getByTestId("two-factor-secret").innerText()).replace(/\s/g, "");
  await page.getByLabel("Code from the app").fill(await totpCode(secret));
  await page.getByRole("button", { name: "Turn on two-factor" }).click();
  await expect(page.getByTestId("recovery-codes").getByRole("listitem")).toHaveCount(10);
  await page.getByRole("button", { name: "I have saved them" }).click();
  // Still signed in: this session confirmed the code.
  await page.reload();
  await expect(page.getByTestId("two-factor-state")).toHaveText("On");
  await expect(page.getByTestId("signed-in-as")).toBeVisible();

  await page.getByLabel("Code from the app or a recovery code").fill(await totpCode(secret, 1));
  await page.getByRole("button", { name: "Turn off two-factor" }).click();
  await expect(page.getByTestId("two-factor-state")).toHaveText("Off");
});
