import assert from "node:assert/strict";
import { runEngine } from "../../src/orchestrator/mod.ts";
import { settings, TYPES } from "./_fixtures.ts";
import { FakeWorld, summarize } from "./_fake_world.ts";

const twoSonnets = settings({ maxWorkers: 2, workerTypes: [TYPES.sonnet] });

Deno.test("runEngine() assigns beads, reacts to completions and stops when the signal aborts", async () => {
  const stop = new AbortController();
  const world = new FakeWorld(["b-1", "b-2", "b-3"], (wait, w) => {
    // A worker's end takes two rounds: its exit is seen, then the store confirms the close.
    if (wait === 1) w.complete("b-1");
    if (wait === 3) {
      w.complete("b-2");
      w.complete("b-3");
    }
    if (wait < 5) return "return";
    queueMicrotask(() => stop.abort());
    return "sleep";
  });
  const final = await runEngine(world.ports(), {
    settings: twoSonnets,
    takenIds: [],
    signal: stop.signal,
  });
  assert.deepEqual(summarize(world.decided), [
    "start b-1",
    "start b-2",
    "finish completed",
    "start b-3",
    "finish completed",
    "finish completed",
    "stopped",
  ]);
  assert.deepEqual(world.errors, []);
  assert.equal(final.workers.size, 0);
  assert.equal(world.beads.size, 0, "every bead was worked and closed");
});

Deno.test("runEngine() stops at once on abort and leaves running workers alone", async () => {
  const stop = new AbortController();
  const world = new FakeWorld(["b-1"], () => {
    queueMicrotask(() => stop.abort());
    return "sleep";
  });
  const final = await runEngine(world.ports(), {
    settings: twoSonnets,
    takenIds: [],
    signal: stop.signal,
  });
  assert.deepEqual(summarize(world.decided), ["start b-1", "stopped"]);
  assert.equal(final.workers.size, 1);
  assert.equal(world.beads.get("b-1")?.open, false, "the bead stays with its worker");
});

Deno.test("runEngine() reports a failing effect to onError and keeps going", async () => {
  const stop = new AbortController();
  const world = new FakeWorld(["b-1", "b-2"], (wait, w) => {
    if (wait === 1) {
      w.complete("b-1");
      w.complete("b-2");
      return "return";
    }
    stop.abort();
    return "return";
  });
  world.failing.add("route");
  world.failing.add("finish");
  await runEngine(world.ports(), { settings: twoSonnets, takenIds: [], signal: stop.signal });
  assert.deepEqual(summarize(world.decided), [
    "start b-1",
    "start b-2",
    "finish completed",
    "finish completed",
    "stopped",
  ]);
  assert.deepEqual(world.errors.map((e) => [e.effect.kind, String(e.error)]), [
    ["route", "Error: route failed"],
    ["route", "Error: route failed"],
    ["finish", "Error: finish failed"],
    ["finish", "Error: finish failed"],
  ]);
});

Deno.test("runEngine() drains: no new work, and it still sleeps between rescans until the last worker ends", async () => {
  const stop = new AbortController();
  const world = new FakeWorld(["b-1", "b-2", "b-3"], (wait, w) => {
    if (wait === 1) stop.abort();
    if (wait === 4) w.complete("b-1");
    if (wait === 6) w.complete("b-2");
    return "return";
  });
  const final = await runEngine(world.ports(), {
    settings: twoSonnets,
    takenIds: [],
    signal: stop.signal,
    drain: () => true,
  });
  assert.deepEqual(summarize(world.decided), [
    "start b-1",
    "start b-2",
    "finish completed",
    "finish completed",
    "stopped",
  ]);
  assert.equal(final.workers.size, 0);
  assert.equal(world.beads.get("b-3")?.open, true, "b-3 was never started");
  assert.deepEqual(
    world.waits.map((w) => w.abortedAtEntry),
    world.waits.map(() => false),
    "the stop signal does not turn the waits of a drain into a busy loop",
  );
});

Deno.test("runEngine() counts a start that threw as a failed launch, so no worker waits forever", async () => {
  const stop = new AbortController();
  const world = new FakeWorld(["b-1"], () => {
    stop.abort();
    return "return";
  });
  world.failing.add("start");
  const final = await runEngine(world.ports(), {
    settings: twoSonnets,
    takenIds: [],
    signal: stop.signal,
  });
  assert.deepEqual(world.errors.map((e) => e.effect.kind), ["start"]);
  assert.equal(final.workers.size, 0, "the worker that never launched is forgotten");
  assert.equal(final.typeFailures.get("sonnet")?.times.length, 1);
  assert.ok(
    world.decided.some((e) => e.kind === "alert" && e.alert === "launch_failed"),
    "the failure is reported as an alert",
  );
});
