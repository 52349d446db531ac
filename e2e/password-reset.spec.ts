// Password reset as a person does it in the embedded default (no mail server): "Forgot
// password?" on the sign-in page, the dev mailbox, the link, a new password, signing in with it.
import type { Page } from "@playwright/test";
import { PROCEDURES, trpcCall } from "./api";
import { expect, test, uniqueEmail } from "./fixtures";
import { signInThroughForm } from "./helpers";

/** The dev mailbox's message to `email` (the mail is written just after the answer: reload
 * until it is there). */
async function openMailTo(page: Page, email: string) {
  const message = page.getByRole("listitem").filter({ hasText: `To: ${email}` }).first();
  await expect(async () => {
    await page.goto("/dev/mail");
    await expect(message).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  return message;
}

async function askForLink(page: Page, email: string) {
  await page.goto("/signin");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByText("Check your email")).toBeVisible();
}

test("forgot password: the dev mailbox's link sets a new password; the old one stops working and old sessions end", async ({ page, customer }) => {
  await askForLink(page, customer.email);
  await expect(page.getByText(`If an account exists for ${customer.email}`)).toBeVisible();
  await page.getByRole("link", { name: "dev mailbox" }).click();

  const message = await openMailTo(page, customer.email);
  await expect(message.getByRole("heading", { name: "Reset your Livemarket password" })).toBeVisible();
  await message.getByRole("link", { name: /\/reset-password\?token=/ }).click();

  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  const resetUrl = page.url();
  await page.getByLabel("New password", { exact: true }).fill("my-brand-new-password");
  await page.getByLabel("Repeat the new password").fill("my-brand-new-password");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByText("Your password is changed")).toBeVisible();

  // The customer's API session, signed in with the old password, is over.
  const me = await trpcCall(customer.api, PROCEDURES.me, undefined, "query");
  expect(me.ok).toBe(false);

  // The link does not work twice.
  await page.goto(resetUrl);
  await expect(page.getByText("This reset link has expired or has already been used.")).toBeVisible();

  // The old password is refused, the new one works.
  await page.goto("/signin");
  await page.getByLabel("Email").fill(customer.email);
  await page.getByLabel("Password").fill(customer.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("form", { name: "Sign in" }).getByRole("alert")).toHaveText("That email and password do not match an account.");
  await signInThroughForm(page, customer.email, "my-brand-new-password");
  await expect(page.getByTestId("signed-in-as")).toContainText(customer.name);
});

test("an email without an account gets the very same answer, and no mail", async ({ page }) => {
  const nobody = uniqueEmail("nobody");
  await askForLink(page, nobody);
  const answer = await page.getByRole("status").first().innerText();
  expect(answer.replace(nobody, "EMAIL")).toContain("If an account exists for EMAIL, we have sent it a link to choose a new password.");
  await page.goto("/dev/mail");
  await expect(page.getByRole("heading", { name: "Dev mailbox" })).toBeVisible();
  await expect(page.getByText(`To: ${nobody}`)).toHaveCount(0);
});

test("a made-up or broken reset link says so and offers a new one", async ({ page }) => {
  await page.goto(`/reset-password?token=${"x".repeat(43)}`);
  await expect(page.getByText("This reset link has expired or has already been used.")).toBeVisible();
  await page.goto("/reset-password?token=short");
  await expect(page.getByText("This reset link is incomplete.")).toBeVisible();
  await page.getByRole("link", { name: "Send me a new link" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
});
