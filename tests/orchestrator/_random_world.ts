/**
 * A random world for the engine's invariant test: beads in two workspaces, workers with random
 * fates, launches that succeed or fail later, stale queues, usage limits and time. The world
 * answers effects the way the real actions do (claim on a successful launch, release only when the
 * bead is still the worker's, a failed launch gives its claim back), and keeps the truth the
 * invariants are checked against. Seeded, so a failing sequence can be replayed.
 */
import type { TaskQueue, WorkerState } from "../../src/domain/mod.ts";
import type {
  Effect,
  EngineEvent,
  EngineSettings,
  PlanStatus,
} from "../../src/orchestrator/mod.ts";
import { plan, queue, queued, settings, T0, TYPES, view } from "./_fixtures.ts";
import { seededRandom } from "../helpers/seeded_random.ts";

interface WorldBead {
  readonly ws: string;
  readonly id: string;
  status: "open" | "in_progress" | "closed";
  assignee: string | undefined;
  readonly score: number;
  readonly blocked: boolean;
}

interface WorldWorker {
  readonly id: string;
  readonly bead: WorldBead;
  alive: boolean;
  state: WorkerState;
  stuck: boolean;
  file: boolean;
  /** Started by a previous run of the orchestrator. */
  readonly stray: boolean;
}

const WORKSPACES = ["/w/a", "/w/b"];

/** The world. */
export class RandomWorld {
  readonly r: () => number;
  now = T0;
  readonly settings: EngineSettings;
  readonly beads: WorldBead[] = [];
  readonly workers = new Map<string, WorldWorker>();
  /** Start effects whose launch has not answered yet. */
  readonly pending: Extract<Effect, { kind: "start" }>[] = [];
  /** Events the world produced that the engine has not seen yet (launch results). */
  readonly outbox: EngineEvent[] = [];
  readonly #published = new Map<string, TaskQueue[]>();
  readonly #delivered = new Map<string, number>();
  #nextBead = 0;

  constructor(seed: number) {
    this.r = seededRandom(seed);
    const types = Object.values(TYPES).filter(() => this.r() < 0.7);
    this.settings = settings({
      maxWorkers: 1 + this.int(5),
      workspaceMaxWorkers: new Map(this.r() < 0.5 ? [["/w/a", 1 + this.int(3)]] : []),
      workspacePriority: new Map([["/w/b", this.int(3)]]),
      workerTypes: (types.length > 0 ? types : [TYPES.sonnet]).map((t) =>
        this.r() < 0.3 ? { ...t, maxWorkers: 1 + this.int(2) } : t
      ),
    });
    for (let i = 0; i < 3 + this.int(8); i++) this.addBead();
    for (let i = 0; i < this.int(Math.min(3, this.settings.maxWorkers + 1)); i++) this.addStray();
  }

  int(n: number): number {
    return Math.floor(this.r() * n);
  }

  pick<T>(items: readonly T[]): T | undefined {
    return items[this.int(items.length)];
  }

  addBead(): void {
    this.beads.push({
      ws: this.pick(WORKSPACES)!,
      id: `bd-${this.#nextBead++}`,
      status: "open",
      assignee: undefined,
      score: this.int(101),
      blocked: this.r() < 0.15,
    });
  }

  /** A live (or dead) worker of a previous run on an in-progress bead. */
  addStray(): void {
    const bead = this.pick(this.beads.filter((b) => b.status === "open"));
    if (bead === undefined) return;
    const id = `stray-${this.workers.size}`;
    bead.status = "in_progress";
    bead.assignee = id;
    const alive = this.r() < 0.8;
    this.workers.set(id, {
      id,
      bead,
      alive,
      state: "active",
      stuck: false,
      file: true,
      stray: true,
    });
  }

  /** Reads the queue of one workspace as it is now; the engine may get it later. */
  snapshot(ws: string): void {
    const beads = this.beads.filter((b) => b.ws === ws && (b.status !== "closed" || this.r() < 0.3))
      .map((b) =>
        queued(b.id, {
          workspace: ws,
          score: b.score,
          state: b.status === "closed"
            ? "closed"
            : b.status === "in_progress"
            ? "in_progress"
            : b.blocked
            ? "blocked"
            : "ready",
          assignee: b.assignee,
        })
      );
    this.#published.set(ws, [...(this.#published.get(ws) ?? []), queue(beads, ws)]);
  }

