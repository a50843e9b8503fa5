/**
 * `deno task compile [--target T] [--output PATH]`: builds the single FORGE binary (with the
 * manifests embedded). `deno compile` needs the Deno runtime for the target, which it downloads;
 * where that is impossible, point DENORT_BIN at a runtime of the same Deno version, or let the
 * release workflow build it. This script explains that instead of failing obscurely.
 */
// deno-lint-ignore-file no-console
import { parseArgs } from "node:util";

const { values } = parseArgs({
  args: Deno.args,
  options: { target: { type: "string" }, output: { type: "string" } },
});
const output = values.output ??
  (values.target === undefined ? "dist/forge" : `dist/forge-${values.target}`);
const args = [
  "compile",
  "--allow-all",
  "--no-check",
  // A small young generation: the dashboard allocates a little per worker per refresh, and
  // V8's default (up to 16 MiB semi-spaces) kept ~60 MB of that garbage resident (adr/0006).
  "--v8-flags=--max-semi-space-size=2",
  "--include",
  "manifests",
  "--output",
  output,
  ...(values.target === undefined ? [] : ["--target", values.target]),
  "main.ts",
];
console.error(`deno ${args.join(" ")}`);
const result = await new Deno.Command(Deno.execPath(), { args, stdout: "inherit", stderr: "piped" })
  .output();
const stderr = new TextDecoder().decode(result.stderr);
Deno.stderr.writeSync(result.stderr);
if (result.code !== 0) {
  if (/denort|download|network|dns|connect|certificate/i.test(stderr)) {
    console.error(
      [
        "",
        "Cannot compile FORGE: deno compile could not get the Deno runtime (denort) for this target.",
        "It downloads it from dl.deno.land, which this machine cannot reach.",
        `Fix: set DENORT_BIN to a denort binary of Deno ${Deno.version.deno} for the target and run again,`,
        "or build on a machine with internet access (the release workflow compiles every target).",
      ].join("\n"),
    );
  }
  Deno.exit(result.code);
}
console.error(`built ${output}`);
