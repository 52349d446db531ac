// Order statuses, as the customer, the seller and the event contract name them.
import { enumLabels } from "./labels";

export const ORDER_STATUSES = ["PLACED", "PAID", "PACKED", "SHIPPED", "DELIVERED", "CANCELLED", "REFUNDED", "NEEDS_ATTENTION"] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_STATUS_LABEL = enumLabels(ORDER_STATUSES);

/** Where an order came from (prisma enum OrderSource). */
export const ORDER_SOURCE_LABEL = { STOREFRONT: "Storefront", API: "API", EVENT: "Event stream" } as const;

export const ORDER_PAGE_SIZE = 10;
