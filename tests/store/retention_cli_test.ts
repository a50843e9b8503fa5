import assert from "node:assert/strict";
import { join } from "node:path";
import { createContext } from "../../src/cli/context.ts";
import { Output } from "../../src/cli/output.ts";
import { withIngestedStore } from "../../src/cli/store.ts";
import { recordAudit, Store } from "../../src/store/mod.ts";
import { tempDir } from "../helpers/temp.ts";
import { fixedClock, NOW, rows, usageLine } from "./_ingest_fixtures.ts";

const DAY = 86_400_000;

Deno.test("withIngestedStore() ingests, then prunes past retention_days at most once a day", async () => {
  await using dir = await tempDir();
  const home = join(dir.path, "home");
  await Deno.mkdir(join(home, "logs"), { recursive: true });
  await Deno.writeTextFile(
    join(home, "config.yaml"),
    "retention_days: 30\naudit_retention_days: 60\n",
  );
  await Deno.writeTextFile(
    join(home, "logs", "w1.log"),
    usageLine({ input: 1, output: 1 }, { timestamp: new Date(NOW - 45 * DAY).toISOString() }) +
      usageLine({ input: 2, output: 1 }, { timestamp: new Date(NOW - DAY).toISOString() }),
  );
  const seed = Store.open(join(home, "forge.db"));
  recordAudit(seed, {
    actor: { who: "a@b", via: "cli" },
    action: "spawn",
    target: "old",
    outcome: "ok",
    details: {},
  }, { now: NOW - 90 * DAY });
  seed.close();
  let stderr = "";
  const out = new Output({
    json: false,
    color: false,
    isTty: false,
    stdout: { write: () => {} },
    stderr: { write: (s) => void (stderr += s) },
  });
  const base = createContext(
    { config: undefined, home, json: false, debug: true, color: false },
    out,
  );
  const at = (now: number) => ({ ...base, clock: fixedClock(now) });
  const oldEvent = (store: Store) =>
    store.exec(
      `INSERT INTO worker_events (at, worker_id, kind) VALUES (${NOW - 40 * DAY}, 'w1', 'started')`,
    );
  const events = (store: Store) => rows(store, "SELECT id FROM worker_events").length;

  await withIngestedStore(at(NOW), ({ store, ingest }) => {
    assert.equal(ingest.usageInserted, 2);
    assert.deepEqual(rows(store, "SELECT input_tokens AS n FROM usage").map((r) => r["n"]), [2]);
    assert.equal(rows(store, "SELECT id FROM audit").length, 0);
    assert.equal(Number(rows(store, "SELECT sum(calls) AS n FROM usage_daily")[0]?.["n"]), 2);
    oldEvent(store);
  });
  assert.match(stderr, /retention: deleted usage 1, audit 1\n/);
  await withIngestedStore(at(NOW + 3_600_000), ({ store }) => assert.equal(events(store), 1));
  await withIngestedStore(at(NOW + DAY), ({ store }) => assert.equal(events(store), 0));
});
