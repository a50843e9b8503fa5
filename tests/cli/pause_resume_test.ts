import assert from "node:assert/strict";
import { join } from "node:path";
import { waitFor } from "../helpers/wait.ts";
import {
  isRunning,
  listWorkers,
  logSize,
  processState,
  readStatus,
  spawnSim,
  workerSandbox,
} from "./_workers.ts";

async function logLines(home: string, id: string): Promise<Record<string, unknown>[]> {
  const text = await Deno.readTextFile(join(home, "logs", `${id}.log`));
  return text.split("\n").filter((l) => l !== "").map((l) => JSON.parse(l));
}

const startedTasks = (lines: Record<string, unknown>[]) =>
  lines.filter((l) => l["event"] === "task_started").length;

/** Command lines of a process's children ("sleep 1"). */
async function childCommands(pid: number): Promise<string[]> {
  const children = await Deno.readTextFile(`/proc/${pid}/task/${pid}/children`).catch(() => "");
  const commands = [];
  for (const child of children.split(" ").filter((c) => c !== "")) {
    const cmdline = await Deno.readTextFile(`/proc/${child}/cmdline`).catch(() => "");
    commands.push(cmdline.split("\0").filter((w) => w !== "").join(" "));
  }
  return commands;
}

Deno.test("forge pause marks a sim worker paused and it starts no new task until forge resume", async (t) => {
  await using sb = await workerSandbox("pause");
  const [worker] = await spawnSim(sb, 1);
  const { id, pid } = worker as { id: string; pid: number };

  await t.step("pause writes status, paused_at and pause_reason", async () => {
    const run = await sb.forge(["pause", id, "--reason", 'quota "tests"']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, `✓ ${id}: paused\n`);
    const status = await readStatus(sb, id);
    assert.equal(status["status"], "paused");
    assert.ok(!Number.isNaN(Date.parse(String(status["paused_at"]))), String(status["paused_at"]));
    assert.equal(status["pause_reason"], 'quota "tests"');
  });

  await t.step("the worker finishes its task, keeps the pause and starts nothing new", async () => {
    // The sim waits out a pause in `sleep 1` steps; every other sleep of it is 0.2 s here.
    await waitFor(async () => (await childCommands(pid)).includes("sleep 1"), {
      what: `${id} to wait in its pause loop`,
    });
    const size = await logSize(sb, id);
    const tasks = startedTasks(await logLines(sb.home, id));
    const status = await readStatus(sb, id);
    assert.equal(status["status"], "paused");
    assert.equal(status["current_task"], null);
    assert.equal(status["pause_reason"], 'quota "tests"');
    // An unpaused sim worker logs a new task within SIM_IDLE_SECONDS (0.2 s) of the last one;
    // these two commands take longer than that.
    const [shown] = await listWorkers(sb);
    assert.equal(shown?.["status"], "paused");
    assert.equal(shown?.["alive"], true);
    assert.equal((await sb.forge(["logs", id, "-n", "1"])).code, 0);
    assert.equal(await logSize(sb, id), size);
    assert.equal(startedTasks(await logLines(sb.home, id)), tasks);
    assert.equal((await readStatus(sb, id))["status"], "paused");
  });

  await t.step("resume --all clears the pause and the worker starts the next task", async () => {
    const tasks = startedTasks(await logLines(sb.home, id));
    const run = await sb.forge(["resume", "--all"]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, `✓ ${id}: resumed\n`);
    const status = await readStatus(sb, id);
    assert.notEqual(status["status"], "paused");
    assert.equal(status["paused_at"], undefined);
    assert.equal(status["pause_reason"], undefined);
    await waitFor(async () => startedTasks(await logLines(sb.home, id)) > tasks, {
      what: `${id} to start a task after resume`,
    });
  });
});

Deno.test("forge pause --hard stops the worker's process and resume --hard continues it", async () => {
  await using sb = await workerSandbox("hardpause");
  const [worker] = await spawnSim(sb, 1);
  const { id, pid } = worker as { id: string; pid: number };

  const paused = await sb.forge(["pause", "--hard", id]);
  assert.equal(paused.code, 0, `${paused.stdout}${paused.stderr}`);
  assert.equal(paused.stdout, `✓ ${id}: paused\n`);
  await waitFor(async () => (await processState(pid)) === "T", { what: `pid ${pid} to stop` });
  // Still stopped once tmux, whose pane holds the worker, has had every chance to continue it.
  assert.equal((await listWorkers(sb))[0]?.["status"], "paused");
  assert.equal(await processState(pid), "T");
  const size = await logSize(sb, id);

  const resumed = await sb.forge(["resume", "--hard", id]);
  assert.equal(resumed.code, 0, `${resumed.stdout}${resumed.stderr}`);
  await waitFor(async () => (await processState(pid)) !== "T", { what: `pid ${pid} to continue` });
  assert.ok(await isRunning(pid));
  await waitFor(async () => (await logSize(sb, id)) > size, { what: `${id} to log again` });
});

Deno.test("forge pause of an unknown worker exits 3 and names it", async () => {
  await using sb = await workerSandbox("pausemissing");
  const text = await sb.forge(["pause", "nobody-here"]);
  assert.equal(text.code, 3);
  assert.match(text.stderr, /Cannot find worker "nobody-here"/);

  const json = await sb.forge(["pause", "nobody-here", "--json"]);
  assert.equal(json.code, 3);
  const { error } = JSON.parse(json.stdout);
  assert.equal(error.code, "NOT_FOUND");
  assert.match(error.message, /"nobody-here"/);
  assert.equal(typeof error.hint, "string");
});
