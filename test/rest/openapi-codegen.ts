// The typed client's types (test/rest/openapi-types.ts) from the OpenAPI document, with
// openapi-typescript. `npm run api:types` writes them; rest-contract.test.ts checks that the
// committed file is what the current document generates.
import openapiTS, { astToString } from "openapi-typescript";
import { buildOpenApiDocument } from "@/server/api/rest/openapi";
import { REST_OPERATIONS } from "@/server/api/rest/operations";

export const TYPES_FILE = "test/rest/openapi-types.ts";

export async function generateTypes(): Promise<string> {
  const doc = buildOpenApiDocument(REST_OPERATIONS);
  const ast = await openapiTS(JSON.parse(JSON.stringify(doc)) as Parameters<typeof openapiTS>[0]);
  return `// Generated from GET /api/v1/openapi.json by \`npm run api:types\`; do not edit.\n${astToString(ast)}`;
}
