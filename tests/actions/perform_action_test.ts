/**
 * performAction() against a real FORGE home: sim workers spawned in a private tmux server,
 * paused, resumed and killed; a bead assigned; alerts acknowledged. Every answer is one sentence,
 * every audit row says it came through the dashboard (`tui`), and a malformed request is refused
 * before anything runs. The action context is the CLI's own (createActionContext), so the audit
 * goes through the production sink into the store.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { performAction } from "../../src/actions/mod.ts";
import type { ActionRequest } from "../../src/domain/mod.ts";
import { raiseAlert, Store } from "../../src/store/mod.ts";
import { classicLine, writeBeadsFile } from "../beads/_beads_fixtures.ts";
import type { ForgeSandbox } from "../helpers/forge_env.ts";
import { waitFor } from "../helpers/wait.ts";
import { auditOf, sandboxActions } from "../helpers/sandbox_actions.ts";
import { isRunning, readStatus, workerSandbox } from "../cli/_workers.ts";

const TUI = { interface: "tui" } as const;

/** Ids of the workers with a status file. */
async function statusIds(sb: ForgeSandbox): Promise<string[]> {
  const ids: string[] = [];
  for await (const e of Deno.readDir(join(sb.home, "status"))) {
    if (e.name.endsWith(".json") && !e.name.startsWith(".")) ids.push(e.name.slice(0, -5));
  }
  return ids.sort();
}

async function running(sb: ForgeSandbox, id: string): Promise<number> {
  const status = await waitFor(async () => {
    const s = await readStatus(sb, id).catch(() => undefined);
    return s !== undefined && ["active", "idle"].includes(String(s["status"])) &&
        await isRunning(Number(s["pid"]))
      ? s
      : undefined;
  }, { what: `worker ${id} to run` });
  return Number(status["pid"]);
}

Deno.test("performAction() refuses a malformed request before anything runs", async (t) => {
  await using sb = await workerSandbox("perform-invalid");
  const ctx = await sandboxActions(sb);
  const cases: [string, unknown, RegExp][] = [
    [
      "count 0",
      { kind: "spawn", worker: "sim", count: 0 },
      /^Cannot spawn: the count must be a whole number from 1 to 20$/,
    ],
    [
      "count 21",
      { kind: "spawn", worker: "sim", count: 21 },
      /^Cannot spawn: at most 20 workers per request$/,
    ],
    ["count 1.5", { kind: "spawn", worker: "sim", count: 1.5 }, /^Cannot spawn: the count must be/],
    [
      "count as text",
      { kind: "spawn", worker: "sim", count: "2" },
      /^Cannot spawn: the count must be/,
    ],
    [
      "empty worker",
      { kind: "spawn", worker: "  ", count: 1 },
      /^Cannot spawn: name a worker config$/,
    ],
    ["empty target", { kind: "kill", target: "" }, /^Cannot kill: name a worker id or all$/],
    [
      "path as target",
      { kind: "pause", target: "../x" },
      /^Cannot pause: "\.\.\/x" is not a worker id/,
    ],
    ["empty bead", { kind: "assign", bead: "", worker: "sim" }, /^Cannot assign: name a bead$/],
    [
      "alert 0",
      { kind: "ack", alert: 0 },
      /^Cannot acknowledge: name an alert by its number, or all$/,
    ],
    [
      "unknown field",
      { kind: "resume", target: "all", hard: true },
      /^Cannot resume: unknown field hard$/,
    ],
    ["unknown kind", { kind: "reboot" }, /^Cannot perform "reboot": not an action/],
  ];
  for (const [name, request, message] of cases) {
    await t.step(name, async () => {
      const r = await performAction(ctx, request as ActionRequest, TUI);
      assert.equal(r.ok, false);
      assert.match(r.message, message);
    });
  }
  assert.deepEqual(await statusIds(sb), [], "no worker started");
  assert.deepEqual(await sb.tmux(["list-sessions"]).then((r) => r.stdout), "");
  assert.deepEqual(auditOf(sb), [], "nothing audited");
});

