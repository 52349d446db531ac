// CPU accounting from /proc (Linux): machine-wide busy share, and CPU time of chosen
// processes (this one, a child's process tree, the PostgreSQL server's processes).
import { readFileSync, readdirSync } from "node:fs";
import os from "node:os";

const TICK_MS = 10; // USER_HZ is 100 on Linux

function machineTicks(): { busy: number; total: number } | null {
  try {
    const line = readFileSync("/proc/stat", "utf8").split("\n")[0]!;
    const f = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = (f[3] ?? 0) + (f[4] ?? 0);
    const total = f.slice(0, 8).reduce((s, x) => s + x, 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

interface ProcStat {
  pid: number;
  ppid: number;
  comm: string;
  cpuMs: number;
}

function allProcs(): ProcStat[] {
  const out: ProcStat[] = [];
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((d) => /^\d+$/.test(d));
  } catch {
    return out;
  }
  for (const p of pids) {
    const stat = readStat(Number(p));
    if (stat) out.push(stat); // else: exited meanwhile
  }
  return out;
}

/** One process's /proc/PID/stat, or null once it has exited. */
function readStat(pid: number): ProcStat | null {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, "utf8");
    const close = s.lastIndexOf(")");
    const comm = s.slice(s.indexOf("(") + 1, close);
    const f = s.slice(close + 2).split(" ");
    // after ")": state(0) ppid(1) ... utime(11) stime(12)
    return { pid, ppid: Number(f[1]), comm, cpuMs: (Number(f[11]) + Number(f[12])) * TICK_MS };
  } catch {
    return null;
  }
}

function treePids(procs: ProcStat[], root: number): Set<number> {
  const kids = new Map<number, number[]>();
  for (const p of procs) kids.set(p.ppid, [...(kids.get(p.ppid) ?? []), p.pid]);
  const out = new Set<number>();
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    if (out.has(pid)) continue;
    out.add(pid);
    stack.push(...(kids.get(pid) ?? []));
  }
  return out;
}

export interface CpuSnapshot {
  at: number;
  machine: { busy: number; total: number } | null;
  selfMs: number;
  /** CPU ms so far of each PostgreSQL process, by pid. */
  postgres: Map<number, number>;
  /** CPU ms so far of each process in the server's tree, by pid. */
  tree: Map<number, number>;
}

/** `tree`: the pid of a child process whose whole process tree is counted (a server). */
export function cpuSnapshot(tree?: number): CpuSnapshot {
  const procs = allProcs();
  const u = process.cpuUsage();
  const inTree = tree ? treePids(procs, tree) : new Set<number>();
  return {
    at: Date.now(),
    machine: machineTicks(),
    selfMs: (u.user + u.system) / 1000,
    postgres: new Map(procs.filter((p) => p.comm === "postgres").map((p) => [p.pid, p.cpuMs])),
    tree: new Map(procs.filter((p) => inTree.has(p.pid)).map((p) => [p.pid, p.cpuMs])),
  };
}

/** CPU used between two snapshots by a set of processes: processes that started in between
 * count in full; those that exited in between are lost (so this can only under-count, never
 * go negative when connections are closed and reopened). */
function perPidDelta(a: Map<number, number>, b: Map<number, number>): number {
  let sum = 0;
  for (const [pid, ms] of b) sum += Math.max(0, ms - (a.get(pid) ?? 0));
  return sum;
}

export interface CpuDelta {
  busyTicks: number;
  totalTicks: number;
  selfMs: number;
  postgresMs: number;
  treeMs: number;
}

export function cpuDelta(a: CpuSnapshot, b: CpuSnapshot): CpuDelta {
  return {
    busyTicks: a.machine && b.machine ? b.machine.busy - a.machine.busy : 0,
    totalTicks: a.machine && b.machine ? b.machine.total - a.machine.total : 0,
    selfMs: b.selfMs - a.selfMs,
    postgresMs: perPidDelta(a.postgres, b.postgres),
    treeMs: perPidDelta(a.tree, b.tree),
  };
}

export function addCpu(a: CpuDelta, b: CpuDelta): CpuDelta {
  return {
    busyTicks: a.busyTicks + b.busyTicks,
    totalTicks: a.totalTicks + b.totalTicks,
    selfMs: a.selfMs + b.selfMs,
    postgresMs: a.postgresMs + b.postgresMs,
    treeMs: a.treeMs + b.treeMs,
  };
}

export const NO_CPU: CpuDelta = { busyTicks: 0, totalTicks: 0, selfMs: 0, postgresMs: 0, treeMs: 0 };

export interface CpuUse {
  /** Machine busy share over the measured time, 0..100 % of all cores. */
  machineBusyPct: number;
  /** CPU ms per successful operation: this process, all PostgreSQL processes, the server's process tree. */
  selfMsPerOp: number;
  postgresMsPerOp: number;
  serverMsPerOp: number;
  cores: number;
}

export function cpuUse(d: CpuDelta, ops: number): CpuUse {
  const per = (x: number) => Math.round((x / Math.max(1, ops)) * 100) / 100;
  return {
    machineBusyPct: d.totalTicks ? Math.round((d.busyTicks / d.totalTicks) * 1000) / 10 : NaN,
    selfMsPerOp: per(d.selfMs),
    postgresMsPerOp: per(d.postgresMs),
    serverMsPerOp: per(d.treeMs),
    cores: os.cpus().length,
  };
}

/** Machine busy share (% of all cores) over the next `ms`: is someone else using the CPU? */
export async function machineBusyOver(ms: number): Promise<number> {
  const a = machineTicks();
  await new Promise((r) => setTimeout(r, ms));
  const b = machineTicks();
  if (!a || !b) return NaN;
  return Math.round(((b.busy - a.busy) / Math.max(1, b.total - a.total)) * 1000) / 10;
}

/** Prints and returns the background load; warns when the machine is not quiet. */
export async function checkQuiet(): Promise<number> {
  const busy = await machineBusyOver(1000);
  console.log(`background load before the run: ${busy}% of all cores${busy > 20 ? "  WARNING: the machine is busy, results will be low and noisy" : ""}`);
  return busy;
}

/** CPU time (user + system, ms) one process has used so far; null once it has exited. */
export function processCpuMs(pid: number): number | null {
  return readStat(pid)?.cpuMs ?? null;
}
