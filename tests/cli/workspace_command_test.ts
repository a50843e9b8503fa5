import assert from "node:assert/strict";
import { join } from "node:path";
import { type ForgeSandbox, forgeSandbox } from "../helpers/forge_env.ts";
import { classicLine, writeBeadsFile } from "../beads/_beads_fixtures.ts";

/** A config a user wrote by hand: comments, odd spacing, a flow mapping. */
const CONFIG = [
  "# My FORGE setup -- do not lose these notes!",
  "max_workers: 3    # the laptop runs hot",
  "",
  "workspaces:",
  "  # the service everyone waits on",
  '  - path: "/srv/not-here"   # mounted on Mondays',
  "    name: legacy",
  "    enabled: false",
  "",
  "# routing is fine as it is",
  "routing: { workers: [sim] }",
  "",
].join("\n");

async function withConfig(sb: ForgeSandbox, text = CONFIG, mode = 0o640): Promise<string> {
  const path = join(sb.home, "config.yaml");
  await Deno.writeTextFile(path, text);
  await Deno.chmod(path, mode);
  return path;
}

/** A workspace with beads: one ready, one in progress, one blocked, one closed. */
async function beadsDir(dir: string): Promise<string> {
  await writeBeadsFile(
    dir,
    "issues.jsonl",
    [
      classicLine({ id: "w-1" }),
      classicLine({ id: "w-2", status: "in_progress", assignee: "sim-alpha" }),
      classicLine({ id: "w-3", dependencies: [{ depends_on_id: "w-1", type: "blocks" }] }),
      classicLine({ id: "w-4", status: "closed" }),
    ].join("\n") + "\n",
  );
  return dir;
}

async function forgeOk(sb: ForgeSandbox, args: string[], cwd?: string) {
  const run = await sb.forge(args, cwd === undefined ? {} : { cwd });
  assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
  return run;
}

Deno.test("forge workspace add keeps the config byte for byte but for the new entry", async () => {
  await using sb = await forgeSandbox("wsadd");
  const config = await withConfig(sb);
  const api = await beadsDir(join(sb.root, "api"));
  const run = await forgeOk(sb, [
    "workspace",
    "add",
    api,
    "--name",
    "api",
    "--priority",
    "5",
    "--max-workers",
    "2",
  ]);
  assert.equal(run.stdout, `✓ added ${api} (api) to ${config}\n`);
  assert.equal(run.stderr, "");
  const entry = `  - path: "${api}"\n    name: "api"\n    priority: 5\n    max_workers: 2\n`;
  const expected = CONFIG.replace("    enabled: false\n", `    enabled: false\n${entry}`);
  assert.equal(await Deno.readTextFile(config), expected);
  assert.equal((await Deno.stat(config)).mode! & 0o777, 0o640);
  const valid = await sb.forge(["config", "validate"]);
  assert.equal(valid.code, 0, valid.stderr);
});

Deno.test("forge workspace add refuses duplicates, missing folders and invalid values; writes nothing", async (t) => {
  await using sb = await forgeSandbox("wsrefuse");
  const config = await withConfig(sb);
  const api = await beadsDir(join(sb.root, "api"));
  await forgeOk(sb, ["workspace", "add", api, "--name", "api"]);
  const before = await Deno.readTextFile(config);
  const cases: [string, string[], number, RegExp][] = [
    ["the same path, written differently", [`${api}/../api/`], 1, /it is listed already as "api"/],
    ["a name in use", [sb.workspace, "--name", "legacy"], 1, /the name "legacy" is taken/],
    ["a missing directory", [join(sb.root, "nope")], 3, /it is not a directory/],
    [
      "a value the schema refuses",
      [sb.workspace, "--max-workers", "0"],
      1,
      /max_workers: expected a number greater than 0/,
    ],
    ["a number that is not one", [sb.workspace, "--priority", "high"], 2, /--priority "high"/],
  ];
  for (const [name, args, code, message] of cases) {
    await t.step(name, async () => {
      const run = await sb.forge(["workspace", "add", ...args]);
      assert.equal(run.code, code, `${run.stdout}\n${run.stderr}`);
      assert.match(run.stderr, message);
      assert.equal(await Deno.readTextFile(config), before);
    });
  }
});

Deno.test("forge workspace add warns about a folder without .beads/ and creates a 0600 config", async () => {
  await using sb = await forgeSandbox("wsnew");
  const bare = join(sb.root, "bare");
  await Deno.mkdir(bare);
  const run = await forgeOk(sb, ["workspace", "add", bare, "--json"]);
  const config = join(sb.home, "config.yaml");
  assert.deepEqual(JSON.parse(run.stdout), {
    file: config,
    created: true,
    added: [{ path: bare, name: null, priority: null, max_workers: null }],
    removed: null,
    warnings: [`${bare}: no .beads/ yet — run br init there`],
  });
  assert.match(run.stderr, /no \.beads\/ yet — run br init there/);
  assert.equal((await Deno.stat(config)).mode! & 0o777, 0o600);
  assert.match(
    await Deno.readTextFile(config),
    new RegExp(`workspaces:\\n  - path: "${bare}"\\n$`),
  );
});

