import assert from "node:assert/strict";
import { confirmationFor } from "../../src/dashboard/confirm.ts";
import type { ActionRequest } from "../../src/domain/mod.ts";
import { VIEWS } from "../../src/dashboard/model.ts";
import { update } from "../../src/dashboard/update.ts";
import {
  alert,
  keys,
  line,
  model,
  NOW,
  paste,
  run,
  snapshot,
  task,
  typed,
  worker,
} from "./_update_fixture.ts";

const FLEET = snapshot({
  workers: [worker("sim-alpha"), worker("sim-beta", { state: "paused" }), worker("sim-gamma")],
  tasks: [
    task("bd-1", { priority: 0, workspace: "/ws/a", title: "Fix login" }),
    task("bd-2", { priority: 1, workspace: "/ws/b", labels: ["ui"] }),
    task("bd-3", { priority: 0, workspace: "/ws/b" }),
    task("bd-4", { priority: 2, workspace: "/ws/a" }),
  ],
  alerts: [alert(1, { severity: "warning" }), alert(2, { severity: "critical" })],
  activity: [line(1), line(2, { level: "warn", source: "sim-alpha" }), line(3), line(4)],
});

// --- key precedence ---------------------------------------------------------------------------

Deno.test("update() quits on Ctrl+C from every mode", async (t) => {
  const modes = {
    "keymap": model(),
    "help overlay": run(model(), keys("?")).model,
    "confirm overlay": run(model({ snapshot: FLEET }), keys("w", "x")).model,
    "command line": run(model(), keys(":")).model,
    "tasks search": run(model(), keys("t", "/")).model,
  };
  for (const [mode, start] of Object.entries(modes)) {
    await t.step(mode, () => {
      assert.deepEqual(run(start, keys("<ctrl+c>")).requests, [{ kind: "quit" }]);
    });
  }
});

Deno.test("update() gives keys to the overlay before the keymap", () => {
  const help = run(model(), keys("?"));
  assert.deepEqual(help.model.overlay, { kind: "help" });
  const closed = run(help.model, keys("q"));
  assert.equal(closed.model.overlay, undefined);
  assert.deepEqual(closed.requests, [], "q closes help instead of quitting");
  const swallowed = run(help.model, keys("t"));
  assert.equal(swallowed.model.view, "overview", "the key that closes help does nothing else");
});

Deno.test("update() gives keys to the command line before the keymap", () => {
  const { model: m, requests } = run(model(), keys(":"), typed("quit t"));
  assert.equal(m.command.text, "quit t");
  assert.equal(m.view, "chat");
  assert.deepEqual(requests, []);
});

Deno.test("update() gives keys to the tasks search before the keymap, arrows still move", () => {
  const start = model({ snapshot: FLEET });
  const { model: m, requests } = run(start, keys("t", "/"), typed("q1"), keys("<down>"));
  assert.equal(m.tasks.search, "q1");
  assert.deepEqual(requests, []);
  assert.equal(m.view, "tasks");
  const moved = run(start, keys("t", "/", "<down>")).model;
  assert.equal(moved.selected.tasks, 1);
});

// --- views ------------------------------------------------------------------------------------

Deno.test("update() switches views and remembers the one before", () => {
  const m = run(model(), keys("t", "c")).model;
  assert.equal(m.view, "costs");
  assert.equal(m.previousView, "tasks");
});

Deno.test("update() opens the command line with ':' and Esc goes back to the view before", () => {
  const open = run(model(), keys("a", ":"), typed("kil")).model;
  assert.equal(open.view, "chat");
  assert.equal(open.command.active, true);
  const left = run(open, keys("<escape>")).model;
  assert.equal(left.view, "alerts");
  assert.equal(left.command.active, false);
  assert.equal(left.command.text, "", "Esc drops the unsent line");
});

Deno.test("update() cycles every view with Tab and Shift-Tab, wrapping", () => {
  let m = model();
  const seen: string[] = [m.view];
  for (let i = 0; i < VIEWS.length; i++) {
    m = run(m, keys("<tab>")).model;
    seen.push(m.view);
  }
  assert.deepEqual(seen, [...VIEWS, "overview"]);
  const back = run(model(), keys("<backtab>")).model;
  assert.equal(back.view, "chat");
  assert.equal(back.command.active, true, "arriving in chat opens the command line");
  assert.equal(run(back, keys("<backtab>")).model.view, "routing");
  const out = run(back, keys("<tab>")).model;
  assert.equal(out.view, "overview");
  assert.equal(out.command.active, false);
});

