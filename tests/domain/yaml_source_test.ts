import assert from "node:assert/strict";
import { parseYamlSource } from "../../src/domain/mod.ts";

const TEXT = `# a comment
name: demo
nested:
  inner:
    leaf: 1
list:
  - a
  - key: b
`;

Deno.test("parseYamlSource() returns the plain value and no issues for valid YAML", async () => {
  const source = await parseYamlSource(TEXT, "/h/demo.yaml");
  assert.equal(source.file, "/h/demo.yaml");
  assert.deepEqual(source.value, {
    name: "demo",
    nested: { inner: { leaf: 1 } },
    list: ["a", { key: "b" }],
  });
  assert.deepEqual(source.syntaxIssues, []);
});

Deno.test("parseYamlSource() finds the 1-based line of a key path", async (t) => {
  const source = await parseYamlSource(TEXT, "demo.yaml");
  const cases: [string, PropertyKey[], number | undefined][] = [
    ["the document", [], 2],
    ["a top-level key", ["name"], 2],
    ["a nested key", ["nested", "inner", "leaf"], 5],
    ["a list item by index", ["list", 0], 7],
    ["a key inside a list item", ["list", 1, "key"], 8],
    ["a missing key falls back to its nearest parent", ["nested", "inner", "nope"], 4],
    ["a missing top-level key falls back to the document", ["nope"], 2],
    ["an index past the end falls back to the list", ["list", 9], 6],
  ];
  for (const [name, path, line] of cases) {
    await t.step(name, () => assert.equal(source.lineOf(path), line));
  }
});

Deno.test("parseYamlSource() treats an empty document as no value", async (t) => {
  for (const text of ["", "\n\n", "# only a comment\n", "~\n"]) {
    await t.step(JSON.stringify(text), async () => {
      const source = await parseYamlSource(text, "empty.yaml");
      assert.equal(source.value, undefined);
      assert.deepEqual(source.syntaxIssues, []);
    });
  }
});

Deno.test("parseYamlSource() locates syntax errors and gives no value", async (t) => {
  const cases: [string, string, number, string][] = [
    ["a duplicate key", "a: 1\nb: 2\na: 3\n", 3, "Map keys must be unique"],
    ["an unclosed flow list, where the parser notices", "a: 1\nb: [1, 2\nc: 3\n", 3, ""],
    ["a tab indentation", "a:\n\tb: 1\n", 2, "Tabs are not allowed as indentation"],
  ];
  for (const [name, text, line, message] of cases) {
    await t.step(name, async () => {
      const source = await parseYamlSource(text, "bad.yaml");
      assert.equal(source.value, undefined);
      const first = source.syntaxIssues[0];
      assert.ok(first !== undefined, "at least one issue");
      assert.equal(first.file, "bad.yaml");
      assert.equal(first.line, line);
      assert.equal(first.key, "");
      assert.equal(first.severity, "error");
      if (message !== "") assert.equal(first.message, message);
      assert.ok(!first.message.includes("\n"), "one line per message");
    });
  }
});

Deno.test("parseYamlSource() reports an alias to a missing anchor as an error", async () => {
  const source = await parseYamlSource("a: *nothing\n", "alias.yaml");
  assert.equal(source.value, undefined);
  assert.deepEqual(source.syntaxIssues.map((i) => [i.file, i.key, i.severity]), [
    ["alias.yaml", "", "error"],
  ]);
  assert.match(source.syntaxIssues[0]?.message ?? "", /alias.*nothing/i);
});
