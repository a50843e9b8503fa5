/**
 * FORGE as a test build for updater tests: the real CLI, run from source, told that the
 * "installed binary" is the file in FORGE_TEST_EXEC (a stub script) and that it is compiled, with
 * the test's root keys instead of the built-in ones. FORGE_TEST_NOW fixes the clock;
 * FORGE_TEST_FAULT=<checkpoint> throws there, FORGE_TEST_PAUSE=<checkpoint> writes
 * FORGE_TEST_PAUSE_FILE and waits there to be killed. The background update check runs this same
 * entry (it inherits the FORGE_TEST_* environment, so it trusts the same keys and clock). Release
 * builds have none of this.
 */
import { runCli } from "../../src/cli/mod.ts";
import type { UpdateCheckpoint, UpdateRuntime } from "../../src/update/mod.ts";

const exec = Deno.env.get("FORGE_TEST_EXEC") ?? "";
const asked = new Deno.Command(exec, { args: ["version", "--json"], stdout: "piped" }).outputSync();
const current = JSON.parse(new TextDecoder().decode(asked.stdout)).version as string;
const roots = JSON.parse(Deno.env.get("FORGE_TEST_ROOT_KEYS") ?? "[]");
const fixed = Deno.env.get("FORGE_TEST_NOW");
const fault = Deno.env.get("FORGE_TEST_FAULT");
const pause = Deno.env.get("FORGE_TEST_PAUSE");

const overrides: Partial<UpdateRuntime> = {
  execPath: exec,
  standalone: true,
  currentVersion: current,
  roots,
  ...(fixed === undefined ? {} : {
    clock: {
      now: () => Date.parse(fixed),
      sleep: (ms: number) => new Promise((r) => setTimeout(r, ms)),
    },
  }),
  checkpoint: async (at: UpdateCheckpoint) => {
    if (at === fault) throw new Error(`test fault at ${at}`);
    if (at === pause) {
      await Deno.writeTextFile(Deno.env.get("FORGE_TEST_PAUSE_FILE") ?? "/dev/null", at);
      await new Promise(() => setInterval(() => {}, 1000)); // until killed
    }
  },
};

const refreshCommand = [Deno.execPath(), "run", "-A", "--quiet", new URL(import.meta.url).pathname];

Deno.exit(await runCli(Deno.args, undefined, { update: overrides, refreshCommand }));
