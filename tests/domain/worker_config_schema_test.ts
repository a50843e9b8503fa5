import assert from "node:assert/strict";
import { join } from "node:path";
import { parse } from "yaml";
import { TIERS, workerConfigSchema } from "../../src/domain/mod.ts";

const MINIMAL = { name: "mine", launcher: "sim", model: "sim", tier: "budget" };

Deno.test("workerConfigSchema() builds the schema once and returns the same one after", async () => {
  assert.equal(await workerConfigSchema(), await workerConfigSchema());
});

Deno.test("workerConfigSchema() fills defaults for a minimal config", async () => {
  const schema = await workerConfigSchema();
  assert.deepEqual(schema.parse(MINIMAL), {
    ...MINIMAL,
    models: [],
    environment: {},
    env_passthrough: [],
    spawn_args: [],
    log_format: "auto",
    capabilities: [],
  });
});

Deno.test("workerConfigSchema() accepts every routing tier", async (t) => {
  const schema = await workerConfigSchema();
  for (const tier of TIERS) {
    await t.step(tier, () => assert.equal(schema.safeParse({ ...MINIMAL, tier }).success, true));
  }
});

Deno.test("workerConfigSchema() refuses broken configs at the right key", async (t) => {
  const schema = await workerConfigSchema();
  const cases: [string, Record<string, unknown>, string][] = [
    ["a missing launcher", { name: "x", model: "m", tier: "free" }, "launcher"],
    ["an unknown tier", { ...MINIMAL, tier: "gold" }, "tier"],
    ["a name with a dot", { ...MINIMAL, name: "a.b" }, "name"],
    [
      "a negative price",
      { ...MINIMAL, cost_per_million_tokens: { input: -1, output: 1 } },
      "cost_per_million_tokens.input",
    ],
    ["an enabled subscription without a monthly cost", {
      ...MINIMAL,
      subscription: { enabled: true },
    }, "subscription.monthly_cost"],
    [
      "an environment value that is not a string",
      { ...MINIMAL, environment: { A: 1 } },
      "environment.A",
    ],
    ["an environment name that is not a variable name", {
      ...MINIMAL,
      environment: { "A-B": "x" },
    }, "environment.A-B"],
    [
      "a spawn argument that is not a string",
      { ...MINIMAL, spawn_args: ["--x", 2] },
      "spawn_args.1",
    ],
    ["an unknown log format", { ...MINIMAL, log_format: "xml" }, "log_format"],
    ["an unknown key", { ...MINIMAL, colour: "blue" }, ""],
  ];
  for (const [name, value, key] of cases) {
    await t.step(name, () => {
      const result = schema.safeParse(value);
      assert.equal(result.success, false);
      assert.deepEqual(result.error?.issues.map((i) => i.path.map(String).join(".")), [key]);
    });
  }
});

Deno.test("workerConfigSchema() accepts a disabled subscription without a cost", async () => {
  const schema = await workerConfigSchema();
  assert.equal(schema.safeParse({ ...MINIMAL, subscription: { enabled: false } }).success, true);
});

Deno.test("workerConfigSchema() accepts every shipped worker config", async (t) => {
  const schema = await workerConfigSchema();
  const dir = new URL("../../manifests/workers/", import.meta.url).pathname;
  const names: string[] = [];
  for await (const e of Deno.readDir(dir)) if (e.name.endsWith(".yaml")) names.push(e.name);
  assert.ok(names.length >= 6, "the built-in worker configs are there");
  for (const name of names.sort()) {
    await t.step(name, async () => {
      const result = schema.safeParse(parse(await Deno.readTextFile(join(dir, name))));
      assert.deepEqual(result.error?.issues ?? [], []);
      assert.equal(result.data?.name, name.replace(/\.yaml$/, ""));
    });
  }
});
