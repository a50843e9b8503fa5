import assert from "node:assert/strict";
import { parse } from "yaml";
import { addWorkspaceEntries, removeWorkspaceEntry } from "../../src/actions/_workspace_yaml.ts";

const COMMENTED = [
  "# my FORGE settings",
  "max_workers: 4   # four is plenty",
  "",
  "workspaces:",
  "  # the API",
  '  - path: "/src/api"   # main one',
  "    name: api",
  "  -   path: /src/web",
  "      priority: 3",
  "# routing below",
  "routing: {workers: [sim]}",
  "",
].join("\n");

Deno.test("addWorkspaceEntries() splices entries in and leaves every other byte alone", async (t) => {
  const entry = { path: "/src/lib", name: "lib", max_workers: 2 };
  const cases: [string, string, string][] = [
    [
      "after the last item of a block list",
      COMMENTED,
      COMMENTED.replace(
        "      priority: 3\n",
        '      priority: 3\n  - path: "/src/lib"\n    name: "lib"\n    max_workers: 2\n',
      ),
    ],
    [
      "a new key at the end, after a blank line",
      "# hi\nmax_workers: 4 # four\n",
      '# hi\nmax_workers: 4 # four\n\nworkspaces:\n  - path: "/src/lib"\n    name: "lib"\n    max_workers: 2\n',
    ],
    [
      "a file without a final newline",
      "max_workers: 4",
      'max_workers: 4\n\nworkspaces:\n  - path: "/src/lib"\n    name: "lib"\n    max_workers: 2\n',
    ],
    [
      "an empty file",
      "",
      'workspaces:\n  - path: "/src/lib"\n    name: "lib"\n    max_workers: 2\n',
    ],
    [
      "an empty flow list, keeping its comment on the key's line",
      "workspaces: []   # none yet\nmax_workers: 2\n",
      'workspaces:   # none yet\n  - path: "/src/lib"\n    name: "lib"\n    max_workers: 2\nmax_workers: 2\n',
    ],
    [
      "a key with no value",
      "workspaces:\nmax_workers: 2\n",
      'workspaces:\n  - path: "/src/lib"\n    name: "lib"\n    max_workers: 2\nmax_workers: 2\n',
    ],
    [
      "items at the key's own indentation",
      "workspaces:\n- path: /a\nx: 1\n",
      'workspaces:\n- path: /a\n- path: "/src/lib"\n  name: "lib"\n  max_workers: 2\nx: 1\n',
    ],
  ];
  for (const [name, before, after] of cases) {
    await t.step(name, async () => {
      assert.equal(await addWorkspaceEntries(before, [entry]), after);
    });
  }
});

Deno.test("addWorkspaceEntries() re-renders a flow-style list it cannot splice, keeping its value", async () => {
  const text = "# keep me\nworkspaces: [{path: /a}]\nmax_workers: 3\n";
  const out = await addWorkspaceEntries(text, [{ path: "/b" }]);
  assert.deepEqual(parse(out), {
    workspaces: [{ path: "/a" }, { path: "/b" }],
    max_workers: 3,
  });
  assert.match(out, /^# keep me\n/);
});

Deno.test("addWorkspaceEntries() quotes paths that YAML would misread", async () => {
  const out = await addWorkspaceEntries("", [{ path: "/tmp/a: b #c", name: "yes" }]);
  assert.deepEqual(parse(out), { workspaces: [{ path: "/tmp/a: b #c", name: "yes" }] });
});

Deno.test("removeWorkspaceEntry() cuts only the item's lines", async (t) => {
  await t.step("the first of two", async () => {
    assert.equal(
      await removeWorkspaceEntry(COMMENTED, 0),
      COMMENTED.replace('  - path: "/src/api"   # main one\n    name: api\n', ""),
    );
  });
  await t.step("the last of two", async () => {
    assert.equal(
      await removeWorkspaceEntry(COMMENTED, 1),
      COMMENTED.replace("  -   path: /src/web\n      priority: 3\n", ""),
    );
  });
  await t.step("the only one leaves an empty list", async () => {
    const out = await removeWorkspaceEntry("workspaces:\n  - path: /a\n    name: a\nk: 1\n", 0);
    assert.equal(out, "workspaces: []\nk: 1\n");
  });
  await t.step("a flow list is re-rendered", async () => {
    const out = await removeWorkspaceEntry("workspaces: [{path: /a}, {path: /b}]\n", 0);
    assert.deepEqual(parse(out), { workspaces: [{ path: "/b" }] });
  });
});