Deno.test("forge workspace list shows settings, formats and counts, and the unlisted current directory", async () => {
  await using sb = await forgeSandbox("wslist");
  await withConfig(sb);
  const api = await beadsDir(join(sb.root, "api"));
  await beadsDir(sb.workspace);
  await forgeOk(sb, ["workspace", "add", api, "--name", "api", "--max-workers", "2"]);
  const json = JSON.parse((await forgeOk(sb, ["workspace", "list", "--json"])).stdout);
  assert.deepEqual(json, [
    {
      name: "legacy",
      path: "/srv/not-here",
      enabled: false,
      priority: 100,
      max_workers: null,
      listed: true,
      current: false,
      format: null,
      counts: null,
      problem: "no such directory",
    },
    {
      name: "api",
      path: api,
      enabled: true,
      priority: 100,
      max_workers: 2,
      listed: true,
      current: false,
      format: "classic-jsonl",
      counts: { ready: 1, in_progress: 1, open: 3 },
      problem: null,
    },
    {
      name: null,
      path: sb.workspace,
      enabled: true,
      priority: 100,
      max_workers: null,
      listed: false,
      current: true,
      format: "classic-jsonl",
      counts: { ready: 1, in_progress: 1, open: 3 },
      problem: null,
    },
  ]);
  const text = await forgeOk(sb, ["workspace", "list"]);
  const lines = text.stdout.trimEnd().split("\n");
  assert.match(lines[0] ?? "", /^\s+NAME\s+PATH\s+ENABLED\s+PRIORITY\s+MAX\s+FORMAT\s+READY/);
  assert.match(lines[1] ?? "", /legacy .*no\s+100\s+-\s+-\s+-\s+-\s+-\s+no such directory$/);
  assert.match(lines[2] ?? "", /api .*yes\s+100\s+2\s+classic-jsonl\s+1\s+1\s+3$/);
  assert.match(lines[3] ?? "", /^\*\s+-\s+.*implicit\s+100.*current directory, not listed$/);
});

Deno.test("forge workspace remove by name and by path; an unknown one exits 3", async (t) => {
  await using sb = await forgeSandbox("wsremove");
  const config = await withConfig(sb);
  const api = await beadsDir(join(sb.root, "api"));
  await forgeOk(sb, ["workspace", "add", api]);

  await t.step("by path (relative to the working directory)", async () => {
    const run = await forgeOk(sb, ["workspace", "remove", "../api"]);
    assert.equal(run.stdout, `✓ removed ${api} from ${config}\n`);
    assert.equal(await Deno.readTextFile(config), CONFIG);
  });
  await t.step("by name; the last entry leaves an empty list", async () => {
    await forgeOk(sb, ["workspace", "remove", "legacy"]);
    const text = await Deno.readTextFile(config);
    assert.match(text, /^workspaces: \[\]$/m);
    assert.match(text, /^# My FORGE setup -- do not lose these notes!$/m);
    assert.match(text, /^# routing is fine as it is$/m);
  });
  await t.step("an entry that is not there", async () => {
    const before = await Deno.readTextFile(config);
    const run = await sb.forge(["workspace", "remove", "legacy"]);
    assert.equal(run.code, 3);
    assert.match(run.stderr, /Cannot remove workspace "legacy": no entry has this name or path/);
    assert.equal(await Deno.readTextFile(config), before);
  });
  await t.step("every change is audited as config", async () => {
    const run = await forgeOk(sb, ["audit", "--action", "config", "--json"]);
    const entries: Record<string, unknown>[] = JSON.parse(run.stdout).entries;
    assert.deepEqual(
      entries.map((e) => [(e["details"] as Record<string, unknown>)["change"], e["target"]]).sort(),
      [["workspace add", api], ["workspace remove", "/srv/not-here"], ["workspace remove", api]]
        .sort(),
    );
  });
});

Deno.test("forge workspace discover finds .beads/ folders within --depth and --add lists them", async (t) => {
  await using sb = await forgeSandbox("wsdiscover");
  const config = await withConfig(sb, "max_workers: 2\n");
  const tree = join(sb.root, "tree");
  const shallow = await beadsDir(join(tree, "shallow"));
  const deep = join(tree, "a", "b", "deep");
  await Deno.mkdir(join(deep, ".beads"), { recursive: true });
  for (const skipped of ["node_modules/pkg", ".git/x", ".cache/y"]) {
    await Deno.mkdir(join(tree, skipped, ".beads"), { recursive: true });
  }

  await t.step("depth 1 sees only the shallow one", async () => {
    const run = await forgeOk(sb, ["workspace", "discover", tree, "--depth", "1", "--json"]);
    assert.deepEqual(JSON.parse(run.stdout).found, [
      { path: shallow, format: "classic-jsonl", state: "new" },
    ]);
  });
  await t.step("depth 3 sees both, never node_modules or dot-directories", async () => {
    const run = await forgeOk(sb, ["workspace", "discover", tree, "--depth", "3"]);
    assert.match(run.stdout, new RegExp(`${deep}\\s+no bead file yet\\s+new\\n`));
    assert.match(run.stdout, new RegExp(`${shallow}\\s+classic-jsonl\\s+new\\n`));
    assert.doesNotMatch(run.stdout, /node_modules|\.git|\.cache/);
    assert.equal(await Deno.readTextFile(config), "max_workers: 2\n");
  });
  await t.step("--add registers the new ones; a second run finds them listed", async () => {
    const run = await forgeOk(sb, ["workspace", "discover", tree, "--depth", "3", "--add"]);
    assert.match(run.stdout, /✓ added 2 to /);
    assert.equal(
      await Deno.readTextFile(config),
      `max_workers: 2\n\nworkspaces:\n  - path: "${deep}"\n  - path: "${shallow}"\n`,
    );
    const again = await forgeOk(sb, ["workspace", "discover", tree, "--depth", "3", "--json"]);
    assert.deepEqual(JSON.parse(again.stdout).found.map((f: { state: string }) => f.state), [
      "listed",
      "listed",
    ]);
  });
  await t.step("a --depth that is not a number is a usage error", async () => {
    const run = await sb.forge(["workspace", "discover", tree, "--depth", "deep"]);
    assert.equal(run.code, 2);
  });
});
