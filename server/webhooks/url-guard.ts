// Where a webhook may be sent (SSRF): only http(s) URLs without credentials, and, unless private
// addresses are allowed (WEBHOOK_ALLOW_PRIVATE, server/env.ts), never to a private, loopback,
// link-local, shared, multicast or reserved address. Checked twice: when the endpoint is saved
// (literal addresses and local names: no DNS inside the transaction) and on every delivery, on
// the very addresses the connection then uses (the lookup below is the socket's own), so a name
// that resolves to a public address when saved and to 127.0.0.1 later (DNS rebinding) is refused.
import "server-only";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP } from "node:net";
import { AppError } from "@/server/errors";

const BLOCKED = new BlockList();
for (const [net, bits] of [
  ["0.0.0.0", 8], // "this network"
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, cloud metadata
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.88.99.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const) {
  BLOCKED.addSubnet(net, bits, "ipv4");
}
for (const [net, bits] of [
  ["::", 128],
  ["::1", 128],
  ["64:ff9b::", 96], // NAT64 (the embedded IPv4 address is checked below)
  ["100::", 64],
  ["2001::", 23], // IETF protocol assignments (Teredo, benchmarking…)
  ["2001:db8::", 32],
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["fec0::", 10], // site-local (deprecated)
  ["ff00::", 8], // multicast
] as const) {
  BLOCKED.addSubnet(net, bits, "ipv6");
}

/** The IPv4 address inside an IPv4-mapped or NAT64 IPv6 address, if it is one. */
function embeddedIpv4(ip: string): string | null {
  const m = /^(?:::ffff:|64:ff9b::)(?:0:)?(.+)$/i.exec(ip);
  if (!m) return null;
  const rest = m[1]!;
  if (isIP(rest) === 4) return rest;
  const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(rest);
  if (!hex) return null;
  const n = (parseInt(hex[1]!, 16) << 16) | parseInt(hex[2]!, 16);
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
}

/** Whether `ip` is an address on the public internet (not private, loopback, link-local…). */
export function isPublicAddress(ip: string): boolean {
  const kind = isIP(ip);
  if (kind === 4) return !BLOCKED.check(ip, "ipv4");
  if (kind !== 6) return false;
  const v4 = embeddedIpv4(ip);
  if (v4) return isPublicAddress(v4);
  return !BLOCKED.check(ip, "ipv6");
}

const LOCAL_NAME = /(^|\.)(localhost|local|internal|localdomain|home\.arpa)$/i;

/** The URL's problem as a sentence, or null when it may be saved. */
export function webhookUrlProblem(raw: string, allowPrivate: boolean): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "Enter a full URL, like https://example.com/webhooks";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "Only http:// and https:// URLs can receive webhooks";
  if (url.username || url.password) return "Put no user name or password in the URL; verify the signature instead";
  if (url.hash) return "Remove the #fragment from the URL";
  if (allowPrivate) return null;
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1").replace(/\.$/, "");
  if (isIP(host)) return isPublicAddress(host) ? null : "This address is private, loopback or reserved: webhooks go to public addresses only";
  if (!host.includes(".") || LOCAL_NAME.test(host)) return "This host name is local: webhooks go to public addresses only";
  return null;
}

/** Throws VALIDATION (field `url`) for a URL that may not receive webhooks. */
export function assertWebhookUrl(raw: string, allowPrivate: boolean): void {
  const problem = webhookUrlProblem(raw, allowPrivate);
  if (problem) throw new AppError("VALIDATION", problem, { fieldErrors: { url: [problem] } });
}

export class RefusedAddressError extends Error {
  readonly code = "EWEBHOOKADDRESS";
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A `lookup` for http.request: resolves like dns.lookup and refuses non-public results, so the
 * socket connects only to an address that passed the check. */
export function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: { all?: boolean; family?: number | string } | number, callback: LookupCallback): void => {
    const opts = typeof options === "number" ? { family: options } : options;
    dnsLookup(hostname, { all: true, family: opts.family === "IPv6" ? 6 : opts.family === "IPv4" ? 4 : Number(opts.family ?? 0) || 0 }, (err, addresses) => {
      if (err) return callback(err, []);
      const refused = allowPrivate ? [] : addresses.filter((a) => !isPublicAddress(a.address));
      if (refused.length || addresses.length === 0) {
        return callback(new RefusedAddressError(`refused: ${hostname} resolves to a non-public address (${refused.map((a) => a.address).join(", ")})`), []);
      }
      if (opts.all) return callback(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}
