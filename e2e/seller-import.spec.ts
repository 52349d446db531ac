import { expect, signIn, test } from "./fixtures";

const HEADER = "product_slug,product_title,category,status,description,brand,sku,variant_title,options,price,currency,stock,low_stock_threshold";

test("a seller checks a file with a bad row, then applies a good file and finds the products in the table", async ({ page, seller }) => {
  const k = Date.now().toString(36);
  const slug = `e2e-import-tee-${k}`;
  const title = `Imported tee ${k}`;
  const sku = (size: string) => `E2E-${k}-${size}`.toUpperCase();
  const good = [
    HEADER,
    `${slug},${title},t-shirts,ACTIVE,"Soft, light ""cotton"" tee",Acme,${sku("S")},S,size=S,12.50,USD,5,2`,
    `${slug},${title},t-shirts,ACTIVE,"Soft, light ""cotton"" tee",Acme,${sku("M")},M,size=M,12.50,USD,0,2`,
  ].join("\r\n");
  const bad = [HEADER, `${slug}-x,Bad,t-shirts,ACTIVE,,,${sku("X")},,,12.5x,USD,1,2`, `${slug}-y,Fine,t-shirts,DRAFT,,,${sku("Y")},,,3.00,USD,1,2`].join("\n");

  await signIn(page, seller);
  await page.goto("/seller/import");
  await expect(page.getByRole("heading", { name: "Import products" })).toBeVisible();

  await page.getByLabel("CSV file").setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
  await page.getByRole("button", { name: "Check file (dry run)" }).click();
  await expect(page.getByTestId("count-create")).toHaveText("1");
  await expect(page.getByTestId("import-error")).toHaveCount(1);
  await expect(page.getByTestId("import-error")).toContainText("2");
  await expect(page.getByTestId("import-error")).toContainText('"12.5x" is not a price');
  await expect(page.getByRole("button", { name: /Apply import/ })).toHaveCount(0);

  // A malformed file is refused as a whole.
  await page.getByLabel("CSV file").setInputFiles({ name: "latin1.csv", mimeType: "text/csv", buffer: Buffer.concat([Buffer.from(`${HEADER}\ncaf`), Buffer.from([0xe9])]) });
  await page.getByRole("button", { name: "Check file (dry run)" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "not valid UTF-8" })).toContainText("line 2");

  await page.getByLabel("CSV file").setInputFiles({ name: "good.csv", mimeType: "text/csv", buffer: Buffer.from(good) });
  await page.getByRole("button", { name: "Check file (dry run)" }).click();
  await expect(page.getByTestId("count-create")).toHaveText("2");
  await expect(page.getByTestId("count-update")).toHaveText("0");
  await page.getByRole("button", { name: "Apply import (2 changes)" }).click();
  await expect(page.getByText("Import applied: 2 variants created (1 new products)")).toBeVisible();

  await page.getByRole("link", { name: "View products" }).click();
  await page.getByLabel("Search your products").fill(title);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByTestId("product-row")).toHaveCount(1);
  await expect(page.getByRole("link", { name: title })).toBeVisible();
  await expect(page.getByLabel(`Price for ${sku("S")}`)).toHaveValue("12.50");
  await expect(page.getByLabel(`Stock for ${sku("S")}`)).toHaveValue("5");

  // Checking the same file again: nothing left to change.
  await page.goto("/seller/import");
  await page.getByLabel("CSV file").setInputFiles({ name: "good.csv", mimeType: "text/csv", buffer: Buffer.from(good) });
  await page.getByRole("button", { name: "Check file (dry run)" }).click();
  await expect(page.getByTestId("count-unchanged")).toHaveText("2");
  await expect(page.getByText("Nothing to change")).toBeVisible();
});
