// A seller adds a webhook endpoint in the settings page (a receiver on loopback that verifies
// each signature with the secret the page showed once), a customer orders through the API, and
// the seller sees the delivery in the endpoint's log. The app runs with WEBHOOK_ALLOW_PRIVATE=1
// (playwright.config.ts) so a loopback receiver is allowed.
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { buy } from "./api";
import { expect, signIn, test } from "./fixtures";

interface Got {
  eventId: string | undefined;
  verified: boolean;
  body: { id: string; type: string; data: Record<string, unknown> };
}

/** The check docs/api.md shows receivers (HMAC-SHA256 of "t.body", constant-time, 5 minutes). */
function verify(secret: string, body: string, header: string | undefined): boolean {
  const parts = Object.fromEntries((header ?? "").split(",").map((p) => p.split("=") as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(Date.now() / 1000 - t) > 300 || !/^[0-9a-f]{64}$/.test(parts.v1 ?? "")) return false;
  const expected = createHmac("sha256", secret).update(`${t}.${body}`).digest();
  return timingSafeEqual(expected, Buffer.from(parts.v1!, "hex"));
}

test("a seller adds a webhook in settings and sees an order's delivery in its log", async ({ page, shop, seller, customer }) => {
  test.slow();
  const product = await shop.product(seller, { variants: [{ stock: 5 }] });
  let secret = "";
  const got: Got[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const verified = verify(secret, raw, req.headers["livemarket-signature"] as string | undefined);
      got.push({ eventId: req.headers["livemarket-event-id"] as string | undefined, verified, body: JSON.parse(raw) as Got["body"] });
      res.writeHead(verified ? 200 : 400, { "content-type": "text/plain" }).end(verified ? "thanks" : "bad signature");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/livemarket`;
  try {
    await signIn(page, seller);
    await page.goto("/seller");
    // Webhooks are one of the seller's settings pages (beside API keys).
    await page.getByRole("navigation", { name: "Seller" }).getByRole("link", { name: "Settings" }).click();
    await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Webhooks" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Webhooks" })).toBeVisible();
    await page.getByLabel("Endpoint URL").fill(url);
    await page.getByLabel("Description (optional)").fill("e2e receiver");
    await expect(page.getByRole("checkbox", { name: /order\.placed/ })).toBeChecked();
    await page.getByRole("button", { name: "Add endpoint" }).click();
    const shown = page.getByLabel("Signing secret");
    await expect(shown).toHaveText(/^whsec_[A-Za-z0-9_-]{43}$/);
    secret = (await shown.textContent())!;

    const card = page.getByRole("article", { name: url });
    await expect(card.getByText("Active")).toBeVisible();
    await card.getByRole("button", { name: "Deliveries" }).click();
    await expect(card.getByText("No deliveries yet")).toBeVisible();

    const order = await buy(customer.api, product.variants[0]!.id, 1);
    const row = card.getByTestId("webhook-delivery").filter({ hasText: "order.placed" });
    await expect(row).toContainText("delivered", { timeout: 20_000 });
    await expect(row).toContainText("HTTP 200");
    await row.getByText("Response").click();
    await expect(row.getByText("thanks")).toBeVisible();

    const placed = got.filter((g) => g.body.type === "order.placed");
    expect(placed).toHaveLength(1);
    expect(placed[0]).toMatchObject({ verified: true, eventId: placed[0]!.body.id, body: { data: { orderId: order.id, storeId: seller.store.id, itemCount: 1 } } });
    await expect(row).toContainText(placed[0]!.body.id);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  }
});
