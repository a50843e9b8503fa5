import assert from "node:assert/strict";
import { join } from "node:path";
import { CLAIM_LOCK_FILE, cliBeadStore, type CliTool } from "../../src/beads/mod.ts";
import { BeadStoreError, type Env, NotFoundError, toBeadId } from "../../src/domain/mod.ts";
import { denoFs, denoProcesses, systemClock } from "../../src/platform/mod.ts";
import { tempDir } from "../helpers/temp.ts";
import { type FakeCli, fakeCli } from "./_fake_cli.ts";

const TOOLS: readonly CliTool[] = ["br", "bd", "bead"];
const id = toBeadId;

async function setup(root: string) {
  const cli = await fakeCli(root);
  const workspace = join(root, "ws");
  await Deno.mkdir(join(workspace, ".beads"), { recursive: true });
  const store = (tool: CliTool, env: Env, timeoutMs?: number) =>
    cliBeadStore(tool, workspace, {
      fs: denoFs,
      processes: denoProcesses,
      env,
      clock: systemClock,
      beadsDir: join(workspace, ".beads"),
      command: join(cli.bin, tool),
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
    });
  return { cli, workspace, store };
}

/** The argv of every call so far, without the tool name. */
async function argvs(cli: FakeCli): Promise<string[][]> {
  return (await cli.calls()).map((c) => c.slice(1));
}

Deno.test("cliBeadStore.show() reads element 0 of the show array, per tool", async (t) => {
  await using dir = await tempDir();
  const { cli, store } = await setup(dir.path);
  await cli.setBead("x-1", "in_progress", "w1");
  for (const tool of TOOLS) {
    await t.step(tool, async () => {
      const bead = await store(tool, cli.env()).show(id("x-1"));
      assert.equal(bead?.id, "x-1");
      assert.equal(bead?.status, "in_progress");
      assert.equal(bead?.assignee, "w1");
      assert.deepEqual(bead?.labels, ["x"]);
      assert.equal(await store(tool, cli.env()).show(id("nope")), undefined, "unknown id");
    });
  }
  assert.deepEqual((await cli.calls())[0], ["br", "show", "x-1", "--json"]);
});

Deno.test("cliBeadStore.claim() updates, then reads back and verifies", async (t) => {
  for (const tool of TOOLS) {
    await t.step(tool, async () => {
      await using dir = await tempDir();
      const { cli, workspace, store } = await setup(dir.path);
      await cli.setBead("x-1", "open");
      assert.deepEqual(await store(tool, cli.env()).claim(id("x-1"), "w1"), { kind: "claimed" });
      const json = tool === "bead" ? [] : ["--json"];
      assert.deepEqual(await argvs(cli), [
        ["show", "x-1", "--json"],
        ["update", "x-1", "--status", "in_progress", "--assignee", "w1", ...json],
        ["show", "x-1", "--json"],
      ]);
      assert.deepEqual(await cli.bead("x-1"), { status: "in_progress", assignee: "w1" });
      const lock = join(workspace, ".beads", CLAIM_LOCK_FILE);
      assert.equal(await Deno.stat(lock).catch(() => undefined), undefined);
    });
  }
});

Deno.test("cliBeadStore.claim() reports lost and impossible claims as values", async (t) => {
  await using dir = await tempDir();
  const { cli, store } = await setup(dir.path);
  await t.step("already taken: no update is attempted", async () => {
    await cli.setBead("x-1", "in_progress", "w2");
    assert.deepEqual(await store("br", cli.env()).claim(id("x-1"), "w1"), {
      kind: "taken",
      by: "w2",
    });
    assert.ok(!(await argvs(cli)).some((a) => a[0] === "update"));
  });
  await t.step("lost the race (br exit 4)", async () => {
    await cli.setBead("x-2", "open");
    assert.deepEqual(await store("br", cli.env("race")).claim(id("x-2"), "w1"), {
      kind: "taken",
      by: "other-worker",
    });
  });
  await t.step("update exits 0 but changes nothing", async () => {
    await cli.setBead("x-3", "open");
    assert.deepEqual(await store("bd", cli.env("noop")).claim(id("x-3"), "w1"), {
      kind: "not-claimable",
      reason: "after the update it is open and unassigned",
    });
  });
  await t.step("closed or missing", async () => {
    await cli.setBead("x-4", "closed");
    assert.equal((await store("bd", cli.env()).claim(id("x-4"), "w1")).kind, "not-claimable");
    assert.deepEqual(await store("bd", cli.env()).claim(id("nope"), "w1"), {
      kind: "not-claimable",
      reason: "it does not exist",
    });
  });
});