Deno.test("update() Esc in a view goes back, never into the command line", () => {
  const fromChat = run(model(), keys("t", ":", "<escape>")).model;
  assert.equal(fromChat.view, "tasks");
  const again = run(fromChat, keys("<escape>")).model;
  assert.equal(again.view, "tasks");
  assert.equal(again.command.active, false);
  const logs = run(model(), keys("w", "l", "<escape>")).model;
  assert.equal(logs.view, "workers");
});

Deno.test("update() asks for a repaint on Ctrl+L and quits on q", () => {
  assert.deepEqual(run(model(), keys("<ctrl+l>")).requests, [{ kind: "repaint" }]);
  assert.deepEqual(run(model(), keys("q")).requests, [{ kind: "quit" }]);
});

// --- selection --------------------------------------------------------------------------------

Deno.test("update() moves the selection within the current list, clamped", async (t) => {
  const start = model({ snapshot: FLEET });
  const cases: [view: string, moves: string[], key: "workers" | "tasks" | "alerts", at: number][] =
    [
      ["w", ["<down>", "<down>", "<down>", "<down>"], "workers", 2],
      ["w", ["j", "k", "k"], "workers", 0],
      ["t", ["<pagedown>"], "tasks", 3],
      ["t", ["<end>", "<up>"], "tasks", 2],
      ["t", ["<end>", "<home>"], "tasks", 0],
      ["a", ["<down>", "<down>"], "alerts", 1],
      ["o", ["<down>"], "workers", 1],
    ];
  for (const [view, moves, key, at] of cases) {
    await t.step(`${view} ${moves.join(" ")}`, () => {
      assert.equal(run(start, keys(view, ...moves)).model.selected[key], at);
    });
  }
});

Deno.test("update() pages by 10 and clamps to the routing list", () => {
  const routing = Array.from({ length: 25 }, (_, i) => ({
    at: NOW - i,
    beadId: `bd-${i}`,
    workspace: "/ws/a",
    score: 1,
    tier: undefined,
    model: undefined,
    plan: undefined,
    outcome: "waiting" as const,
    reason: "no worker",
  }));
  const start = model({ snapshot: snapshot({ routing }) });
  assert.equal(run(start, keys("r", "<pagedown>")).model.selected.routing, 10);
  assert.equal(
    run(start, keys("r", "<pagedown>", "<pagedown>", "<pagedown>")).model.selected.routing,
    24,
  );
  assert.equal(
    run(start, keys("r", "<pagedown>", "<pageup>", "<pageup>")).model.selected.routing,
    0,
  );
});

Deno.test("update() keeps selections off empty lists and views without one", () => {
  assert.equal(run(model(), keys("w", "<down>", "<end>")).model.selected.workers, 0);
  assert.deepEqual(run(model({ snapshot: FLEET }), keys("c", "<down>")).model.selected, {});
});

Deno.test("update() keeps the selected worker on its id when a snapshot reorders the fleet", () => {
  const m = run(model({ snapshot: FLEET }), keys("w", "<down>")).model;
  const reordered = snapshot({
    workers: [worker("new-one"), worker("sim-gamma"), worker("sim-alpha"), worker("sim-beta")],
  });
  const next = run(m, { kind: "snapshot", snapshot: reordered }).model;
  assert.equal(next.selected.workers, 3);
  assert.equal(next.snapshot, reordered);
});

Deno.test("update() leaves the selection among live workers when the selected one ends", () => {
  const m = run(model({ snapshot: FLEET }), keys("w", "<down>")).model;
  const selectedId = FLEET.workers[1]!.view.id;
  const ended = (id: string) => {
    const w = worker(id, { state: "stopped" });
    return { ...w, view: { ...w.view, liveness: "dead" as const } };
  };
  const others = FLEET.workers.map((w) => w.view.id).filter((id) => id !== selectedId);
  const after = snapshot({ workers: [...others.map((id) => worker(id)), ended(selectedId)] });
  const next = run(m, { kind: "snapshot", snapshot: after }).model;
  assert.equal(next.selected.workers, 1, "the row stays; the ended worker sank to the end");
});

