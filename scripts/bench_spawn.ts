/**
 * Benchmark: spawn 20 `sim` workers through the launcher protocol (`forge spawn --worker sim
 * --count 20`, a whole process, from source), five times, each run ending with `forge kill --all`.
 * Runs in a throw-away FORGE home with its own tmux server. Prints min / median / max wall time.
 *
 *   deno run -A scripts/bench_spawn.ts [--runs 5] [--count 20]
 */
// deno-lint-ignore-file no-console
import { join } from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  args: Deno.args,
  options: { runs: { type: "string" }, count: { type: "string" } },
});
const runs = Number(values.runs ?? 5);
const count = Number(values.count ?? 20);
const root = await Deno.makeTempDir({ prefix: "forge_bench_spawn_" });
const env = {
  ...Deno.env.toObject(),
  FORGE_HOME: join(root, "home"),
  TMUX_TMPDIR: join(root, "tmux"),
  SIM_WORK_SECONDS: "30",
};
delete (env as Record<string, string | undefined>)["TMUX"];
await Deno.mkdir(join(root, "tmux"), { recursive: true });
await Deno.mkdir(join(root, "home"), { recursive: true });
await Deno.mkdir(join(root, "ws"), { recursive: true });
await Deno.writeTextFile(join(root, "home", "config.yaml"), `max_workers: ${count * 2}\n`);
const main = new URL("../main.ts", import.meta.url).pathname;

async function forge(args: string[]): Promise<{ code: number; ms: number }> {
  const start = performance.now();
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--quiet", main, ...args],
    env,
    clearEnv: true,
    cwd: join(root, "ws"),
    stdout: "null",
    stderr: "piped",
  }).output();
  if (out.code !== 0) console.error(new TextDecoder().decode(out.stderr));
  return { code: out.code, ms: performance.now() - start };
}

const times: number[] = [];
try {
  for (let i = 0; i < runs; i++) {
    const spawn = await forge(["spawn", "--worker", "sim", "--count", String(count)]);
    if (spawn.code !== 0) throw new Error(`spawn failed with exit ${spawn.code}`);
    times.push(spawn.ms);
    await forge(["kill", "--all", "--yes"]);
  }
} finally {
  await new Deno.Command("tmux", { args: ["kill-server"], env, clearEnv: true, stderr: "null" })
    .output();
  await Deno.remove(root, { recursive: true }).catch(() => {});
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)] ?? 0;
console.log(
  `spawn ${count} sim workers: median ${(median / 1000).toFixed(2)} s ` +
    `(min ${((times[0] ?? 0) / 1000).toFixed(2)} s, max ${
      ((times.at(-1) ?? 0) / 1000).toFixed(2)
    } s, ${runs} runs)`,
);
