import assert from "node:assert/strict";
import { join } from "node:path";
import { WorkerViews } from "../../src/actions/_worker_views.ts";
import { type Clock, defaultConfig, homeLayout, type Processes } from "../../src/domain/mod.ts";
import { denoFs, denoProcesses } from "../../src/platform/mod.ts";
import { tempDir } from "../helpers/temp.ts";

/** A clock that stands still until the test moves it. */
class ManualClock implements Clock {
  at = Date.now();
  now(): number {
    return this.at;
  }
  sleep(): Promise<void> {
    return Promise.resolve();
  }
}

/** Real processes, counting the status files read through the file system. */
function counting() {
  const reads: string[] = [];
  const fs = {
    ...denoFs,
    readFile: (path: string) => {
      reads.push(path);
      return denoFs.readFile(path);
    },
    readTextFile: (path: string) => {
      reads.push(path);
      return denoFs.readTextFile(path);
    },
  };
  return { fs, reads };
}

Deno.test("WorkerViews reads only the workers whose status files changed, all at a full pass", async () => {
  await using dir = await tempDir("forge_views_");
  const layout = homeLayout(dir.path);
  await Deno.mkdir(layout.status, { recursive: true });
  const statusPath = (id: string) => join(layout.status, `${id}.json`);
  const write = (id: string, status: string) =>
    Deno.writeTextFile(
      statusPath(id),
      JSON.stringify({ worker_id: id, status, pid: Deno.pid, model: "sim" }),
    );
  for (const id of ["w-1", "w-2", "w-3"]) await write(id, "active");
  const clock = new ManualClock();
  const { fs, reads } = counting();
  const processes: Processes = denoProcesses;
  const views = new WorkerViews({
    fs,
    processes,
    clock,
    layout,
    config: await defaultConfig(),
    workspaces: [join(dir.path, "ws")],
  });
  const states = async () => (await views.observe()).map((v) => [v.id, v.status.state]);

  assert.deepEqual(await states(), [["w-1", "active"], ["w-2", "active"], ["w-3", "active"]]);

  // w-2 stops; the watcher reports its file (and a temp file and a bead file, both ignored).
  await write("w-2", "stopped");
  reads.length = 0;
  views.changed([
    statusPath("w-2"),
    join(layout.status, ".w-2.json.tmp"),
    join(dir.path, "ws", ".beads", "issues.jsonl"),
  ]);
  const read = await views.readStatuses();
  assert.deepEqual([read.only, read.statuses.map((st) => st.state)], [["w-2"], ["stopped"]]);
  assert.deepEqual(await states(), [["w-1", "active"], ["w-2", "stopped"], ["w-3", "active"]]);
  assert.ok(reads.length > 0 && reads.every((p) => p.endsWith("w-2.json")), `read ${reads}`);

  // A status file that goes away takes its worker with it.
  await Deno.remove(statusPath("w-3"));
  views.changed([statusPath("w-3")]);
  assert.deepEqual(await states(), [["w-1", "active"], ["w-2", "stopped"]]);

  // A worker whose status file appears before its watch event arrives is seen at once: a launched
  // worker must never look like one whose file vanished.
  await write("w-5", "starting");
  assert.deepEqual((await states()).map(([id]) => id), ["w-1", "w-2", "w-5"]);
  await Deno.remove(statusPath("w-5"));
  assert.deepEqual((await states()).map(([id]) => id), ["w-1", "w-2"]);

  // A change the watcher missed (events are lossy) shows at the next full pass, 5 s on at most.
  await write("w-1", "idle");
  views.changed(undefined); // a timeout: nothing seen
  assert.deepEqual(await states(), [["w-1", "active"], ["w-2", "stopped"]]);
  clock.at += 5_000;
  assert.deepEqual(await states(), [["w-1", "idle"], ["w-2", "stopped"]]);

  // A path the views cannot place (the platform could not say, or a link) means: look at all.
  await write("w-4", "starting");
  views.changed([join(dir.path, "elsewhere", "x")]);
  assert.equal((await views.readStatuses()).only, undefined);
  assert.deepEqual((await states()).map(([id]) => id), ["w-1", "w-2", "w-4"]);
});
