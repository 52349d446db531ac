// Resident memory (RSS) of a whole process tree from /proc (Linux): the root (e.g. the `npm
// start` the benchmark spawned) and every descendant, each named by its command line, so the
// supervisor, the app, the sidecar and any short-lived child show separately.
import { readFileSync, readdirSync } from "node:fs";

export interface ProcMem {
  pid: number;
  ppid: number;
  /** A short name: the script the process runs (start.ts, app-server.ts, sidecar.mjs, ...). */
  name: string;
  rssMiB: number;
}

export interface TreeMem {
  totalMiB: number;
  processes: ProcMem[];
}

function readProc(pid: string): ProcMem | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const close = stat.lastIndexOf(")");
    const comm = stat.slice(stat.indexOf("(") + 1, close);
    const ppid = Number(stat.slice(close + 2).split(" ")[1]);
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? 0);
    const argv = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
    // The last argument that looks like a script (or npm's own sub-command), else the binary.
    const script = [...argv].reverse().find((a) => /\.(m?[jt]s|cjs)$/.test(a) && !a.includes("prisma-client"));
    const base = script ? script.split("/").pop()! : comm;
    const name = comm === "npm" || argv[1]?.endsWith("npm-cli.js") ? `npm ${argv.slice(2).join(" ")}`.trim() : base;
    return { pid: Number(pid), ppid, name, rssMiB: Math.round((kb / 1024) * 10) / 10 };
  } catch {
    return null; // exited meanwhile
  }
}

/** RSS of `root` and all its descendants, now. */
export function treeMemory(root: number): TreeMem {
  const all = readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .map(readProc)
    .filter((p): p is ProcMem => p !== null);
  const kids = new Map<number, ProcMem[]>();
  for (const p of all) kids.set(p.ppid, [...(kids.get(p.ppid) ?? []), p]);
  const out: ProcMem[] = [];
  const rootProc = all.find((p) => p.pid === root);
  const stack = rootProc ? [rootProc] : [];
  while (stack.length) {
    const p = stack.pop()!;
    out.push(p);
    stack.push(...(kids.get(p.pid) ?? []));
  }
  return { totalMiB: Math.round(out.reduce((s, p) => s + p.rssMiB, 0) * 10) / 10, processes: out };
}
