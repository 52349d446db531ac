// A signed link to one order, for whoever holds it: the guest who placed it (the confirmation page
// and email carry it) sees that order without an account. The token is the order's id signed
// with the app secret (HMAC-SHA-256, server/security/signed-claims.ts, its own purpose), so it
// cannot be made for another order nor altered; a token that does not verify is answered exactly
// like an order that does not exist (NOT_FOUND). It does not expire: an order email is kept for
// years. Decision 147.
import "server-only";
import { z } from "zod";
import type { DbClient } from "@/server/db/transaction";
import { getAppUrl, getAuthSecret } from "@/server/env";
import { AppError } from "@/server/errors";
import { readClaims, signClaims } from "@/server/security/signed-claims";
import { zId } from "@/shared/text";
import { readOrder } from "./read-orders";

const PURPOSE = "order-link v1";
const ZClaims = z.object({ o: zId() });

/** The path of the order's page for a link holder: /orders/view/<token>. */
export const ORDER_LINK_PATH = "/orders/view/";

export function signOrderLink(orderId: string, secret: string = getAuthSecret()): string {
  return signClaims(secret, PURPOSE, { o: orderId });
}

/** The order id a token was signed for, or null (altered, made for another purpose or secret). */
export function orderIdFromLink(token: unknown, secret: string = getAuthSecret()): string | null {
  const parsed = ZClaims.safeParse(readClaims(secret, PURPOSE, token));
  // Only the exact text that was issued: base64url's last character carries bits the decoder
  // ignores, so without this a link changed in its last character would still open the order.
  return parsed.success && signOrderLink(parsed.data.o, secret) === token ? parsed.data.o : null;
}

export function orderLinkPath(orderId: string): string {
  return `${ORDER_LINK_PATH}${signOrderLink(orderId)}`;
}

export function orderLinkUrl(orderId: string, appUrl: string = getAppUrl()): string {
  return new URL(orderLinkPath(orderId), appUrl).toString();
}

/** The order a link shows (read-only: a link holder cannot cancel); NOT_FOUND for a bad token. */
export async function getOrderByLink(db: DbClient, token: string) {
  const orderId = orderIdFromLink(token);
  if (!orderId) throw new AppError("NOT_FOUND", "Order not found");
  return readOrder(db, { id: orderId }, false);
}
