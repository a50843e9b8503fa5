/**
 * An in-memory world for runEngine(): beads and workers that the fake runEffect changes the way
 * the real actions would (claim on start, open on release, dead on kill), a fake clock that only
 * moves when the loop waits, and a script the test writes for each wait.
 */
import type { Effect, EngineEvent, EnginePorts } from "../../src/orchestrator/mod.ts";
import type { WorkerView } from "../../src/domain/mod.ts";
import { queue, queued, T0, view } from "./_fixtures.ts";

/** What the script does at one wait: return at once, or sleep until something wakes the loop. */
export type WaitMode = "return" | "sleep";

/** A fake world and the ports over it. */
export class FakeWorld {
  now = T0;
  readonly beads = new Map<string, { open: boolean; assignee: string | undefined }>();
  readonly views = new Map<string, WorkerView>();
  /** Effects in the order the loop decided them (from onState), including `stopped`. */
  readonly decided: Effect[] = [];
  readonly errors: { effect: Effect; error: unknown }[] = [];
  /** For each wait: whether its signal was already aborted when the loop started waiting. */
  readonly waits: { abortedAtEntry: boolean }[] = [];
  /** Effect kinds whose runEffect rejects. */
  readonly failing = new Set<Effect["kind"]>();
  readonly #pending: Promise<unknown>[] = [];
  readonly #script: (wait: number, world: FakeWorld) => WaitMode;

  /**
   * @param beadIds ready beads of the one workspace
   * @param script what happens at the n-th wait (1-based)
   */
  constructor(beadIds: readonly string[], script: (wait: number, world: FakeWorld) => WaitMode) {
    for (const id of beadIds) this.beads.set(id, { open: true, assignee: undefined });
    this.#script = script;
  }

  /** The worker on a bead closes it and exits. */
  complete(beadId: string): void {
    const bead = this.beads.get(beadId);
    if (bead?.assignee === undefined) throw new Error(`no worker on ${beadId}`);
    this.views.set(bead.assignee, view(bead.assignee, { state: "stopped", liveness: "dead" }));
    this.beads.delete(beadId);
  }

  /** The ports the engine runs on. */
  ports(): EnginePorts {
    return {
      clock: { now: () => this.now, sleep: () => Promise.resolve() },
      random: { next: () => 0.5 },
      waitForChange: (ms, signal) => this.#wait(ms, signal),
      loadQueues: () =>
        Promise.resolve([
          queue([...this.beads].map(([id, b]) =>
            queued(id, b.open ? {} : { state: "in_progress", assignee: b.assignee })
          )),
        ]),
      observeWorkers: () => Promise.resolve([...this.views.values()]),
      loadPlans: () => Promise.resolve({ plans: [], payPerTokenAllowed: true }),
      takeRateLimits: () => Promise.resolve([]),
      runEffect: (effect) => {
        const p = this.#run(effect);
        this.#pending.push(p);
        return p;
      },
      onState: (_state, effects) => this.decided.push(...effects),
      onError: (effect, error) => this.errors.push({ effect, error }),
    };
  }

  async #wait(ms: number, signal: AbortSignal): Promise<void> {
    this.waits.push({ abortedAtEntry: signal.aborted });
    // Every effect has reported back before the script looks at the world.
    await Promise.allSettled(this.#pending);
    const mode = this.#script(this.waits.length, this);
    if (mode === "return" || signal.aborted) {
      this.now += ms;
      return;
    }
    await new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve()));
  }

  async #run(effect: Effect): Promise<readonly EngineEvent[]> {
    await Promise.resolve();
    if (this.failing.has(effect.kind)) throw new Error(`${effect.kind} failed`);
    switch (effect.kind) {
      case "start": {
        const bead = this.beads.get(effect.bead.bead.id);
        if (bead === undefined || !bead.open) {
          return [{
            kind: "launch-failed",
            workerId: effect.workerId,
            stage: "claim",
            message: "taken",
            random: 0.5,
          }];
        }
        this.beads.set(effect.bead.bead.id, { open: false, assignee: effect.workerId });
        this.views.set(effect.workerId, view(effect.workerId, { bead: effect.bead.bead.id }));
        return [{ kind: "launched", workerId: effect.workerId, ok: true }];
      }
      case "release": {
        const bead = this.beads.get(effect.beadId);
        if (bead?.assignee === effect.workerId) {
          this.beads.set(effect.beadId, { open: true, assignee: undefined });
        }
        return [];
      }
      case "kill":
        this.views.set(effect.workerId, view(effect.workerId, { liveness: "dead" }));
        return [];
      case "check-bead": // a completed bead leaves the world
        return [{
          kind: "bead-checked",
          workerId: effect.workerId,
          closed: !this.beads.has(effect.beadId),
          random: 0.5,
        }];
      default:
        return [];
    }
  }
}

/** A short text per effect, for comparing sequences. */
export function summarize(effects: readonly Effect[]): string[] {
  return effects.flatMap((e) => {
    switch (e.kind) {
      case "start":
        return [`start ${e.bead.bead.id}`];
      case "finish":
        return [`finish ${e.outcome}`];
      case "release":
        return [`release ${e.beadId}`];
      case "kill":
      case "stopped":
        return [e.kind];
      default:
        return [];
    }
  });
}
