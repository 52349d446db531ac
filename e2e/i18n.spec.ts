// The storefront in German (decision 182): a browser that asks for German (Accept-Language de-DE)
// gets it without any choice; the footer's language switcher changes it and the choice (the
// lm_locale cookie) holds on every page after. Seller and admin pages stay English.
import { expect, test } from "./fixtures";

test.describe("a browser set to German", () => {
  test.use({ locale: "de-DE" });

  test("shops in German end to end: home, search, product, cart, checkout, a guest order and its confirmation; then switches to English", async ({ page, shop, seller }) => {
    test.setTimeout(180_000); // one long journey through the whole shop
    const product = await shop.product(seller, { variants: [{ title: "Zweimann", stock: 10, priceMinor: 123456 }] });

    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
    await expect(page.getByRole("heading", { level: 1, name: "Live einkaufen" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Nach Kategorie einkaufen" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Konto erstellen" })).toHaveCount(1);
    await expect(page.getByRole("contentinfo").getByRole("link", { name: "Ihr Warenkorb" })).toBeVisible();

    // Search.
    const search = page.getByRole("search", { name: "Shop-Suche" }).getByRole("searchbox", { name: "Produkte suchen" });
    await search.fill(product.title);
    await search.press("Enter");
    await expect(page).toHaveURL(/\/search\?q=/);
    await expect(page.getByRole("heading", { level: 1, name: `Ergebnisse für „${product.title}“` })).toBeVisible();
    await expect(page.getByTestId("result-count")).toHaveText("1 Produkt");
    await expect(page.getByLabel("Sortieren nach")).toBeVisible();
    await page.getByRole("link", { name: product.title }).first().click();

    // The product page: German words, the price written the German way (still US dollars).
    await expect(page.getByRole("heading", { level: 1, name: product.title })).toBeVisible();
    await expect(page.getByTestId("product-price")).toHaveText("1.234,56 $");
    await expect(page.getByTestId("product-stock")).toHaveText("Auf Lager");
    await expect(page.getByRole("navigation", { name: "Brotkrümelnavigation" }).getByRole("link", { name: "Startseite" })).toBeVisible();
    await expect(page.getByText(/^Verkauft von /)).toBeVisible();
    await expect(page.getByRole("heading", { name: "Kundenbewertungen" })).toBeVisible();
    await expect(page.getByLabel("Menge")).toHaveValue("1");
    await page.getByRole("button", { name: "In den Warenkorb" }).click();
    await expect(page.getByText("In den Warenkorb gelegt.")).toBeVisible();
    await page.getByRole("link", { name: "Warenkorb ansehen" }).click();

    // The cart.
    await expect(page.getByRole("heading", { level: 1, name: "Ihr Warenkorb" })).toBeVisible();
    await expect(page.getByTestId("cart-line")).toHaveCount(1);
    await expect(page.getByText("Zwischensumme (1 Artikel)")).toBeVisible();
    await expect(page.getByTestId("cart-subtotal")).toHaveText("1.234,56 $");
    await page.getByRole("link", { name: "Zur Kasse" }).click();

    // The checkout: an empty submit says what is missing in German, from the address schema.
    await expect(page.getByRole("heading", { level: 1, name: "Kasse" })).toBeVisible();
    // The page's title (metadata) in German too, on a fresh load.
    await page.reload();
    await expect(page).toHaveTitle("Kasse · Livemarket");
    await expect(page.getByRole("form", { name: "Kasse" })).toBeVisible();
    await page.getByLabel("Zahlung bei Lieferung").check();
    await page.getByRole("button", { name: /Kostenpflichtig bestellen/ }).click();
    const summary = page.getByTestId("error-summary");
    await expect(summary).toBeFocused();
    await expect(summary).toContainText("Es gibt ein Problem");
    await expect(summary).toContainText("Geben Sie Ihre Postleitzahl ein");
    await expect(summary).toContainText("Geben Sie Ihre E-Mail-Adresse ein");
    await page.getByLabel("Telefon").fill("kein Telefon");
    await page.getByRole("button", { name: /Kostenpflichtig bestellen/ }).click();
    await expect(summary).toContainText("Geben Sie eine Telefonnummer aus Ziffern ein");

    await page.getByLabel("Vollständiger Name").fill("Greta Gast");
    await page.getByLabel("Telefon").fill("+49 30 1234567");
    await page.getByLabel("E-Mail").fill(`greta-${Date.now()}@example.test`);
    await page.getByLabel("Straße und Hausnummer").fill("Hauptstraße 1");
    await page.getByLabel("Ort").fill("Berlin");
    await page.getByLabel("Postleitzahl").fill("10115");
    await page.getByLabel("Land", { exact: true }).selectOption("DE");
    // The seller's delivery options for Germany (their names as the seller wrote them), under a
    // German heading, and German VAT (seeded, 19%) in German number format.
    const group = page.getByRole("radiogroup", { name: `Von ${seller.store.name}` });
    await expect(group.getByRole("radio", { name: /Standard delivery/ })).toBeChecked();
    await expect(page.getByText(/^VAT 19\s?%$/).first()).toBeVisible();
    await page.getByRole("button", { name: /Kostenpflichtig bestellen/ }).click();

    // The confirmation (a guest's signed order link).
    await expect(page).toHaveURL(/\/orders\/view\/[^/?]+\?placed=1$/);
    await expect(page.getByText(/^Vielen Dank! Ihre Bestellung ist bestätigt\./)).toBeVisible();
    await expect(page.getByTestId("order-status")).toHaveText("Aufgegeben");
    await expect(page.getByRole("heading", { level: 1, name: /^Bestellung LM-/ })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Lieferung" })).toBeVisible();
    await expect(page.getByTestId("delivery-service")).toHaveText("Standard delivery (3–5 working days)");
    await expect(page.getByTestId("part-shipping")).toHaveText(/^Versand: Standard delivery \(3–5 working days\) · 4,99\s?\$$/);
    await expect(page.getByText("Zahlung bei Lieferung · ausstehend")).toBeVisible();

    // English from the footer's switcher: the same page, now in English.
    const switcher = page.getByRole("contentinfo").getByLabel("Sprache");
    await expect(switcher).toHaveValue("de");
    await switcher.selectOption("en");
    await expect(page.getByText(/^Thank you! Your order is confirmed\./)).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByTestId("order-status")).toHaveText("Placed");
    await expect(page.getByRole("contentinfo").getByLabel("Language")).toHaveValue("en");
    // The choice outlasts the browser's own language on the next page.
    await page.goto("/cart");
    await expect(page.getByRole("heading", { level: 1, name: "Your cart" })).toBeVisible();
    await expect(page.getByText("Your cart is empty.")).toBeVisible();
  });
});

