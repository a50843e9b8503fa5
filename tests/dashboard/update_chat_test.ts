/**
 * The command line speaks to chat: a sent line becomes a `chat` request, its plan comes back as a
 * message, and update() quits, asks in the confirm dialog, or runs it, then shows the outcome.
 * Driven with a real chat session over a temporary home (the fast path, or a scripted backend).
 */
import assert from "node:assert/strict";
import { ChatBackendError } from "../../src/chat/mod.ts";
import type { DashboardModel } from "../../src/dashboard/model.ts";
import { view } from "../../src/dashboard/view/view.ts";
import { StyleTable } from "../../src/dashboard/render/style.ts";
import { reply, sessionFixture } from "../chat/_session_fixture.ts";
import { tempDir } from "../helpers/temp.ts";
import { fixtureModel, fixtureSnapshot } from "./_fixture.ts";
import { drive, handOutcome, handPlan, line } from "./_chat_driver.ts";
import { keys, run } from "./_update_fixture.ts";

const FLEET = fixtureSnapshot({ workers: 12, beads: 40 });

function start(parts: Partial<DashboardModel> = {}): DashboardModel {
  return fixtureModel(FLEET, { width: 120, height: 40 }, { ...parts });
}

function screenText(model: DashboardModel): string {
  return view(model, new StyleTable()).plainText();
}

Deno.test("update() sends a typed line to chat and shows that it is asking", () => {
  const { model: m, requests } = run(start(), keys("w"), line("show idle workers"));
  assert.deepEqual(requests, [{ kind: "chat", text: "show idle workers", view: "workers" }]);
  assert.deepEqual(m.command.transcript, [
    { from: "user", text: "show idle workers", tone: "normal" },
  ]);
  assert.deepEqual(m.command.asking, { text: "show idle workers", stage: "reading" });
  assert.deepEqual([m.command.text, m.command.active, m.view], ["", true, "chat"]);
  assert.deepEqual(m.command.history, ["show idle workers"]);
  assert.match(screenText(m), /you › show idle workers\s*│\n│\s*… asking/);
});

Deno.test("update() runs a plan that asks nothing and shows its outcome", async () => {
  await using home = await tempDir();
  const s = await sessionFixture({ home: home.path, surface: "tui", snapshot: FLEET });
  const { model: m, requests } = await drive(start(), s.deps, line("resume all"));
  assert.deepEqual(requests.map((r) => [r.kind, r.kind === "chat-execute" && r.approved]), [
    ["chat", false],
    ["chat-execute", false],
  ]);
  assert.deepEqual(s.performed, [{ kind: "resume", target: "all" }]);
  assert.deepEqual(m.command.transcript.at(-1), {
    from: "forge",
    text: "✓ did resume",
    tone: "ok",
  });
  assert.equal(m.command.asking, undefined);
  assert.equal(m.overlay, undefined);
  assert.deepEqual(m.toasts, [], "the user saw it in the transcript");
});

Deno.test("update() asks before a plan that needs it: y runs it approved", async () => {
  await using home = await tempDir();
  const s = await sessionFixture({ home: home.path, surface: "tui", snapshot: FLEET });
  const asked = await drive(start(), s.deps, line("spawn 5 sim"));
  assert.deepEqual(asked.requests.map((r) => r.kind), ["chat"]);
  const overlay = asked.model.overlay;
  assert.equal(overlay?.kind, "confirm");
  if (overlay?.kind !== "confirm") return;
  assert.equal(overlay.title, "Spawn 5 sim workers?");
  assert.match(overlay.message, /Starts 5 agents at once/);
  assert.equal(overlay.pending.kind, "chat");
  assert.deepEqual(asked.model.command.transcript.at(-1)?.text, "Spawn 5 sim workers? (y/n)");
  assert.deepEqual(asked.model.command.asking?.stage, "confirming");
  assert.deepEqual(s.performed, [], "nothing ran before the answer");
  assert.deepEqual(run(asked.model, keys("x")).model.overlay, overlay, "other keys wait");

  for (const yes of ["y", "<enter>"]) {
    const step = run(asked.model, keys(yes));
    assert.deepEqual(step.requests.map((r) => r.kind === "chat-execute" && r.approved), [true]);
    assert.equal(step.model.overlay, undefined);
    assert.equal(step.model.command.text, "", "y answered the dialog, it was not typed");
  }
  const done = await drive(asked.model, s.deps, keys("y"));
  assert.deepEqual(s.performed, [{ kind: "spawn", worker: "sim", count: 5 }]);
  assert.deepEqual(done.model.command.transcript.at(-1), {
    from: "forge",
    text: "✓ did spawn",
    tone: "ok",
  });
  assert.equal(done.model.command.asking, undefined);
});

