import assert from "node:assert/strict";
import { buildTaskPrompt, priorityLabel } from "../../src/beads/mod.ts";
import type { Bead } from "../../src/domain/mod.ts";
import { toBeadId } from "../../src/domain/mod.ts";

const BEAD: Bead = {
  id: toBeadId("app-12"),
  title: "Fix the login form",
  description: "The submit button does nothing on mobile.\nReproduce on iOS Safari.",
  status: "in_progress",
  priority: 1,
  issueType: "bug",
  labels: ["ui", "mobile"],
  assignee: "sonnet-alpha",
  dependencies: [],
  createdAt: undefined,
  updatedAt: undefined,
  closedAt: undefined,
  deferUntil: undefined,
  pinned: false,
  ephemeral: false,
  acceptanceCriteria: "Login works on iOS Safari and Chrome Android.",
};

Deno.test("buildTaskPrompt() states the task, its context and what to do", async (t) => {
  const prompt = buildTaskPrompt(BEAD, { workspace: "/src/app", workerId: "sonnet-alpha" });
  const lines = prompt.split("\n");
  await t.step("the task line comes first", () => {
    assert.equal(lines[0], "Task: app-12: Fix the login form");
  });
  await t.step("the description and acceptance criteria follow", () => {
    assert.ok(
      prompt.includes(
        "\n\nThe submit button does nothing on mobile.\nReproduce on iOS Safari.\n\n",
      ),
    );
    assert.ok(
      prompt.includes("Acceptance criteria:\nLogin works on iOS Safari and Chrome Android."),
    );
  });
  await t.step("the context list", () => {
    for (
      const line of [
        "- Priority: P1 (high)",
        "- Type: bug",
        "- Workspace: /src/app",
        "- Labels: ui, mobile",
        "- Worker: sonnet-alpha",
      ]
    ) assert.ok(lines.includes(line), line);
  });
  await t.step("the instructions", () => {
    assert.match(prompt, /Commit your work/);
    assert.match(prompt, /Run the project's tests/);
    assert.match(prompt, /exit with status 0/);
    assert.match(prompt, /blocks you .* exit with a non-zero status/);
  });
  assert.ok(prompt.endsWith(".\n"));
});

Deno.test("buildTaskPrompt() copes with an empty description, no labels and no worker", () => {
  const prompt = buildTaskPrompt({
    ...BEAD,
    description: " ",
    labels: [],
    acceptanceCriteria: undefined,
  }, {
    workspace: "/w",
  });
  assert.match(
    prompt,
    /^Task: app-12: Fix the login form\n\n\(The bead has no description; the title is the task\.\)\n\n/,
  );
  assert.ok(prompt.includes("- Labels: none\n"));
  assert.ok(!prompt.includes("- Worker:"));
  assert.ok(!prompt.includes("Acceptance criteria"));
});

Deno.test("priorityLabel() names P0-P4 and reads anything else as P2", () => {
  assert.deepEqual([0, 1, 2, 3, 4, 9, -1].map(priorityLabel), [
    "P0 (critical)",
    "P1 (high)",
    "P2 (medium)",
    "P3 (low)",
    "P4 (backlog)",
    "P2 (medium)",
    "P2 (medium)",
  ]);
});
