import assert from "node:assert/strict";
import { editJsonFields } from "../../src/beads/_json_line_edit.ts";

Deno.test("editJsonFields() changes values in place and keeps every other byte", async (t) => {
  const line =
    '{"id":"a-1","n":1.50,"big":12345678901234567890,"esc":"\\u00e9\\"}","status":"open","nested":{"status":"x","a":[1,{"b":"}"}]},"z":null}';
  await t.step("replace", () => {
    assert.equal(
      editJsonFields(line, [["status", "closed"]]),
      line.replace('"status":"open"', '"status":"closed"'),
    );
  });
  await t.step("append a new key at the end", () => {
    assert.equal(
      editJsonFields(line, [["close_reason", 'done "well"']]),
      `${line.slice(0, -1)},"close_reason":"done \\"well\\""}`,
    );
  });
  await t.step("remove keys at the start, middle and end", () => {
    const out = editJsonFields(line, [["id", undefined], ["status", undefined], ["z", undefined]]);
    assert.equal(
      out,
      '{"n":1.50,"big":12345678901234567890,"esc":"\\u00e9\\"}","nested":{"status":"x","a":[1,{"b":"}"}]}}',
    );
    assert.doesNotThrow(() => JSON.parse(out));
  });
});

Deno.test("editJsonFields() keeps the spacing style of pretty lines", () => {
  const out = editJsonFields('{ "id": "a-1", "status": "open" }', [
    ["status", "in_progress"],
    ["assignee", "w1"],
  ]);
  assert.equal(out, '{ "id": "a-1", "status": "in_progress", "assignee": "w1" }');
});

Deno.test("editJsonFields() edits an empty object and refuses non-objects", () => {
  assert.equal(editJsonFields("{}", [["a", 1]]), '{"a":1}');
  assert.equal(editJsonFields('{"a":1}', [["a", undefined]]), "{}");
  assert.throws(() => editJsonFields("[1,2]", [["a", 1]]), SyntaxError);
  assert.throws(() => editJsonFields('{"a":', [["a", 1]]), SyntaxError);
});