Deno.test("update() clamps the worker selection when the selected worker is gone", () => {
  const m = run(model({ snapshot: FLEET }), keys("w", "<end>")).model;
  const fewer = snapshot({ workers: [worker("sim-alpha")] });
  assert.equal(run(m, { kind: "snapshot", snapshot: fewer }).model.selected.workers, 0);
});

Deno.test("update() keeps the selected task on its id within the filtered list", () => {
  const m = run(model({ snapshot: FLEET }), keys("t", "0", "<down>")).model;
  assert.equal(m.selected.tasks, 1, "bd-3 is the second P0 task");
  const next = snapshot({
    tasks: [task("bd-3", { priority: 0 }), task("bd-9", { priority: 0 }), task("bd-1")],
  });
  assert.equal(run(m, { kind: "snapshot", snapshot: next }).model.selected.tasks, 0);
});

Deno.test("update() keeps the selected alert on its id and closes details of a vanished one", () => {
  const m = run(model({ snapshot: FLEET }), keys("a", "<down>", "<enter>")).model;
  assert.deepEqual(m.overlay, { kind: "alert", index: 1 });
  const moved = snapshot({ alerts: [alert(1), alert(5, { severity: "critical" })] });
  const after = run(m, { kind: "snapshot", snapshot: moved }).model;
  assert.equal(after.selected.alerts, 1);
  assert.deepEqual(after.overlay, { kind: "alert", index: 1 });
  const gone = run(after, { kind: "snapshot", snapshot: snapshot({ alerts: [alert(5)] }) }).model;
  assert.equal(gone.overlay, undefined);
  assert.equal(gone.selected.alerts, 0);
});

// --- logs -------------------------------------------------------------------------------------

Deno.test("update() scrolls logs up from the newest line and stops following", () => {
  const m = run(model({ snapshot: FLEET }), keys("l", "<up>", "<up>")).model;
  assert.equal(m.selected.logs, 2);
  assert.equal(m.logs.follow, false);
  const down = run(m, keys("<down>")).model;
  assert.equal(down.selected.logs, 1);
  assert.equal(down.logs.follow, false, "moving down does not resume following");
  assert.equal(run(m, keys("<home>")).model.selected.logs, 3);
  const end = run(m, keys("<end>")).model;
  assert.deepEqual([end.selected.logs, end.logs.follow], [0, true]);
});

Deno.test("update() Space pauses following and resumes at the newest line", () => {
  const paused = run(model({ snapshot: FLEET }), keys("l", "<space>")).model;
  assert.equal(paused.logs.follow, false);
  const scrolled = run(paused, keys("<up>")).model;
  const resumed = run(scrolled, keys("<space>")).model;
  assert.deepEqual([resumed.logs.follow, resumed.selected.logs], [true, 0]);
});

Deno.test("update() holds a paused log on the same line as new lines arrive", () => {
  const m = run(model({ snapshot: FLEET }), keys("l", "<up>")).model;
  assert.equal(m.selected.logs, 1, "line 3");
  const more = snapshot({ activity: [line(2), line(3), line(4), line(5), line(6)] });
  const next = run(m, { kind: "snapshot", snapshot: more }).model;
  assert.equal(next.selected.logs, 3, "still line 3, two newer lines below it");
  const following = run(model({ snapshot: FLEET }), keys("l"), {
    kind: "snapshot",
    snapshot: more,
  }).model;
  assert.equal(following.selected.logs ?? 0, 0);
});

Deno.test("update() cycles the log level and source filters", () => {
  const start = model({ snapshot: FLEET });
  const levels = [1, 2, 3, 4].map((n) =>
    run(start, keys("l", ...Array(n).fill("v"))).model.logs.level
  );
  assert.deepEqual(levels, ["info", "warn", "error", "all"]);
  const sources = [1, 2, 3].map((n) =>
    run(start, keys("l", ...Array(n).fill("s"))).model.logs.source
  );
  assert.deepEqual(sources, ["forge", "sim-alpha", "sim-beta"]);
  assert.equal(run(start, keys("l", ...Array(5).fill("s"))).model.logs.source, undefined);
});

Deno.test("update() keeps the log selection inside a narrower filter", () => {
  const m = run(model({ snapshot: FLEET }), keys("l", "<home>", "v", "v")).model;
  assert.equal(m.logs.level, "warn");
  assert.equal(m.selected.logs, 0, "one warn line left");
});

// --- tasks ------------------------------------------------------------------------------------

