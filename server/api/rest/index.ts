// The app's REST handler and OpenAPI document (app/api/v1/…), built once per process.
import "server-only";
import { getDb } from "@/server/db";
import { env } from "@/server/env";
import { getLimits } from "@/server/limits";
import { createRestHandler } from "./dispatch";
import { buildOpenApiDocument } from "./openapi";
import { REST_OPERATIONS } from "./operations";

const g = globalThis as unknown as { __livemarketRest?: (req: Request) => Promise<Response>; __livemarketOpenApi?: string };

export function restHandler(req: Request): Promise<Response> {
  g.__livemarketRest ??= createRestHandler(REST_OPERATIONS, { getDb, limits: getLimits(), corsOrigins: env.API_CORS_ORIGINS });
  return g.__livemarketRest(req);
}

export function openApiJson(): string {
  return (g.__livemarketOpenApi ??= JSON.stringify(buildOpenApiDocument(REST_OPERATIONS)));
}
