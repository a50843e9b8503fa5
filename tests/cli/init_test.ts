import assert from "node:assert/strict";
import { join } from "node:path";
import { forgeSandbox } from "../helpers/forge_env.ts";

interface InitReport {
  home: string;
  files: { path: string; what: string; result: string }[];
}

const mode = async (path: string) => ((await Deno.stat(path)).mode ?? 0) & 0o777;

Deno.test("forge init --non-interactive writes config, the sim worker and its launchers once", async (t) => {
  await using sb = await forgeSandbox("init");
  // A PATH without agent CLIs: only sim is chosen, whatever this machine has installed.
  const env = { PATH: join(sb.root, "no-agents") };
  const init = async (...flags: string[]) => {
    const run = await sb.forge(["init", "--non-interactive", "--json", ...flags], { env });
    assert.equal(run.code, 0, run.stderr);
    const report: InitReport = JSON.parse(run.stdout);
    return new Map(report.files.map((f) => [f.path, f.result]));
  };
  const config = join(sb.home, "config.yaml");
  const worker = join(sb.home, "workers", "sim.yaml");
  const launcher = join(sb.home, "launchers", "sim");
  const library = join(sb.home, "launchers", "forge-launcher-lib.sh");

  await t.step("a first run writes every file with its mode", async () => {
    assert.deepEqual(
      await init(),
      new Map([config, worker, launcher, library].map((p) => [p, "written"])),
    );
    assert.equal(await mode(config), 0o600);
    assert.equal(await mode(launcher), 0o755);
    assert.equal(await mode(library), 0o755);
    assert.match(await Deno.readTextFile(config), /^max_workers: \d+$/m);
    assert.match(await Deno.readTextFile(worker), /^name: sim$/m);
    assert.match(await Deno.readTextFile(launcher), /forge-launcher-lib\.sh/);
  });

  await t.step("a second run changes nothing", async () => {
    assert.deepEqual(
      [...(await init()).values()],
      ["unchanged", "unchanged", "unchanged", "unchanged"],
    );
  });

  await t.step("a changed config is kept without --force and replaced with it", async () => {
    const mine = "# mine\nmax_workers: 7\n";
    await Deno.writeTextFile(config, mine);
    const kept = await init();
    assert.equal(kept.get(config), "kept");
    assert.equal(kept.get(worker), "unchanged");
    assert.equal(await Deno.readTextFile(config), mine);

    const forced = await init("--force");
    assert.equal(forced.get(config), "replaced");
    assert.doesNotMatch(await Deno.readTextFile(config), /# mine/);
    assert.equal(await mode(config), 0o600);
  });

  await t.step("the text output names each file and what happened to it", async () => {
    const run = await sb.forge(["init", "--non-interactive"], { env });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`^unchanged +${config} +\\(configuration\\)$`, "m"));
    assert.match(run.stdout, /forge doctor/);
  });
});
