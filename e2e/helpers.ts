import { expect, type Page } from "@playwright/test";

/** Signs in through the real form, as a person would: only for tests whose subject is signing
 * in. Every other test signs in through the API (`signIn` in e2e/fixtures.ts). */
export async function signInThroughForm(page: Page, email: string, password: string, callbackUrl = "/") {
  await page.goto(`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
}

/** The page's live connection to the sidecar is up (a page connects only when it shows
 * something live). Wait for it before acting on what the page should then follow. */
export async function live(page: Page, message?: string) {
  await expect(page.getByTestId("live-status"), message).toHaveAttribute("data-state", "live");
}
