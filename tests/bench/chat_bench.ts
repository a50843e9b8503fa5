/**
 * What a chat request costs FORGE itself, without any model: the fast path reading a line, and a
 * whole request (plan + execute: fast path, call check, the answer to a query over 100 workers
 * and 10,000 beads, the audit call and the history append on disk), against the fast path alone.
 * A backend's own latency (seconds for a real model) is not FORGE's and is not measured here.
 */
import { executePlan, parseFastPath, planChat } from "../../src/chat/mod.ts";
import { fixtureSnapshot } from "../dashboard/_fixture.ts";
import { sessionFixture } from "../chat/_session_fixture.ts";

const PHRASES = [
  "spawn 2 sim",
  "spawn two sonnet workers",
  "kill sonnet-alpha",
  "pause everyone on workspace api-gateway",
  "show p0 tasks",
  "why is api-100 waiting?",
  "what did opus cost this week?",
  "set max workers to 5",
  "make the flaky tests pass",
  "help",
];

const home = await Deno.makeTempDir({ prefix: "forge_chat_bench_" });
const snapshot = fixtureSnapshot({ workers: 100, beads: 10_000 });
const s = await sessionFixture({ home, snapshot });
const context = {
  workers: snapshot.workers.map((w) => ({
    id: w.view.id,
    model: w.view.status.model,
    workerType: w.workerType,
    workspace: w.workspace,
  })),
  workerTypes: s.deps.workerTypes,
  defaultWorker: "sim",
  workspaces: s.deps.workspaces,
};

Deno.bench(
  "parseFastPath(): 10 typical lines, 100 workers",
  { group: "chat", baseline: true },
  () => {
    for (const p of PHRASES) parseFastPath(p, context);
  },
);

Deno.bench(
  'planChat() + executePlan(): "show workers", 100 workers',
  { group: "chat" },
  async () => {
    await executePlan(s.deps, await planChat(s.deps, "show workers"), { approved: false });
  },
);

Deno.bench(
  'planChat() + executePlan(): "show p0 tasks", 10,000 beads',
  { group: "chat" },
  async () => {
    await executePlan(s.deps, await planChat(s.deps, "show p0 tasks"), { approved: false });
  },
);

globalThis.addEventListener("unload", () => Deno.removeSync(home, { recursive: true }));