test("an English browser chooses German in the footer, and every page after stays German", async ({ page, shop, seller }) => {
  test.setTimeout(120_000); // many pages
  const product = await shop.product(seller, { variants: [{ stock: 3, lowStockThreshold: 5 }] });
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1, name: "Shop live" })).toBeVisible();

  await page.getByRole("contentinfo").getByLabel("Language").selectOption("de");
  await expect(page.getByRole("heading", { level: 1, name: "Live einkaufen" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "de");

  // Client navigation, a fresh load and another page: all German.
  await page.getByRole("contentinfo").getByRole("link", { name: "Suche" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Alle Produkte" })).toBeVisible();
  await page.goto(`/products/${product.slug}`);
  await expect(page.getByTestId("product-stock")).toHaveText("Nur noch 3 verfügbar");
  await expect(page.getByRole("button", { name: "In den Warenkorb" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("button", { name: "In den Warenkorb" })).toBeVisible();
  await page.goto("/signin");
  await expect(page.getByRole("heading", { level: 1, name: "Anmelden" })).toBeVisible();
  await page.getByRole("main").getByRole("button", { name: "Anmelden" }).click();
  await expect(page.getByRole("main").getByText("Geben Sie eine gültige E-Mail-Adresse ein")).toBeVisible();
  await page.goto("/no-such-page");
  await expect(page.getByRole("heading", { level: 1, name: "Seite nicht gefunden" })).toBeVisible();
});
