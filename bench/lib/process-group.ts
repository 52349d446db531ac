// Stopping what a benchmark started: a process spawned `detached` leads its own process group
// (npm start, its supervisor, the app and the sidecar); SIGTERM to the group, SIGKILL after 10 s.
import type { ChildProcess } from "node:child_process";

export function stopGroup(proc: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
    const kill = (sig: NodeJS.Signals) => {
      try {
        process.kill(-proc.pid!, sig); // the process group we started (detached)
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => kill("SIGKILL"), 10_000);
    proc.once("exit", () => {
      clearTimeout(timer);
      // let grandchildren (next-server, sidecar) finish exiting
      setTimeout(resolve, 300);
    });
    kill("SIGTERM");
  });
}
