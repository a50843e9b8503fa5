import assert from "node:assert/strict";
import { join } from "node:path";
import { forgeSandbox } from "../helpers/forge_env.ts";
import { fakeCli } from "../beads/_fake_cli.ts";
import { nativeLine, writeCheckpoint } from "../beads/_beads_fixtures.ts";

function line(fields: Record<string, unknown>): string {
  return JSON.stringify({
    title: `Title of ${String(fields["id"])}`,
    status: "open",
    priority: 1,
    issue_type: "task",
    created_at: "2026-02-01T10:00:00Z",
    updated_at: "2026-02-01T10:00:00Z",
    ...fields,
  });
}

async function jsonlWorkspace(dir: string): Promise<string> {
  await Deno.mkdir(join(dir, ".beads"), { recursive: true });
  const path = join(dir, ".beads", "issues.jsonl");
  await Deno.writeTextFile(
    path,
    [
      line({
        id: "x-1",
        description: "Make it work.",
        labels: ["api"],
        assignee: "w1",
        status: "in_progress",
      }),
      line({ id: "x-2", extra: { kept: true } }),
      line({ id: "x-3", status: "closed", close_reason: "done" }),
    ].map((l) => `${l}\n`).join(""),
  );
  return path;
}

function records(text: string): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    text.split("\n").filter((l) => l !== "").map((l) => JSON.parse(l)).map((r) => [r.id, r]),
  );
}

/**
 * The sandbox gives FORGE a fresh HOME; pointing DENO_DIR at the cache we already have keeps each
 * run from fetching its npm packages again.
 */
const DENO_DIR = Deno.env.get("DENO_DIR") ?? JSON.parse(
  new TextDecoder().decode(
    (await new Deno.Command(Deno.execPath(), { args: ["info", "--json"] }).output()).stdout,
  ),
).denoDir;

/** No beads CLI on PATH, whatever the machine has: FORGE must use its own JSONL store. */
const NO_CLI = { PATH: "/usr/bin:/bin", FORGE_BEAD_STORE: "", DENO_DIR };

Deno.test("forge bead close works in a workspace with only .beads/issues.jsonl", async () => {
  await using sb = await forgeSandbox("bead");
  const path = await jsonlWorkspace(sb.workspace);
  const run = await sb.forge([
    "bead",
    "close",
    "x-1",
    "--workspace",
    sb.workspace,
    "--reason",
    "All green",
  ], {
    env: NO_CLI,
  });
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stdout, "Closed x-1 (All green)\n");
  const beads = records(await Deno.readTextFile(path));
  assert.equal(beads["x-1"]?.["status"], "closed");
  assert.equal(beads["x-1"]?.["close_reason"], "All green");
  assert.deepEqual(beads["x-2"]?.["extra"], { kept: true });
});

Deno.test("forge bead close --json prints {id, status}; the reason defaults", async () => {
  await using sb = await forgeSandbox("bead");
  const path = await jsonlWorkspace(sb.workspace);
  const run = await sb.forge(["bead", "close", "x-2", "--json"], { env: NO_CLI });
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout), { id: "x-2", status: "closed" });
  assert.equal(records(await Deno.readTextFile(path))["x-2"]?.["close_reason"], "Completed");
});

Deno.test("forge bead release puts the bead back, and leaves closed beads alone", async () => {
  await using sb = await forgeSandbox("bead");
  const path = await jsonlWorkspace(sb.workspace);
  const env = { ...NO_CLI, FORGE_WORKSPACE: sb.workspace };
  const released = await sb.forge(["bead", "release", "x-1", "--reason", "crashed"], {
    env,
    cwd: sb.root,
  });
  assert.equal(released.code, 0, released.stderr);
  assert.equal(released.stdout, "Released x-1: open and unassigned\n");
  const x1 = records(await Deno.readTextFile(path))["x-1"];
  assert.equal(x1?.["status"], "open");
  assert.equal(x1?.["assignee"], undefined);
  const closed = await sb.forge(["bead", "release", "x-3", "--json"], { env, cwd: sb.root });
  assert.deepEqual(JSON.parse(closed.stdout), { id: "x-3", status: "closed" });
});

