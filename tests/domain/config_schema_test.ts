import assert from "node:assert/strict";
import {
  CONFIG_VERSION,
  configSchemas,
  defaultConfig,
  SCORING_DEFAULTS,
} from "../../src/domain/mod.ts";

Deno.test("configSchemas() builds the schemas once and returns the same ones after", async () => {
  const first = await configSchemas();
  const second = await configSchemas();
  assert.equal(first, second);
  assert.equal(first.config, second.config);
});

Deno.test("defaultConfig() gives every key its default", async () => {
  assert.deepEqual(await defaultConfig(), {
    config_version: CONFIG_VERSION,
    max_workers: 10,
    launcher: { timeout_seconds: 60, retries: 2, retry_backoff_ms: 1000, env_passthrough: [] },
    launchers: {},
    workspaces: [],
    prices: {},
    default_price: { input: 3, output: 15 },
    subscriptions: [],
    budget: { alert_percents: [70, 90, 100] },
    retention_days: 90,
    audit_retention_days: 365,
    scoring: {
      priority_points: [40, 30, 20, 10, 5],
      unblock_points: 10,
      unblock_cap: 30,
      age_points_per_day: 3,
      age_cap: 20,
      urgent_points: 10,
      urgent_labels: ["critical", "urgent", "blocker", "hotfix"],
      total_cap: 100,
      not_work_types: [
        "epic",
        "gate",
        "molecule",
        "message",
        "merge-request",
        "agent",
        "role",
        "rig",
      ],
    },
    routing: { workers: [] },
    recovery: {
      restart_base_seconds: 5,
      restart_max_seconds: 300,
      max_failures: 3,
      failure_window_minutes: 10,
      park_minutes: 15,
    },
    health: { stale_minutes: 15, starting_grace_minutes: 2, stuck_minutes: 30, max_rss_mb: 4096 },
    update: { check: true, channel: "stable" },
    chat: {
      backend: "none",
      args: [],
      env: {},
      timeout_seconds: 30,
      max_retries: 3,
      max_tokens: 1024,
      rate_limit: { per_minute: 10, per_hour: 100 },
      confirm_cost_usd: 10,
      history_max_kb: 1024,
    },
  });
});

Deno.test("defaultConfig().scoring equals SCORING_DEFAULTS, and one key keeps the others", async () => {
  assert.deepEqual((await defaultConfig()).scoring, SCORING_DEFAULTS);
  const { config } = await configSchemas();
  const parsed = config.parse({ scoring: { urgent_labels: ["p0"], age_cap: 0 } });
  assert.deepEqual(parsed.scoring, { ...SCORING_DEFAULTS, urgent_labels: ["p0"], age_cap: 0 });
});

Deno.test("configSchemas().config requires a limit for a plan that is not unlimited", async () => {
  const { config } = await configSchemas();
  const limited = config.safeParse({ subscriptions: [{ name: "max", models: ["opus"] }] });
  assert.equal(limited.success, false);
  assert.deepEqual(limited.error?.issues.map((i) => i.path.map(String)), [[
    "subscriptions",
    "0",
    "limit",
  ]]);
  const unlimited = config.safeParse({
    subscriptions: [{ name: "max", models: ["opus"], unit: "unlimited" }],
  });
  assert.equal(unlimited.success, true);
  assert.deepEqual(unlimited.data?.subscriptions[0]?.window, { kind: "monthly", day: 1 });
});

Deno.test("configSchemas().config refuses unknown keys at every level", async (t) => {
  const { config } = await configSchemas();
  const cases: [string, unknown, string[]][] = [
    ["top level", { max_worker: 3 }, []],
    ["launcher settings", { launcher: { retry: 1 } }, ["launcher"]],
    ["a launcher entry", { launchers: { mine: { executable: "/x", arg: [] } } }, [
      "launchers",
      "mine",
    ]],
    ["a workspace entry", { workspaces: [{ path: "/w", prio: 1 }] }, ["workspaces", "0"]],
    ["scoring", { scoring: { urgent_label: ["x"] } }, ["scoring"]],
  ];
  for (const [name, value, path] of cases) {
    await t.step(name, () => {
      const result = config.safeParse(value);
      assert.equal(result.success, false);
      const codes = result.error?.issues.map((i) => [i.code, i.path.map(String)]);
      assert.deepEqual(codes, [["unrecognized_keys", path]]);
    });
  }
});

Deno.test("configSchemas().config refuses values out of range", async (t) => {
  const { config } = await configSchemas();
  const cases: [string, unknown][] = [
    ["zero workers", { max_workers: 0 }],
    ["a fractional worker count", { max_workers: 2.5 }],
    ["a timeout over 600 s", { launcher: { timeout_seconds: 601 } }],
    ["negative retries", { launcher: { retries: -1 } }],
    ["a pass-through name that is not a variable name", { launcher: { env_passthrough: ["A-B"] } }],
    ["a launcher name with a slash", { launchers: { "a/b": { executable: "/x" } } }],
    ["an empty executable", { launchers: { a: { executable: "" } } }],
    ["a workspace without a path", { workspaces: [{ name: "w" }] }],
    ["four priority levels", { scoring: { priority_points: [40, 30, 20, 10] } }],
    ["negative points", { scoring: { urgent_points: -1 } }],
    ["a cap over 100", { scoring: { total_cap: 101 } }],
  ];
  for (const [name, value] of cases) {
    await t.step(name, () => assert.equal(config.safeParse(value).success, false));
  }
});

Deno.test("configSchemas().config fills defaults inside entries", async () => {
  const { config } = await configSchemas();
  const parsed = config.parse({
    launchers: { mine: { executable: "mine.sh" } },
    workspaces: [{ path: "/w" }],
  });
  assert.deepEqual(parsed.launchers, {
    mine: { executable: "mine.sh", models: [], default_args: [] },
  });
  assert.deepEqual(parsed.workspaces, [{ path: "/w", enabled: true, priority: 100 }]);
});
