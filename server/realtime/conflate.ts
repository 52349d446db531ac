// Conflation (decision 201): within messages a sidecar reads together (one publish request, one
// read of the Redis stream), a product room hears only the newest stock, price and rating of each
// variant or product. Those events carry the whole state they describe (stock, price, rating
// count and sum) with a version, and a page applies only a version newer than what it shows, so
// an older one followed by a newer one in the same batch changes nothing a shopper sees once the
// newer one arrives. Batches hold several changes of one variant only when the sidecar is behind
// (a hot product on launch day): conflating there is what keeps its pages from falling further
// behind, because the sidecar's cost is one socket write per delivery.
// Store rooms (the seller's pages) and every other event keep every message.
import "server-only";

/** Events that describe a whole state, and what their version counts. */
const LATEST_STATE: Record<string, (payload: Record<string, unknown>) => unknown> = {
  "stock.changed": (p) => p.variantId,
  "price.changed": (p) => p.variantId,
  "rating.changed": (p) => p.productId,
};

export interface ConflatableMessage {
  event: string;
  rooms: readonly string[];
  payload: unknown;
}

const isProductRoom = (room: string) => room.startsWith("product:");

/** For each message, in order: `null` when it goes out as it is, else the rooms it still goes to
 * (empty: it is not sent at all). A `null` entry is a message that is not a broadcast of a live
 * event (a disconnect, an adapter request); it is left alone. */
export function conflateRooms(messages: readonly (ConflatableMessage | null)[]): (string[] | null)[] {
  const out: (string[] | null)[] = new Array<string[] | null>(messages.length).fill(null);
  /** event + key + product room -> the highest version a later message brings to that room. */
  const later = new Map<string, number>();
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    const keyOf = m ? LATEST_STATE[m.event] : undefined;
    if (!m || !keyOf || typeof m.payload !== "object" || m.payload === null) continue;
    const payload = m.payload as Record<string, unknown>;
    const key = keyOf(payload);
    const version = payload.version;
    if (typeof key !== "string" || typeof version !== "number") continue;
    const kept: string[] = [];
    for (const room of m.rooms) {
      if (!isProductRoom(room)) {
        kept.push(room);
        continue;
      }
      const slot = `${m.event}\u0000${key}\u0000${room}`;
      const newer = later.get(slot);
      if (newer !== undefined && newer > version) continue;
      kept.push(room);
      if (newer === undefined || version > newer) later.set(slot, version);
    }
    if (kept.length !== m.rooms.length) out[i] = kept;
  }
  return out;
}
