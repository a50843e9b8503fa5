import assert from "node:assert/strict";
import { join } from "node:path";
import { raiseAlert, Store } from "../../src/store/mod.ts";
import { type ForgeSandbox, forgeSandbox } from "../helpers/forge_env.ts";

const T0 = Date.UTC(2026, 10, 20, 9, 30);

/** Two open alerts, critical (older) and warning (newer), written through the store's API. */
function seed(sb: ForgeSandbox): void {
  const store = Store.open(join(sb.home, "forge.db"));
  try {
    raiseAlert(store, {
      at: T0,
      severity: "critical",
      kind: "worker_crashed",
      subject: "sim-alpha",
      message: "sim-alpha crashed on t-1; bead released",
      dedupeKey: "crashed:sim-alpha",
    });
    raiseAlert(store, {
      at: T0 + 60_000,
      severity: "warning",
      kind: "usage_limit",
      subject: "max",
      message: "plan max parked until 14:00 UTC",
      dedupeKey: "limit:max",
    });
  } finally {
    store.close();
  }
}

async function alertsJson(
  sb: ForgeSandbox,
  args: string[] = [],
): Promise<Record<string, unknown>[]> {
  const run = await sb.forge(["alerts", "--json", ...args]);
  assert.equal(run.code, 0, run.stderr);
  return JSON.parse(run.stdout);
}

Deno.test("forge alerts lists open alerts newest first, as a table and as JSON", async () => {
  await using sb = await forgeSandbox("alerts");
  seed(sb);
  const run = await sb.forge(["alerts"]);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(
    run.stdout,
    [
      "ID  SEVERITY  TIME                  KIND            SUBJECT    MESSAGE",
      "2   warning   2026-11-20 09:31:00Z  usage_limit     max        plan max parked until 14:00 UTC",
      "1   critical  2026-11-20 09:30:00Z  worker_crashed  sim-alpha  sim-alpha crashed on t-1; bead released",
      "",
    ].join("\n"),
  );
  assert.deepEqual(await alertsJson(sb), [
    {
      id: 2,
      at: "2026-11-20T09:31:00.000Z",
      severity: "warning",
      kind: "usage_limit",
      subject: "max",
      message: "plan max parked until 14:00 UTC",
      acknowledged_at: null,
      acknowledged_by: null,
    },
    {
      id: 1,
      at: "2026-11-20T09:30:00.000Z",
      severity: "critical",
      kind: "worker_crashed",
      subject: "sim-alpha",
      message: "sim-alpha crashed on t-1; bead released",
      acknowledged_at: null,
      acknowledged_by: null,
    },
  ]);
});

Deno.test("forge alerts with nothing open says so", async () => {
  await using sb = await forgeSandbox("alerts");
  const run = await sb.forge(["alerts"]);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stdout, "No open alerts.\n");
});

Deno.test("forge alerts --ack acknowledges by id with user@host, audited; --ack-all the rest", async (t) => {
  await using sb = await forgeSandbox("alerts");
  seed(sb);

  await t.step("an unknown id exits 3 and acknowledges nothing", async () => {
    const run = await sb.forge(["alerts", "--ack", "1", "99"]);
    assert.equal(run.code, 3);
    assert.match(run.stderr, /Cannot acknowledge alert "99": no alert has this id/);
    assert.equal((await alertsJson(sb)).length, 2);
  });

  await t.step("an id that is not a number is a usage error", async () => {
    const run = await sb.forge(["alerts", "--ack", "first"]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /Cannot read alert id "first"/);
  });

  await t.step("--ack 1 acknowledges it; it leaves the open list, --all shows who", async () => {
    const run = await sb.forge(["alerts", "--ack", "1"]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, "Acknowledged 1 alert: 1\n");
    assert.deepEqual((await alertsJson(sb)).map((a) => a["id"]), [2]);
    const all = await alertsJson(sb, ["--all"]);
    const first = all.find((a) => a["id"] === 1);
    assert.match(String(first?.["acknowledged_by"]), /^.+@.+$/);
    assert.equal(typeof first?.["acknowledged_at"], "string");
  });

  await t.step("acknowledging it again is not an error", async () => {
    const run = await sb.forge(["alerts", "--ack", "1", "--json"]);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), { acknowledged: [], already: [1] });
  });

  await t.step("--ack-all acknowledges every open alert", async () => {
    const run = await sb.forge(["alerts", "--ack-all", "--json"]);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), { acknowledged: [2], already: [] });
    assert.deepEqual(await alertsJson(sb), []);
  });

  await t.step("--ack with --ack-all is a usage error", async () => {
    const run = await sb.forge(["alerts", "--ack", "1", "--ack-all"]);
    assert.equal(run.code, 2);
  });

  await t.step("each acknowledgement is in the audit trail", async () => {
    const run = await sb.forge(["audit", "--action", "ack", "--json"]);
    assert.equal(run.code, 0, run.stderr);
    const entries: Record<string, unknown>[] = JSON.parse(run.stdout).entries;
    assert.deepEqual(entries.map((e) => e["target"]).sort(), [
      "alerts:1",
      "alerts:1",
      "alerts:all",
    ]);
    assert.ok(entries.every((e) => e["outcome"] === "ok" && e["interface"] === "cli"));
  });
});
