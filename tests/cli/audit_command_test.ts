import assert from "node:assert/strict";
import { join } from "node:path";
import { recordAudit, Store } from "../../src/store/mod.ts";
import { type ForgeSandbox, forgeSandbox } from "../helpers/forge_env.ts";

async function audit(sb: ForgeSandbox, args: string[] = []) {
  const run = await sb.forge(["audit", "--json", ...args]);
  assert.equal(run.code, 0, run.stderr);
  return JSON.parse(run.stdout);
}

Deno.test("forge audit lists entries newest first, filtered by time, action and actor", async (t) => {
  await using sb = await forgeSandbox("audit");
  const empty = await sb.forge(["audit"]);
  assert.equal(empty.code, 0, empty.stderr);
  assert.match(empty.stdout, /^No audit entries since \d{4}-/);

  const now = Date.now();
  const store = Store.open(join(sb.home, "forge.db"));
  const write = (action: string, who: string, target: string, ago: number, via = "cli") =>
    recordAudit(store, {
      actor: { who, via: via as "cli" },
      action,
      target,
      outcome: "ok",
      details: { count: 2 },
    }, { now: now - ago });
  const ids = [
    write("spawn", "alice@laptop", "w-1", 3 * 3_600_000),
    write("kill", "bob@server", "w-1", 2 * 3_600_000, "http"),
    write("spawn", "alice@server", "w-2", 60_000),
    write("spawn", "alice@laptop", "w-0", 8 * 86_400_000),
  ];
  store.close();

  await t.step("--json: the last 7 days, newest first", async () => {
    const r = await audit(sb);
    assert.deepEqual(r.entries.map((e: { id: number }) => e.id), [ids[2], ids[1], ids[0]]);
    assert.deepEqual(r.entries[1], {
      id: ids[1],
      at: new Date(now - 2 * 3_600_000).toISOString(),
      actor: "bob@server",
      interface: "http",
      action: "kill",
      target: "w-1",
      outcome: "ok",
      details: { count: 2 },
    });
  });
  await t.step("--since, --action, --actor and --limit", async () => {
    const ids_ = async (args: string[]) =>
      (await audit(sb, args)).entries.map((e: { id: number }) => e.id);
    assert.deepEqual(await ids_(["--since", "150m"]), [ids[2], ids[1]]);
    assert.deepEqual(await ids_(["--since", "30d", "--action", "spawn"]), [ids[2], ids[0], ids[3]]);
    assert.deepEqual(await ids_(["--actor", "alice"]), [ids[2], ids[0]]);
    assert.deepEqual(await ids_(["--actor", "alice@laptop", "--since", "30d"]), [ids[0], ids[3]]);
    assert.deepEqual(await ids_(["--limit", "1"]), [ids[2]]);
  });
  await t.step("the human table", async () => {
    const run = await sb.forge(["audit"]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^TIME +ACTOR +VIA +ACTION +TARGET +OUTCOME +DETAILS$/m);
    assert.match(
      run.stdout,
      /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z +bob@server +http +kill +w-1 +ok +\{"count":2\}$/m,
    );
  });
  await t.step("unreadable --limit and --since exit 2", async () => {
    for (
      const [args, message] of [
        [["--limit", "0"], /Cannot read --limit "0"/],
        [["--limit", "many"], /Cannot read --limit "many"/],
        [["--since", "soon"], /Cannot read --since "soon"/],
      ] as const
    ) {
      const run = await sb.forge(["audit", ...args]);
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, message);
    }
  });
});