Deno.test("forge bead show prints the bead, or the normalised Bead with --json", async () => {
  await using sb = await forgeSandbox("bead");
  await jsonlWorkspace(sb.workspace);
  const human = await sb.forge(["bead", "show", "x-1"], { env: NO_CLI });
  assert.equal(human.code, 0, human.stderr);
  assert.match(human.stdout, /^x-1 {2}Title of x-1\n/);
  assert.match(human.stdout, /priority +P1 \(high\)\n/);
  assert.match(human.stdout, /assignee +w1\n/);
  assert.match(human.stdout, /\n\nMake it work\.\n$/);
  const json = await sb.forge(["bead", "show", "x-1", "--json"], { env: NO_CLI });
  const bead = JSON.parse(json.stdout);
  assert.equal(bead.id, "x-1");
  assert.equal(bead.status, "in_progress");
  assert.deepEqual(bead.labels, ["api"]);
  assert.equal(bead.createdAt, Date.UTC(2026, 1, 1, 10));
});

Deno.test("forge bead prompt prints the task prompt", async () => {
  await using sb = await forgeSandbox("bead");
  await jsonlWorkspace(sb.workspace);
  const run = await sb.forge(["bead", "prompt", "x-1"], {
    env: { ...NO_CLI, FORGE_WORKER_ID: "sonnet-alpha" },
  });
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^Task: x-1: Title of x-1\n\nMake it work\.\n/);
  assert.match(run.stdout, /- Worker: sonnet-alpha\n/);
  assert.match(run.stdout, new RegExp(`- Workspace: ${sb.workspace}\n`));
});

Deno.test("forge bead exits 3 for an unknown bead or workspace", async (t) => {
  await using sb = await forgeSandbox("bead");
  await jsonlWorkspace(sb.workspace);
  for (const verb of ["show", "prompt", "close", "release"]) {
    await t.step(verb, async () => {
      const run = await sb.forge(["bead", verb, "nope"], { env: NO_CLI });
      assert.equal(run.code, 3, run.stderr);
      assert.match(run.stderr, /bead "nope"/);
    });
  }
  await t.step("workspace", async () => {
    const run = await sb.forge(["bead", "show", "x-1", "--workspace", join(sb.root, "missing")], {
      env: NO_CLI,
    });
    assert.equal(run.code, 3);
    assert.match(run.stderr, /Cannot use workspace ".*missing": it is not a directory/);
  });
});

Deno.test("forge bead close goes through br when the workspace uses br", async () => {
  await using sb = await forgeSandbox("bead");
  const cli = await fakeCli(sb.root, ["br"]);
  await jsonlWorkspace(sb.workspace);
  await Deno.writeTextFile(join(sb.workspace, ".beads", "beads.db"), "");
  await cli.setBead("x-9", "in_progress", "w1");
  const env = { ...NO_CLI, PATH: `${cli.bin}:/usr/bin:/bin`, FAKE_STATE: cli.state };
  const run = await sb.forge(["bead", "close", "x-9", "--reason", "ok", "--json"], { env });
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout), { id: "x-9", status: "closed" });
  assert.deepEqual((await cli.calls()).map((c) => c.slice(0, 3)), [
    ["br", "show", "x-9"],
    ["br", "close", "x-9"],
    ["br", "show", "x-9"],
  ]);
  await cli.setBead("x-8", "in_progress", "w1");
  const failing = await sb.forge(["bead", "close", "x-8"], {
    env: { ...env, FAKE_MODE: "br-error" },
  });
  assert.equal(failing.code, 1);
  assert.match(
    failing.stderr,
    /Cannot close bead "x-8" with br: br exited with code 2: schema is too new/,
  );
  assert.match(failing.stderr, /hint: Upgrade br\./);
});

Deno.test("forge bead in a bead-rs workspace without bead: reads fall back, writes fail", async () => {
  await using sb = await forgeSandbox("bead");
  await writeCheckpoint(sb.workspace, `${nativeLine({ id: "f-1", title: "Native" })}\n`);
  const show = await sb.forge(["bead", "show", "f-1", "--json"], { env: NO_CLI });
  assert.equal(show.code, 0, show.stderr);
  assert.equal(JSON.parse(show.stdout).title, "Native");
  assert.match(show.stderr, /warning: Cannot show bead "f-1" with bead: bead is not installed/);
  const close = await sb.forge(["bead", "close", "f-1"], { env: NO_CLI });
  assert.equal(close.code, 1);
  assert.match(
    close.stderr,
    /Cannot close bead "f-1" with bead: bead is not installed or not on PATH/,
  );
  assert.match(close.stderr, /hint: Install bead-rs/);
});
