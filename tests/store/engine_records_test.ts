import assert from "node:assert/strict";
import { raiseAlert, rateLimitsSince } from "../../src/store/mod.ts";
import type { Store } from "../../src/store/mod.ts";
import { NOW, rows, tempHome } from "./_ingest_fixtures.ts";

function event(store: Store, workerId: string, kind: string, detail: object): void {
  store.statement("INSERT INTO worker_events (at, worker_id, kind, detail) VALUES (?,?,?,?)")
    .run(NOW, workerId, kind, JSON.stringify(detail));
}

Deno.test("rateLimitsSince() starting from 'now' skips old limits and then returns each new one once", async () => {
  await using home = await tempHome();
  event(home.store, "old-worker", "rate_limit", { reset_at: NOW - 1 });
  // A caller that only wants limits from now on asks with an id beyond every row.
  const start = rateLimitsSince(home.store, Number.MAX_SAFE_INTEGER);
  assert.deepEqual(start.limits, []);
  event(home.store, "w-1", "started", {});
  event(home.store, "w-1", "rate_limit", { reset_at: NOW + 3_600_000, retrying: false });
  event(home.store, "w-2", "rate_limit", { reset_at: null });
  const next = rateLimitsSince(home.store, start.lastId);
  assert.deepEqual(next.limits, [
    { workerId: "w-1", resetAt: NOW + 3_600_000 },
    { workerId: "w-2", resetAt: undefined },
  ]);
  assert.deepEqual(rateLimitsSince(home.store, next.lastId).limits, [], "each limit once");
});

Deno.test("raiseAlert() keeps one alert per dedupe key", async () => {
  await using home = await tempHome();
  const alert = {
    at: NOW,
    severity: "warning" as const,
    kind: "usage_limit",
    subject: "max-plan",
    message: "parked",
    dedupeKey: "park:max-plan:1",
  };
  assert.equal(raiseAlert(home.store, alert), true);
  assert.equal(raiseAlert(home.store, { ...alert, at: NOW + 1 }), false);
  assert.equal(rows(home.store, "SELECT * FROM alerts").length, 1);
});