Deno.test("update() searches tasks as the user types and keeps the filter after Enter", () => {
  const start = run(model({ snapshot: FLEET }), keys("t", "<down>", "<down>")).model;
  const typing = run(start, keys("/"), typed("logi")).model;
  assert.deepEqual(typing.tasks, {
    priority: undefined,
    workspace: undefined,
    search: "logi",
    searching: true,
  });
  assert.equal(typing.selected.tasks, 0, "a filter change goes back to the first row");
  const edited = run(typing, keys("<backspace>"), paste("n\nx")).model;
  assert.equal(edited.tasks.search, "logn x");
  const kept = run(typing, keys("<enter>")).model;
  assert.deepEqual([kept.tasks.search, kept.tasks.searching], ["logi", false]);
  assert.deepEqual(run(kept, keys("q")).requests, [{ kind: "quit" }], "keys are keys again");
});

Deno.test("update() clears the search with Esc, while typing or after", () => {
  const typing = run(model({ snapshot: FLEET }), keys("t", "/"), typed("ui")).model;
  const cleared = run(typing, keys("<escape>")).model;
  assert.deepEqual([cleared.tasks.search, cleared.tasks.searching, cleared.view], [
    "",
    false,
    "tasks",
  ]);
  const kept = run(typing, keys("<enter>")).model;
  const clearedAfter = run(kept, keys("<escape>")).model;
  assert.deepEqual([clearedAfter.tasks.search, clearedAfter.view], ["", "tasks"]);
});

Deno.test("update() toggles a priority filter with 0-4 and resets the selection", () => {
  const start = run(model({ snapshot: FLEET }), keys("t", "<end>")).model;
  const p1 = run(start, keys("1")).model;
  assert.deepEqual([p1.tasks.priority, p1.selected.tasks], [1, 0]);
  assert.equal(run(p1, keys("0")).model.tasks.priority, 0);
  assert.equal(run(p1, keys("1")).model.tasks.priority, undefined);
});

Deno.test("update() cycles workspace filters with f", () => {
  const start = run(model({ snapshot: FLEET }), keys("t", "<end>")).model;
  const seen = [1, 2, 3].map((n) => run(start, keys(...Array(n).fill("f"))).model.tasks.workspace);
  assert.deepEqual(seen, ["/ws/a", "/ws/b", undefined]);
  assert.equal(run(start, keys("f")).model.selected.tasks, 0);
});

Deno.test("update() opens task details with Enter and moves through them", () => {
  const open = run(model({ snapshot: FLEET }), keys("t", "<down>", "<enter>")).model;
  assert.deepEqual(open.overlay, { kind: "task", index: 1 });
  const moved = run(open, keys("j", "j", "j", "j")).model;
  assert.deepEqual(moved.overlay, { kind: "task", index: 3 });
  assert.equal(moved.selected.tasks, 3, "the list selection follows");
  assert.deepEqual(run(moved, keys("k", "<up>")).model.overlay, { kind: "task", index: 1 });
  assert.equal(run(moved, keys("<escape>")).model.overlay, undefined);
  assert.equal(run(moved, keys("q")).model.overlay, undefined);
  assert.equal(run(model(), keys("t", "<enter>")).model.overlay, undefined, "no task, no details");
});

// --- actions ----------------------------------------------------------------------------------

Deno.test("update() spawns one default worker with n", () => {
  assert.deepEqual(run(model(), keys("n")).requests, [
    { kind: "action", action: { kind: "spawn", worker: "sim", count: 1 } },
  ]);
  const none = run(model({ defaultWorker: undefined }), keys("n"));
  assert.deepEqual(none.requests, []);
  assert.equal(none.model.toasts[0]?.level, "error");
  assert.match(none.model.toasts[0]?.text ?? "", /no worker config/);
});

Deno.test("update() kills the selected worker only after y or Enter", () => {
  const asked = run(model({ snapshot: FLEET }), keys("w", "<down>", "x"));
  assert.deepEqual(asked.requests, []);
  const overlay = asked.model.overlay;
  assert.equal(overlay?.kind, "confirm");
  if (overlay?.kind !== "confirm") return;
  assert.deepEqual(overlay.pending, {
    kind: "action",
    action: { kind: "kill", target: "sim-beta" },
  });
  assert.equal(overlay.title, "Kill sim-beta?");
  for (const yes of ["y", "Y", "<enter>"]) {
    const done = run(asked.model, keys(yes));
    assert.deepEqual(done.requests, [{
      kind: "action",
      action: { kind: "kill", target: "sim-beta" },
    }], yes);
    assert.equal(done.model.overlay, undefined);
  }
  assert.equal(run(asked.model, keys("x")).model.overlay, overlay, "other keys wait");
});

