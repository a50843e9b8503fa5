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
