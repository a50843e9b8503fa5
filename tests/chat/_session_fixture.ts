/**
 * A chat session over a fixed fleet: real files in a temporary FORGE home (history, rate file),
 * a scripted backend, and recorders for performed actions and audit entries.
 */
import type {
  ActionRequest,
  AuditEntry,
  ChatData,
  ChatSettings,
  FleetSnapshot,
} from "../../src/domain/mod.ts";
import { configSchemas, homeLayout } from "../../src/domain/mod.ts";
import type { BackendReply, BackendRequest, ChatBackend, ChatDeps } from "../../src/chat/mod.ts";
import { denoFs } from "../../src/platform/mod.ts";
import { ManualClock } from "../helpers/manual_clock.ts";
import { fixtureSnapshot, WORKSPACES } from "../dashboard/_fixture.ts";

/** A session and what it did. */
export interface SessionFixture {
  readonly deps: ChatDeps;
  readonly clock: ManualClock;
  readonly performed: ActionRequest[];
  readonly audited: AuditEntry[];
  /** Requests the backend received. */
  readonly asked: BackendRequest[];
  readonly snapshot: FleetSnapshot;
}

/** How to build one. */
export interface SessionOptions {
  readonly home: string;
  /** The backend's replies, in order (a thrown error fails that request); none: no backend. */
  readonly replies?: (BackendReply | Error)[];
  readonly settings?: Record<string, unknown>;
  readonly snapshot?: FleetSnapshot;
  readonly readOnly?: boolean;
  readonly estimate?: number | undefined;
  readonly surface?: "cli" | "tui";
}

/**
 * Builds a session.
 *
 * @param options home, backend replies, settings
 * @returns the session and its recorders
 */
export async function sessionFixture(options: SessionOptions): Promise<SessionFixture> {
  const clock = new ManualClock(Date.UTC(2026, 10, 26, 10, 0, 0));
  const performed: ActionRequest[] = [];
  const audited: AuditEntry[] = [];
  const asked: BackendRequest[] = [];
  const snapshot = options.snapshot ?? fixtureSnapshot({ workers: 12, beads: 40 });
  const settings: ChatSettings = (await configSchemas()).chat.parse({
    ...(options.replies === undefined ? {} : { backend: "command", command: "fake" }),
    ...options.settings,
  });
  const replies = options.replies;
  const backend: ChatBackend | undefined = replies === undefined ? undefined : {
    name: "fake",
    ask: (request) => {
      asked.push(request);
      const next = replies.shift();
      if (next === undefined) return Promise.reject(new Error("no scripted reply left"));
      return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
    },
  };
  const data: ChatData = {
    snapshot: () => Promise.resolve(snapshot),
    breakdown: () => Promise.reject(new Error("no store in this fixture")),
    estimateSpawnCostUsd: () => Promise.resolve(options.estimate),
  };
  const deps: ChatDeps = {
    fs: denoFs,
    clock,
    layout: homeLayout(options.home),
    settings,
    backend,
    data,
    perform: (request) => {
      performed.push(request);
      return Promise.resolve({ ok: true, message: `did ${request.kind}` });
    },
    audit: (entry) => {
      audited.push(entry);
      return Promise.resolve();
    },
    actor: { who: "dev@box", via: "cli" },
    surface: options.surface ?? "cli",
    workerTypes: [
      { name: "sim", model: "sim-fast" },
      { name: "claude-code", model: "claude-sonnet-4-5" },
      { name: "opus", model: "claude-opus-4-1" },
    ],
    defaultWorker: "sim",
    workspaces: WORKSPACES.map((path) => ({ path, name: path.split("/").pop() ?? path })),
    ...(options.readOnly === undefined ? {} : { readOnly: options.readOnly }),
  };
  return { deps, clock, performed, audited, asked, snapshot };
}

/** A backend reply with these calls. */
export function reply(
  calls: readonly { tool: string; arguments: unknown }[],
  message = "",
  requiresConfirmation = false,
): BackendReply {
  return {
    message,
    calls: calls.map((c, i) => ({ id: `call-${i + 1}`, ...c })),
    requiresConfirmation,
  };
}
