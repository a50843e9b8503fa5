import assert from "node:assert/strict";
import { join } from "node:path";
import { type ForgeSandbox, forgeSandbox } from "../helpers/forge_env.ts";

const DAY = 86_400_000;

/** One generated api_call line, with its figures kept for the hand count. */
interface Call {
  readonly worker: string;
  readonly at: number;
  readonly model: string;
  readonly bead: string | null;
  readonly input: number;
  readonly output: number;
  readonly cacheRead: number;
  readonly cacheWrite: number;
  /** Millionths of a dollar, written with six decimals: nanos are micro × 1000. */
  readonly micro: number;
}

const OPUS = "claude-opus-4-5";
const ODD = 'odd, "quoted" model';

function callLine(c: Call): string {
  const usd = `${Math.floor(c.micro / 1e6)}.${String(c.micro % 1e6).padStart(6, "0")}`;
  return JSON.stringify({
    timestamp: new Date(c.at).toISOString(),
    level: "info",
    worker_id: c.worker,
    event: "api_call",
    model: c.model,
    ...(c.bead === null ? {} : { bead_id: c.bead }),
    tokens: {
      input: c.input,
      output: c.output,
      cache_read: c.cacheRead,
      cache_write: c.cacheWrite,
    },
  }).slice(0, -1) + `,"cost_usd":${usd}}`;
}

function generateCalls(now: number, count: number): Call[] {
  let seed = 12345;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  return Array.from({ length: count }, () => ({
    worker: pick(["w-one", "w-two", "w-three"]),
    at: now - 1_000 - Math.floor(rnd() * 40 * DAY),
    model: pick([OPUS, "gpt-5", ODD]),
    bead: pick([null, "bd-1", "bd-2"]),
    input: Math.floor(rnd() * 9_000),
    output: Math.floor(rnd() * 2_000),
    cacheRead: Math.floor(rnd() * 20_000),
    cacheWrite: Math.floor(rnd() * 500),
    micro: Math.floor(rnd() * 90_000),
  }));
}

async function writeLogs(sb: ForgeSandbox, calls: readonly Call[]): Promise<void> {
  const byWorker = Map.groupBy(calls, (c) => c.worker);
  for (const [worker, lines] of byWorker) {
    const text = [...lines].sort((a, b) => a.at - b.at).map(callLine).join("\n") + "\n";
    await Deno.writeTextFile(join(sb.home, "logs", `${worker}.log`), text);
  }
}

function handSum(calls: readonly Call[]) {
  const sum = { calls: 0, input: 0, output: 0, cache_read: 0, cache_write: 0, cost: 0, billed: 0 };
  for (const c of calls) {
    sum.calls++;
    sum.input += c.input;
    sum.output += c.output;
    sum.cache_read += c.cacheRead;
    sum.cache_write += c.cacheWrite;
    sum.cost += c.micro * 1000;
    if (!c.model.startsWith("claude-opus")) sum.billed += c.micro * 1000;
  }
  return sum;
}

// deno-lint-ignore no-explicit-any
function figures(f: any) {
  return {
    calls: f.calls,
    input: f.tokens.input,
    output: f.tokens.output,
    cache_read: f.tokens.cache_read,
    cache_write: f.tokens.cache_write,
    cost: f.cost_nanos,
    billed: f.billed_nanos,
  };
}

async function json(sb: ForgeSandbox, args: string[]): Promise<Record<string, unknown>> {
  const run = await sb.forge(args);
  assert.equal(run.code, 0, run.stderr);
  return JSON.parse(run.stdout);
}

const CONFIG = `subscriptions:
  - name: max
    models: ["claude-opus-*"]
    unit: tokens
    limit: 100000000
    monthly_cost: 100
`;

