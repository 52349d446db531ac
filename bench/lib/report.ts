// Flags, a plain-text table, and the JSON results file.
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";

export type Flags = Record<string, string | boolean>;

/** `--name value`, `--name=value`, `--flag`, `--no-flag`. */
export function parseFlags(argv: string[]): Flags {
  const out: Flags = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith("--")) continue;
    const eq = a.indexOf("=");
    if (eq > 0) out[a.slice(2, eq)] = a.slice(eq + 1);
    else if (a.startsWith("--no-")) out[a.slice(5)] = false;
    else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith("--")) out[a.slice(2)] = argv[++i]!;
    else out[a.slice(2)] = true;
  }
  return out;
}

export function intFlag(f: Flags, name: string, def: number): number {
  const v = f[name];
  if (v === undefined || typeof v === "boolean") return def;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number, got ${v}`);
  return Math.floor(n);
}

export function boolFlag(f: Flags, name: string, def: boolean): boolean {
  const v = f[name];
  if (v === undefined) return def;
  if (typeof v === "boolean") return v;
  return !["0", "false", "no"].includes(v);
}

export function strFlag(f: Flags, name: string, def: string): string {
  const v = f[name];
  return typeof v === "string" ? v : def;
}

export function printTable(headers: string[], rows: (string | number)[][]): void {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, c) => Math.max(...cells.map((r) => (r[c] ?? "").length)));
  const line = (r: string[]) => "| " + r.map((x, c) => (c === 0 ? x.padEnd(widths[c]!) : x.padStart(widths[c]!))).join(" | ") + " |";
  console.log(line(cells[0]!));
  console.log("|" + widths.map((w, c) => (c === 0 ? "-".repeat(w + 1) + "-" : "-".repeat(w + 1) + ":")).join("|") + "|");
  for (const r of cells.slice(1)) console.log(line(r));
}

export function machineInfo() {
  let postgres = "unknown";
  try {
    postgres = execFileSync("psql", ["-h", "127.0.0.1", "-U", "postgres", "-Atc", "show server_version"], { encoding: "utf8" }).trim();
  } catch {
    // psql not on PATH: leave unknown
  }
  return {
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    memGiB: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.platform()} ${os.release()}`,
    postgres,
  };
}

/** Writes bench/results/<name>-<yyyy-mm-dd>.json and returns its path. */
export function writeResults(name: string, data: unknown): string {
  const dir = path.resolve(import.meta.dirname, "../results");
  mkdirSync(dir, { recursive: true });
  // Date and time in the name, so earlier runs are kept beside new ones.
  const file = path.join(dir, `${name}-${new Date().toISOString().slice(0, 16).replace(":", "")}.json`);
  writeFileSync(file, JSON.stringify(data, null, 2) + "\n");
  return file;
}
