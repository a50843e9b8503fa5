import assert from "node:assert/strict";
import { join } from "node:path";
import { denoProcesses } from "../../src/platform/mod.ts";
import { smokeTest } from "../../src/update/smoke_test.ts";
import { tempDir } from "../helpers/temp.ts";

const TARGET = "x86_64-unknown-linux-gnu";

/** Writes an executable `#!/bin/sh` stand-in for a forge binary. */
async function stub(dir: string, body: string): Promise<string> {
  const path = join(dir, ".forge.9.9.9.ab12.tmp");
  await Deno.writeTextFile(path, `#!/bin/sh\n${body}\n`, { mode: 0o700 });
  return path;
}

const GOOD = `[ "$1 $2" = "version --json" ] && [ "$FORGE_SELF_TEST" = 1 ] && ` +
  `[ "$FORGE_NO_UPDATE_CHECK" = 1 ] && echo '{"version":"9.9.9","target":"${TARGET}"}'`;

Deno.test("smokeTest() passes a binary that reports the expected version and target", async () => {
  await using dir = await tempDir();
  const path = await stub(dir.path, GOOD);
  assert.deepEqual(
    await smokeTest({ path, version: "9.9.9", target: TARGET, processes: denoProcesses }),
    { ok: true },
  );
});

Deno.test("smokeTest() fails with the row 13 message for each bad binary", async (t) => {
  const cases: ReadonlyArray<readonly [string, string, string]> = [
    [
      "a wrong version",
      `echo '{"version":"1.4.9","target":"${TARGET}"}'`,
      "reported version 1.4.9",
    ],
    [
      "a wrong target",
      `echo '{"version":"9.9.9","target":"aarch64-apple-darwin"}'`,
      "reported target aarch64-apple-darwin",
    ],
    ["a failing exit", "echo boom >&2; exit 1", 'exited with code 1: "boom"'],
    ["text instead of JSON", "echo forge 9.9.9", 'printed "forge 9.9.9"'],
    ["a hang", "exec sleep 60", "no answer within 0.5 s"],
  ];
  for (const [what, body, problem] of cases) {
    await t.step(what, async () => {
      await using dir = await tempDir();
      const path = await stub(dir.path, body);
      const started = Date.now();
      const result = await smokeTest({
        path,
        version: "9.9.9",
        target: TARGET,
        processes: denoProcesses,
        timeoutMs: 500,
      });
      assert.deepEqual(result, {
        ok: false,
        message: `forge update: the downloaded forge 9.9.9 failed its self-test (${problem}, ` +
          `expected 9.9.9 for ${TARGET}). Nothing was installed. Please report this at ` +
          "https://github.com/forge-orchestrator/forge/issues",
      });
      assert.ok(Date.now() - started < 5_000, "a hang is cut off, not waited out");
    });
  }
});

Deno.test("smokeTest() words a failed saved copy for rollback", async () => {
  await using dir = await tempDir();
  const path = await stub(dir.path, "exit 3");
  const result = await smokeTest({
    path,
    version: "9.9.9",
    target: TARGET,
    processes: denoProcesses,
    command: "rollback",
  });
  assert.deepEqual(result, {
    ok: false,
    message: "forge rollback: the saved copy of forge 9.9.9 failed its self-test (exited with " +
      `code 3, expected 9.9.9 for ${TARGET}). It was not restored; your current forge is unchanged.`,
  });
});

Deno.test("smokeTest() fails a file that cannot be run at all", async () => {
  await using dir = await tempDir();
  const path = join(dir.path, "missing");
  const result = await smokeTest({
    path,
    version: "9.9.9",
    target: TARGET,
    processes: denoProcesses,
  });
  assert.equal(result.ok, false);
  assert.match(!result.ok ? result.message : "", /\(exited with code 127: "Cannot start/);
});
