import assert from "node:assert/strict";
import { join } from "node:path";
import { parse } from "yaml";
import { type ForgeRun, type ForgeSandbox, forgeSandbox } from "../helpers/forge_env.ts";

/** Override variables from the developer's shell must not leak into these runs. */
const CLEAN = { FORGE_CONFIG: "", FORGE_MAX_WORKERS: "", FORGE_LAUNCHER_TIMEOUT: "" };

function forge(
  sb: ForgeSandbox,
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<ForgeRun> {
  return sb.forge(args, { env: { ...CLEAN, ...env } });
}

async function write(path: string, text: string, mode = 0o600): Promise<string> {
  await Deno.mkdir(join(path, ".."), { recursive: true });
  await Deno.writeTextFile(path, text);
  await Deno.chmod(path, mode);
  return path;
}

function isFile(path: string): Promise<boolean> {
  return Deno.stat(path).then((info) => info.isFile, () => false);
}

Deno.test("forge config path lists the candidates and marks the files in use", async () => {
  await using sb = await forgeSandbox("cfg");
  const global = await write(join(sb.home, "config.yaml"), "max_workers: 2\n");
  const workspace = join(sb.workspace, ".forge", "config.yaml");

  const text = await forge(sb, ["config", "path"]);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, new RegExp(`FORGE_HOME: ${sb.home}`));
  assert.match(text.stdout, new RegExp(`used +FORGE_HOME +${global}`));
  assert.match(text.stdout, new RegExp(`missing +\\./forge\\.yaml +${sb.workspace}/forge\\.yaml`));
  assert.match(text.stdout, new RegExp(`missing +${workspace}`));

  const json = await forge(sb, ["--json", "config", "path"]);
  assert.equal(json.code, 0, json.stderr);
  const report = JSON.parse(json.stdout);
  assert.equal(report.home, sb.home);
  assert.deepEqual(
    report.candidates.map((c: { path: string; exists: boolean; used: boolean }) => [
      c.path,
      c.exists,
      c.used,
    ]),
    [
      [join(sb.workspace, "forge.yaml"), false, false],
      [global, true, true],
      ["/etc/forge/config.yaml", await isFile("/etc/forge/config.yaml"), false],
    ],
  );
  assert.deepEqual(report.workspace, { path: workspace, exists: false, used: false });
});

Deno.test("forge config path exits 3 when --config names a missing file", async () => {
  await using sb = await forgeSandbox("cfg");
  const run = await forge(sb, ["--json", "--config", "nope.yaml", "config", "path"]);
  assert.equal(run.code, 3);
  const report = JSON.parse(run.stdout);
  assert.deepEqual(report.candidates[0], {
    source: "--config",
    path: join(sb.workspace, "nope.yaml"),
    exists: false,
    used: true,
  });
  assert.match(run.stderr, /nope\.yaml.*does not exist/);
});

Deno.test("forge config show prints the merged YAML with its sources", async () => {
  await using sb = await forgeSandbox("cfg");
  const global = await write(
    join(sb.home, "config.yaml"),
    "max_workers: 2\nmax_worker: 5\nlaunchers:\n  a:\n    executable: /bin/a\n" +
      "    default_args: ['--token=${env:NOT_SET_HERE}']\n",
  );
  const workspace = await write(join(sb.workspace, ".forge", "config.yaml"), "max_workers: 3\n");

  const run = await forge(sb, ["config", "show"], { FORGE_LAUNCHER_TIMEOUT: "30" });
  assert.equal(run.code, 0, run.stderr);
  const header = run.stdout.split("\n").filter((l) => l.startsWith("#")).join("\n");
  assert.ok(header.includes(`global: ${global}`), header);
  assert.ok(header.includes(`workspace: ${workspace}`), header);
  assert.ok(header.includes("environment: FORGE_LAUNCHER_TIMEOUT"), header);
  const shown = parse(run.stdout);
  assert.equal(shown.max_workers, 3);
  assert.equal(shown.launcher.timeout_seconds, 30);
  assert.deepEqual(shown.launchers.a.default_args, ["--token=${env:NOT_SET_HERE}"]);
  assert.equal("max_worker" in shown, false);
  assert.match(run.stderr, /warning: .*config\.yaml:2: max_worker: unknown key; ignored/);
  assert.match(run.stderr, /warning: .*NOT_SET_HERE, which is not set/);

  const json = await forge(sb, ["--json", "config", "show"]);
  assert.equal(json.code, 0, json.stderr);
  const config = JSON.parse(json.stdout);
  assert.equal(config.max_workers, 3);
  assert.equal(config.launcher.timeout_seconds, 60);
});

