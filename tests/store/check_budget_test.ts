import assert from "node:assert/strict";
import { checkBudget, monthProjection } from "../../src/store/mod.ts";
import type { Store } from "../../src/store/mod.ts";
import { tempStore, writeRows } from "./_query_fixtures.ts";

const USD = 1e9;
const budget = { monthly_usd: 100, alert_percents: [70, 90, 100] };

function check(store: Store, now: number) {
  const projection = monthProjection(store, { now, plans: [] });
  return checkBudget(store, { budget, projection, now });
}

function alertRows(store: Store): { dedupe_key: string; severity: string; kind: string }[] {
  return store.statement("SELECT dedupe_key, severity, kind FROM alerts ORDER BY id").all() as {
    dedupe_key: string;
    severity: string;
    kind: string;
  }[];
}

Deno.test("checkBudget() records each crossed threshold once per month, actual and projected apart", async (t) => {
  await using s = await tempStore();
  const day15 = Date.UTC(2026, 10, 16); // 15 of 30 days elapsed
  writeRows(s.store, {
    usage: [
      { at: Date.UTC(2026, 10, 2), costNanos: 75 * USD },
      { at: Date.UTC(2026, 10, 3), costNanos: 500 * USD, plan: "max" }, // covered by a plan
    ],
  });

  await t.step("$75 spent, $150 projected: actual 70 %, projected 70/90/100 %", () => {
    const b = check(s.store, day15);
    assert.equal(b.monthly_usd, 100);
    assert.equal(b.billed_usd, 75);
    assert.equal(b.percent_used, 75);
    assert.equal(b.projected_billed_usd, 150);
    assert.equal(b.projected_percent, 150);
    assert.deepEqual(b.alerts.map((a) => [a.key, a.severity, a.new]), [
      ["budget:2026-11:70:actual", "warning", true],
      ["budget:2026-11:70:projected", "warning", true],
      ["budget:2026-11:90:projected", "warning", true],
      ["budget:2026-11:100:projected", "critical", true],
    ]);
    assert.match(b.alerts[0]?.message ?? "", /\$75\.0000, 75 % of the \$100\.0000 monthly budget/);
    assert.match(b.alerts[3]?.message ?? "", /projected at \$150\.0000/);
    assert.equal(b.alerts[0]?.at, "2026-11-16T00:00:00.000Z");
    assert.equal(alertRows(s.store).length, 4);
    assert.ok(alertRows(s.store).every((r) => r.kind === "budget"));
  });

  await t.step("asking again fires nothing new, and keeps when each first fired", () => {
    const b = check(s.store, day15 + 3_600_000);
    assert.equal(b.alerts.length, 4);
    assert.ok(b.alerts.every((a) => !a.new));
    assert.equal(b.alerts[0]?.at, "2026-11-16T00:00:00.000Z");
    assert.equal(alertRows(s.store).length, 4);
  });

  await t.step("an acknowledged alert does not fire again in the same month", () => {
    s.store.exec("UPDATE alerts SET acknowledged_at = 1, acknowledged_by = 'me'");
    assert.ok(check(s.store, day15 + 7_200_000).alerts.every((a) => !a.new));
    assert.equal(alertRows(s.store).length, 4);
  });

  await t.step("exactly $90 spent crosses 90 % (integer comparison at the threshold)", () => {
    writeRows(s.store, { usage: [{ at: Date.UTC(2026, 10, 10), costNanos: 15 * USD }] });
    const b = check(s.store, Date.UTC(2026, 10, 30));
    assert.deepEqual(b.alerts.filter((a) => a.new).map((a) => a.key), ["budget:2026-11:90:actual"]);
  });

  await t.step("a new month fires its own alerts", () => {
    writeRows(s.store, { usage: [{ at: Date.UTC(2026, 11, 1, 1), costNanos: 80 * USD }] });
    const b = check(s.store, Date.UTC(2026, 11, 2));
    assert.ok(b.alerts.length > 0);
    assert.ok(b.alerts.every((a) => a.new && a.key.startsWith("budget:2026-12:")));
  });
});

Deno.test("checkBudget() without monthly_usd reports spend, no percentages and records nothing", async () => {
  await using s = await tempStore();
  writeRows(s.store, { usage: [{ at: Date.UTC(2026, 10, 2), costNanos: 1_000 * USD }] });
  const now = Date.UTC(2026, 10, 16);
  const projection = monthProjection(s.store, { now, plans: [] });
  const b = checkBudget(s.store, { budget: { alert_percents: [70] }, projection, now });
  assert.deepEqual(b, {
    monthly_usd: null,
    billed_usd: 1_000,
    projected_billed_usd: 2_000,
    percent_used: null,
    projected_percent: null,
    alerts: [],
  });
  assert.equal(alertRows(s.store).length, 0);
});

Deno.test("checkBudget() below every threshold fires nothing", async () => {
  await using s = await tempStore();
  writeRows(s.store, { usage: [{ at: Date.UTC(2026, 10, 2), costNanos: 10 * USD }] });
  const b = check(s.store, Date.UTC(2026, 10, 16));
  assert.deepEqual(b.alerts, []);
  assert.equal(b.percent_used, 10);
  assert.equal(alertRows(s.store).length, 0);
});