  /**
   * A queue the engine receives: the newest read, or one that lags behind it (a reader never
   * goes back past a read it already delivered).
   */
  deliverQueue(ws: string, fresh: boolean): TaskQueue | undefined {
    if (fresh) this.snapshot(ws);
    const reads = this.#published.get(ws) ?? [];
    const from = this.#delivered.get(ws) ?? 0;
    if (reads.length <= from) return undefined;
    const index = fresh ? reads.length - 1 : from + this.int(reads.length - from);
    this.#delivered.set(ws, index);
    return reads[index];
  }

  /** Workers live, die, finish, fail or hang at random. */
  evolve(): void {
    for (const w of this.workers.values()) {
      if (!w.alive || w.stray && this.r() < 0.5) continue;
      const fate = this.r();
      if (fate < 0.12) {
        Object.assign(w, { alive: false, state: "stopped" });
        if (w.bead.assignee === w.id) w.bead.status = "closed";
      } else if (fate < 0.16) Object.assign(w, { alive: false, state: "stopped" });
      else if (fate < 0.2) Object.assign(w, { alive: this.r() < 0.5, state: "failed" });
      else if (fate < 0.24) w.alive = false;
      else if (fate < 0.27) w.stuck = true;
      else if (fate < 0.29) Object.assign(w, { alive: false, file: false });
    }
  }

  /** What the status files and processes show now. */
  observe(): EngineEvent {
    const views = [...this.workers.values()].filter((w) => w.file).map((w) =>
      view(w.id, {
        state: w.state,
        liveness: w.alive ? "alive" : "dead",
        health: w.stuck ? "stuck" : "healthy",
        bead: w.bead.id,
      })
    );
    return { kind: "observed", now: this.now, workers: views, random: this.r() };
  }

  /** One pending launch answers: claimed and launched, or the claim or the launch failed. */
  answerLaunch(): void {
    const start = this.pending.splice(this.int(this.pending.length), 1)[0];
    if (start === undefined) return;
    const bead = this.beads.find((b) => b.ws === start.workspace && b.id === start.bead.bead.id)!;
    const random = this.r();
    if (bead.status !== "open" || this.r() < 0.05) {
      this.outbox.push({
        kind: "launch-failed",
        workerId: start.workerId,
        stage: "claim",
        message: "taken",
        random,
      });
    } else if (this.r() < 0.2) {
      // claimed, the launch failed, and startWorker gave the claim back
      this.outbox.push({
        kind: "launch-failed",
        workerId: start.workerId,
        stage: "launch",
        message: "boom",
        random,
      });
    } else {
      bead.status = "in_progress";
      bead.assignee = start.workerId;
      const file = this.r() < 0.9;
      this.workers.set(start.workerId, {
        id: start.workerId,
        bead,
        alive: true,
        state: "starting",
        stuck: false,
        file,
        stray: false,
      });
      this.outbox.push({ kind: "launched", workerId: start.workerId, ok: true });
    }
  }

  /** Random plans and budget. */
  plans(): EngineEvent {
    const plans: PlanStatus[] = this.r() < 0.5 ? [] : [
      plan("claude-max", {
        models: ["claude-*"],
        remaining: this.pick([0, 0.3, 0.9]),
        resetsAt: this.now + this.int(3) * 3_600_000,
        maxWorkers: this.pick([undefined, 1, 2]),
      }),
    ];
    return { kind: "plans", plans, payPerTokenAllowed: this.r() < 0.7 };
  }

  /** Runs an effect against the world, as the real actions would. */
  apply(effect: Effect): void {
    if (effect.kind === "start") this.pending.push(effect);
    if (effect.kind === "release") {
      const bead = this.beads.find((b) => b.ws === effect.workspace && b.id === effect.beadId);
      if (bead !== undefined && bead.status !== "closed" && bead.assignee === effect.workerId) {
        bead.status = "open";
        bead.assignee = undefined;
      }
    }
    if (effect.kind === "check-bead") {
      const bead = this.beads.find((b) => b.ws === effect.workspace && b.id === effect.beadId);
      this.outbox.push({
        kind: "bead-checked",
        workerId: effect.workerId,
        closed: bead?.status === "closed",
        random: this.r(),
      });
    }
    if (effect.kind === "kill") {
      const w = this.workers.get(effect.workerId);
      if (w !== undefined) w.alive = false;
    }
  }
}
