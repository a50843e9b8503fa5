/**
 * A separate process for the SIGKILL test: ingests the logs of a FORGE home into a database,
 * prints "done", then waits for stdin to close (so the test always kills a live process).
 *
 * Usage: deno run -A _ingest_child.ts <home> <database>
 */
import { ingestLogs } from "../../src/actions/mod.ts";
import { defaultConfig, homeLayout } from "../../src/domain/mod.ts";
import { denoFs, systemClock } from "../../src/platform/mod.ts";
import { Store } from "../../src/store/mod.ts";

const [home, database] = Deno.args as [string, string];
const store = Store.open(database);
const report = await ingestLogs({
  fs: denoFs,
  clock: systemClock,
  layout: homeLayout(home),
  config: await defaultConfig(),
  store,
});
store.close();
await Deno.stdout.write(new TextEncoder().encode(`done ${report.usageInserted}\n`));
for await (const _ of Deno.stdin.readable) { /* wait until the test closes stdin */ }
