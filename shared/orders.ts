// Order statuses, as the customer, the seller and the event contract name them.
import { enumLabels } from "./labels";

export const ORDER_STATUSES = ["PLACED", "PAID", "PACKED", "SHIPPED", "DELIVERED", "CANCELLED", "REFUNDED"] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_STATUS_LABEL = enumLabels(ORDER_STATUSES);

export const ORDER_PAGE_SIZE = 10;
