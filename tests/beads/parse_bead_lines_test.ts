import assert from "node:assert/strict";
import { parseBeadLines } from "../../src/beads/mod.ts";
import { classicLine, eventLine, nativeLine } from "./_beads_fixtures.ts";

const FILE = "/ws/.beads/issues.jsonl";

function parse(lines: readonly string[]) {
  return parseBeadLines(`${lines.join("\n")}\n`, FILE);
}

Deno.test("parseBeadLines() normalises a classic br line", () => {
  const { beads, issues, skippedLines } = parse([classicLine({
    id: "bd-1",
    title: "Fix it",
    description: "Long text",
    status: "in_progress",
    priority: 1,
    issue_type: "bug",
    assignee: "coder",
    labels: ["ui", "p1"],
    created_at: "2026-02-14T02:41:54.127902714Z",
    updated_at: "2026-02-15T00:00:00Z",
    closed_at: "",
    close_reason: "",
    acceptance_criteria: "It works",
    source_repo: ".",
    compaction_level: 0,
    pinned: true,
  })]);
  assert.equal(skippedLines, 0);
  assert.deepEqual(issues, []);
  assert.deepEqual(beads[0], {
    id: "bd-1",
    title: "Fix it",
    description: "Long text",
    status: "in_progress",
    priority: 1,
    issueType: "bug",
    labels: ["ui", "p1"],
    assignee: "coder",
    dependencies: [],
    createdAt: Date.UTC(2026, 1, 14, 2, 41, 54, 127),
    updatedAt: Date.UTC(2026, 1, 15),
    closedAt: undefined,
    deferUntil: undefined,
    pinned: true,
    ephemeral: false,
    acceptanceCriteria: "It works",
  });
});

Deno.test("parseBeadLines() reads bd export lines and skips other _type lines", () => {
  const { beads, skippedLines } = parse([
    classicLine({ id: "bd-1", _type: "issue", dependency_count: 0, comment_count: 2 }),
    JSON.stringify({ _type: "memory", key: "k", value: "v" }),
    classicLine({ id: "bd-2" }),
  ]);
  assert.deepEqual(beads.map((b) => b.id), ["bd-1", "bd-2"]);
  assert.equal(skippedLines, 0);
});

Deno.test("parseBeadLines() reads bead-rs envelopes, payload key first", async (t) => {
  const { beads, issues } = parse([
    nativeLine({ id: "f-1", base_status: "closed", close_reason: "done", assignee: "coder" }),
    nativeLine({
      id: "f-2",
      manual_blocked: true,
      dependencies: [{ blocker: "f-1", kind: "blocks" }],
    }),
    nativeLine({
      id: "f-3",
      base_status: "in_progress",
      dependencies: [{ blocker: "f-1", kind: "relates_to" }],
      notes: "[migrated labels from bd-m65m]\nchat, ux",
      labels: ["deferred"],
    }),
    eventLine("f-1", 1),
    JSON.stringify({ provenance_receipt: { receipt_id: "r" }, record_type: "provenance_receipt" }),
  ]);
  assert.deepEqual(issues, []);
  assert.equal(beads.length, 3, "events and receipts are not beads");
  await t.step("base_status is the status", () => {
    assert.equal(beads[0]?.status, "closed");
    assert.equal(beads[0]?.closeReason, "done");
  });
  await t.step("manual_blocked reads as blocked", () => assert.equal(beads[1]?.status, "blocked"));
  await t.step("{blocker, kind} edges, relates_to normalised", () => {
    assert.deepEqual(beads[1]?.dependencies, [{ target: "f-1", type: "blocks" }]);
    assert.deepEqual(beads[2]?.dependencies, [{ target: "f-1", type: "related" }]);
  });
  await t.step("labels plus the migration's legacy notes line", () => {
    assert.deepEqual(beads[2]?.labels, ["deferred", "chat", "ux"]);
  });
});

Deno.test('parseBeadLines() ignores unknown fields and reads "" and null as unset', () => {
  const { beads, issues } = parse([
    classicLine({
      id: "bf-1",
      assignee: "",
      owner: "",
      description: null,
      design: "",
      notes: "",
      status: "",
      issue_type: null,
      priority: null,
      labels: [],
      some_future_field: { nested: [1, 2, 3] },
      lease_owner: "x",
    }),
    classicLine({ id: "bf-2", assignee: null, title: "T" }),
    classicLine({ id: "bf-3", assignee: "   " }),
  ]);
  assert.deepEqual(issues, []);
  const b = beads[0];
  assert.equal(b?.assignee, undefined);
  assert.equal(b?.description, "");
  assert.equal(b?.status, "open");
  assert.equal(b?.issueType, "task");
  assert.equal(b?.priority, 2);
  assert.deepEqual(b?.labels, []);
  assert.equal(beads[1]?.assignee, undefined);
  assert.equal(beads[2]?.assignee, undefined);
});

Deno.test("parseBeadLines() accepts metadata as an object or a JSON string", async (t) => {
  const { beads, issues } = parse([
    classicLine({ id: "m-1", metadata: { gate: "all-children" } }),
    classicLine({ id: "m-2", metadata: '{"gate":"any-children"}' }),
    classicLine({ id: "m-3", metadata: "{}" }),
    classicLine({ id: "m-4", metadata: "{not json" }),
  ]);
  await t.step("object", () => assert.deepEqual(beads[0]?.metadata, { gate: "all-children" }));
  await t.step("string", () => assert.deepEqual(beads[1]?.metadata, { gate: "any-children" }));
  await t.step("empty", () => assert.equal(beads[2]?.metadata, undefined));
  await t.step("unreadable: kept bead, reported", () => {
    assert.equal(beads[3]?.metadata, undefined);
    assert.equal(beads.length, 4);
    assert.deepEqual(issues.map((i) => [i.kind, i.line]), [["invalid-field", 4]]);
  });
});

