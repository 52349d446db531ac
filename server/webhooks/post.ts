// One delivery attempt: a POST with a hard deadline, to an address the URL guard accepted, never
// following redirects; at most RESPONSE_EXCERPT characters of the answer are kept for the log.
import "server-only";
import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import { guardedLookup, isPublicAddress } from "./url-guard";

export const RESPONSE_EXCERPT = 1000;

export interface AttemptResult {
  ok: boolean;
  /** The receiver's HTTP status, null when none came (refused, unreachable, timed out). */
  status: number | null;
  error: string | null;
  latencyMs: number;
  response: string | null;
}

export function postWebhook(opts: {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  allowPrivate: boolean;
}): Promise<AttemptResult> {
  const started = performance.now();
  const done = (r: Omit<AttemptResult, "latencyMs">): AttemptResult => ({ ...r, latencyMs: Math.round(performance.now() - started) });
  let url: URL;
  try {
    url = new URL(opts.url);
  } catch {
    return Promise.resolve(done({ ok: false, status: null, error: "not a URL", response: null }));
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return Promise.resolve(done({ ok: false, status: null, error: "not an http(s) URL", response: null }));
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  // A literal address is connected to without a lookup: check it here.
  if (isIP(host) && !opts.allowPrivate && !isPublicAddress(host)) {
    return Promise.resolve(done({ ok: false, status: null, error: `refused: ${host} is not a public address`, response: null }));
  }
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (r: Omit<AttemptResult, "latencyMs">) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve(done(r));
    };
    const req = client.request(
      url,
      {
        method: "POST",
        headers: { "content-type": "application/json", "user-agent": "Livemarket-Webhooks/1", "content-length": Buffer.byteLength(opts.body), ...opts.headers },
        lookup: guardedLookup(opts.allowPrivate) as never,
        agent: false,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          if (text.length < RESPONSE_EXCERPT) text += chunk;
          if (text.length >= RESPONSE_EXCERPT) {
            res.destroy();
            report();
          }
        });
        const report = () => {
          const ok = status >= 200 && status < 300;
          finish({ ok, status, error: ok ? null : `receiver answered ${status}`, response: text.slice(0, RESPONSE_EXCERPT) || null });
        };
        res.on("end", report);
        res.on("close", report);
        res.on("error", report);
      },
    );
    const deadline = setTimeout(() => {
      finish({ ok: false, status: null, error: `no answer within ${opts.timeoutMs} ms`, response: null });
      req.destroy();
    }, opts.timeoutMs);
    req.on("error", (err) => finish({ ok: false, status: null, error: err.message.slice(0, 300), response: null }));
    req.end(opts.body);
  });
}
