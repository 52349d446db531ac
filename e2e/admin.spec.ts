import { DEMO_ADMIN, expect, signIn, test } from "./fixtures";

test("an admin finds a user, makes them a seller, disables them, and sees it all in the audit log", async ({ page, shop, customer }) => {
  // Two browsers and a dozen page loads: near the 30 s budget when the machine is busy.
  test.slow();
  // Someone has signed up.
  const { email, password } = customer;

  // The admin finds them.
  await signIn(page, DEMO_ADMIN);
  await page.goto("/admin");
  await page.getByRole("link", { name: "Users" }).click();
  const find = page.getByRole("search", { name: "Find users" });
  await find.getByLabel("Email or name").fill(email);
  await find.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/\/admin\/users\?q=/);
  const row = page.getByTestId("user-row");
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId("user-role")).toHaveText("Customer");

  // Role change.
  await row.getByRole("combobox", { name: `Role of ${email}` }).selectOption("SELLER");
  await row.getByRole("button", { name: "Save role" }).click();
  await expect(row.getByText("Role is now seller")).toBeVisible();
  await expect(row.getByTestId("user-role")).toHaveText("Seller");

  // Disable, after confirming.
  await row.getByRole("button", { name: "Disable account" }).click();
  await row.getByRole("button", { name: "Yes, disable" }).click();
  await expect(row.getByTestId("user-state")).toHaveText("Disabled");
  await expect(row.getByRole("button", { name: "Enable account" })).toBeVisible();

  // The admin cannot act on themselves.
  await page.goto(`/admin/users?q=${encodeURIComponent(DEMO_ADMIN.email)}`);
  await expect(page.getByTestId("user-row").getByText("This is you")).toBeVisible();

  // The disabled user can no longer sign in (through the form, as they would try), and is told
  // why once their password is right; a wrong password still says only that it does not match.
  const { page: p2 } = await shop.browserAs();
  await p2.goto("/signin");
  await p2.getByLabel("Email").fill(email);
  await p2.getByLabel("Password").fill(password);
  await p2.getByRole("button", { name: "Sign in" }).click();
  await expect(p2.getByText("This account is disabled.")).toBeVisible();
  await expect(p2.getByTestId("signed-in-as")).toHaveCount(0);
  await p2.getByLabel("Password").fill(`${password}-wrong`);
  await p2.getByRole("button", { name: "Sign in" }).click();
  await expect(p2.getByText("That email and password do not match an account.")).toBeVisible();

  // The audit log has both changes, newest first, with before and after.
  await page.goto(`/admin/users?q=${encodeURIComponent(email)}`);
  await page.getByTestId("user-row").getByRole("link", { name: "History" }).click();
  await expect(page).toHaveURL(/\/admin\/audit\?/);
  const entries = page.getByTestId("audit-row");
  await expect(entries).toHaveCount(2);
  await expect(entries.nth(0)).toContainText("user.disable");
  await expect(entries.nth(0)).toContainText(DEMO_ADMIN.email);
  await expect(entries.nth(1)).toContainText("user.role");
  await expect(entries.nth(1)).toContainText("CUSTOMER");
  await expect(entries.nth(1)).toContainText("→ SELLER");
  // Names, not ids: the user changed and who changed them.
  await expect(entries.nth(1)).toContainText(customer.name);
  await expect(entries.nth(1)).not.toContainText(customer.id);

  // And the action filter narrows the whole log.
  await page.goto("/admin/audit");
  const filter = page.getByRole("form", { name: "Filter the audit log" });
  await filter.getByLabel("Action").selectOption("user.disable");
  await filter.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/action=user.disable/);
  await expect(page.getByTestId("audit-row").first()).toContainText("user.disable");
});
