/**
 * `forge costs` and `forge metrics` in-process with a fixed clock: a span with ragged edges is
 * counted in whole UTC hours, the JSON states the widened span and the tables say it was widened.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { type CostsInput, runCosts } from "../../src/cli/commands/costs.ts";
import { runMetrics } from "../../src/cli/commands/metrics.ts";
import { createContext } from "../../src/cli/context.ts";
import { Output } from "../../src/cli/output.ts";
import { tempDir } from "../helpers/temp.ts";
import { fixedClock, usageLine } from "./_ingest_fixtures.ts";

/** Wednesday 25 November 2026, 12:30:17 UTC. */
const NOW = Date.UTC(2026, 10, 25, 12, 30, 17);
const RAGGED = { since: "2026-11-24T22:37Z", until: "2026-11-25T12:30Z" };

/** A home whose log has calls just outside, just inside and well inside the widened span. */
async function home(root: string): Promise<string> {
  const dir = join(root, "home");
  await Deno.mkdir(join(dir, "logs"), { recursive: true });
  const call = (timestamp: string, cost_usd: number) =>
    usageLine({ input: 10, output: 1 }, { timestamp, worker_id: "w1", model: "gpt-5", cost_usd });
  await Deno.writeTextFile(
    join(dir, "logs", "w1.log"),
    call("2026-11-24T21:59:59.999Z", 8) + // before 22:00: never counted
      call("2026-11-24T22:10:00Z", 0.25) + // before the asked 22:37, in the widened span
      call("2026-11-24T23:00:00Z", 0.5) +
      call("2026-11-25T12:20:00Z", 1),
  );
  return dir;
}

/** Runs a command and returns what it printed. */
async function run(
  dir: string,
  options: { readonly json?: boolean },
  command: (ctx: ReturnType<typeof createContext>) => Promise<number>,
): Promise<string> {
  let stdout = "";
  const json = options.json ?? false;
  const out = new Output({
    json,
    color: false,
    isTty: false,
    stdout: { write: (s) => void (stdout += s) },
    stderr: { write: () => {} },
  });
  const ctx = createContext(
    { config: undefined, home: dir, json, debug: false, color: false },
    out,
  );
  assert.equal(await command({ ...ctx, clock: fixedClock(NOW) }), 0);
  return stdout;
}

const costs = (input: Partial<CostsInput>) => (ctx: ReturnType<typeof createContext>) =>
  runCosts(ctx, { since: undefined, until: undefined, by: undefined, csv: false, ...input });

Deno.test("forge costs counts a ragged --since / --until in whole hours and says so", async (t) => {
  await using root = await tempDir();
  const dir = await home(root.path);
  const note = "(whole hours; asked 2026-11-24 22:37Z to 2026-11-25 12:30Z)";
  await t.step("--json states the widened span, and sums exactly over it", async () => {
    const r = JSON.parse(await run(dir, { json: true }, costs({ ...RAGGED, by: "model" })));
    assert.deepEqual([r.since, r.until], ["2026-11-24T22:00:00.000Z", "2026-11-25T13:00:00.000Z"]);
    assert.equal(r.total.cost_nanos, 1_750_000_000);
  });
  await t.step("--by: the header", async () => {
    const lines = (await run(dir, {}, costs({ ...RAGGED, by: "model" }))).split("\n");
    assert.equal(lines[0], `Costs by model, 2026-11-24 22:00Z to 2026-11-25 13:00Z ${note}`);
    assert.match(lines.at(-2) ?? "", /^TOTAL +3 .* \$1\.7500 +\$1\.7500$/);
  });
  await t.step("the summary: the range row, and what was asked under the table", async () => {
    const text = await run(dir, {}, costs({ since: "24h" }));
    assert.match(text, /^2026-11-24 12:00Z to 2026-11-25 13:00Z \(whole hours\) +4 /m);
    assert.ok(
      text.includes(
        "\nThe range is counted in whole UTC hours; asked 2026-11-24 12:30Z to 2026-11-25 12:30Z.\n",
      ),
      text,
    );
  });
  await t.step("spans on whole hours are not marked", async () => {
    const whole = { since: "2026-11-24T22:00Z", until: "2026-11-25T13:00Z" };
    const byModel = await run(dir, {}, costs({ ...whole, by: "model" }));
    assert.equal(byModel.split("\n")[0], "Costs by model, 2026-11-24 22:00Z to 2026-11-25 13:00Z");
    const summary = await run(dir, {}, costs(whole)) + await run(dir, {}, costs({}));
    assert.doesNotMatch(byModel + summary, /whole hours/);
  });
});

Deno.test("forge metrics counts a ragged period in whole hours and says so", async (t) => {
  await using root = await tempDir();
  const dir = await home(root.path);
  const metrics = (since: string | undefined) => (ctx: ReturnType<typeof createContext>) =>
    runMetrics(ctx, { since, until: undefined });
  await t.step("--since 22:37, until now (12:30:17)", async () => {
    const text = await run(dir, {}, metrics(RAGGED.since));
    assert.equal(
      text.split("\n")[0],
      "Metrics 2026-11-24 22:00Z to 2026-11-25 13:00Z (whole hours; asked 2026-11-24 22:37Z to 2026-11-25 12:30Z)",
    );
    assert.match(text, /^gpt-5 .* \$1\.7500 +-$/m);
  });
  await t.step("the default, the last 7 days in whole hours, is not marked", async () => {
    const text = await run(dir, {}, metrics(undefined));
    assert.equal(text.split("\n")[0], "Metrics 2026-11-18 13:00Z to 2026-11-25 13:00Z");
  });
});