Deno.test("forge costs sums generated logs exactly: periods, spans and every --by dimension", async (t) => {
  await using sb = await forgeSandbox("costs");
  await Deno.mkdir(join(sb.home, "logs"), { recursive: true });
  await Deno.writeTextFile(join(sb.home, "config.yaml"), CONFIG);
  const calls = generateCalls(Date.now(), 600);
  await writeLogs(sb, calls);
  const inside = (since: string, until: string) =>
    calls.filter((c) => c.at >= Date.parse(since) && c.at < Date.parse(until));

  await t.step("today, this week, this month and --since 7d equal the hand sums", async () => {
    const r = await json(sb, ["costs", "--json", "--since", "7d"]);
    for (const name of ["today", "week", "month", "range"]) {
      // deno-lint-ignore no-explicit-any
      const p = r[name] as any;
      assert.deepEqual(figures(p), handSum(inside(p.since, p.until)), name);
    }
    // deno-lint-ignore no-explicit-any
    const plans = r["plans"] as any[];
    assert.equal(plans[0].name, "max");
    // deno-lint-ignore no-explicit-any
    assert.equal((r["projection"] as any).subscription_fees_usd, 100);
  });

  for (const by of ["model", "worker", "bead", "workspace", "plan"] as const) {
    await t.step(`--by ${by} --since 30d equals a hand grouping`, async () => {
      const r = await json(sb, ["costs", "--by", by, "--since", "30d", "--json"]);
      // The report states the span it counted: --since 30d widened to whole hours.
      assert.equal(Date.parse(r["since"] as string) % 3_600_000, 0);
      assert.ok(Date.parse(r["until"] as string) >= Date.now() - 60_000);
      const span = inside(r["since"] as string, r["until"] as string);
      const keyOf = (c: Call): string | null =>
        by === "model"
          ? c.model
          : by === "worker"
          ? c.worker
          : by === "bead"
          ? c.bead
          : by === "workspace"
          ? ""
          : c.model.startsWith("claude-opus")
          ? "max"
          : null;
      const hand = Map.groupBy(span, keyOf);
      // deno-lint-ignore no-explicit-any
      const rows = r["rows"] as any[];
      assert.deepEqual(rows.map((x) => x.key).sort(), [...hand.keys()].sort());
      for (const row of rows) assert.deepEqual(figures(row), handSum(hand.get(row.key) ?? []));
      assert.deepEqual(figures(r["total"]), handSum(span));
    });
  }

  await t.step("--csv is RFC 4180: a header, quoted fields with doubled quotes, CRLF", async () => {
    const run = await sb.forge(["costs", "--by", "model", "--since", "30d", "--csv"]);
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.split("\r\n");
    assert.equal(
      lines[0],
      "model,calls,input_tokens,output_tokens,cache_read_tokens,cache_write_tokens,cost_usd,billed_usd",
    );
    assert.equal(lines.at(-1), "", "the last line ends with CRLF too");
    assert.doesNotMatch(run.stdout.replaceAll("\r\n", ""), /\n/);
    const quoted = '"odd, ""quoted"" model",';
    const odd = lines.find((l) => l.startsWith(quoted));
    assert.ok(odd, run.stdout);
    // After the one quoted field: seven plain numbers.
    const rest = odd.slice(quoted.length).split(",");
    assert.equal(rest.length, 7);
    assert.ok(rest.every((f) => /^\d+(\.\d+)?$/.test(f)), odd);
    assert.ok(lines.some((l) => l.startsWith("gpt-5,")));
  });

  await t.step("the human tables show every period and the plan", async () => {
    const run = await sb.forge(["costs"]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^UTC +CALLS +INPUT +OUTPUT +CACHE READ +CACHE WRITE +COST +BILLED$/m);
    assert.match(
      run.stdout,
      /^This month \(\d{4}-\d{2}\) +\d+ +[\d.]+[kM]? .* \$\d+\.\d{4} +\$\d+\.\d{4}$/m,
    );
    assert.match(
      run.stdout,
      /^Month-end projection for \d{4}-\d{2} .*\+ \$100\.0000 subscriptions/m,
    );
    assert.match(run.stdout, /^max +tokens /m);
  });
});

