import assert from "node:assert/strict";
import {
  ConfigError,
  errorMessage,
  ForgeError,
  formatSourceIssue,
  NotFoundError,
  type SourceIssue,
  UsageError,
  VerificationError,
} from "../../src/domain/mod.ts";

Deno.test("formatSourceIssue() writes file:line: key: message like a compiler", async (t) => {
  const base: SourceIssue = {
    file: "/h/workers/sim.yaml",
    line: 4,
    key: "tier",
    message: "expected one of premium, standard, budget, free",
    severity: "error",
  };
  await t.step("with line and key", () => {
    assert.equal(
      formatSourceIssue(base),
      "/h/workers/sim.yaml:4: tier: expected one of premium, standard, budget, free",
    );
  });
  await t.step("without a line", () => {
    const { line: _line, ...noLine } = base;
    assert.equal(
      formatSourceIssue(noLine),
      "/h/workers/sim.yaml: tier: expected one of premium, standard, budget, free",
    );
  });
  await t.step("without a key (a syntax error)", () => {
    assert.equal(
      formatSourceIssue({ ...base, key: "", message: "Map keys must be unique" }),
      "/h/workers/sim.yaml:4: Map keys must be unique",
    );
  });
  await t.step("a nested key path", () => {
    assert.equal(
      formatSourceIssue({ ...base, line: 12, key: "subscription.monthly_cost", message: "x" }),
      "/h/workers/sim.yaml:12: subscription.monthly_cost: x",
    );
  });
});

Deno.test("ForgeError subclasses carry their code, name, hint and cause", async (t) => {
  const cause = new Error("root");
  const cases: [string, ForgeError, string][] = [
    ["UsageError", new UsageError("bad flag", { hint: "see --help", cause }), "USAGE"],
    [
      "NotFoundError",
      new NotFoundError("no such worker", { hint: "see --help", cause }),
      "NOT_FOUND",
    ],
    [
      "VerificationError",
      new VerificationError("refused", { hint: "see --help", cause }),
      "VERIFICATION",
    ],
    [
      "ConfigError",
      new ConfigError("invalid", [], { hint: "see --help", cause }),
      "CONFIG_INVALID",
    ],
  ];
  for (const [name, error, code] of cases) {
    await t.step(name, () => {
      assert.ok(error instanceof ForgeError);
      assert.equal(error.name, name);
      assert.equal(error.code, code);
      assert.equal(error.hint, "see --help");
      assert.equal(error.cause, cause);
    });
  }
  await t.step("without options there is no hint and no cause", () => {
    const error = new ForgeError("IO", 'Cannot read file "x": gone');
    assert.equal(error.hint, undefined);
    assert.equal("cause" in error, false);
    assert.equal(error.message, 'Cannot read file "x": gone');
  });
});

Deno.test("ConfigError keeps every located issue", () => {
  const issues: SourceIssue[] = [
    { file: "c.yaml", line: 1, key: "a", message: "m", severity: "warning" },
    { file: "c.yaml", key: "b", message: "n", severity: "error" },
  ];
  assert.deepEqual(new ConfigError("Cannot load config", issues).issues, issues);
});

Deno.test("errorMessage() returns the message of anything thrown", () => {
  assert.equal(errorMessage(new TypeError("boom")), "boom");
  assert.equal(errorMessage("plain string"), "plain string");
  assert.equal(errorMessage(42), "42");
  assert.equal(errorMessage(undefined), "undefined");
});
