/**
 * The command line's own keys: editing, history, Enter with nothing typed, Ctrl+L; and results of
 * key actions in the transcript while it is open. What a sent line comes to is chat's part
 * (update_chat_test.ts).
 */
import assert from "node:assert/strict";
import { keys, model, NOW, paste, run, typed } from "./_update_fixture.ts";
import { handOutcome, handPlan, line } from "./_chat_driver.ts";
import { initialModel } from "../../src/dashboard/init.ts";
import type { Msg } from "../../src/dashboard/model.ts";

/** Sends a line and lets chat answer it with nothing (the line is done with). */
function sent(text: string, open = false): Msg[] {
  return [...line(text, open), { kind: "chat-done", outcome: handOutcome(handPlan(text)) }];
}

Deno.test("update() edits the command line like a shell", async (t) => {
  const open = run(model(), keys(":")).model;
  const cases: [name: string, msgs: Parameters<typeof run>[1][], text: string, cursor: number][] = [
    ["typing", [typed("spawn")], "spawn", 5],
    [
      "insert mid-line",
      [typed("spwn"), keys("<left>", "<left>"), typed("a")],
      "spawn",
      3,
    ],
    ["backspace", [typed("spawnn"), keys("<backspace>")], "spawn", 5],
    ["delete", [typed("xspawn"), keys("<home>", "<delete>")], "spawn", 0],
    ["home end", [typed("spawn"), keys("<home>", "<end>")], "spawn", 5],
    ["right stops at the end", [typed("ab"), keys("<right>")], "ab", 2],
    ["left stops at 0", [typed("ab"), keys("<left>", "<left>", "<left>")], "ab", 0],
    ["ctrl+u", [typed("kill all"), keys("<ctrl+u>")], "", 0],
    ["ctrl+w", [typed("kill sim-alpha  "), keys("<ctrl+w>")], "kill ", 5],
    ["paste", [typed("x"), [paste("spawn\nsim\r\n2")]], "xspawn sim 2", 12],
    ["surrogate pair", [typed("a😀"), keys("<backspace>")], "a", 1],
    [
      "ctrl and alt keys do not type",
      [keys("<ctrl+k>"), [{ kind: "key", key: { kind: "char", char: "b", alt: true } }]],
      "",
      0,
    ],
  ];
  for (const [name, msgs, text, cursor] of cases) {
    await t.step(name, () => {
      const { command } = run(open, ...msgs).model;
      assert.deepEqual([command.text, command.cursor], [text, cursor]);
    });
  }
});

Deno.test("update() ignores an empty Enter", () => {
  const open = run(model(), keys(":"), typed("  ")).model;
  const m = run(open, keys("<enter>"));
  assert.deepEqual([m.model.command.transcript, m.model.command.history, m.requests], [[], [], []]);
  assert.equal(m.model.command.asking, undefined);
});

Deno.test("update() browses the history with up and down", () => {
  const open = run(model(), keys(":"), sent("tasks"), sent("help")).model;
  assert.deepEqual(open.command.history, ["tasks", "help"]);
  const up1 = run(open, keys("<up>")).model.command;
  assert.deepEqual([up1.text, up1.cursor, up1.historyIndex], ["help", 4, 1]);
  const up3 = run(open, keys("<up>", "<up>", "<up>")).model.command;
  assert.deepEqual([up3.text, up3.historyIndex], ["tasks", 0]);
  const down = run(open, keys("<up>", "<up>", "<down>")).model.command;
  assert.equal(down.text, "help");
  const past = run(open, keys("<up>", "<down>")).model.command;
  assert.deepEqual([past.text, past.historyIndex], ["", undefined]);
  assert.equal(run(open, keys("<down>")).model.command.text, "");
});

Deno.test("update() keeps the last 100 lines of history, without repeats in a row", () => {
  let m = run(model(), keys(":")).model;
  for (let i = 0; i < 105; i++) m = run(m, sent(`ack ${i}`)).model;
  m = run(m, sent("ack 104")).model;
  assert.equal(m.command.history.length, 100);
  assert.equal(m.command.history[0], "ack 5");
  assert.equal(m.command.history.at(-1), "ack 104");
  assert.equal(m.command.history.at(-2), "ack 103");
});

Deno.test("update() repaints on Ctrl+L from the command line without typing it", () => {
  const { model: m, requests } = run(model(), keys(":"), typed("ab"), keys("<ctrl+l>"));
  assert.deepEqual(requests, [{ kind: "repaint" }]);
  assert.equal(m.command.text, "ab");
});

Deno.test("update() puts a key action's result in the transcript while the command line is open", () => {
  const open = run(model(), keys(":")).model;
  const m = run(open, { kind: "action-done", ok: false, message: "Cannot kill" }).model;
  assert.deepEqual(m.command.transcript, [{ from: "forge", text: "Cannot kill", tone: "error" }]);
  assert.equal(m.toasts[0]?.level, "error");
  const ok = run(open, { kind: "action-done", ok: true, message: "killed sim-alpha" }).model;
  assert.equal(ok.command.transcript[0]?.tone, "ok");
});

Deno.test("initialModel() starts with a notice in the transcript and a warning toast", () => {
  const text =
    "Chat's backend is unavailable (chat.command is empty): fast-path commands still work";
  const m = initialModel({
    size: { width: 120, height: 40 },
    now: NOW,
    readOnly: false,
    defaultWorker: "sim",
    notice: text,
  });
  assert.deepEqual(m.command.transcript, [{ from: "forge", text, tone: "error" }]);
  assert.deepEqual(m.toasts, [{ text, level: "warn", until: NOW + 8_000 }]);
  assert.deepEqual(model().command.transcript, [], "no notice, nothing said");
});
