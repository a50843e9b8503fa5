import assert from "node:assert/strict";
import { configTextErrors } from "../../src/actions/_check_config_text.ts";

Deno.test("configTextErrors() accepts a valid file, unknown keys included", async () => {
  assert.deepEqual(await configTextErrors("max_workers: 3\n", "/c.yaml"), []);
  assert.deepEqual(await configTextErrors("", "/c.yaml"), []);
  assert.deepEqual(await configTextErrors("max_wrkers: 3\n", "/c.yaml"), []);
});

Deno.test("configTextErrors() locates every error by file, line and key", async (t) => {
  const cases: [string, string, Partial<{ line: number; key: string }>, RegExp][] = [
    [
      "a value out of range",
      "max_workers: 3\nworkspaces:\n  - path: /a\n    max_workers: 0\n",
      { line: 4, key: "workspaces.0.max_workers" },
      /greater than 0, found 0/,
    ],
    ["a wrong type", "workspaces:\n  - path: /a\n    priority: high\n", {
      line: 3,
      key: "workspaces.0.priority",
    }, /expected a number/],
    ["a syntax error", "workspaces: [\n", {}, /./],
    ["not a mapping", "- a\n", { key: "" }, /expected a mapping/],
    ["a config_version from the future", "config_version: 99\n", {
      key: "config_version",
    }, /newer/],
  ];
  for (const [name, text, where, message] of cases) {
    await t.step(name, async () => {
      const errors = await configTextErrors(text, "/c.yaml");
      assert.ok(errors.length > 0);
      const [first] = errors;
      assert.equal(first?.file, "/c.yaml");
      assert.equal(first?.severity, "error");
      if (where.line !== undefined) assert.equal(first?.line, where.line);
      if (where.key !== undefined) assert.equal(first?.key, where.key);
      assert.match(first?.message ?? "", message);
    });
  }
});
