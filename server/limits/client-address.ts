// Who is asking: the address limits are keyed by. The socket's peer address is the truth; an
// `X-Forwarded-For` header is believed only when the peer is a proxy named in TRUSTED_PROXIES,
// and then only as far back as the chain stays inside trusted proxies.
//
// Next.js route handlers never see the socket, and `next start` keeps a client's own
// X-Forwarded-For (it only fills the header when absent). So the app is served by
// scripts/app-server.ts, the one process that owns the socket: it overwrites PEER_HEADER with
// the socket's address on every request and marks the process (PEER_STAMP) so that the app
// knows the header was written by it and not by a client.
import "server-only";
import { BlockList, isIP } from "node:net";
import { logger } from "@/server/observability/logger";

/** Set on every request by scripts/app-server.ts to the socket's remote address. */
export const PEER_HEADER = "x-livemarket-peer";
/** globalThis[PEER_STAMP] === true: this process serves through scripts/app-server.ts. */
export const PEER_STAMP = Symbol.for("livemarket.peer-stamped");

/** The address used when nothing trustworthy is known (tests, or `next start` run by hand). */
export const UNKNOWN_ADDRESS = "unknown";

/** "::ffff:1.2.3.4" → "1.2.3.4"; trims; drops a zone id and IPv6 brackets. Not an IP: null. */
export function normalizeAddress(raw: string | undefined | null): string | null {
  if (!raw) return null;
  let a = raw.trim().toLowerCase();
  if (a.startsWith("[") && a.includes("]")) a = a.slice(1, a.indexOf("]"));
  const zone = a.indexOf("%");
  if (zone >= 0) a = a.slice(0, zone);
  if (a.startsWith("::ffff:") && isIP(a.slice(7)) === 4) a = a.slice(7);
  return isIP(a) ? a : null;
}

/** A comma-separated list of IPs and CIDRs ("10.0.0.0/8, 127.0.0.1, fd00::/8") as a matcher. */
export function parseTrustedProxies(spec: string | undefined): BlockList {
  const list = new BlockList();
  for (const item of (spec ?? "").split(",").map((s) => s.trim()).filter(Boolean)) {
    const [ip, prefix] = item.split("/");
    const addr = normalizeAddress(ip);
    if (!addr) throw new Error(`TRUSTED_PROXIES: "${item}" is not an IP address or CIDR`);
    const type = isIP(addr) === 6 ? "ipv6" : "ipv4";
    if (prefix === undefined) list.addAddress(addr, type);
    else {
      const bits = Number(prefix);
      if (!Number.isInteger(bits) || bits < 0 || bits > (type === "ipv4" ? 32 : 128)) throw new Error(`TRUSTED_PROXIES: bad prefix in "${item}"`);
      list.addSubnet(addr, bits, type);
    }
  }
  return list;
}

function trusted(list: BlockList, addr: string): boolean {
  return list.check(addr, isIP(addr) === 6 ? "ipv6" : "ipv4");
}

/**
 * The client's address from the socket peer and X-Forwarded-For. From an untrusted peer the
 * header is ignored (anyone can send it). From a trusted proxy, the header is read from the right
 * (the entry the proxy itself added) leftwards, past further trusted proxies: the first address
 * that is not a trusted proxy is the client. A malformed entry stops the walk there.
 */
export function resolveClientAddress(peer: string | null | undefined, forwardedFor: string | null | undefined, proxies: BlockList): string {
  let client = normalizeAddress(peer);
  if (!client) return UNKNOWN_ADDRESS;
  if (!trusted(proxies, client) || !forwardedFor) return client;
  const hops = forwardedFor.split(",").reverse();
  for (const hop of hops) {
    const addr = normalizeAddress(hop);
    if (!addr) break;
    client = addr;
    if (!trusted(proxies, addr)) break;
  }
  return client;
}

/** 127.0.0.0/8 or ::1: a request from this machine itself. "unknown" is not loopback. */
export function isLoopbackAddress(address: string): boolean {
  const a = normalizeAddress(address);
  return a !== null && (a === "::1" || (isIP(a) === 4 && a.startsWith("127.")));
}

/**
 * The key a limit counts an address under: an IPv4 address as it is, an IPv6 address by its
 * /64 (one subscriber usually holds a whole /64, so single addresses would be free to rotate).
 */
export function addressKey(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head = "", tail = ""] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = address.includes("::") ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, "")).join(":")}::/64`;
}

let warned = false;

/** The client address of a request the app is serving (tRPC, route handlers, next-auth). */
export function clientAddressOf(headers: Headers | Record<string, unknown> | undefined, proxies: BlockList): string {
  const get = (name: string): string | null => {
    if (!headers) return null;
    if (headers instanceof Headers) return headers.get(name);
    const v = headers[name];
    return typeof v === "string" ? v : Array.isArray(v) ? v.join(",") : null;
  };
  if ((globalThis as Record<symbol, unknown>)[PEER_STAMP] !== true) {
    // Not behind scripts/app-server.ts: no header can be trusted, so every client shares one key.
    if (!warned && headers) {
      warned = true;
      logger.warn("client addresses unknown: serve the app with `npm start` (scripts/app-server.ts) so limits can tell clients apart");
    }
    return UNKNOWN_ADDRESS;
  }
  return resolveClientAddress(get(PEER_HEADER), get("x-forwarded-for"), proxies);
}
