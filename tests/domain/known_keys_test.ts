import assert from "node:assert/strict";
import { configSchemas, knownKeys, suggestKey } from "../../src/domain/mod.ts";

Deno.test("knownKeys() reads the keys of nested, recorded and listed objects", async (t) => {
  const { config } = await configSchemas();
  const cases: [PropertyKey[], string[]][] = [
    [[], [
      "config_version",
      "max_workers",
      "launcher",
      "launchers",
      "workspaces",
      "prices",
      "default_price",
      "subscriptions",
      "budget",
      "retention_days",
      "audit_retention_days",
      "scoring",
      "routing",
      "recovery",
      "health",
      "update",
      "chat",
    ]],
    [["update"], ["check", "channel", "manifest_url"]],
    [["recovery"], [
      "restart_base_seconds",
      "restart_max_seconds",
      "max_failures",
      "failure_window_minutes",
      "park_minutes",
    ]],
    [["scoring"], [
      "priority_points",
      "unblock_points",
      "unblock_cap",
      "age_points_per_day",
      "age_cap",
      "urgent_points",
      "urgent_labels",
      "total_cap",
      "not_work_types",
    ]],
    [["budget"], ["monthly_usd", "alert_percents"]],
    [["launcher"], ["timeout_seconds", "retries", "retry_backoff_ms", "env_passthrough"]],
    [["launchers", "any-name"], ["executable", "models", "default_args"]],
    [["workspaces", 3], ["path", "name", "enabled", "priority", "max_workers"]],
    [["max_workers"], []],
  ];
  for (const [path, keys] of cases) {
    await t.step(path.join(".") || "top level", () => {
      assert.deepEqual(knownKeys(config, path), keys);
    });
  }
});

Deno.test("suggestKey() suggests only keys within two edits", async (t) => {
  const known = ["max_workers", "launcher", "launchers", "workspaces"];
  const cases: [string, string | undefined][] = [
    ["maxworkers", "max_workers"],
    ["Max_Workers", "max_workers"],
    ["launchr", "launcher"],
    ["workspace", "workspaces"],
    ["colour", undefined],
    ["max", undefined],
  ];
  for (const [key, expected] of cases) {
    await t.step(key, () => assert.equal(suggestKey(key, known), expected));
  }
});
