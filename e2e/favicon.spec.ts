// The app's icon (issue 13: "the favicon.ico request on every page renders a 404 page today"):
// /favicon.ico is a real icon served as a static file, pages declare their icons, and loading a
// page asks for nothing that answers 404.
import { expect, test } from "./fixtures";

test("/favicon.ico is an icon (200, image/x-icon, cacheable), not a rendered 404 page", async ({ request }) => {
  const res = await request.get("/favicon.ico");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toMatch(/^image\/(x-icon|vnd\.microsoft\.icon)/);
  expect(res.headers()["cache-control"] ?? "").not.toContain("no-store");
  const body = await res.body();
  // An ICO file: reserved 0, type 1 (icon), at least one image.
  expect([body.readUInt16LE(0), body.readUInt16LE(2)]).toEqual([0, 1]);
  expect(body.readUInt16LE(4)).toBeGreaterThan(0);
});

test("a page declares its icons and nothing it loads answers 404", async ({ page }) => {
  const failed: string[] = [];
  page.on("response", (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
  });
  await page.goto("/");
  await expect(page.getByRole("link", { name: /livemarket/i }).first()).toBeVisible();
  const icons = await page.locator('link[rel~="icon"]').evaluateAll((links) => links.map((l) => (l as HTMLLinkElement).getAttribute("href") ?? ""));
  expect(icons.some((h) => h.startsWith("/favicon.ico"))).toBe(true);
  expect(icons.some((h) => h.startsWith("/icon.svg"))).toBe(true);
  for (const href of icons) expect((await page.request.get(href)).status(), href).toBe(200);
  expect(failed).toEqual([]);
});