Deno.test("performAction() spawns, pauses, resumes and kills sim workers, audited as tui", async (t) => {
  await using sb = await workerSandbox("perform-workers");
  const ctx = await sandboxActions(sb);
  let ids: string[] = [];

  await t.step("spawn two", async () => {
    const r = await performAction(ctx, { kind: "spawn", worker: "sim", count: 2 }, TUI);
    assert.equal(r.ok, true, r.message);
    const match = r.message.match(/^spawned ([\w-]+), ([\w-]+)$/);
    assert.ok(match, r.message);
    ids = [match[1] as string, match[2] as string];
    for (const id of ids) await running(sb, id);
  });
  const [first, second] = ids as [string, string];

  await t.step(
    "errors are sentences: an unknown config, max_workers, an unknown worker",
    async () => {
      const unknown = await performAction(ctx, { kind: "spawn", worker: "nope", count: 1 }, TUI);
      assert.equal(unknown.ok, false);
      assert.match(
        unknown.message,
        /^Cannot find worker config "nope" \(known worker configs: .*\bsim\b/,
      );
      const full = await performAction(ctx, { kind: "spawn", worker: "sim", count: 2 }, TUI);
      assert.deepEqual(full, {
        ok: false,
        message: "Cannot spawn 2 more worker(s): 2 of max_workers 3 are running " +
          "(kill some workers or raise max_workers in config.yaml)",
      });
      const ghost = await performAction(ctx, { kind: "kill", target: "sim-zulu" }, TUI);
      assert.deepEqual(ghost, {
        ok: false,
        message: `kill sim-zulu: no such worker (known: ${[...ids].sort().join(", ")})`,
      });
    },
  );

  await t.step("pause and resume", async () => {
    assert.deepEqual(await performAction(ctx, { kind: "pause", target: first }, TUI), {
      ok: true,
      message: `paused ${first}`,
    });
    assert.equal((await readStatus(sb, first))["status"], "paused");
    assert.deepEqual(await performAction(ctx, { kind: "pause", target: first }, TUI), {
      ok: true,
      message: `${first} already paused`,
    });
    assert.deepEqual(await performAction(ctx, { kind: "resume", target: "all" }, TUI), {
      ok: true,
      message: `resumed ${first}; ${second} not paused`,
    });
    assert.notEqual((await readStatus(sb, first))["status"], "paused");
  });

  await t.step("kill one, then all, then nothing is left", async () => {
    const pids = await Promise.all(ids.map((id) => running(sb, id)));
    assert.deepEqual(await performAction(ctx, { kind: "kill", target: first }, TUI), {
      ok: true,
      message: `killed ${first}`,
    });
    assert.equal(await isRunning(pids[0] as number), false);
    assert.deepEqual(await performAction(ctx, { kind: "kill", target: "all" }, TUI), {
      ok: true,
      message: `killed ${second}`,
    });
    assert.equal(await isRunning(pids[1] as number), false);
    assert.deepEqual(await performAction(ctx, { kind: "kill", target: "all" }, TUI), {
      ok: true,
      message: "no running workers to kill",
    });
  });

  await t.step("every audit row names the dashboard as the interface", () => {
    const rows = auditOf(sb);
    assert.deepEqual(
      rows.map((r) => [r.action, r.target, r.outcome]),
      [
        ["spawn", first, "ok"],
        ["spawn", second, "ok"],
        ["pause", first, "ok"],
        ["resume", first, "ok"],
        ["kill", first, "ok"],
        ["kill", second, "ok"],
      ],
    );
    assert.deepEqual([...new Set(rows.map((r) => r.interface))], ["tui"]);
  });
});

Deno.test("performAction() assigns a bead and acknowledges alerts, audited as tui", async (t) => {
  await using sb = await workerSandbox("perform-assign");
  const ctx = await sandboxActions(sb);
  const beads = await writeBeadsFile(
    sb.workspace,
    "issues.jsonl",
    [classicLine({ id: "t-1", priority: 1 }), classicLine({ id: "t-2" })].join("\n") + "\n",
  );

  await t.step("assign a bead to the sim worker config", async () => {
    const r = await performAction(ctx, { kind: "assign", bead: "t-1", worker: "sim" }, TUI);
    assert.equal(r.ok, true, r.message);
    const match = r.message.match(
      /^assigned t-1 to ([\w-]+) \(model sim, pay-per-token, tier budget\)$/,
    );
    assert.ok(match, r.message);
    const bead = (await Deno.readTextFile(beads)).split("\n").filter((l) => l !== "")
      .map((l) => JSON.parse(l)).find((b) => b.id === "t-1");
    assert.equal(bead.assignee, match[1]);
    await running(sb, match[1] as string);
  });

  await t.step(
    "assign errors are sentences; a running worker lends its model to a new one",
    async () => {
      const again = await performAction(ctx, { kind: "assign", bead: "t-1", worker: "auto" }, TUI);
      assert.equal(again.ok, false);
      assert.match(again.message, /^Cannot assign bead "t-1": /);
      const missing = await performAction(ctx, { kind: "assign", bead: "t-9", worker: "sim" }, TUI);
      assert.deepEqual(missing, {
        ok: false,
        message: `assign t-9: no such bead in ${sb.workspace}`,
      });
      const [worker] = await statusIds(sb);
      const like = await performAction(ctx, {
        kind: "assign",
        bead: "t-2",
        worker: worker as string,
      }, TUI);
      assert.equal(like.ok, true, like.message);
      assert.match(
        like.message,
        new RegExp(
          `^assigned t-2 to new worker (?!${worker}\\b)[\\w-]+ \\(model sim, like ${worker}, pay-per-token, tier budget\\)$`,
        ),
      );
    },
  );

  await t.step("acknowledge alerts by id, again, unknown, all", async () => {
    const store = Store.open(join(sb.home, "forge.db"));
    for (const key of ["a", "b"]) {
      raiseAlert(store, {
        at: 1,
        severity: "warning",
        kind: "test",
        subject: key,
        message: key,
        dedupeKey: key,
      });
    }
    store.close();
    const ack = (alert: number | "all") => performAction(ctx, { kind: "ack", alert }, TUI);
    assert.deepEqual(await ack(1), { ok: true, message: "acknowledged alert 1" });
    assert.deepEqual(await ack(1), { ok: true, message: "alert 1 was already acknowledged" });
    const unknown = await ack(99);
    assert.equal(unknown.ok, false);
    assert.match(unknown.message, /^Cannot acknowledge alert "99": no alert has this id/);
    assert.deepEqual(await ack("all"), { ok: true, message: "acknowledged alert 2" });
    assert.deepEqual(await ack("all"), { ok: true, message: "no open alerts to acknowledge" });
  });

  await t.step(
    "the audit trail says tui for the claim, the spawn, the assignment and the acks",
    () => {
      const rows = auditOf(sb);
      const actions = new Set(rows.map((r) => r.action));
      for (const a of ["spawn", "assign", "ack"]) assert.ok(actions.has(a), [...actions].join(","));
      assert.deepEqual([...new Set(rows.map((r) => r.interface))], ["tui"]);
    },
  );
});