Deno.test("cliBeadStore.release() reopens and unassigns, and leaves closed beads closed", async (t) => {
  for (const tool of TOOLS) {
    await t.step(tool, async () => {
      await using dir = await tempDir();
      const { cli, store } = await setup(dir.path);
      await cli.setBead("x-1", "in_progress", "w1");
      await cli.setBead("x-2", "closed", "w1");
      await store(tool, cli.env()).release(id("x-1"));
      await store(tool, cli.env()).release(id("x-2"));
      assert.deepEqual(await cli.bead("x-1"), { status: "open", assignee: "" });
      assert.deepEqual(await cli.bead("x-2"), { status: "closed", assignee: "w1" });
      const writes = (await argvs(cli)).filter((a) => a[0] !== "show");
      assert.deepEqual(
        writes,
        tool === "bead"
          ? [["release", "x-1"]]
          : [["update", "x-1", "--status", "open", "--assignee", "", "--json"]],
      );
      await assert.rejects(() => store(tool, cli.env()).release(id("nope")), NotFoundError);
    });
  }
});

Deno.test("cliBeadStore.close() closes with a reason and verifies it", async (t) => {
  for (const tool of TOOLS) {
    await t.step(tool, async () => {
      await using dir = await tempDir();
      const { cli, store } = await setup(dir.path);
      await cli.setBead("x-1", "in_progress", "w1");
      await store(tool, cli.env()).close(id("x-1"), { reason: "Completed by w1" });
      assert.equal((await cli.bead("x-1")).status, "closed");
      const json = tool === "bead" ? [] : ["--json"];
      assert.deepEqual((await argvs(cli))[1], [
        "close",
        "x-1",
        "--reason",
        "Completed by w1",
        ...json,
      ]);
      await assert.rejects(
        () => store(tool, cli.env()).close(id("nope"), { reason: "r" }),
        NotFoundError,
      );
    });
  }
});

Deno.test("cliBeadStore.close() notices a close that br silently skipped", async () => {
  await using dir = await tempDir();
  const { cli, store } = await setup(dir.path);
  await cli.setBead("x-1", "open");
  await assert.rejects(
    () => store("br", cli.env("skip-close")).close(id("x-1"), { reason: "r" }),
    (e) => {
      assert.ok(e instanceof BeadStoreError);
      assert.equal(
        e.message,
        'Cannot close bead "x-1" with br: it is still open after `br close` (the tool skipped it)',
      );
      assert.match(e.hint ?? "", /--force/);
      return true;
    },
  );
});

Deno.test("cliBeadStore turns tool failures into BeadStoreError", async (t) => {
  await using dir = await tempDir();
  const { cli, store } = await setup(dir.path);
  await cli.setBead("x-1", "in_progress", "w1");
  const failure = async (run: () => Promise<unknown>): Promise<BeadStoreError> => {
    const error = await run().then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof BeadStoreError, `expected a BeadStoreError, got ${String(error)}`);
    assert.equal(error.code, "BEAD_STORE");
    return error;
  };
  await t.step("timeout", async () => {
    const e = await failure(() => store("br", cli.env("slow"), 300).show(id("x-1")));
    assert.equal(e.timedOut, true);
    assert.match(e.message, /^Cannot show bead "x-1" with br: br did not finish within 0\.3 s$/);
  });
  await t.step("not installed", async () => {
    const missing = cliBeadStore("bd", join(dir.path, "ws"), {
      fs: denoFs,
      processes: denoProcesses,
      env: cli.env(),
      clock: systemClock,
      beadsDir: join(dir.path, "ws", ".beads"),
      command: join(dir.path, "no-such-dir", "bd"),
    });
    const e = await failure(() => missing.close(id("x-1"), { reason: "r" }));
    assert.equal(e.exitCode, 127);
    assert.match(
      e.message,
      /^Cannot close bead "x-1" with bd: bd is not installed or not on PATH$/,
    );
    assert.match(e.hint ?? "", /FORGE_BEAD_STORE=jsonl/);
  });
  await t.step("non-zero exit with a JSON envelope on stderr (bd)", async () => {
    const e = await failure(() => store("bd", cli.env("locked")).close(id("x-1"), { reason: "r" }));
    assert.equal(e.exitCode, 1);
    assert.equal(
      e.message,
      'Cannot close bead "x-1" with bd: bd exited with code 1: database is locked',
    );
    assert.equal(e.hint, "Another process holds the lock; retry.");
  });
  await t.step("non-zero exit with a JSON envelope on stdout (br)", async () => {
    const e = await failure(() => store("br", cli.env("br-error")).release(id("x-1")));
    assert.equal(e.exitCode, 2);
    assert.match(e.message, /br exited with code 2: schema is too new$/);
    assert.equal(e.hint, "Upgrade br.");
  });
  await t.step("an error envelope with exit 0", async () => {
    const e = await failure(() => store("bd", cli.env("error-exit0")).show(id("x-1")));
    assert.match(e.message, /code 0: backend unavailable$/);
  });
  await t.step("an unexpected JSON shape", async () => {
    const e = await failure(() => store("bead", cli.env("weird")).show(id("x-1")));
    assert.match(
      e.message,
      /^Cannot show bead "x-1" with bead: `bead show --json` printed \{"unexpected"/,
    );
  });
});

Deno.test("cliBeadStore refuses ids that a CLI would read as options", async () => {
  await using dir = await tempDir();
  const { cli, store } = await setup(dir.path);
  await assert.rejects(
    () => store("br", cli.env()).show(id("--all")),
    /would be read as an option/,
  );
  assert.deepEqual(await cli.calls(), []);
});
