// Guest checkout and the account area as people use them: a guest orders with an email, follows
// the signed link from the dev mailbox in a fresh browser, and claims the order by creating and
// verifying an account; a customer keeps addresses that fill the checkout, searches their order
// history and changes their email through a link; forms put their errors at the top and focus them.
import type { Page } from "@playwright/test";
import { expect, test, uniqueEmail } from "./fixtures";
import { signInThroughForm } from "./helpers";

async function addToCart(page: Page, slug: string, variantId: string) {
  await page.goto(`/products/${slug}?variant=${variantId}`);
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByText("Added to cart")).toBeVisible();
}

/** The newest dev-mailbox message to `email` with `subject` (mail is written just after the answer). */
async function openMail(page: Page, email: string, subject: string | RegExp) {
  const message = page.getByRole("listitem").filter({ hasText: `To: ${email}` }).filter({ hasText: subject }).first();
  await expect(async () => {
    await page.goto("/dev/mail");
    await expect(message).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  return message;
}

test.describe.configure({ timeout: 120_000 });

test("a guest checks out with an email, opens the signed link from the mail in another browser, and claims the order with a verified account", async ({ page, shop, seller }) => {
  const product = await shop.product(seller, { variants: [{ title: "Guest size", stock: 10 }] });
  const email = uniqueEmail("guest");
  await addToCart(page, product.slug, product.variants[0]!.id);
  await page.goto("/checkout");
  await expect(page.getByRole("main").getByRole("link", { name: "Sign in" })).toHaveCount(1);

  // An empty submit: the summary at the top takes focus and says what to enter.
  await page.getByLabel("Pay on delivery").check();
  await page.getByRole("button", { name: /Place order/ }).click();
  const summary = page.getByTestId("error-summary");
  await expect(summary).toBeFocused();
  await expect(summary).toContainText("Enter your postcode");
  await expect(summary).toContainText("Enter your email address");
  await summary.getByRole("link", { name: "Enter your postcode" }).click();
  await expect(page.getByLabel("Postcode")).toBeFocused();

  await page.getByLabel("Full name").fill("Gwen Guest");
  await page.getByLabel("Phone").fill("+1 555 0199");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Street address").fill("1 Broadway");
  await page.getByLabel("City").fill("New York");
  await page.getByLabel("Postcode").fill("10001");
  await page.getByRole("button", { name: /Place order/ }).click();
  await expect(page).toHaveURL(/\/orders\/view\/[^/?]+\?placed=1$/);
  await expect(page.getByText("Thank you! Your order is confirmed")).toBeVisible();
  await expect(page.getByTestId("order-status")).toHaveText("Placed");
  const confirmation = new URL(page.url()).pathname;

  // Another browser, no session: the mailed link shows that order; a link altered by one character is a 404.
  const other = await shop.browserAs();
  const mail = await openMail(other.page, email, /Your Livemarket order/);
  const link = mail.getByRole("link", { name: /\/orders\/view\// });
  const href = (await link.getAttribute("href"))!;
  expect(new URL(href).pathname).toBe(confirmation);
  await link.click();
  await expect(other.page.getByTestId("order-status")).toHaveText("Placed");
  await expect(other.page.getByRole("link", { name: new RegExp(product.title) })).toBeVisible();
  await expect(other.page.getByRole("button", { name: "Cancel order" })).toHaveCount(0);
  const at = "/orders/view/".length;
  const tampered = confirmation.slice(0, at) + (confirmation[at] === "e" ? "f" : "e") + confirmation.slice(at + 1);
  const res = await other.page.goto(tampered);
  expect(res?.status()).toBe(404);

  // Creating an account with that email does not claim the order until the email is verified.
  await other.page.goto("/register");
  await other.page.getByLabel("Name").fill("Gwen Guest");
  await other.page.getByLabel("Email").fill(email);
  await other.page.getByLabel("Password").fill("a-strong-password");
  await other.page.getByRole("button", { name: "Create account" }).click();
  await expect(other.page.getByTestId("signed-in-as")).toBeVisible();
  await other.page.goto("/account/orders");
  await expect(other.page.getByTestId("history-empty")).toBeVisible();
  await other.page.goto("/account");
  await expect(other.page.getByTestId("email-unverified")).toBeVisible();

  const verify = await openMail(other.page, email, /Confirm your Livemarket email address/);
  await verify.getByRole("link", { name: /\/verify-email\?token=/ }).click();
  await other.page.getByRole("button", { name: "Confirm my email" }).click();
  await expect(other.page.getByTestId("email-confirmed")).toContainText("1 order you placed as a guest is now in your account");
  await other.page.goto("/account/orders");
  await expect(other.page.getByTestId("history-row")).toHaveCount(1);
  await expect(other.page.getByTestId("history-row")).toContainText(product.title);
});

test("a customer's saved addresses fill the checkout, the history is searchable, and an email change waits for its link", async ({ page, shop, seller, customer }) => {
  const product = await shop.product(seller, { variants: [{ title: "Account size", stock: 10 }] });
  await signInThroughForm(page, customer.email, customer.password);
  await page.getByRole("banner").getByRole("link", { name: "Account" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("navigation", { name: "Your account" }).getByRole("link", { name: "Security" })).toHaveAttribute("href", "/account/security");

  // Add an address: an empty submit first.
  const add = page.getByRole("form", { name: "Add an address" });
  await add.getByRole("button", { name: "Add address" }).click();
  await expect(add.getByTestId("error-summary")).toBeFocused();
  await expect(add.getByTestId("error-summary")).toContainText("Enter your postcode");
  await add.getByLabel("Full name").fill("Casey Home");
  await add.getByLabel("Phone").fill("+1 555 0100");
  await add.getByLabel("Street address").fill("12 Home Street");
  await add.getByLabel("City").fill("Portland");
  await add.getByLabel("Postcode").fill("97201");
  await add.getByRole("button", { name: "Add address" }).click();
  const saved = page.getByTestId("saved-address");
  await expect(saved).toHaveCount(1);
  await expect(saved).toContainText("Default");

  // A second one, edited, made the default, then the first deleted.
  await page.getByText("Add an address").click();
  await add.getByLabel("Full name").fill("Casey Work");
  await add.getByLabel("Phone").fill("+1 555 0101");
  await add.getByLabel("Street address").fill("9 Office Park");
  await add.getByLabel("City").fill("Salem");
  await add.getByLabel("Postcode").fill("97301");
  await add.getByRole("button", { name: "Add address" }).click();
  await expect(saved).toHaveCount(2);
  await page.getByRole("button", { name: "Edit 9 Office Park" }).click();
  const edit = page.getByRole("form", { name: "Edit address" });
  await edit.getByLabel("Postcode").fill("97302");
  await edit.getByRole("button", { name: "Save address" }).click();
  await expect(saved.filter({ hasText: "9 Office Park" })).toContainText("97302");
  await page.getByRole("button", { name: "Make 9 Office Park the default" }).click();
  await expect(saved.filter({ hasText: "9 Office Park" })).toContainText("Default");
  await page.getByRole("button", { name: "Delete 12 Home Street" }).click();
  await expect(saved).toHaveCount(1);

  // The checkout starts from the default address.
  await addToCart(page, product.slug, product.variants[0]!.id);
  await page.goto("/checkout");
  await expect(page.getByLabel("Postcode")).toHaveValue("97302");
  await expect(page.getByLabel("Street address")).toHaveValue("9 Office Park");
  await expect(page.getByLabel("Email")).toHaveValue(customer.email);
  await page.getByLabel("Pay on delivery").check();
  await page.getByRole("button", { name: /Place order/ }).click();
  await expect(page.getByTestId("order-status")).toHaveText("Placed");
  const number = (await page.getByTestId("order-number").textContent())!.trim();

  // The history: by product, by number, by status.
  await page.goto("/account/orders");
  const search = page.getByRole("search", { name: "Search your orders" });
  await search.getByLabel("Order number or product").fill(product.title);
  await search.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/q=/);
  await expect(page.getByTestId("history-row")).toHaveCount(1);
  // Each search is a navigation: wait for its URL, or the next search can race the one before
  // (the result counts alone cannot tell an old page from a new one).
  const part = number.slice(0, 6).toLowerCase();
  await search.getByLabel("Order number or product").fill(part);
  await search.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(part)}`));
  await expect(page.getByTestId("history-row")).toHaveCount(1);
  await search.getByLabel("Order number or product").fill("");
  await search.getByLabel("Status").selectOption("DELIVERED");
  await search.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/status=DELIVERED/);
  await expect(page.getByTestId("history-empty")).toContainText("No orders match");

  // The email changes only once the link sent to the new address is opened.
  const newEmail = uniqueEmail("moved");
  await page.goto("/account");
  await page.getByLabel("New email address").fill(newEmail);
  await page.getByRole("button", { name: "Change email" }).click();
  await expect(page.getByTestId("pending-email")).toContainText(newEmail);
  await expect(page.getByTestId("profile-email")).toHaveText(customer.email);
  const mail = await openMail(page, newEmail, /Confirm your new Livemarket email address/);
  await mail.getByRole("link", { name: /\/verify-email\?token=/ }).click();
  await page.getByRole("button", { name: "Confirm my email" }).click();
  await expect(page.getByTestId("email-confirmed")).toContainText(`Your account's email is now ${newEmail}`);
  await page.goto("/account");
  await expect(page.getByTestId("profile-email")).toHaveText(newEmail);
  await expect(page.getByTestId("email-verified")).toBeVisible();
});
