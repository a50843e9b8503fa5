import assert from "node:assert/strict";
import type { AuditEntry } from "../../src/domain/mod.ts";
import { readAudit, recordAudit } from "../../src/store/mod.ts";
import { tempStore } from "./_query_fixtures.ts";

const T0 = Date.UTC(2026, 10, 25, 9);

function entry(action: string, who: string, target = "w-1"): AuditEntry {
  return {
    actor: { who, via: "cli" },
    action,
    target,
    outcome: "ok",
    details: { count: 1 },
  };
}

Deno.test("readAudit() lists entries since a time, newest first, filtered by action and actor", async (t) => {
  await using s = await tempStore();
  const entries: [AuditEntry, number][] = [
    [entry("spawn", "alice@laptop"), T0],
    [entry("kill", "alice@laptop"), T0 + 1_000],
    [entry("spawn", "bob@server"), T0 + 2_000],
    [entry("spawn", "alice@server"), T0 + 2_000],
    [entry("pause", "alicea@laptop"), T0 + 3_000],
    [entry("spawn", "alice@laptop", "old"), T0 - 1],
  ];
  const ids = entries.map(([e, now]) => recordAudit(s.store, e, { now }));
  const list = (q: Partial<Parameters<typeof readAudit>[1]>) =>
    readAudit(s.store, { since: T0, limit: 100, ...q }).map((e) => e.id);

  await t.step("newest first; same time: the later entry first; older ones left out", () => {
    assert.deepEqual(list({}), [ids[4], ids[3], ids[2], ids[1], ids[0]]);
  });
  await t.step("by action", () => {
    assert.deepEqual(list({ action: "spawn" }), [ids[3], ids[2], ids[0]]);
  });
  await t.step("by actor: user@host exactly, or a bare user on any host", () => {
    assert.deepEqual(list({ actor: "alice@laptop" }), [ids[1], ids[0]]);
    assert.deepEqual(list({ actor: "alice" }), [ids[3], ids[1], ids[0]]);
    assert.deepEqual(list({ actor: "alice", action: "spawn" }), [ids[3], ids[0]]);
    assert.deepEqual(list({ actor: "nobody" }), []);
  });
  await t.step("limit keeps the newest", () => {
    assert.deepEqual(list({ limit: 2 }), [ids[4], ids[3]]);
  });
  await t.step("the report shape", () => {
    const [first] = readAudit(s.store, { since: T0, limit: 1, action: "kill" });
    assert.deepEqual(first, {
      id: ids[1],
      at: "2026-11-25T09:00:01.000Z",
      actor: "alice@laptop",
      interface: "cli",
      action: "kill",
      target: "w-1",
      outcome: "ok",
      details: { count: 1 },
    });
  });
});

Deno.test("readAudit() keeps an entry whose details are not a JSON object", async () => {
  await using s = await tempStore();
  s.store.statement(
    "INSERT INTO audit (at, actor, interface, action, target, outcome, details) VALUES (?,?,?,?,?,?,?)",
  ).run(T0, "x@y", "http", "update", "forge", "ok", "not json");
  s.store.statement(
    "INSERT INTO audit (at, actor, interface, action, target, outcome, details) VALUES (?,?,?,?,?,?,?)",
  ).run(T0, "x@y", "http", "update", "forge", "ok", "[1,2]");
  const got = readAudit(s.store, { since: 0, limit: 10 }).map((e) => e.details);
  assert.deepEqual(got, [{ value: [1, 2] }, { text: "not json" }]);
});
