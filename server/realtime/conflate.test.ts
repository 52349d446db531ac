import { describe, expect, it } from "vitest";
import { conflateRooms, type ConflatableMessage } from "./conflate";

const stock = (variantId: string, version: number, rooms = ["product:p1", "store:s1"]): ConflatableMessage => ({
  event: "stock.changed",
  rooms,
  payload: { productId: "p1", variantId, storeId: "s1", stock: 10 - version, version },
});

describe("conflateRooms", () => {
  it("sends a product room only the newest state of a variant in the batch; the store room gets every change", () => {
    expect(conflateRooms([stock("v1", 1), stock("v1", 2), stock("v1", 3)])).toEqual([["store:s1"], ["store:s1"], null]);
  });

  it("leaves a message out when the product room was its only room", () => {
    expect(conflateRooms([stock("v1", 1, ["product:p1"]), stock("v1", 2, ["product:p1"])])).toEqual([[], null]);
  });

  it("keeps changes of different variants, different events and different rooms apart", () => {
    const price = { event: "price.changed", rooms: ["product:p1"], payload: { variantId: "v1", priceMinor: 5, version: 1 } };
    expect(conflateRooms([stock("v1", 1), stock("v2", 1), price, stock("v1", 2, ["product:p2"])])).toEqual([null, null, null, null]);
  });

  it("never drops a state for an older one that came after it", () => {
    expect(conflateRooms([stock("v1", 5), stock("v1", 4)])).toEqual([null, null]);
  });

  it("conflates ratings by product", () => {
    const rating = (version: number) => ({ event: "rating.changed", rooms: ["product:p1"], payload: { productId: "p1", count: version, sum: 4 * version, version } });
    expect(conflateRooms([rating(1), rating(2)])).toEqual([[], null]);
  });

  it("leaves alone events that are not a whole state, messages without a version, and what is not a live event", () => {
    const order = { event: "order.placed", rooms: ["store:s1"], payload: { orderId: "o1", version: 1 } };
    const noVersion = { event: "stock.changed", rooms: ["product:p1"], payload: { variantId: "v1" } };
    expect(conflateRooms([order, order, noVersion, stock("v1", 1), null, stock("v1", 2)])).toEqual([null, null, null, ["store:s1"], null, null]);
  });
});
