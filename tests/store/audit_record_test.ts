import assert from "node:assert/strict";
import type { AuditEntry } from "../../src/domain/mod.ts";
import { ForgeError, redactor } from "../../src/domain/mod.ts";
import { recordAudit } from "../../src/store/mod.ts";
import { NOW, rows, tempHome } from "./_ingest_fixtures.ts";

const ENTRY: AuditEntry = {
  actor: { who: "ada@lab", via: "cli" },
  action: "spawn",
  target: "w1",
  outcome: "ok",
  details: { model: "claude-sonnet-4-5", bead: null, hard: false, attempts: 2 },
};

Deno.test("recordAudit() stores one row with time, actor, interface, action, target, outcome and details", async () => {
  await using home = await tempHome();
  const id = recordAudit(home.store, ENTRY, { now: NOW });
  assert.deepEqual(rows(home.store, "SELECT * FROM audit").map((r) => ({ ...r })), [{
    id,
    at: NOW,
    actor: "ada@lab",
    interface: "cli",
    action: "spawn",
    target: "w1",
    outcome: "ok",
    details: '{"model":"claude-sonnet-4-5","bead":null,"hard":false,"attempts":2}',
  }]);
});

Deno.test("recordAudit() masks secrets in every field, details included", async (t) => {
  await using home = await tempHome();
  const registered = `registered-${crypto.randomUUID()}`;
  redactor.add(registered);
  recordAudit(home.store, {
    actor: { who: `ada@${registered}`, via: "http" },
    action: "update",
    target: `config ${registered}`,
    outcome: "failed",
    details: {
      error: "launcher said: invalid key sk-test-abcdefghijklmnop",
      nested: { list: ["ok", `value ${registered}`], api_token: "plainlongvalue" },
      [registered]: "key holds it",
    },
  }, { now: NOW });
  const [row] = rows(home.store, "SELECT actor, target, details FROM audit");
  const text = JSON.stringify(row);

  await t.step("nothing secret is in the row", () => {
    assert.ok(!text.includes("sk-test-abcdefghijklmnop"), text);
    assert.ok(!text.includes(registered), text);
    assert.ok(!text.includes("plainlongvalue"), text);
  });

  await t.step("the rest is kept, and details are still JSON", () => {
    assert.equal(row?.["actor"], "ada@[redacted]");
    assert.equal(row?.["target"], "config [redacted]");
    assert.deepEqual(JSON.parse(String(row?.["details"])), {
      error: "launcher said: invalid key [redacted]",
      nested: { list: ["ok", "value [redacted]"], api_token: "[redacted]" },
      "[redacted]": "key holds it",
    });
  });
});

Deno.test("the audit table refuses updates: it is append-only", async () => {
  await using home = await tempHome();
  recordAudit(home.store, ENTRY, { now: NOW });
  assert.throws(
    () => home.store.statement("UPDATE audit SET outcome = 'failed'").run(),
    /the audit trail is append-only/,
  );
  assert.throws(
    () =>
      home.store.transaction(() =>
        home.store.statement("UPDATE audit SET actor = 'mallory@x'").run()
      ),
    (error) => error instanceof ForgeError && /append-only/.test(error.message),
  );
  home.reopen();
  const [row] = rows(home.store, "SELECT actor, outcome FROM audit");
  assert.deepEqual({ ...row }, { actor: "ada@lab", outcome: "ok" });
});
