/**
 * The engine's part of the fleet snapshot: whether it runs (here, or in the process that holds
 * the orchestrator lock), its pid, its worker limit and whether it is stopping, and the plans it
 * parked after usage limits.
 */
import type { FleetRole, FleetSnapshot, ParkedPlan } from "../domain/mod.ts";
import type { EngineState } from "../orchestrator/mod.ts";
import type { ActionContext } from "./action_context.ts";
import { runningOrchestrator } from "./orchestrator_lock.ts";
import { STORE_REFRESH_MS } from "./_snapshot_store.ts";

/** Describes the engine; the lock file is read as often as the store, not on every call. */
export class EngineSummary {
  readonly #ctx: Pick<ActionContext, "fs" | "processes" | "clock" | "layout" | "config">;
  readonly #role: FleetRole;
  readonly #knownPid: number | undefined;
  #pid: { readonly value: number | undefined; readonly at: number } | undefined;

  /**
   * @param ctx ports, FORGE home and configuration (the worker limit without an engine)
   * @param options the role, and the orchestrator's pid when the caller knows it
   */
  constructor(
    ctx: Pick<ActionContext, "fs" | "processes" | "clock" | "layout" | "config">,
    options: { readonly role: FleetRole; readonly orchestratorPid?: number },
  ) {
    this.#ctx = ctx;
    this.#role = options.role;
    this.#knownPid = options.orchestratorPid;
  }

  /**
   * The engine now.
   *
   * @param state the in-process engine's state (orchestrator role), if any yet
   * @returns running, pid, worker limit, stopping
   */
  async summary(state: EngineState | undefined): Promise<FleetSnapshot["engine"]> {
    const pid = await this.#orchestratorPid();
    const maxWorkers = state?.settings.maxWorkers ?? this.#ctx.config.max_workers;
    if (this.#role === "orchestrator") {
      return {
        running: state !== undefined,
        pid,
        maxWorkers,
        stopping: state !== undefined && state.stopping !== "no",
      };
    }
    return { running: pid !== undefined, pid, maxWorkers, stopping: false };
  }

  async #orchestratorPid(): Promise<number | undefined> {
    const now = this.#ctx.clock.now();
    const at = this.#pid?.at;
    if (at === undefined || now < at || now - at >= STORE_REFRESH_MS) {
      const found = await runningOrchestrator(this.#ctx).catch(() => undefined);
      // The pid the caller knew counts only while that process lives: an observer must see the
      // engine stop.
      const known = this.#knownPid;
      const alive = found === undefined && known !== undefined &&
        await this.#ctx.processes.isAlive(known).catch(() => false);
      this.#pid = { value: found ?? (alive ? known : undefined), at: now };
    }
    return this.#pid?.value;
  }
}

/**
 * Plans and models parked by usage limits, soonest back first.
 *
 * @param state the engine's state, if any
 * @param now the time
 * @returns those still parked
 */
export function parkedOf(state: EngineState | undefined, now: number): ParkedPlan[] {
  if (state === undefined) return [];
  return [...state.parked]
    .filter(([, until]) => until > now)
    .map(([name, until]) => ({ name, until }))
    .sort((a, b) => a.until - b.until || (a.name < b.name ? -1 : 1));
}
