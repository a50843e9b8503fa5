import assert from "node:assert/strict";
import { toBeadId, toWorkerId, workerIdProblem } from "../../src/domain/mod.ts";

Deno.test("workerIdProblem() accepts names that are safe as tmux sessions and file stems", async (t) => {
  for (const id of ["a", "sonnet-alpha", "sim_bravo-2", "9lives", "A".repeat(80)]) {
    await t.step(id.length > 20 ? `${id.length} characters` : id, () => {
      assert.equal(workerIdProblem(id), undefined);
    });
  }
});

Deno.test("workerIdProblem() explains why a name cannot be a worker id", async (t) => {
  const shape =
    "use 1-80 letters, digits, '-' or '_', starting with a letter or digit (tmux session names and file names must agree)";
  const cases: [string, string, string][] = [
    ["empty", "", shape],
    ["leading dash", "-alpha", shape],
    ["leading underscore", "_alpha", shape],
    ["a dot (tmux turns it into _)", "sonnet.alpha", shape],
    ["a colon (a tmux target separator)", "a:b", shape],
    ["a space", "a b", shape],
    ["a slash", "../etc", shape],
    ["81 characters", "a".repeat(81), shape],
    ["the reserved name of FORGE's own log", "forge", `"forge" is reserved for FORGE's own log`],
  ];
  for (const [name, id, problem] of cases) {
    await t.step(name, () => assert.equal(workerIdProblem(id), problem));
  }
});

Deno.test("toWorkerId() brands a valid id and throws a TypeError naming an invalid one", () => {
  assert.equal(toWorkerId("sim-alpha"), "sim-alpha");
  assert.throws(() => toWorkerId("a b"), {
    name: "TypeError",
    message:
      `Cannot use worker id "a b": use 1-80 letters, digits, '-' or '_', starting with a letter or digit (tmux session names and file names must agree)`,
  });
});

Deno.test("toBeadId() keeps bead ids opaque and refuses only empty ones", () => {
  assert.equal(toBeadId("fg-1a2"), "fg-1a2");
  assert.equal(toBeadId("any thing/at:all"), "any thing/at:all");
  for (const empty of ["", "   "]) {
    assert.throws(() => toBeadId(empty), {
      name: "TypeError",
      message: 'Cannot use bead id "": it is empty',
    });
  }
});