Deno.test("update() cancels a confirmation with n, N, Esc or q", async (t) => {
  const asked = run(model({ snapshot: FLEET }), keys("w", "P")).model;
  for (const no of ["n", "N", "<escape>", "q"]) {
    await t.step(no, () => {
      const { model: m, requests } = run(asked, keys(no));
      assert.deepEqual(requests, []);
      assert.equal(m.overlay, undefined);
      assert.deepEqual(m.toasts.map((x) => [x.level, x.text]), [["info", "cancelled"]]);
    });
  }
});

Deno.test("update() pauses the selected worker, or resumes it when paused", () => {
  const start = model({ snapshot: FLEET });
  assert.deepEqual(run(start, keys("w", "p")).requests, [
    { kind: "action", action: { kind: "pause", target: "sim-alpha" } },
  ]);
  assert.deepEqual(run(start, keys("w", "j", "p")).requests, [
    { kind: "action", action: { kind: "resume", target: "sim-beta" } },
  ]);
});

Deno.test("update() confirms pause all, resumes all at once", () => {
  const start = model({ snapshot: FLEET });
  const paused = run(start, keys("o", "P"));
  assert.deepEqual(paused.requests, []);
  assert.equal(paused.model.overlay?.kind, "confirm");
  assert.deepEqual(run(paused.model, keys("y")).requests, [
    { kind: "action", action: { kind: "pause", target: "all" } },
  ]);
  assert.deepEqual(run(start, keys("w", "R")).requests, [
    { kind: "action", action: { kind: "resume", target: "all" } },
  ]);
});

Deno.test("update() says so when a worker key finds no worker", () => {
  const { model: m, requests } = run(model(), keys("w", "x", "p"));
  assert.deepEqual(requests, []);
  assert.equal(m.overlay, undefined);
  assert.deepEqual(m.toasts.map((x) => x.text), ["No worker selected"]);
});

Deno.test("update() acknowledges the selected alert, critical ones listed first", () => {
  const start = model({ snapshot: FLEET });
  assert.deepEqual(run(start, keys("a", "A")).requests, [
    { kind: "action", action: { kind: "ack", alert: 2 } },
  ]);
  assert.deepEqual(run(start, keys("a", "j", "<enter>", "<enter>")).requests, [
    { kind: "action", action: { kind: "ack", alert: 1 } },
  ]);
  const fromDetails = run(start, keys("a", "<enter>", "A"));
  assert.deepEqual(fromDetails.requests, [{ kind: "action", action: { kind: "ack", alert: 2 } }]);
  assert.equal(fromDetails.model.overlay, undefined);
  assert.deepEqual(run(model(), keys("a", "A")).requests, []);
});

Deno.test("update() refuses every action in read-only mode, naming the other process", async (t) => {
  const observer = model({ readOnly: true, snapshot: FLEET });
  const cases: [name: string, presses: string[]][] = [
    ["spawn", ["w", "n"]],
    ["kill", ["w", "x"]],
    ["pause", ["w", "p"]],
    ["pause all", ["w", "P"]],
    ["resume all", ["o", "R"]],
    ["ack", ["a", "A"]],
    ["ack from details", ["a", "<enter>", "<enter>"]],
  ];
  for (const [name, presses] of cases) {
    await t.step(name, () => {
      const { model: m, requests } = run(observer, keys(...presses));
      assert.deepEqual(requests, []);
      assert.equal(m.overlay, undefined, "no confirmation either");
      assert.equal(m.toasts.length, 1);
      assert.equal(m.toasts[0]?.level, "error");
      assert.match(m.toasts[0]?.text ?? "", /read-only.*another process \(pid 4242\)/);
    });
  }
});

Deno.test("update() still navigates in read-only mode", () => {
  const observer = model({ readOnly: true, snapshot: FLEET });
  const m = run(observer, keys("w", "<down>", "<enter>")).model;
  assert.deepEqual([m.view, m.logs.source], ["logs", "sim-beta"]);
});

