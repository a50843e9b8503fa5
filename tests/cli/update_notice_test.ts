import assert from "node:assert/strict";
import { join } from "node:path";
import { waitFor } from "../helpers/wait.ts";
import { type UpdateSandbox, updateSandbox } from "../update/_release_fixture.ts";

// Real processes throughout: the test build of FORGE on a pseudo-terminal (util-linux `script`)
// or on pipes, its detached background check, and a release server on loopback. Whether a run
// started a check shows only later, in the server's log; a run that must not check is therefore
// followed by one that must, and the count is taken once that one's check has landed.

const HAS_SCRIPT = new Deno.Command("sh", { args: ["-c", "command -v script"], stdout: "null" })
  .outputSync().success;

/** Notices on: none of the opt-outs, no CI variables (the suite itself may run in CI). */
const NOTICES_ON = {
  FORGE_NO_UPDATE_CHECK: "",
  CI: "",
  BUILD_NUMBER: "",
  RUN_ID: "",
  GITHUB_ACTIONS: "",
  TF_BUILD: "",
};
const T0 = "2026-11-21T10:00:00.000Z";
const HOUR = 3_600_000;
const NOTICE = /A new release of forge is available/;
const WAIT = { timeoutMs: 30_000 };

function at(offsetMs: number): string {
  return new Date(Date.parse(T0) + offsetMs).toISOString();
}

async function releaseSandbox(): Promise<UpdateSandbox> {
  const sb = await updateSandbox("1.4.0");
  await sb.publish([{ version: "1.4.0" }, { version: "1.5.0" }], {
    stable: "1.5.0",
    manifestVersion: 3,
  });
  return sb;
}

function statePath(sb: UpdateSandbox): string {
  return join(sb.home, "state", "update.json");
}

async function readState(sb: UpdateSandbox): Promise<Record<string, unknown> | undefined> {
  try {
    return JSON.parse(await Deno.readTextFile(statePath(sb)));
  } catch {
    return undefined;
  }
}

async function writeState(sb: UpdateSandbox, text: string): Promise<void> {
  await Deno.mkdir(join(sb.home, "state"), { recursive: true });
  await Deno.writeTextFile(statePath(sb), text);
}

function manifestHits(sb: UpdateSandbox): number {
  return sb.server.log.filter((r) => r.path === "/manifest.json").length;
}

/** A run on the terminal at `now`; the command must succeed. */
async function onTty(sb: UpdateSandbox, now: string, env: Record<string, string> = {}) {
  const out = await sb.forgeOnTty(["config", "path"], {
    ...NOTICES_ON,
    FORGE_TEST_NOW: now,
    ...env,
  });
  assert.equal(out.code, 0, out.output);
  assert.match(out.output, /Global configuration/, "the command itself ran");
  return out.output;
}

/** Background checks running for this sandbox (Linux: read from /proc). */
async function checksRunning(sb: UpdateSandbox): Promise<number> {
  let count = 0;
  for await (const entry of Deno.readDir("/proc")) {
    if (!/^\d+$/.test(entry.name)) continue;
    const argv = await Deno.readTextFile(`/proc/${entry.name}/cmdline`).catch(() => "");
    const args = argv.split("\0");
    if (args.includes(sb.home) && args.includes("--check")) count++;
  }
  return count;
}

/** Waits until a background check stamped the state with `now`. */
async function checkedAt(sb: UpdateSandbox, now: string): Promise<Record<string, unknown>> {
  return await waitFor(async () => {
    const state = await readState(sb);
    return state?.["lastCheckAt"] === Date.parse(now) ? state : undefined;
  }, { ...WAIT, what: `a background update check at ${now}` });
}

Deno.test("update notice: util-linux `script` is installed for the pseudo-terminal tests", () => {
  assert.ok(HAS_SCRIPT, "install util-linux (Debian: bsdutils) to provide `script`");
});

Deno.test({
  name: "update notice: a terminal run checks in the background at most once a day",
  ignore: !HAS_SCRIPT,
  async fn() {
    await using sb = await releaseSandbox();
    await onTty(sb, T0);
    await checkedAt(sb, T0);
    assert.equal(manifestHits(sb), 1, "the first run checks");

    await onTty(sb, at(1 * HOUR));
    await onTty(sb, at(25 * HOUR));
    await checkedAt(sb, at(25 * HOUR));
    assert.equal(manifestHits(sb), 2, "an hour later no check, a day later one");
  },
});

