export const ORDER_STATUS_LABEL: Record<string, string> = {
  PLACED: "Placed",
  PAID: "Paid",
  PACKED: "Packed",
  SHIPPED: "Shipped",
  DELIVERED: "Delivered",
  CANCELLED: "Cancelled",
  REFUNDED: "Refunded",
};