Deno.test("update() opens a worker's log with Enter in the workers view", () => {
  const scrolled = run(model({ snapshot: FLEET }), keys("l", "<up>", "<up>")).model;
  const m = run(scrolled, keys("w", "j", "j", "<enter>")).model;
  assert.equal(m.view, "logs");
  assert.equal(m.previousView, "workers");
  assert.deepEqual(m.logs, { source: "sim-gamma", level: "all", follow: true });
  assert.equal(m.selected.logs, 0);
});

Deno.test("update() turns a finished action into a toast", () => {
  const ok = run(model(), { kind: "action-done", ok: true, message: "spawned sim-delta" }).model;
  assert.deepEqual(ok.toasts, [{
    text: "spawned sim-delta",
    level: "success",
    until: NOW + 4_000,
  }]);
  assert.deepEqual(ok.command.transcript, [], "not in the transcript: keys caused it");
  const failed = run(model(), { kind: "action-done", ok: false, message: "no tmux" }).model;
  assert.deepEqual(failed.toasts, [{ text: "no tmux", level: "error", until: NOW + 8_000 }]);
});

// --- toasts, clock, size ----------------------------------------------------------------------

Deno.test("update() expires toasts on ticks: info after 4 s, errors after 8 s", () => {
  let m = run(model(), keys("w", "x")).model; // warn: no worker selected
  m = run(m, { kind: "action-done", ok: true, message: "done" }).model;
  m = run(m, { kind: "action-done", ok: false, message: "failed" }).model;
  const at = (ms: number) => run(m, { kind: "tick", now: NOW + ms }).model;
  assert.deepEqual(at(3_999).toasts.map((x) => x.text), ["No worker selected", "done", "failed"]);
  assert.deepEqual(at(4_000).toasts.map((x) => x.text), ["No worker selected", "failed"]);
  assert.deepEqual(at(8_000).toasts, []);
  assert.equal(at(8_000).now, NOW + 8_000);
});

Deno.test("update() keeps at most 3 toasts, newest last, and does not repeat one", () => {
  const done = (message: string) => ({ kind: "action-done" as const, ok: true, message });
  const m = run(model(), done("a"), done("b"), done("c"), done("d")).model;
  assert.deepEqual(m.toasts.map((x) => x.text), ["b", "c", "d"]);
  const again = run(m, done("b")).model;
  assert.deepEqual(again.toasts.map((x) => x.text), ["c", "d", "b"]);
});

Deno.test("update() takes a new terminal size", () => {
  const m = update(model(), { kind: "resize", size: { width: 200, height: 60 } });
  assert.deepEqual(m.model.size, { width: 200, height: 60 });
  assert.deepEqual(m.requests, []);
});

Deno.test("update() closes task details when the task leaves the list", () => {
  const open = run(model({ snapshot: FLEET }), keys("t", "j", "<enter>")).model;
  const reordered = snapshot({ tasks: [task("bd-2"), task("bd-1")] });
  assert.deepEqual(run(open, { kind: "snapshot", snapshot: reordered }).model.overlay, {
    kind: "task",
    index: 0,
  });
  const gone = snapshot({ tasks: [task("bd-1")] });
  assert.equal(run(open, { kind: "snapshot", snapshot: gone }).model.overlay, undefined);
});

// --- confirmations ----------------------------------------------------------------------------

Deno.test("confirmationFor() asks before kill, pause all and spawning more than 2", async (t) => {
  const cases: [request: ActionRequest, title: string | undefined][] = [
    [{ kind: "kill", target: "sim-alpha" }, "Kill sim-alpha?"],
    [{ kind: "kill", target: "all" }, "Kill every worker?"],
    [{ kind: "pause", target: "all" }, "Pause every worker?"],
    [{ kind: "pause", target: "sim-alpha" }, undefined],
    [{ kind: "resume", target: "all" }, undefined],
    [{ kind: "spawn", worker: "sim", count: 2 }, undefined],
    [{ kind: "spawn", worker: "sim", count: 3 }, "Spawn 3 sim workers?"],
    [{ kind: "assign", bead: "bd-1", worker: "sim-alpha" }, undefined],
    [{ kind: "ack", alert: "all" }, undefined],
  ];
  for (const [request, title] of cases) {
    await t.step(JSON.stringify(request), () => {
      const asked = confirmationFor(request);
      assert.equal(asked?.title, title);
      if (asked !== undefined) assert.ok(asked.message.length > 10);
    });
  }
});
