import assert from "node:assert/strict";
import { allocateWorkerIds, modelSlug, workerIdProblem } from "../../src/domain/mod.ts";

Deno.test("modelSlug() shortens a model name to a family or its last path segment", async (t) => {
  const cases: [string, string][] = [
    ["anthropic/claude-sonnet-4-5", "sonnet"],
    ["claude-opus-4-1", "opus"],
    ["HAIKU", "haiku"],
    ["z-ai/GLM-4.6", "glm"],
    ["deepseek-chat", "deepseek"],
    ["sim", "sim"],
    ["openai/gpt-4o-mini", "gpt-4o-mini"],
    ["gpt-5.5", "gpt-5-5"],
    ["vendor/Some_Model.v2", "some-model-v2"],
    ["a-very-long-model-name-with-parts", "a-very-long-model-na"],
    ["", "worker"],
    ["vendor/", "worker"],
    ["+++", "worker"],
  ];
  for (const [model, slug] of cases) {
    await t.step(JSON.stringify(model), () => assert.equal(modelSlug(model), slug));
  }
});

Deno.test("allocateWorkerIds() names workers <slug>-<word> in alphabet order", () => {
  assert.deepEqual(allocateWorkerIds("sim", { count: 3, taken: new Set() }), [
    "sim-alpha",
    "sim-bravo",
    "sim-charlie",
  ]);
});

Deno.test("allocateWorkerIds() skips ids in use", () => {
  const taken = new Set(["sonnet-alpha", "sonnet-charlie", "sim-bravo"]);
  assert.deepEqual(allocateWorkerIds("claude-sonnet-4-5", { count: 3, taken }), [
    "sonnet-bravo",
    "sonnet-delta",
    "sonnet-echo",
  ]);
  assert.equal(taken.size, 3, "the caller's set is not changed");
});

Deno.test("allocateWorkerIds() continues with numbered rounds after zulu", () => {
  const ids = allocateWorkerIds("sim", { count: 28, taken: new Set(["sim-alpha-2"]) });
  assert.equal(ids.length, 28);
  assert.equal(ids[25], "sim-zulu");
  assert.deepEqual(ids.slice(26), ["sim-bravo-2", "sim-charlie-2"]);
  assert.equal(new Set(ids).size, 28, "all distinct");
  for (const id of ids) assert.equal(workerIdProblem(id), undefined, id);
});

Deno.test("allocateWorkerIds() returns nothing for a count of 0", () => {
  assert.deepEqual(allocateWorkerIds("sim", { count: 0, taken: new Set() }), []);
});
