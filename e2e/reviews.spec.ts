// Reviews end to end: a customer whose order was delivered reviews the product and sees it with
// the "Verified purchase" badge; the average shows on the product page and on its card; a second
// browser kept open on the product follows the rating without a reload; the seller replies from
// their reviews page; an admin hides the review (with a reason, in the audit log) and it leaves
// the page and the averages.
import { buy, transitionOrder } from "./api";
import { DEMO_ADMIN, expect, signIn, test } from "./fixtures";
import { live } from "./helpers";

test("a delivered customer reviews, a watcher sees it live, the seller replies, an admin hides it", async ({ page, shop, seller, customer }) => {
  test.setTimeout(180_000);
  const product = await shop.product(seller);
  const order = await buy(customer.api, product.variants[0]!.id, 1);

  // Not received yet: no form.
  await signIn(page, customer);
  await page.goto(`/products/${product.slug}`);
  await expect(page.getByTestId("rating-average")).toHaveText("No reviews yet");
  await expect(page.getByTestId("review-not-eligible")).toBeVisible();

  for (const to of ["PAID", "PACKED", "SHIPPED", "DELIVERED"] as const) {
    await transitionOrder(seller.api, order.id, to, to === "SHIPPED" ? { carrier: "ups", trackingNumber: "1Z999AA10123456784" } : {});
  }

  // Someone else keeps the product open in a browser of their own.
  const { page: watcher } = await shop.browserAs(undefined);
  await watcher.goto(`/products/${product.slug}`);
  await expect(watcher.getByTestId("rating-count")).toHaveText("0");
  await live(watcher, "the watcher's product page is connected for live updates");

  // The customer writes a review, with markup that must show as text.
  await page.reload();
  const form = page.getByTestId("review-form");
  await form.getByLabel("4 stars").check({ force: true });
  const text = `Bright and sturdy <script>alert("x")</script><b>bold</b>`;
  await form.getByLabel("Your review (optional)").fill(text);
  await form.getByRole("button", { name: "Submit review" }).click();
  await expect(page.getByTestId("my-review")).toContainText("You rated this product 4 out of 5.");
  const review = page.getByTestId("review").first();
  await expect(review.getByTestId("review-body")).toHaveText(text);
  await expect(review.getByTestId("verified-badge")).toHaveText("Verified purchase");
  await expect(page.locator("[data-testid=review-body] b")).toHaveCount(0);
  await expect(page.getByTestId("rating-average")).toHaveText("4.0");
  await expect(page.getByTestId("rating-dist-4-count")).toHaveText("1");

  // The watcher's page follows without a reload.
  await expect(watcher.getByTestId("rating-average")).toHaveText("4.0");
  await expect(watcher.getByTestId("rating-count")).toHaveText("1");
  await expect(watcher.getByTestId("review-body")).toHaveText(text);

  // Editing changes the same review (still one), and the watcher follows again.
  await page.getByRole("button", { name: "Edit your review" }).click();
  await page.getByTestId("review-form").getByLabel("2 stars").check({ force: true });
  await page.getByTestId("review-form").getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByTestId("rating-average")).toHaveText("2.0");
  await expect(page.getByTestId("review")).toHaveCount(1);
  await expect(watcher.getByTestId("rating-average")).toHaveText("2.0");
  await expect(watcher.getByTestId("rating-dist-2-count")).toHaveText("1");
  await expect(watcher.getByTestId("rating-dist-4-count")).toHaveText("0");

  // The card in search results shows the average and count.
  await page.goto(`/search?q=${encodeURIComponent(product.title)}`);
  const card = page.getByTestId("product-card").filter({ hasText: product.title });
  await expect(card.getByTestId("card-rating-average")).toHaveText("2.0");
  await expect(card.getByTestId("card-rating-count")).toHaveText("1");

  // The seller replies from their reviews page; the reply shows under the review.
  const { page: sellerPage } = await shop.browserAs(seller);
  await sellerPage.goto("/seller/reviews");
  const row = sellerPage.getByTestId("seller-review").filter({ hasText: product.title });
  await row.getByRole("button", { name: "Reply" }).click();
  await row.getByLabel("Your reply").fill("Sorry to hear that: we have sent a replacement.");
  await row.getByRole("button", { name: "Save reply" }).click();
  await expect(row.getByTestId("seller-review-reply")).toContainText("we have sent a replacement");
  // The watcher's open page shows the reply without a reload.
  await expect(watcher.getByTestId("review-reply")).toContainText("we have sent a replacement");

  // An admin hides it, with a reason: it leaves the page, the averages, live on the watcher's page.
  const { page: admin } = await shop.browserAs(DEMO_ADMIN);
  await admin.goto("/admin/reviews");
  const adminRow = admin.getByTestId("admin-review").filter({ hasText: product.title });
  await adminRow.getByRole("button", { name: "Hide" }).click();
  await adminRow.getByLabel("Reason").fill("Contains markup spam");
  await adminRow.getByRole("button", { name: "Hide review" }).click();
  await expect(adminRow.getByTestId("admin-review-hidden")).toContainText("Contains markup spam");
  await expect(watcher.getByTestId("rating-average")).toHaveText("No reviews yet");
  await expect(watcher.getByTestId("review")).toHaveCount(0);
  await admin.goto("/admin/audit?action=review.hide");
  await expect(admin.getByTestId("audit-row").first()).toContainText("review.hide");
});
