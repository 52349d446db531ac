// Request ids: every HTTP request gets one (the caller's `X-Request-Id` when it is a sane token,
// otherwise a fresh one), answered in the response and carried through everything the request
// does by an AsyncLocalStorage, so each log line written meanwhile names it. Work that starts
// elsewhere (a relay batch, a webhook attempt, an incoming order event) runs under its own id,
// or under the id that came with it, through `runWithRequestId`.
// The storage lives on globalThis: Next.js bundles this module into several chunks (and the
// instrumentation hook has its own), and all of them must read the one store.
import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

export const REQUEST_ID_HEADER = "x-request-id";

export interface RequestContext {
  requestId: string;
}

const holder = globalThis as unknown as { __livemarketRequestContext?: AsyncLocalStorage<RequestContext> };
const storage: AsyncLocalStorage<RequestContext> = (holder.__livemarketRequestContext ??= new AsyncLocalStorage<RequestContext>());

/** What a caller may send as a request id: 1–128 letters, digits and `._:-` (anything else,
 * e.g. a line break meant to forge log lines, is replaced by a fresh id). */
const SANE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function newRequestId(): string {
  return randomUUID();
}

/** The id to use for a request or message that carried `value` (a header, a stream field). */
export function acceptRequestId(value: unknown): string {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === "string" && SANE_ID.test(v) ? v : newRequestId();
}

/** The id of the request (or job) running now, if any. */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/**
 * Runs `fn` under a request id: `id` when it is sane (for example the `requestId` field an order
 * event arrived with), else a fresh one. The stream consumer wraps each event's handling in it,
 * so its log lines, the outbox relay batch it kicks and webhook deliveries it causes can be
 * traced back: `runWithRequestId(message.requestId, () => applyEvent(message))`.
 */
export function runWithRequestId<T>(id: unknown, fn: () => T): T {
  return storage.run({ requestId: acceptRequestId(id) }, fn);
}

/** Headers that carry the current request id on to another service (sidecar, webhook receiver). */
export function requestIdHeaders(id: string | undefined = currentRequestId()): Record<string, string> {
  return id ? { [REQUEST_ID_HEADER]: id } : {};
}