Deno.test("update() runs a plan not approved on n or Esc: queries answered, actions declined", async (t) => {
  for (const no of ["n", "<escape>"]) {
    await t.step(no, async () => {
      await using home = await tempDir();
      const s = await sessionFixture({
        home: home.path,
        surface: "tui",
        snapshot: FLEET,
        replies: [reply([
          { tool: "show_workers", arguments: { state: "idle" } },
          { tool: "kill_workers", arguments: { worker: "sonnet-alpha" } },
        ], "Here are the idle ones; and sonnet-alpha goes.")],
      });
      const asked = await drive(start(), s.deps, line("tidy up the fleet please"));
      assert.equal(asked.model.overlay?.kind, "confirm");
      const { model: m, requests } = await drive(asked.model, s.deps, keys(no));
      assert.deepEqual(requests.map((r) => r.kind === "chat-execute" && r.approved), [false]);
      assert.deepEqual(s.performed, []);
      const said = m.command.transcript.map((l) => `${l.tone}: ${l.text}`);
      assert.ok(
        said.includes("normal: Here are the idle ones; and sonnet-alpha goes."),
        said.join("\n"),
      );
      assert.ok(said.some((l) => /^ok: ✓ 2 idle workers/.test(l)), said.join("\n"));
      assert.ok(
        said.includes("error: ✗ Not done: kill sonnet-alpha was not confirmed"),
        said.join("\n"),
      );
      assert.equal(m.view, "chat", "Esc answered the dialog, it did not leave the command line");
    });
  }
});

Deno.test("update() quits for quit and opens the views an outcome names", async (t) => {
  await using home = await tempDir();
  const s = await sessionFixture({ home: home.path, surface: "tui", snapshot: FLEET });
  await t.step("quit", async () => {
    const { model: m, requests } = await drive(start(), s.deps, line("quit"));
    assert.deepEqual(requests.map((r) => r.kind), ["chat", "quit"]);
    assert.equal(m.command.asking, undefined);
  });
  await t.step("a view: chat closes, the toast says it", async () => {
    const { model: m } = await drive(start(), s.deps, keys("w"), line("tasks"));
    assert.equal(m.view, "tasks");
    assert.equal(m.command.active, false);
    assert.equal(m.previousView, "workers", "chat is not a place to go back to");
    assert.deepEqual(m.toasts.map((x) => [x.level, x.text]), [["success", "✓ tasks view"]]);
  });
  await t.step("task filters: priority, workspace by name, search", async () => {
    const p0 = (await drive(start(), s.deps, line("filter tasks by p0"))).model;
    assert.equal(p0.view, "tasks");
    assert.deepEqual(p0.tasks, { priority: 0, workspace: undefined, search: "", searching: false });
    const infra = (await drive(p0, s.deps, line("filter tasks by infra"))).model;
    assert.deepEqual(infra.tasks, {
      priority: undefined,
      workspace: "/home/dev/src/infra",
      search: "",
      searching: false,
    });
    const found = (await drive(infra, s.deps, line("search tasks for login"))).model;
    assert.deepEqual([found.tasks.search, found.tasks.workspace], ["login", undefined]);
  });
  await t.step("a workspace that is none here is said, and no workspace filter set", () => {
    const plan = handPlan("filter tasks by moon");
    const outcome = handOutcome(plan, {
      views: [{ kind: "view", view: "tasks", tasks: { workspace: "moon" } }],
    });
    const m = run(start(), { kind: "chat-done", outcome }).model;
    assert.equal(m.tasks.workspace, undefined);
    assert.match(m.command.transcript.at(-1)?.text ?? "", /^No workspace "moon" here/);
  });
});

