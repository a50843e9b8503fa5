import assert from "node:assert/strict";
import { join } from "node:path";
import { WorkerViews } from "../../src/actions/_worker_views.ts";
import { defaultConfig, homeLayout, type Processes } from "../../src/domain/mod.ts";
import { denoFs, denoProcesses } from "../../src/platform/mod.ts";
import { ManualClock } from "../helpers/manual_clock.ts";
import { tempDir } from "../helpers/temp.ts";

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
  assert.equal((await views.readStatuses()).full, true);
  assert.deepEqual((await states()).map(([id]) => id), ["w-1", "w-2", "w-4"]);
});

Deno.test("WorkerViews stops reading a worker that is done for good, until its file changes", async () => {
  await using dir = await tempDir("forge_views_");
  const layout = homeLayout(dir.path);
  await Deno.mkdir(layout.status, { recursive: true });
  const gone = new Deno.Command("true").spawn();
  await gone.status;
  const write = (id: string, status: string, pid: number) =>
    Deno.writeTextFile(
      join(layout.status, `${id}.json`),
      JSON.stringify({ worker_id: id, status, pid }),
    );
  await write("live", "active", Deno.pid);
  await write("done", "stopped", gone.pid);
  const clock = new ManualClock();
  const views = new WorkerViews({
    fs: denoFs,
    processes: denoProcesses,
    clock,
    layout,
    config: await defaultConfig(),
    workspaces: [],
  });
  const fullPass = async () => {
    clock.at += 5_000;
    const read = await views.readStatuses();
    const seen = (await views.observe()).map((v) => `${v.id}:${v.status.state}`);
    return { full: read.full, read: read.only, seen };
  };
  // Read at two full passes (its log is ingested at both), then settled: listed, not read.
  assert.deepEqual(await fullPass(), {
    full: true,
    read: ["done", "live"],
    seen: ["done:stopped", "live:active"],
  });
  assert.deepEqual((await fullPass()).read, ["done", "live"]);
  assert.deepEqual(await fullPass(), {
    full: true,
    read: ["live"],
    seen: ["done:stopped", "live:active"],
  });
  // Its file changes (the id is used again): read at once, and at every full pass after.
  await write("done", "active", Deno.pid);
  views.changed([join(layout.status, "done.json")]);
  assert.deepEqual((await views.observe()).map((v) => `${v.id}:${v.status.state}`), [
    "done:active",
    "live:active",
  ]);
  assert.deepEqual((await fullPass()).read, ["done", "live"]);
  // Its file goes away: gone from the views too.
  await Deno.remove(join(layout.status, "done.json"));
  assert.deepEqual((await fullPass()).seen, ["live:active"]);
});
