// What scripts/app-server.ts does to every request before Next.js sees it: the socket's remote
// address goes into the `x-livemarket-peer` header, replacing whatever a client sent there, and
// the process is marked so that the app trusts the header (server/limits/client-address.ts).
// No server-only imports: the app server runs without the react-server condition.
import type { IncomingMessage } from "node:http";

export const PEER_HEADER = "x-livemarket-peer"; // = server/limits/client-address.ts PEER_HEADER
const PEER_STAMP = Symbol.for("livemarket.peer-stamped"); // = server/limits/client-address.ts PEER_STAMP

export function markPeerStamping(): void {
  (globalThis as Record<symbol, unknown>)[PEER_STAMP] = true;
}

export function stampPeer(req: IncomingMessage): void {
  req.headers[PEER_HEADER] = req.socket.remoteAddress ?? "";
}