Deno.test("forge config show exits 1 and locates every error of an invalid file", async () => {
  await using sb = await forgeSandbox("cfg");
  const path = await write(join(sb.home, "config.yaml"), "max_workers: ten\nlauncher: 5\n");
  const run = await forge(sb, ["config", "show"]);
  assert.equal(run.code, 1);
  assert.equal(run.stdout, "");
  assert.ok(run.stderr.includes(`${path}:1: max_workers: expected a number, found the string`));
  assert.ok(run.stderr.includes(`${path}:2: launcher: expected a mapping, found the number 5`));
});

Deno.test("forge config validate exits 0 for a valid file and prints its warnings", async () => {
  await using sb = await forgeSandbox("cfg");
  const path = await write(join(sb.home, "config.yaml"), "max_workers: 2\nlaunchr: {}\n");
  const run = await forge(sb, ["config", "validate"]);
  assert.equal(run.code, 0, run.stderr);
  assert.ok(
    run.stdout.includes(
      `warning: ${path}:2: launchr: unknown key; ignored (did you mean "launcher"?)`,
    ),
    run.stdout,
  );
  assert.match(run.stdout, /Configuration is valid \(1 file, 1 warning\)/);
});

Deno.test("forge config validate exits 1 for errors, in text and in JSON", async () => {
  await using sb = await forgeSandbox("cfg");
  const path = await write(
    join(sb.workspace, "bad.yaml"),
    "launchers:\n  a:\n    executable: /bin/a\n    default_args: ['${env:NOPE_NOT_SET}']\n" +
      "max_workers: 0\n",
  );
  const text = await forge(sb, ["config", "validate", "bad.yaml"]);
  assert.equal(text.code, 1);
  assert.ok(
    text.stdout.includes(`error: ${path}:5: max_workers: expected a number greater than 0`),
    text.stdout,
  );
  assert.ok(
    text.stdout.includes(
      `error: ${path}:4: launchers.a.default_args[0]: refers to environment variable ` +
        "NOPE_NOT_SET, which is not set",
    ),
    text.stdout,
  );
  assert.match(text.stdout, /Configuration is invalid \(1 file, 2 errors\)/);

  const json = await forge(sb, ["--json", "config", "validate", path]);
  assert.equal(json.code, 1);
  const report = JSON.parse(json.stdout);
  assert.equal(report.valid, false);
  assert.deepEqual(report.files, [path]);
  assert.deepEqual(
    report.issues.map((i: { line: number; key: string; severity: string }) => [
      i.line,
      i.key,
      i.severity,
    ]),
    [[5, "max_workers", "error"], [4, "launchers.a.default_args[0]", "error"]],
  );
});

Deno.test("forge config validate exits 3 for a missing file", async () => {
  await using sb = await forgeSandbox("cfg");
  const text = await forge(sb, ["config", "validate", "missing.yaml"]);
  assert.equal(text.code, 3);
  assert.match(
    text.stderr,
    /Cannot validate configuration file ".*missing\.yaml": it does not exist/,
  );

  const json = await forge(sb, ["--json", "config", "validate", "missing.yaml"]);
  assert.equal(json.code, 3);
  assert.equal(JSON.parse(json.stdout).error.code, "NOT_FOUND");
});

Deno.test("forge config validate checks the looked-up files and the environment", async () => {
  await using sb = await forgeSandbox("cfg");
  await write(join(sb.home, "config.yaml"), "max_workers: 2\n");
  const ok = await forge(sb, ["--json", "config", "validate"]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.deepEqual(JSON.parse(ok.stdout), {
    valid: true,
    files: [join(sb.home, "config.yaml")],
    issues: [],
  });
  const bad = await forge(sb, ["config", "validate"], { FORGE_MAX_WORKERS: "lots" });
  assert.equal(bad.code, 1);
  assert.ok(
    bad.stdout.includes(
      'error: environment: FORGE_MAX_WORKERS: expected a whole number, found "lots"',
    ),
    bad.stdout,
  );
});
