import assert from "node:assert/strict";
import { z } from "zod";
import { parseYamlSource, type SourceIssue, validateSource } from "../../src/domain/mod.ts";

const schema = z.strictObject({
  name: z.string(),
  count: z.number().int().default(1),
  tier: z.enum(["gold", "silver"]).optional(),
  limits: z.strictObject({
    max: z.number(),
    names: z.array(z.string()).default([]),
  }).optional(),
});

async function check(text: string) {
  return validateSource(schema, await parseYamlSource(text, "/h/thing.yaml"));
}

function issue(
  line: number | undefined,
  key: string,
  message: string,
  severity: SourceIssue["severity"],
): SourceIssue {
  return { file: "/h/thing.yaml", ...(line === undefined ? {} : { line }), key, message, severity };
}

Deno.test("validateSource() returns the parsed value with defaults and no issues", async () => {
  assert.deepEqual(await check("name: a\nlimits:\n  max: 3\n"), {
    value: { name: "a", count: 1, limits: { max: 3, names: [] } },
    issues: [],
  });
});

Deno.test("validateSource() warns about unknown keys with their line and drops them", async () => {
  const result = await check("name: a\ncolour: blue\nlimits:\n  max: 3\n  maximum: 4\n");
  assert.deepEqual(result.value, { name: "a", count: 1, limits: { max: 3, names: [] } });
  const byLine = [...result.issues].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  assert.deepEqual(byLine.map((i) => [i.line, i.key, i.severity]), [
    [2, "colour", "warning"],
    [5, "limits.maximum", "warning"],
  ]);
  for (const i of byLine) assert.match(i.message, /^unknown key; ignored/);
});

Deno.test("validateSource() reports a wrong type as an error with its line and key path", async (t) => {
  const cases: [string, string, SourceIssue][] = [
    [
      "a string for a number",
      "name: a\ncount: ten\n",
      issue(
        2,
        "count",
        'expected a number, found the string "ten"',
        "error",
      ),
    ],
    [
      "a nested wrong type",
      "name: a\nlimits:\n  max: [1]\n",
      issue(
        3,
        "limits.max",
        "expected a number, found a list",
        "error",
      ),
    ],
    [
      "a wrong list element",
      "name: a\nlimits:\n  max: 1\n  names:\n    - x\n    - 7\n",
      issue(
        6,
        "limits.names.1",
        "expected a string, found the number 7",
        "error",
      ),
    ],
    [
      "a value outside an enum",
      "name: a\ntier: bronze\n",
      issue(
        2,
        "tier",
        'expected one of gold, silver, found the string "bronze"',
        "error",
      ),
    ],
  ];
  for (const [name, text, expected] of cases) {
    await t.step(name, async () => {
      const result = await check(text);
      assert.equal(result.value, undefined);
      assert.deepEqual(result.issues, [expected]);
    });
  }
});

Deno.test("validateSource() reports a missing required key at its parent's line", async () => {
  const result = await check("count: 2\nlimits: {}\n");
  assert.equal(result.value, undefined);
  assert.deepEqual(result.issues.map((i) => [i.line, i.key, i.severity]), [
    [1, "name", "error"],
    [2, "limits.max", "error"],
  ]);
  assert.match(result.issues[0]?.message ?? "", /required/);
});

Deno.test("validateSource() reports unknown keys and errors of one file together", async () => {
  const result = await check("name: 5\nextra: true\n");
  assert.equal(result.value, undefined);
  assert.deepEqual(result.issues.map((i) => [i.line, i.key, i.severity]), [
    [2, "extra", "warning"],
    [1, "name", "error"],
  ]);
});

Deno.test("validateSource() stops at syntax errors without checking the schema", async () => {
  const result = await check("name: a\nname: b\n");
  assert.equal(result.value, undefined);
  assert.deepEqual(result.issues, [issue(2, "", "Map keys must be unique", "error")]);
});

Deno.test("validateSource() checks an empty document as an empty mapping", async () => {
  const result = await check("");
  assert.equal(result.value, undefined);
  assert.deepEqual(result.issues.map((i) => [i.key, i.severity]), [["name", "error"]]);
});

Deno.test("validateSource() reports a document that is not a mapping", async () => {
  const result = await check("- a\n- b\n");
  assert.equal(result.value, undefined);
  assert.deepEqual(result.issues, [issue(1, "", "expected a mapping, found a list", "error")]);
});

Deno.test("validateSource() leaves the parsed source untouched when it drops keys", async () => {
  const source = await parseYamlSource("name: a\nextra: 1\n", "/h/thing.yaml");
  validateSource(schema, source);
  assert.deepEqual(source.value, { name: "a", extra: 1 });
});
