/**
 * `forge update` end to end (test build, real CLI, release server on loopback) for the rows of
 * spec/self-update.md §5 about where forge is installed and when it may update: 9 (expired
 * manifest), 14/20 (symlinked installs), 17 (one update at a time), 19 (package managers) and a
 * run from source. The network rows are in update_network_test.ts.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { waitFor } from "../helpers/wait.ts";
import { listDir, updateSandbox, versionOf } from "./_release_fixture.ts";
import { stubBinary } from "./_stub_binary.ts";
import { canMakeUnwritable, makeUnwritable } from "./_unwritable_dir.ts";

const MAIN = new URL("../../main.ts", import.meta.url).pathname;
const assetRequests = (log: readonly { path: string }[]) =>
  log.filter((r) => r.path.startsWith("/forge-")).length;

Deno.test("forge update refuses an expired manifest (exit 4) and --check only warns (row 9)", async (t) => {
  await using sb = await updateSandbox("9.9.9");
  await sb.publish([{ version: "9.9.10" }], {
    stable: "9.9.10",
    manifestVersion: 3,
    expiresAt: "2026-07-01T00:00:00Z",
  });
  const expiry = "the release manifest expired on 2026-07-01 \\(53 days ago\\)";

  await t.step("update: exit 4, nothing downloaded or installed", async () => {
    const out = await sb.forge(["update", "--yes"], { FORGE_TEST_NOW: "2026-08-23T12:00:00Z" });
    assert.equal(out.code, 4, out.stderr);
    assert.match(
      out.stderr,
      new RegExp(
        `forge update: ${expiry}\\. Updates may be blocked by a mirror or proxy, or publishing ` +
          "has stalled; refusing to treat it as current",
      ),
    );
    assert.equal(assetRequests(sb.server.log), 0);
    assert.equal(await sb.installedVersion(), "9.9.9");
    assert.deepEqual(await listDir(join(sb.root, "bin")), ["forge"]);
  });

  await t.step("--check: exit 0, the release and a warning", async () => {
    const out = await sb.forge(["update", "--check"], { FORGE_TEST_NOW: "2026-08-23T12:00:00Z" });
    assert.equal(out.code, 0, out.stderr);
    assert.match(out.stdout, /forge 9\.9\.10 is available \(you have 9\.9\.9\)/);
    assert.match(
      out.stderr,
      new RegExp(`^warning: forge update: ${expiry}\\. Updates may be`, "m"),
    );
    const json = await sb.forge(["update", "--check", "--json"], {
      FORGE_TEST_NOW: "2026-08-23T12:00:00Z",
    });
    assert.equal(json.code, 0, json.stderr);
    const parsed = JSON.parse(json.stdout);
    assert.equal(parsed.status, "available");
    assert.equal(parsed.warnings.length, 1);
    assert.match(parsed.warnings[0], new RegExp(expiry));
  });

  await t.step("five minutes of clock skew are tolerated, six are not", async () => {
    const late = await sb.forge(["update", "--yes"], { FORGE_TEST_NOW: "2026-07-01T00:06:00Z" });
    assert.equal(late.code, 4, late.stderr);
    assert.match(late.stderr, /expired on 2026-07-01 \(6 minutes ago\)/);
    const skewed = await sb.forge(["update", "--yes"], { FORGE_TEST_NOW: "2026-07-01T00:04:00Z" });
    assert.equal(skewed.code, 0, skewed.stderr);
    assert.equal(await sb.installedVersion(), "9.9.10");
  });
});

Deno.test("forge update through symlinks replaces the real file and keeps every link (rows 14, 20)", async (t) => {
  await t.step("links/forge -> ../bin/forge, run through the link", async () => {
    await using sb = await updateSandbox("9.9.9");
    await sb.publish([{ version: "9.9.10" }], { stable: "9.9.10", manifestVersion: 1 });
    const links = join(sb.root, "links");
    await Deno.mkdir(links);
    const link = join(links, "forge");
    await Deno.symlink("../bin/forge", link);
    const out = await sb.forge(["update", "--yes"], {
      FORGE_TEST_EXEC: link,
      PATH: `${links}:${Deno.env.get("PATH") ?? ""}`,
    });
    assert.equal(out.code, 0, out.stderr);
    assert.match(
      out.stdout,
      new RegExp(`Installed forge 9\\.9\\.10 \\(was 9\\.9\\.9\\) at ${sb.bin}`),
    );
    assert.ok((await Deno.lstat(link)).isSymlink, "the link is still a link");
    assert.equal(await Deno.readLink(link), "../bin/forge");
    assert.equal(await sb.installedVersion(), "9.9.10");
    assert.equal(await versionOf(link), "9.9.10");
    assert.deepEqual(await listDir(join(sb.root, "bin")), ["forge"]);
    assert.doesNotMatch(out.stderr, /different file/, "forge on PATH is the link to the target");
  });

  await t.step("a chain a -> b -> bin/forge, run through a", async () => {
    await using sb = await updateSandbox("9.9.9");
    await sb.publish([{ version: "9.9.10" }], { stable: "9.9.10", manifestVersion: 1 });
    const a = join(sb.root, "links", "a");
    const b = join(sb.root, "other", "b");
    await Deno.mkdir(join(sb.root, "links"));
    await Deno.mkdir(join(sb.root, "other"));
    await Deno.symlink("../bin/forge", b);
    await Deno.symlink(b, a);
    const out = await sb.forge(["update", "--yes"], { FORGE_TEST_EXEC: a });
    assert.equal(out.code, 0, out.stderr);
    assert.deepEqual([await Deno.readLink(a), await Deno.readLink(b)], [b, "../bin/forge"]);
    assert.equal(await sb.installedVersion(), "9.9.10");
    assert.deepEqual(await listDir(join(sb.root, "bin")), ["forge"]);
  });

  await t.step(
    "a stale forge earlier on PATH: installed, exit 0, with a warning naming it",
    async () => {
      await using sb = await updateSandbox("9.9.9");
      await sb.publish([{ version: "9.9.10" }], { stable: "9.9.10", manifestVersion: 1 });
      const stale = join(sb.root, "stale");
      await Deno.mkdir(stale);
      await Deno.writeFile(join(stale, "forge"), stubBinary("9.9.8"), { mode: 0o755 });
      const out = await sb.forge(["update", "--yes"], {
        PATH: `${stale}:${join(sb.root, "bin")}:${Deno.env.get("PATH") ?? ""}`,
      });
      assert.equal(out.code, 0, out.stderr);
      assert.equal(await sb.installedVersion(), "9.9.10");
      assert.match(
        out.stderr,
        new RegExp(
          `installed forge 9\\.9\\.10 to ${sb.bin}, but the 'forge' found first on your PATH ` +
            `\\(${stale}/forge\\) is a different file`,
        ),
      );
    },
  );

  await t.step({
    name: "the real file's directory cannot be written: exit 5 naming link and file",
    ignore: !await canMakeUnwritable(),
    fn: async () => {
      await using sb = await updateSandbox("9.9.9");
      await sb.publish([{ version: "9.9.10" }], { stable: "9.9.10", manifestVersion: 1 });
      const link = join(sb.root, "forge-link");
      await Deno.symlink(sb.bin, link);
      const restore = await makeUnwritable(join(sb.root, "bin"));
      try {
        const out = await sb.forge(["update", "--yes"], { FORGE_TEST_EXEC: link });
        assert.equal(out.code, 5, out.stderr);
        assert.match(
          out.stderr,
          new RegExp(
            `forge update: ${link} is a link to ${sb.bin}, which you cannot write to\\. ` +
              "Update the link target as its owner, or reinstall to a user directory",
          ),
        );
        assert.equal(sb.server.log.length, 0, "refused before any request");
      } finally {
        await restore();
      }
      assert.equal(await sb.installedVersion(), "9.9.9");
      assert.deepEqual(await listDir(join(sb.root, "bin")), ["forge"]);
    },
  });
});

Deno.test("forge update runs one at a time; a killed update never blocks the next (row 17)", async () => {
  await using sb = await updateSandbox("9.9.9");
  await sb.publish([{ version: "9.9.10" }], { stable: "9.9.10", manifestVersion: 1 });
  const paused = join(sb.root, "paused");
  const first = sb.spawnForge(["update", "--yes"], {
    FORGE_TEST_PAUSE: "after_download",
    FORGE_TEST_PAUSE_FILE: paused,
  });
  try {
    await waitFor(() => Deno.stat(paused).then(() => true, () => false), {
      timeoutMs: 30_000,
      what: "the first update to pause after its download",
    });
    const second = await sb.forge(["update", "--yes"]);
    assert.equal(second.code, 7, second.stderr);
    assert.match(
      second.stderr,
      new RegExp(
        `forge update: another forge update is already running \\(pid ${first.pid}, started ` +
          "\\d+ s ago\\)\\. Wait for it to finish and try again\\.",
      ),
    );
    const rollback = await sb.forge(["rollback", "--yes"]);
    assert.equal(rollback.code, 7, rollback.stderr);
    assert.match(rollback.stderr, /forge rollback: another forge update is already running/);
    assert.equal(await sb.installedVersion(), "9.9.9");
    assert.equal(assetRequests(sb.server.log), 1, "only the first update downloaded");
  } finally {
    first.kill("SIGKILL");
    await first.status;
  }
  const third = await sb.forge(["update", "--yes"]);
  assert.equal(third.code, 0, third.stderr);
  assert.equal(await sb.installedVersion(), "9.9.10");
  // The killed update's download is left while it could still be another home's live one...
  const left = (await listDir(join(sb.root, "bin"))).filter((n) => n !== "forge");
  assert.equal(left.length, 1, left.join(", "));
  assert.match(left[0] ?? "", /^\.forge\.9\.9\.10\..+\.tmp$/);
  // ...and the first update an hour later removes it.
  const later = new Date(Date.now() + 2 * 3_600_000).toISOString();
  const fourth = await sb.forge(["update", "--yes"], { FORGE_TEST_NOW: later });
  assert.equal(fourth.code, 0, fourth.stderr);
  assert.match(fourth.stdout, /up to date/);
  assert.deepEqual(await listDir(join(sb.root, "bin")), ["forge"]);
});

Deno.test("forge update refuses Homebrew and Nix installs before any request (row 19)", async (t) => {
  const cases = [
    {
      name: "Homebrew Cellar",
      dir: "opt/homebrew/Cellar/forge/9.9.9",
      says: (root: string) =>
        `forge was installed with Homebrew \\(${root}/opt/homebrew/Cellar/forge/9\\.9\\.9\\)\\. ` +
        "Update it with: brew upgrade forge",
    },
    {
      name: "Nix store",
      dir: "nix/store/0c9xw3hq7kq2f1a-forge-9.9.9",
      says: (root: string) =>
        `forge was installed with Nix \\(${root}/nix/store/0c9xw3hq7kq2f1a-forge-9\\.9\\.9\\)\\. ` +
        "Update it with: nix profile upgrade forge",
    },
  ];
  for (const c of cases) {
    await t.step(c.name, async () => {
      await using sb = await updateSandbox("9.9.9");
      await sb.publish([{ version: "9.9.10" }], { stable: "9.9.10", manifestVersion: 1 });
      const exec = join(sb.root, c.dir, "bin", "forge");
      await Deno.mkdir(join(sb.root, c.dir, "bin"), { recursive: true });
      await Deno.copyFile(sb.bin, exec);
      // Homebrew runs it through a link in <prefix>/bin; the real path decides.
      const link = join(sb.root, "links", "forge");
      await Deno.mkdir(join(sb.root, "links"));
      await Deno.symlink(exec, link);
      for (const via of [exec, link]) {
        const out = await sb.forge(["update", "--yes"], { FORGE_TEST_EXEC: via });
        assert.equal(out.code, 5, out.stderr);
        assert.match(out.stderr, new RegExp(c.says(sb.root)));
      }
      const back = await sb.forge(["rollback", "--yes"], { FORGE_TEST_EXEC: exec });
      assert.equal(back.code, 5, back.stderr);
      assert.equal(sb.server.log.length, 0, "no manifest request at all");
      assert.equal(await versionOf(exec), "9.9.9");
      assert.deepEqual(await listDir(join(sb.root, c.dir, "bin")), ["forge"]);
    });
  }
});

Deno.test("forge update from source (deno run main.ts) refuses with exit 5 and no request", async () => {
  await using sb = await updateSandbox("9.9.9");
  await sb.publish([{ version: "9.9.10" }], { stable: "9.9.10", manifestVersion: 1 });
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--quiet", MAIN, "update", "--yes"],
    env: {
      FORGE_HOME: sb.home,
      FORGE_UPDATE_BASE_URL: sb.server.url,
      FORGE_NO_UPDATE_CHECK: "1",
      NO_COLOR: "1",
    },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stderr = new TextDecoder().decode(out.stderr);
  assert.equal(out.code, 5, stderr);
  assert.match(
    stderr,
    /forge update: this forge runs from source \(deno run\), so it cannot replace itself/,
  );
  assert.match(stderr, /git pull/);
  assert.equal(sb.server.log.length, 0);
  assert.equal(await sb.installedVersion(), "9.9.9");
  assert.deepEqual(await listDir(join(sb.root, "bin")), ["forge"]);
});
