/**
 * Signalling a process and everything it started, without its process group: a worker in a tmux
 * pane shares the pane's group, and tmux continues a pane process that gets stopped, so a hard
 * pause must reach the worker's own tree and leave the pane process alone.
 */

/** Rounds of "signal, then look for children not yet signalled" before giving up. */
const MAX_ROUNDS = 5;

/** Parent pid → child pids, from /proc on Linux, else from `ps`. */
async function childrenTable(): Promise<Map<number, number[]>> {
  const table = new Map<number, number[]>();
  const add = (pid: number, ppid: number) => {
    if (!Number.isInteger(pid) || !Number.isInteger(ppid)) return;
    table.set(ppid, [...(table.get(ppid) ?? []), pid]);
  };
  try {
    for await (const entry of Deno.readDir("/proc")) {
      if (!/^\d+$/.test(entry.name)) continue;
      const stat = await Deno.readTextFile(`/proc/${entry.name}/stat`).catch(() => "");
      // Fields after the parenthesised command name: state, ppid, …
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (fields[1] !== undefined) add(Number(entry.name), Number(fields[1]));
    }
    return table;
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  const ps = await new Deno.Command("ps", { args: ["-A", "-o", "pid=", "-o", "ppid="] }).output()
    .catch(() => ({ stdout: new Uint8Array() }));
  for (const line of new TextDecoder().decode(ps.stdout).split("\n")) {
    const [pid, ppid] = line.trim().split(/\s+/).map(Number);
    if (pid !== undefined && ppid !== undefined) add(pid, ppid);
  }
  return table;
}

async function descendants(root: number): Promise<number[]> {
  const table = await childrenTable();
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    for (const child of table.get(queue.shift() as number) ?? []) {
      if (found.includes(child) || child === root) continue;
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/**
 * Sends a signal to a pid and to all its descendants, parents first, and looks again for children
 * that appeared meanwhile (a stopped parent starts no more).
 *
 * @param pid the root of the tree
 * @param signal e.g. SIGSTOP, SIGCONT, SIGTERM
 * @returns false when the root pid is gone
 */
export async function signalTree(pid: number, signal: Deno.Signal): Promise<boolean> {
  try {
    Deno.kill(pid, signal);
  } catch {
    return false;
  }
  const done = new Set([pid]);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const fresh = (await descendants(pid)).filter((p) => !done.has(p));
    if (fresh.length === 0) break;
    for (const child of fresh) {
      done.add(child);
      try {
        Deno.kill(child, signal);
      } catch { /* ended meanwhile */ }
    }
  }
  return true;
}
