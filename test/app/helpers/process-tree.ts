import { readdirSync, readFileSync } from "node:fs";

/** One Linux process as /proc shows it. */
export interface ProcessEntry {
  pid: number;
  ppid: number;
  state: string;
  cmdline: string;
}

function readProcess(pid: number): ProcessEntry | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces and parentheses: parse after its last ")".
    const [state, ppid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ");
    return { pid, ppid: Number(ppid), state: state ?? "?", cmdline };
  } catch {
    return undefined; // gone between readdir and read
  }
}

/** The process and all its descendants, alive now (zombies excluded). */
export function processTree(rootPid: number): ProcessEntry[] {
  const all = readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readProcess(Number(name)))
    .filter((p): p is ProcessEntry => p !== undefined && p.state !== "Z");
  const tree: ProcessEntry[] = [];
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    const entry = all.find((p) => p.pid === pid);
    if (entry) tree.push(entry);
    queue.push(...all.filter((p) => p.ppid === pid).map((p) => p.pid));
  }
  return tree;
}

/** Those of `entries` still running (a zombie counts as ended: it only waits to be reaped). */
export function stillRunning(entries: readonly ProcessEntry[]): ProcessEntry[] {
  return entries.filter((e) => {
    const now = readProcess(e.pid);
    return now !== undefined && now.state !== "Z" && now.cmdline === e.cmdline;
  });
}
