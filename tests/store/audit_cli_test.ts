import assert from "node:assert/strict";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { FAST_SIM, readStatus, workerSandbox } from "../cli/_workers.ts";
import { waitFor } from "../helpers/wait.ts";

/** No beads CLI on PATH, whatever the machine has: FORGE uses its own JSONL store. */
const NO_CLI = {
  FORGE_BEAD_STORE: "",
  PATH: `/usr/bin:/bin:${Deno.execPath().replace(/\/[^/]+$/, "")}`,
};

function auditRows(home: string): Record<string, unknown>[] {
  const db = new DatabaseSync(join(home, "forge.db"), { readOnly: true });
  try {
    return db.prepare(
      "SELECT actor, interface, action, target, outcome, details FROM audit ORDER BY id",
    )
      .all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

async function beadWorkspace(dir: string): Promise<void> {
  await Deno.mkdir(join(dir, ".beads"), { recursive: true });
  await Deno.writeTextFile(
    join(dir, ".beads", "issues.jsonl"),
    `${
      JSON.stringify({
        id: "au-1",
        title: "Audit me",
        status: "open",
        priority: 1,
        issue_type: "task",
        created_at: "2026-02-01T10:00:00Z",
        updated_at: "2026-02-01T10:00:00Z",
      })
    }\n`,
  );
}

Deno.test("forge spawn, pause, resume and kill each leave an audit row; release too", async (t) => {
  await using sb = await workerSandbox("audit");
  await beadWorkspace(sb.workspace);
  // Long enough that the bead is still the worker's when it is killed.
  const env = { ...FAST_SIM, ...NO_CLI, SIM_WORK_SECONDS: "120" };
  let id = "";

  await t.step("spawn", async () => {
    const run = await sb.forge(["spawn", "--worker", "sim", "--bead", "au-1", "--json"], { env });
    assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
    id = JSON.parse(run.stdout)[0].worker_id;
    await waitFor(
      async () =>
        (await readStatus(sb, id).catch(() => ({})) as Record<string, unknown>)["current_task"] ===
          "au-1",
      {
        what: `${id} to work on au-1`,
      },
    );
  });

  await t.step("pause and resume", async () => {
    assert.equal((await sb.forge(["pause", id], { env })).code, 0);
    assert.equal((await sb.forge(["resume", id], { env })).code, 0);
  });

  await t.step("kill, which releases the bead", async () => {
    const run = await sb.forge(["kill", id, "--yes"], { env });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /bead au-1 released/);
  });

  await t.step("the table holds each action, by user@host through the CLI", () => {
    const audit = auditRows(sb.home);
    assert.deepEqual(audit.map((r) => [r["action"], r["target"], r["outcome"]]), [
      ["spawn", id, "ok"],
      ["pause", id, "ok"],
      ["resume", id, "ok"],
      ["release", "au-1", "ok"],
      ["kill", id, "ok"],
    ]);
    const user = Deno.env.get("USER") ?? "unknown";
    for (const row of audit) {
      assert.equal(row["interface"], "cli");
      assert.ok(String(row["actor"]).startsWith(`${user}@`), String(row["actor"]));
    }
    assert.equal(JSON.parse(String(audit[0]?.["details"]))["bead"], "au-1");
    assert.deepEqual(JSON.parse(String(audit[3]?.["details"])), { worker: id });
  });
});

Deno.test("an action still succeeds when its audit row cannot be written, with a warning", async () => {
  await using sb = await workerSandbox("audit");
  // A directory where the database file should be: SQLite cannot open it.
  await Deno.mkdir(join(sb.home, "forge.db"), { recursive: true });
  const run = await sb.forge(["spawn", "--worker", "sim", "--json"], { env: FAST_SIM });
  assert.equal(run.code, 0, run.stderr);
  assert.equal(JSON.parse(run.stdout)[0].ok, true);
  assert.match(
    run.stderr,
    /warning: Cannot record "spawn [^"]+" in the audit trail: Cannot open database/,
  );
  assert.match(run.stderr, /\(it is in FORGE's log\)/);
});
