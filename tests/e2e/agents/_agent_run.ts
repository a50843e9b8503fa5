/**
 * Puts real agents into a FORGE sandbox: installs each CLI (once), starts its scripted server,
 * gives it an isolated home, and writes `FORGE_HOME/workers/<name>.yaml` — the shipped worker
 * config with only `model` and `environment:` changed — so `forge run` starts the shipped
 * launcher unchanged. Disposing closes the servers.
 */
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { Store } from "../../../src/store/mod.ts";
import type { ForgeSandbox } from "../../helpers/forge_env.ts";
import type { AgentKit } from "./_agent_kit.ts";
import { ensureAgent } from "./install_agents.ts";
import type { Scenarios } from "./_scenario.ts";
import type { ScriptedServer } from "./_scripted_server.ts";

const MANIFESTS = new URL("../../../manifests/workers/", import.meta.url).pathname;

/** Agents running in a sandbox. */
export interface AgentFleet extends AsyncDisposable {
  /** The scripted server of each agent, by worker config name. */
  readonly servers: ReadonlyMap<string, ScriptedServer>;
}

/** One agent and what its model plays. */
export interface AgentPlan {
  readonly kit: AgentKit;
  readonly scenarios: Scenarios;
  /** Extra worker config keys (e.g. `max_workers`). */
  readonly config?: Readonly<Record<string, unknown>>;
}

/**
 * Sets up agents in a sandbox.
 *
 * @param sb the sandbox (its FORGE_HOME gets the worker configs)
 * @param plans the agents
 * @returns the running servers; use with `await using`
 */
export async function setupAgents(
  sb: ForgeSandbox,
  plans: readonly AgentPlan[],
): Promise<AgentFleet> {
  const servers = new Map<string, ScriptedServer>();
  const closeAll = async () => {
    for (const s of servers.values()) await s.close().catch(() => {});
  };
  try {
    const bins = await Promise.all(plans.map((p) => ensureAgent(p.kit.name)));
    await Deno.mkdir(join(sb.home, "workers"), { recursive: true });
    for (const [i, plan] of plans.entries()) {
      const server = plan.kit.startServer(plan.scenarios);
      servers.set(plan.kit.name, server);
      const home = join(sb.root, `agent-home-${plan.kit.name}`);
      await Deno.mkdir(home, { recursive: true });
      const environment = await plan.kit.prepare({
        home,
        serverUrl: server.url,
        bin: bins[i] as string,
        model: plan.kit.model,
      });
      const shipped = parse(await Deno.readTextFile(join(MANIFESTS, `${plan.kit.name}.yaml`)));
      const config = {
        ...shipped,
        model: plan.kit.model,
        models: [plan.kit.model],
        environment,
        ...(plan.config ?? {}),
      };
      await Deno.writeTextFile(
        join(sb.home, "workers", `${plan.kit.name}.yaml`),
        stringify(config),
      );
    }
  } catch (error) {
    await closeAll();
    throw error;
  }
  return { servers, [Symbol.asyncDispose]: closeAll };
}

/**
 * Rows of a query on the sandbox's FORGE database (read-only use).
 *
 * @param sb the sandbox
 * @param sql the query
 * @returns the rows
 */
export function storeRows(sb: ForgeSandbox, sql: string): Record<string, unknown>[] {
  const store = Store.open(join(sb.home, "forge.db"));
  try {
    return store.statement(sql).all() as Record<string, unknown>[];
  } finally {
    store.close();
  }
}

/**
 * How each bead's assignments ended so far, oldest first.
 *
 * @param sb the sandbox
 * @returns bead id → outcomes (null while running)
 */
export function outcomesByBead(sb: ForgeSandbox): Map<string, (string | null)[]> {
  const out = new Map<string, (string | null)[]>();
  for (const r of storeRows(sb, "SELECT bead_id, outcome FROM assignments ORDER BY id")) {
    const list = out.get(String(r["bead_id"])) ?? [];
    list.push(r["outcome"] === null ? null : String(r["outcome"]));
    out.set(String(r["bead_id"]), list);
  }
  return out;
}

/**
 * Runs the assertions of a test; when one fails, adds the end of every worker's log and stderr
 * to the error, since the sandbox (and the agent's own words) are gone afterwards.
 *
 * @param sb the sandbox
 * @param check the assertions
 * @returns what `check` returns
 * @throws {Error} the failure, with the workers' logs
 */
export async function withWorkerLogs<T>(sb: ForgeSandbox, check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (error) {
    const parts: string[] = [];
    const dir = join(sb.home, "logs");
    const names: string[] = [];
    for await (const e of Deno.readDir(dir)) if (/\.(log|err)$/.test(e.name)) names.push(e.name);
    for (const name of names.sort()) {
      const text = await Deno.readTextFile(join(dir, name)).catch(() => "");
      parts.push(
        `--- ${name}\n${text.split("\n").slice(-15).map((l) => l.slice(0, 300)).join("\n")}`,
      );
    }
    if (error instanceof Error) error.message += `\n\nworker logs:\n${parts.join("\n")}`;
    throw error;
  }
}
