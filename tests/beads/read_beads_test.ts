import assert from "node:assert/strict";
import { join } from "node:path";
import { discoverBeadSource, readBeads } from "../../src/beads/mod.ts";
import type { Clock } from "../../src/domain/mod.ts";
import { denoFs, systemClock } from "../../src/platform/mod.ts";
import { tempDir } from "../helpers/temp.ts";
import { classicLine, writeBeadsFile } from "./_beads_fixtures.ts";

const fs = denoFs;

Deno.test("readBeads() returns an empty snapshot for a workspace without .beads", async () => {
  await using dir = await tempDir();
  const snapshot = await readBeads(dir.path, { fs });
  assert.deepEqual(snapshot, {
    workspace: dir.path,
    source: undefined,
    format: undefined,
    beads: [],
    issues: [],
    skippedLines: 0,
  });
});

Deno.test("readBeads() reads .beads/issues.jsonl", async () => {
  await using dir = await tempDir();
  const path = await writeBeadsFile(dir.path, "issues.jsonl", `${classicLine({ id: "a-1" })}\n`);
  const snapshot = await readBeads(dir.path, { fs });
  assert.equal(snapshot.source, path);
  assert.equal(snapshot.format, "classic-jsonl");
  assert.deepEqual(snapshot.beads.map((b) => b.id), ["a-1"]);
});

Deno.test("discoverBeadSource() picks the authoritative classic file", async (t) => {
  const cases: {
    name: string;
    files: Record<string, string>;
    expected: string | undefined;
  }[] = [
    {
      name: "metadata.json names the export",
      files: {
        "metadata.json": '{"database":"beads.db","jsonl_export":"tasks.jsonl"}',
        "tasks.jsonl": "{}\n",
        "issues.jsonl": "{}\n",
      },
      expected: "tasks.jsonl",
    },
    {
      name: "old bd's beads.jsonl",
      files: { "beads.jsonl": "{}\n" },
      expected: "beads.jsonl",
    },
    {
      name: "an empty issues.jsonl yields to a non-empty beads.jsonl",
      files: { "issues.jsonl": "", "beads.jsonl": "{}\n" },
      expected: "beads.jsonl",
    },
    {
      name: "merge artifacts, history, backups and temp files are never read",
      files: {
        "metadata.json": '{"jsonl_export":"beads.base.jsonl"}',
        "beads.base.jsonl": "{}\n",
        "beads.left.jsonl": "{}\n",
        "issues.jsonl.tmp.123.1": "{}\n",
        ".br_history/issues.20260428_182940_948463019.jsonl": "{}\n",
        "deletions.jsonl": "{}\n",
      },
      expected: undefined,
    },
    {
      name: "a metadata export name with a path is ignored",
      files: { "metadata.json": '{"jsonl_export":"../elsewhere.jsonl"}', "issues.jsonl": "{}\n" },
      expected: "issues.jsonl",
    },
  ];
  for (const c of cases) {
    await t.step(c.name, async () => {
      await using dir = await tempDir();
      for (const [name, content] of Object.entries(c.files)) {
        await writeBeadsFile(dir.path, name, content);
      }
      const source = await discoverBeadSource(dir.path, { fs });
      const expected = c.expected === undefined ? undefined : join(dir.path, ".beads", c.expected);
      assert.equal(source.kind === "jsonl" ? source.path : undefined, expected);
    });
  }
});

Deno.test("readBeads() follows .beads/redirect to the shared .beads", async (t) => {
  await using dir = await tempDir();
  const main = join(dir.path, "main");
  const worktree = join(dir.path, "worktree");
  await writeBeadsFile(main, "issues.jsonl", `${classicLine({ id: "r-1" })}\n`);
  await t.step("relative to the workspace", async () => {
    await writeBeadsFile(worktree, "redirect", "# shared store\n../main/.beads\n");
    const snapshot = await readBeads(worktree, { fs });
    assert.deepEqual(snapshot.beads.map((b) => b.id), ["r-1"]);
    assert.equal(snapshot.source, join(main, ".beads", "issues.jsonl"));
  });
  await t.step("to a workspace directory", async () => {
    await writeBeadsFile(worktree, "redirect", `${main}\n`);
    assert.equal((await readBeads(worktree, { fs })).beads.length, 1);
  });
  await t.step("a broken redirect is reported", async () => {
    await writeBeadsFile(worktree, "redirect", "../nowhere/.beads\n");
    const snapshot = await readBeads(worktree, { fs });
    assert.equal(snapshot.beads.length, 0);
    assert.equal(snapshot.issues[0]?.kind, "unreadable");
    assert.match(snapshot.issues[0]?.message ?? "", /nowhere/);
  });
});

Deno.test("readBeads() reads again when the last line is still being written", async () => {
  await using dir = await tempDir();
  const whole = classicLine({ id: "w-2" });
  const path = await writeBeadsFile(
    dir.path,
    "issues.jsonl",
    `${classicLine({ id: "w-1" })}\n${whole.slice(0, 20)}`,
  );
  let sleeps = 0;
  const clock: Clock = {
    now: () => Date.now(),
    async sleep() {
      sleeps++;
      await Deno.writeTextFile(path, `${whole.slice(20)}\n`, { append: true });
    },
  };
  const snapshot = await readBeads(dir.path, { fs, clock });
  assert.equal(sleeps, 1);
  assert.deepEqual(snapshot.beads.map((b) => b.id), ["w-1", "w-2"]);
  assert.equal(snapshot.skippedLines, 0);
});

Deno.test("readBeads() reports an incomplete last line that never completes", async () => {
  await using dir = await tempDir();
  await writeBeadsFile(dir.path, "issues.jsonl", `${classicLine({ id: "w-1" })}\n{"id":"w-2`);
  const snapshot = await readBeads(dir.path, { fs, clock: systemClock });
  assert.deepEqual(snapshot.beads.map((b) => b.id), ["w-1"]);
  assert.equal(snapshot.skippedLines, 1);
  assert.match(snapshot.issues[0]?.message ?? "", /incomplete/);
});
