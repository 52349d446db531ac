// What the app and the sidecars agree on for connection state recovery and for the Redis Streams
// transport (decisions 185-187):
// - every sidecar keeps what it sent for RECOVERY_MS, so a browser that was away for less gets
//   the events it missed when it reconnects, in order, instead of refetching;
// - with Redis, the sidecars use @socket.io/redis-streams-adapter: events go through one Redis
//   stream (kept to STREAM_MAX_LEN entries), sessions are kept in Redis, so a browser recovers on
//   any sidecar, even after its own sidecar restarted, and a Redis restart loses nothing.
// The streams adapter has no emitter package: the app appends to the stream itself, in the
// adapter's message format (`streamFields`), with the uid the cluster adapter reserves for
// emitters. The format is pinned by the exact adapter version in package.json and by
// realtime.test.ts, which publishes this way to real sidecars.
import "server-only";

export const RECOVERY_MS = 2 * 60 * 1000;
export const STREAM_NAME = "livemarket:realtime";
export const STREAM_MAX_LEN = 10_000;
export const SESSION_KEY_PREFIX = "livemarket:realtime-session:";

/** Sent to each new (not recovered) socket's own room, so it has an offset to recover from even
 * when nothing else reached it (Socket.IO recovers only from an offset the client received).
 * Pages do not listen to it. */
export const OFFSET_EVENT = "live:offset";

// socket.io-adapter's cluster message types and the uid it reserves for emitters.
const EMITTER_UID = "emitter";
const BROADCAST = 3;
const DISCONNECT_SOCKETS = 6;
const SERVER_SIDE_EMIT = 9;

type Fields = Record<"uid" | "nsp" | "type" | "data", string>;
const fields = (type: number, data: unknown): Fields => ({ uid: EMITTER_UID, nsp: "/", type: String(type), data: JSON.stringify(data) });

/** A stream entry that makes every sidecar emit `event` with `payload` to `rooms`. */
export function broadcastEntry(rooms: string[], event: string, payload: unknown): Fields {
  // packet type 2: a Socket.IO EVENT.
  return fields(BROADCAST, { packet: { type: 2, data: [event, payload], nsp: "/" }, opts: { rooms, except: [], flags: {} } });
}

/** A stream entry that makes every sidecar disconnect the sockets in `rooms`. */
export function disconnectEntry(rooms: string[]): Fields {
  return fields(DISCONNECT_SOCKETS, { opts: { rooms, except: [], flags: {} }, close: true });
}

/** A stream entry that every sidecar hears as a server-side event. */
export function serverSideEntry(event: string, ...args: unknown[]): Fields {
  return fields(SERVER_SIDE_EMIT, { packet: [event, ...args] });
}
