// Every REST operation, in the order the OpenAPI document lists them.
import "server-only";
import type { Operation } from "../operation";
import { catalogOperations } from "./catalog";
import { customerOperations } from "./customer";
import { storeOperations } from "./store";
import { adminOperations } from "./admin";
import { webhookOperations } from "./webhooks";
import { importOperations } from "./imports";

export const REST_OPERATIONS: readonly Operation[] = [...catalogOperations, ...customerOperations, ...storeOperations, ...importOperations, ...adminOperations, ...webhookOperations];
