// The structured logger (pino): one JSON line per event on stderr, level from LOG_LEVEL, and every
// line passes through server/observability/redact.ts (no credentials, secrets or card numbers,
// whoever wrote the line). On a terminal (`npm start` in a shell) lines are printed for people
// instead (pino-pretty, in process: no worker thread); LOG_FORMAT=json|pretty forces either.
// A line written while a request (or job) runs carries its request id (`reqId`).
// Call sites keep the signature `logger.info(msg, fields)`.
import "server-only";
import pino, { type Logger as PinoLogger } from "pino";
import pretty from "pino-pretty";
import { env } from "@/server/env";
import { redact } from "./redact";
import { currentRequestId } from "./request-context";

export type LogLevel = "debug" | "info" | "warn" | "error";
export type LogFields = Record<string, unknown>;

export interface LoggerOptions {
  level?: (typeof env)["LOG_LEVEL"];
  /** Where JSON lines go (tests collect them); default: stderr, or pino-pretty on a terminal. */
  destination?: NodeJS.WritableStream | pino.DestinationStream;
  pretty?: boolean;
  /** Fields on every line (e.g. `{ service: "sidecar" }`). */
  base?: LogFields;
}

export function createPino(opts: LoggerOptions = {}): PinoLogger {
  const usePretty = opts.pretty ?? (env.LOG_FORMAT === "pretty" || (env.LOG_FORMAT === "auto" && process.stderr.isTTY === true));
  const destination =
    opts.destination ??
    (usePretty
      ? pretty({ destination: 2, sync: true, colorize: process.stderr.isTTY === true, translateTime: "SYS:HH:MM:ss.l", ignore: "pid,hostname" })
      : pino.destination({ dest: 2, sync: true }));
  return pino(
    {
      level: opts.level ?? env.LOG_LEVEL,
      base: { pid: process.pid, ...opts.base },
      timestamp: pino.stdTimeFunctions.isoTime,
      messageKey: "msg",
      // Errors are turned into { type, message, stack, code, cause } by redact() (below), which
      // runs first; pino's own err serializer would see a plain object and rename its type.
      serializers: { err: (v: unknown) => v },
      formatters: {
        level: (label) => ({ level: label }),
        // Every line's own fields, redacted (the message too: it may quote an input).
        log: (object) => redact(object) as Record<string, unknown>,
      },
      // The current request id on every line written while a request or job runs.
      mixin: () => {
        const reqId = currentRequestId();
        return reqId ? { reqId } : {};
      },
      hooks: {
        logMethod(args, method) {
          // The message string is redacted as well (pino writes it as given).
          if (typeof args[1] === "string") args[1] = redact(args[1]) as string;
          else if (typeof args[0] === "string") args[0] = redact(args[0]) as string;
          return method.apply(this, args);
        },
      },
    },
    destination as pino.DestinationStream,
  );
}

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** The pino logger underneath (child loggers, flush). */
  pino: PinoLogger;
}

/** Our call signature (`logger.info(msg, fields)`) over a pino logger (`info(fields, msg)`). */
export function wrap(p: PinoLogger): Logger {
  const at = (level: LogLevel) => (msg: string, fields?: LogFields) => {
    if (fields) p[level](fields, msg);
    else p[level](msg);
  };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error"), pino: p };
}

export function createLogger(opts: LoggerOptions = {}): Logger {
  return wrap(createPino(opts));
}

// One per process (the chunks Next.js makes share it, so a pretty printer is not opened twice).
const holder = globalThis as unknown as { __livemarketLogger?: Logger };
export const logger: Logger = (holder.__livemarketLogger ??= createLogger());