Deno.test("update() shows misspelt lines and backend failures in red, hints dimmed", async () => {
  await using home = await tempDir();
  const fast = await sessionFixture({ home: home.path, surface: "tui", snapshot: FLEET });
  const typo = (await drive(start(), fast.deps, line("kil sim-alpah"))).model;
  const [, said, hint] = typo.command.transcript;
  assert.equal(said?.tone, "error");
  assert.match(said?.text ?? "", /^Not understood: "kil sim-alpah"/);
  assert.deepEqual([hint?.tone, hint?.text], ["dim", "did you mean: kill sim-alpah"]);

  const s = await sessionFixture({
    home: home.path,
    surface: "tui",
    snapshot: FLEET,
    replies: [
      new ChatBackendError("the chat backend gave no answer within 1 s", { transient: true }),
    ],
  });
  const slow = (await drive(start(), s.deps, line("which beads look stuck to you"))).model;
  const last = slow.command.transcript.at(-1);
  assert.equal(last?.tone, "error");
  assert.match(last?.text ?? "", /^the chat backend gave no answer within 1 s \(fast-path/);
  assert.equal(slow.command.asking, undefined);
});

Deno.test("update() keeps keys and views working while chat is busy, one line at a time", () => {
  const asking = run(start(), line("which beads look stuck to you")).model;
  const busy = run(asking, line("resume all", false));
  assert.deepEqual(busy.requests, [], "a second line waits for the first");
  assert.equal(busy.model.command.text, "resume all", "and stays in the input");
  assert.match(busy.model.command.transcript.at(-1)?.text ?? "", /^Still on "which beads/);

  const away = run(busy.model, keys("<escape>", "t", "w"));
  assert.equal(away.model.view, "workers");
  assert.equal(away.model.command.asking?.text, "which beads look stuck to you");

  const plan = handPlan("which beads look stuck to you", {
    answeredBy: "command",
    error: "the chat backend gave no answer within 1 s",
  });
  const told = run(away.model, { kind: "chat-planned", plan });
  assert.deepEqual(told.requests, [{ kind: "chat-execute", plan, approved: false }]);
  const done = run(told.model, { kind: "chat-done", outcome: handOutcome(plan) }).model;
  assert.equal(done.view, "workers", "the answer does not pull the user back");
  assert.equal(done.command.asking, undefined);
  assert.deepEqual(done.toasts.map((x) => [x.level, x.text]), [
    ["error", "the chat backend gave no answer within 1 s"],
  ]);
  assert.equal(done.command.transcript.at(-1)?.tone, "error");
});

Deno.test("update() reports a failed chat request and frees the command line", () => {
  const asking = run(start(), line("show workers")).model;
  const inChat = run(asking, { kind: "chat-failed", message: "store is locked" }).model;
  assert.deepEqual(inChat.command.transcript.at(-1), {
    from: "forge",
    text: "Cannot answer: store is locked",
    tone: "error",
  });
  assert.equal(inChat.command.asking, undefined);
  assert.deepEqual(inChat.toasts, [], "seen in the transcript");
  const away = run(asking, keys("<escape>"), { kind: "chat-failed", message: "boom" }).model;
  assert.deepEqual(away.toasts.map((x) => [x.level, x.text]), [["error", "Cannot answer: boom"]]);
  assert.equal(run(away, keys(":"), line("help", false)).requests.length, 1, "chat is free");
});

Deno.test("update() in observer mode sends lines to chat and lets the session refuse actions", async () => {
  await using home = await tempDir();
  const s = await sessionFixture({
    home: home.path,
    surface: "tui",
    snapshot: FLEET,
    readOnly: true,
  });
  const observer = start({ readOnly: true });
  const shown = (await drive(observer, s.deps, line("show idle workers"))).model;
  const answered = shown.command.transcript.map((l) => l.text);
  assert.ok(answered.includes("✓ 2 idle workers, of 12 in all."), answered.join("\n"));
  const { model: m, requests } = await drive(observer, s.deps, line("kill sonnet-alpha"));
  assert.equal(m.overlay, undefined, "no question for what will be refused anyway");
  assert.deepEqual(requests.map((r) => r.kind), ["chat", "chat-execute"]);
  assert.deepEqual(s.performed, []);
  assert.match(m.command.transcript.at(-1)?.text ?? "", /^✗ Not done: this view only observes/);
});

Deno.test("update() does not stack a chat question on an open confirmation", () => {
  const asking = run(start(), line("kill sonnet-alpha"), keys("<escape>", "w", "x")).model;
  assert.equal(asking.overlay?.kind, "confirm", "the key's own question is open");
  const plan = handPlan("kill sonnet-alpha", {
    confirmation: { title: "Kill sonnet-alpha?", message: "…" },
  });
  const step = run(asking, { kind: "chat-planned", plan });
  assert.deepEqual(step.model.overlay, asking.overlay);
  assert.deepEqual(step.requests, [{ kind: "chat-execute", plan, approved: false }]);
  assert.match(
    step.model.command.transcript.at(-1)?.text ?? "",
    /^Not asked "Kill sonnet-alpha\?"/,
  );
});
