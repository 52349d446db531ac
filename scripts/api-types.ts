// Writes the REST API's client types (test/rest/openapi-types.ts) from the OpenAPI document.
import { writeFileSync } from "node:fs";
import { generateTypes, TYPES_FILE } from "@/test/rest/openapi-codegen";

writeFileSync(TYPES_FILE, await generateTypes());
console.log(`wrote ${TYPES_FILE}`);