Deno.test("parseBeadLines() reads comment ids that are ints or strings", () => {
  const { beads } = parse([classicLine({
    id: "c-1",
    comments: [
      {
        id: 257,
        issue_id: "c-1",
        author: "coder",
        text: "first",
        created_at: "2026-02-08T20:30:41Z",
      },
      { id: "c0ffee", issue_id: "c-1", author: "", text: "second", created_at: "" },
      "not a comment",
    ],
  })]);
  assert.deepEqual(beads[0]?.comments, [
    { id: "257", author: "coder", text: "first", createdAt: Date.UTC(2026, 1, 8, 20, 30, 41) },
    { id: "c0ffee", author: undefined, text: "second", createdAt: undefined },
  ]);
});

Deno.test("parseBeadLines() reads RFC 3339 timestamps with 0-9 digits and offsets", async (t) => {
  const cases: [string, number | undefined][] = [
    ["2026-02-08T20:30:41Z", Date.UTC(2026, 1, 8, 20, 30, 41)],
    ["2026-02-08T20:30:41.1Z", Date.UTC(2026, 1, 8, 20, 30, 41, 100)],
    ["2026-02-08T20:30:41.123456Z", Date.UTC(2026, 1, 8, 20, 30, 41, 123)],
    ["2026-02-08T20:30:41.123456789Z", Date.UTC(2026, 1, 8, 20, 30, 41, 123)],
    ["2025-11-02T21:58:07.295058-08:00", Date.UTC(2025, 10, 3, 5, 58, 7, 295)],
    ["2026-02-08T20:30:41+00:00", Date.UTC(2026, 1, 8, 20, 30, 41)],
    ["1970-01-01T00:00:00Z", undefined],
  ];
  for (const [text, expected] of cases) {
    await t.step(text, () => {
      const { beads, issues } = parse([classicLine({ id: "t-1", updated_at: text })]);
      assert.equal(beads[0]?.updatedAt, expected);
      assert.deepEqual(issues, []);
    });
  }
  await t.step("garbage is reported", () => {
    const { beads, issues } = parse([classicLine({ id: "t-1", updated_at: "yesterday" })]);
    assert.equal(beads[0]?.updatedAt, undefined);
    assert.equal(issues[0]?.kind, "invalid-field");
  });
});

Deno.test("parseBeadLines() clamps priorities and reads P-notation", async (t) => {
  const cases: [unknown, number, boolean][] = [
    [0, 0, false],
    [4, 4, false],
    ["P1", 1, false],
    ["3", 3, false],
    [undefined, 2, false],
    [7, 2, true],
    [-1, 2, true],
    [1.5, 2, true],
    ["urgent", 2, true],
  ];
  for (const [value, expected, reported] of cases) {
    await t.step(String(value), () => {
      const { beads, issues } = parse([classicLine({ id: "p-1", priority: value })]);
      assert.equal(beads[0]?.priority, expected);
      assert.equal(issues.some((i) => i.kind === "invalid-field"), reported);
    });
  }
});

Deno.test("parseBeadLines() normalises statuses", () => {
  const { beads } = parse(
    ["OPEN", " inprogress ", "in-progress", "hooked", "Closed"].map((status, i) =>
      classicLine({ id: `s-${i}`, status })
    ),
  );
  assert.deepEqual(beads.map((b) => b.status), [
    "open",
    "in_progress",
    "in_progress",
    "hooked",
    "closed",
  ]);
});

Deno.test("parseBeadLines() reads every dependency shape", () => {
  const { beads } = parse([classicLine({
    id: "e-1",
    dependencies: [
      { issue_id: "e-1", depends_on_id: "e-2", type: "blocks", metadata: "{}", thread_id: "" },
      { issue_id: "e-1", depends_on_id: "e-3", dep_type: "parent-child" },
      { issue_id: "e-1", depends_on_id: "e-4" },
      { issue_id: "e-1", depends_on_id: "e-5", type: "relates-to" },
      { blocker: "e-6", kind: "blocks", blocked: "e-1" },
      { id: "e-7", title: "shown", dependency_type: "waits-for" },
      { issue_id: "e-1", depends_on_id: "e-2", type: "blocks" },
      { issue_id: "e-1", type: "blocks" },
    ],
  })]);
  assert.deepEqual(beads[0]?.dependencies, [
    { target: "e-2", type: "blocks" },
    { target: "e-3", type: "parent-child" },
    { target: "e-4", type: "blocks" },
    { target: "e-5", type: "related" },
    { target: "e-6", type: "blocks" },
    { target: "e-7", type: "waits-for" },
  ]);
});

Deno.test("parseBeadLines() skips and counts records without an id", () => {
  const { beads, issues, skippedLines } = parse([
    JSON.stringify({ title: "no id" }),
    JSON.stringify({ id: "", title: "empty id" }),
    JSON.stringify({ id: "n-1" }),
  ]);
  assert.deepEqual(beads.map((b) => [b.id, b.title]), [["n-1", ""]]);
  assert.equal(skippedLines, 2);
  assert.deepEqual(issues.map((i) => [i.kind, i.line]), [
    ["missing-field", 1],
    ["missing-field", 2],
    ["missing-field", 3],
  ]);
});
