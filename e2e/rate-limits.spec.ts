// Sign-in throttling through the real server (issue 10, finding 5): one address guessing one
// account's password is slowed with 429 and Retry-After, and the form says how long to wait.
// (The suite raises the other limits with RATE_LIMIT_MULTIPLIER; the per-pair free failures are
// not scaled. The full attacks, with many addresses, are in server/auth/sign-in-attacks.test.ts.)
import { NO_KEEP_ALIVE } from "./api";
import { expect, test } from "./fixtures";

test("guessing one account's password from one address gets 429 with Retry-After, and the form says to wait", async ({ page, shop, customer }) => {
  const guesser = await shop.requestContext();
  const attempt = async (password: string) => {
    const { csrfToken } = (await (await guesser.get("/api/auth/csrf", { headers: NO_KEEP_ALIVE })).json()) as { csrfToken: string };
    const res = await guesser.post("/api/auth/callback/credentials", { form: { csrfToken, email: customer.email, password, json: "true" }, headers: NO_KEEP_ALIVE });
    const { url } = (await res.json()) as { url: string };
    return { status: res.status(), retryAfter: res.headers()["retry-after"], error: new URL(url).searchParams.get("error") };
  };
  const answers = [];
  for (let i = 0; i < 5; i++) answers.push(await attempt(`wrong-guess-${i}`));
  // Five free failures: refused as wrong, not throttled.
  expect(answers.map((a) => a.error)).toEqual(Array(5).fill("CredentialsSignin"));
  // Then the waits start (1 s, 2 s, 4 s…): an attempt soon lands inside one.
  let throttled;
  for (let i = 0; i < 12 && !throttled; i++) {
    const a = await attempt(`wrong-guess-more-${i}`);
    if (a.status === 429) throttled = a;
  }
  expect(throttled, "a throttled attempt").toBeTruthy();
  expect(Number(throttled!.retryAfter)).toBeGreaterThanOrEqual(1);
  expect(throttled!.error).toMatch(/^RATE_LIMITED:\d+$/);

  // The form, from the same address, while the pair waits: it says how long.
  await page.goto("/signin");
  await page.getByLabel("Email").fill(customer.email);
  for (let i = 0; i < 12; i++) {
    await page.getByLabel("Password").fill(`wrong-guess-form-${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    const alert = page.getByRole("form", { name: "Sign in" }).getByRole("alert");
    await expect(alert).toBeVisible();
    if (/Too many failed sign-in attempts\. Try again in \d+ seconds\./.test((await alert.textContent()) ?? "")) return;
  }
  throw new Error("the form never said to wait");
});