Deno.test({
  name:
    "update notice: none and no check in CI, with FORGE_NO_UPDATE_CHECK=1, update.check false, --json or without a terminal",
  ignore: !HAS_SCRIPT,
  async fn(t) {
    await using sb = await releaseSandbox();
    // A due check and a notice waiting: any run that wants notices shows it and checks.
    const line =
      "A new release of forge is available: 1.4.0 → 1.5.0 (stable). Run 'forge update'. Notes: x";
    await writeState(
      sb,
      JSON.stringify({
        seenManifestVersion: 0,
        seenKeysVersion: 0,
        skipped: [],
        notice: { line, version: "1.5.0", for: "1.4.0" },
      }),
    );

    await t.step("CI=1", async () => {
      assert.doesNotMatch(await onTty(sb, T0, { CI: "1" }), NOTICE);
    });
    await t.step("FORGE_NO_UPDATE_CHECK=1", async () => {
      assert.doesNotMatch(await onTty(sb, T0, { FORGE_NO_UPDATE_CHECK: "1" }), NOTICE);
    });
    await t.step("config update.check: false", async () => {
      const config = join(sb.home, "config.yaml");
      await Deno.writeTextFile(config, "update:\n  check: false\n");
      assert.doesNotMatch(await onTty(sb, T0), NOTICE);
      await Deno.remove(config);
    });
    await t.step("--json", async () => {
      const out = await sb.forgeOnTty(["config", "path", "--json"], {
        ...NOTICES_ON,
        FORGE_TEST_NOW: T0,
      });
      assert.equal(out.code, 0, out.output);
      assert.doesNotMatch(out.output, NOTICE);
    });
    await t.step("stdout and stderr piped", async () => {
      const out = await sb.forge(["config", "path"], { ...NOTICES_ON, FORGE_TEST_NOW: T0 });
      assert.equal(out.code, 0, out.stderr);
      assert.doesNotMatch(out.stderr, NOTICE);
    });

    const later = at(1 * HOUR);
    assert.ok((await onTty(sb, later)).includes(line), "a plain terminal run shows it");
    await checkedAt(sb, later);
    assert.equal(manifestHits(sb), 1, "only the plain terminal run checked");
  },
});

Deno.test({
  name:
    "update notice: shown on a terminal once a check found a newer release, never on a pipe or for a skipped version",
  ignore: !HAS_SCRIPT,
  async fn() {
    await using sb = await releaseSandbox();
    assert.doesNotMatch(await onTty(sb, T0), NOTICE, "nothing known before the first check");
    const state = await checkedAt(sb, T0);
    const notice = state["notice"] as { line: string; version: string };
    assert.equal(notice.version, "1.5.0");
    assert.match(notice.line, /1\.4\.0 → 1\.5\.0 \(stable\)/);

    const shown = await onTty(sb, at(1 * HOUR));
    assert.ok(shown.includes(`${notice.line}\n`), shown);

    const piped = await sb.forge(["config", "path"], { ...NOTICES_ON, FORGE_TEST_NOW: at(HOUR) });
    assert.equal(piped.code, 0, piped.stderr);
    assert.doesNotMatch(piped.stderr, NOTICE);

    await writeState(sb, JSON.stringify({ ...state, skipped: ["1.5.0"] }));
    assert.doesNotMatch(await onTty(sb, at(2 * HOUR)), NOTICE, "1.5.0 was rolled back from");
  },
});

Deno.test({
  name: "update notice: a corrupt or future-dated state file counts as due and is rewritten",
  ignore: !HAS_SCRIPT,
  async fn(t) {
    await using sb = await releaseSandbox();
    await t.step("corrupt", async () => {
      await writeState(sb, "{ not json");
      await onTty(sb, T0);
      const state = await checkedAt(sb, T0);
      assert.equal(state["seenManifestVersion"], 3);
    });
    await t.step("last check in the future", async () => {
      const state = await readState(sb);
      await writeState(sb, JSON.stringify({ ...state, lastCheckAt: Date.parse(at(240 * HOUR)) }));
      await onTty(sb, at(1 * HOUR));
      await checkedAt(sb, at(1 * HOUR));
      assert.equal(manifestHits(sb), 2);
    });
  },
});

Deno.test({
  name: "update notice: a release server that never answers does not hold up the command",
  ignore: !HAS_SCRIPT,
  async fn() {
    await using sb = await releaseSandbox();
    sb.server.faults.set("/manifest.json", { kind: "stall", after: 0 });
    let exited = false;
    const run = onTty(sb, T0).finally(() => exited = true);
    await waitFor(() => manifestHits(sb) === 1, {
      ...WAIT,
      what: "the background check to reach the release server",
    });
    await waitFor(() => exited, { ...WAIT, what: "forge to exit while the server stalls" });
    await run;
    assert.equal(await checksRunning(sb), 1, "forge exited; its check still waits for the server");
    assert.equal(await readState(sb), undefined, "and has recorded nothing");

    await sb.server.close();
    await waitFor(async () => await checksRunning(sb) === 0, {
      ...WAIT,
      what: "the background check to give up once the server closed",
    });
  },
});
