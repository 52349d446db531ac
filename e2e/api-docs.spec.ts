// The REST API's interactive reference (/docs/api): Swagger UI from our own assets renders the
// OpenAPI document under the nonce CSP, with no violation reported, on a wide and a narrow screen.
import { expect, test } from "@playwright/test";

test("the API reference lists the operations from /api/v1/openapi.json, with no CSP violation", async ({ page }, info) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  await page.exposeFunction("__reportCsp", (v: string) => void violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      (window as unknown as { __reportCsp: (v: string) => void }).__reportCsp(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  const external: string[] = [];
  page.on("request", (r) => {
    if (!r.url().startsWith(new URL(info.project.use.baseURL!).origin)) external.push(r.url());
  });

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/docs/api");
  const reference = page.getByTestId("api-reference");
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  // The first request builds the document: allow a loaded machine more than the default.
  await expect(reference.locator(".opblock-summary-path", { hasText: /^\/api\/v1\/products$/ }).first(), errors.join("\n")).toBeVisible({ timeout: 30_000 });
  await expect(reference.locator(".opblock-summary-path", { hasText: "/api/v1/webhooks" }).first()).toBeVisible();
  await expect(reference.locator(".info .title")).toContainText("Livemarket REST API");
  await page.screenshot({ path: info.outputPath("api-docs-1280.png"), fullPage: false });
  // A problem document's type link lands on its row.
  await expect(page.locator("#problem-version-conflict")).toContainText("412");

  // An operation opens with its parameters and responses.
  await reference.locator(".opblock-summary-path", { hasText: /^\/api\/v1\/products\/\{product\}$/ }).first().click();
  await expect(reference.locator(".opblock.is-open .responses-wrapper").first()).toBeVisible();

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/docs/api");
  await expect(reference.locator(".opblock-summary-path").first()).toBeVisible();
  await page.screenshot({ path: info.outputPath("api-docs-390.png"), fullPage: false });

  expect(violations).toEqual([]);
  expect(external).toEqual([]);
});

test("the reference's assets are served from the app; other names are not", async ({ request }) => {
  const js = await request.get("/docs/api/assets/swagger-ui-bundle.js");
  expect(js.status()).toBe(200);
  expect(js.headers()["content-type"]).toContain("javascript");
  expect((await request.get("/docs/api/assets/package.json")).status()).toBe(404);
  expect((await request.get("/docs/api/assets/..%2Fpackage.json")).status()).toBe(404);
});
