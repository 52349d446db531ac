// The REST API (server/api/rest/): every method goes through one dispatcher.
import { restHandler } from "@/server/api/rest";

export const dynamic = "force-dynamic";
export const GET = restHandler;
export const HEAD = restHandler;
export const POST = restHandler;
export const PUT = restHandler;
export const PATCH = restHandler;
export const DELETE = restHandler;
export const OPTIONS = restHandler;