Deno.test("forge costs refuses unreadable flags with exit 2, naming the flag and the accepted forms", async (t) => {
  await using sb = await forgeSandbox("costsbad");
  const cases: [string[], RegExp][] = [
    [["--since", "yesterday"], /Cannot read --since "yesterday": expected a date \(2026-11-01/],
    [["--since", "2026-02-31"], /Cannot read --since "2026-02-31"/],
    [["--since", "7x"], /Cannot read --since "7x": .*a span back from now \(30m, 24h, 7d, 2w\)/],
    [["--until", "2026-11-01T25:00Z"], /Cannot read --until "2026-11-01T25:00Z"/],
    [["--since", "2026-11-02", "--until", "2026-11-01"], /--since must be before --until/],
    [["--by", "colour"], /Cannot group costs by "colour": expected one of model, worker, bead/],
  ];
  for (const [args, message] of cases) {
    await t.step(args.join(" "), async () => {
      const run = await sb.forge(["costs", ...args]);
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, message);
      assert.equal(run.stdout, "");
    });
  }
  await t.step("--csv --json: the error is JSON on stdout", async () => {
    const run = await sb.forge(["costs", "--csv", "--json"]);
    assert.equal(run.code, 2);
    const { error } = JSON.parse(run.stdout);
    assert.equal(error.code, "USAGE");
    assert.match(error.message, /Cannot print costs as both JSON and CSV/);
  });
});

Deno.test("forge costs warns once per month about the highest budget threshold crossed", async () => {
  await using sb = await forgeSandbox("budget");
  await Deno.mkdir(join(sb.home, "logs"), { recursive: true });
  await Deno.writeTextFile(
    join(sb.home, "config.yaml"),
    "budget:\n  monthly_usd: 1000000\n  alert_percents: [30, 50, 100]\n",
  );
  // Spend 60 % of the budget: past 30 % and 50 %. The projection is at least as high.
  const call = { worker: "w-b", at: Date.now() - 1_000, model: "gpt-5", bead: null };
  await writeLogs(sb, [{ ...call, input: 1, output: 1, cacheRead: 0, cacheWrite: 0, micro: 6e11 }]);
  const first = await sb.forge(["costs", "--json"]);
  assert.equal(first.code, 0, first.stderr);
  const actual = first.stderr.match(/^warning: budget: .* is \$600000\.0000, .*$/gm) ?? [];
  assert.deepEqual(actual, [
    "warning: budget: pay-per-token spend in " + new Date(call.at).toISOString().slice(0, 7) +
    " is $600000.0000, 60 % of the $1000000.0000 monthly budget (alert at 50 %)",
  ]);
  assert.match(first.stderr, /warning: budget: .* is projected at \$\d+\.\d{4}/);
  // deno-lint-ignore no-explicit-any
  const alerts = JSON.parse(first.stdout).budget.alerts as any[];
  assert.ok(alerts.every((a) => a.new === true));
  assert.deepEqual(
    alerts.filter((a) => a.basis === "actual").map((a) => [a.percent, a.severity]),
    [[30, "warning"], [50, "warning"]],
  );

  const again = await sb.forge(["costs", "--by", "model", "--json"]);
  assert.equal(again.code, 0, again.stderr);
  assert.doesNotMatch(again.stderr, /budget/);
  const human = await sb.forge(["costs"]);
  assert.doesNotMatch(human.stderr, /budget/);
  assert.match(human.stdout, /^Budget: \$600000\.0000 of \$1000000\.0000 \(60\.0 %\)/m);
  assert.match(human.stdout, /^ {2}warning: pay-per-token spend .*alert at 50 %\) \(since /m);
  assert.doesNotMatch(human.stdout, /alert at 30 %/);
});
