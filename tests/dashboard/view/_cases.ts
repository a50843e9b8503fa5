/**
 * The frames the golden tests keep: every view and the main overlays at the four sizes the
 * layout is designed for, plus states worth seeing once (loading, too small, empty fleet, a
 * filtered search, paused logs, observer mode with snapshot problems, a toast).
 */
import type { ChatPlan } from "../../../src/chat/mod.ts";
import type {
  DashboardModel,
  Size,
  TranscriptEntry,
  ViewName,
} from "../../../src/dashboard/model.ts";
import { VIEWS } from "../../../src/dashboard/model.ts";
import { FIXTURE_NOW, fixtureModel, fixtureSnapshot } from "../_fixture.ts";

/** One golden frame: its file name (without extension) and the model drawn. */
export interface GoldenCase {
  readonly name: string;
  readonly model: DashboardModel;
}

/** The sizes every view is kept at. */
export const GOLDEN_SIZES: readonly Size[] = [
  { width: 80, height: 24 },
  { width: 120, height: 40 },
  { width: 199, height: 38 },
  { width: 199, height: 55 },
];

const snapshot = fixtureSnapshot();

const TRANSCRIPT: readonly TranscriptEntry[] = [
  { from: "user", text: "spawn 2 sonnet on api-gateway", tone: "normal" },
  {
    from: "forge",
    text: "✓ Spawned sonnet-november and sonnet-oscar on api-gateway (claude-max).",
    tone: "ok",
  },
  { from: "user", text: "kil sonet-alpha", tone: "normal" },
  { from: "forge", text: 'Not understood: "kil sonet-alpha"', tone: "error" },
  { from: "forge", text: "did you mean: kill sonnet-alpha", tone: "dim" },
  { from: "user", text: "why is infra-lr4g waiting?", tone: "normal" },
  {
    from: "forge",
    text:
      "infra-lr4g is ready (score 75, P0) but every standard-tier plan is busy: claude-max is parked until 15:00 and max_workers (16) is reached. It goes to the next free worker.",
    tone: "normal",
  },
  { from: "forge", text: "  blockers  none", tone: "normal" },
];

/** A chat plan that asks first: pausing one workspace's workers (drawn in warning colours). */
const PAUSE_INFRA: ChatPlan = {
  text: "stop everything in infra",
  startedAt: FIXTURE_NOW,
  answeredBy: "command",
  message: "",
  suggestions: [],
  steps: [{
    call: {
      id: "call-1",
      tool: "pause_workers",
      arguments: { worker: "all", workspace: "infra" },
      effect: {
        kind: "action",
        request: { kind: "pause", target: "all" },
        scope: { workspace: "infra" },
      },
    },
    requests: ["codex-charlie", "codex-india", "haiku-delta"].map((target) => ({
      kind: "pause" as const,
      target,
    })),
    confirmation: { title: "Pause infra's 3 workers?", message: "…" },
  }],
  rejected: [],
  confirmation: { title: "Pause infra's 3 workers?", message: "…" },
  error: undefined,
  quit: false,
};

/** What each view shows in its golden frames besides the defaults. */
function viewState(view: ViewName): Partial<DashboardModel> {
  switch (view) {
    case "workers":
      return { selected: { workers: 3 } };
    case "tasks":
      return { selected: { tasks: 2 } };
    case "alerts":
      return { selected: { alerts: 1 } };
    case "routing":
      return { selected: { routing: 5 } };
    case "chat": {
      const command = fixtureModel(snapshot, GOLDEN_SIZES[0]!).command;
      return {
        command: { ...command, active: true, text: "pause all", cursor: 9, transcript: TRANSCRIPT },
      };
    }
    default:
      return {};
  }
}

function at(size: Size): string {
  return `${size.width}x${size.height}`;
}

/**
 * Every golden case.
 *
 * @returns the cases, in a stable order
 */
export function goldenCases(): GoldenCase[] {
  const cases: GoldenCase[] = [];
  for (const size of GOLDEN_SIZES) {
    for (const view of VIEWS) {
      cases.push({
        name: `${view}-${at(size)}`,
        model: fixtureModel(snapshot, size, { view, ...viewState(view) }),
      });
    }
    cases.push({
      name: `help-${at(size)}`,
      model: fixtureModel(snapshot, size, { view: "workers", overlay: { kind: "help" } }),
    });
    cases.push({
      name: `confirm-${at(size)}`,
      model: fixtureModel(snapshot, size, {
        view: "workers",
        selected: { workers: 0 },
        overlay: {
          kind: "confirm",
          title: "Kill worker",
          message: "Kill sonnet-alpha? Its bead api-100 goes back to the queue.",
          pending: { kind: "action", action: { kind: "kill", target: "sonnet-alpha" } },
        },
      }),
    });
    cases.push({
      name: `task-${at(size)}`,
      model: fixtureModel(snapshot, size, {
        view: "tasks",
        selected: { tasks: 27 },
        overlay: { kind: "task", index: 27 },
      }),
    });
  }
  return [...cases, ...states()];
}

function states(): GoldenCase[] {
  const small = { width: 80, height: 24 };
  const mid = { width: 120, height: 40 };
  const base = fixtureModel(snapshot, mid);
  return [
    { name: "loading-80x24", model: fixtureModel(undefined, small) },
    { name: "too-small-60x20", model: fixtureModel(snapshot, { width: 60, height: 20 }) },
    {
      name: "empty-overview-120x40",
      model: fixtureModel(fixtureSnapshot({ workers: 0, beads: 0, overrides: emptyFleet() }), mid),
    },
    {
      name: "tasks-search-120x40",
      model: fixtureModel(snapshot, mid, {
        view: "tasks",
        tasks: { ...base.tasks, search: "dashboard", searching: true, priority: 1 },
      }),
    },
    {
      name: "tasks-nomatch-80x24",
      model: fixtureModel(snapshot, small, {
        view: "tasks",
        tasks: { ...base.tasks, search: "kubernetes", priority: 0 },
      }),
    },
    {
      name: "logs-paused-120x40",
      model: fixtureModel(snapshot, mid, {
        view: "logs",
        selected: { logs: 30 },
        logs: { source: undefined, level: "warn", follow: false },
      }),
    },
    {
      name: "chat-asking-120x40",
      model: fixtureModel(snapshot, mid, {
        view: "chat",
        command: {
          ...base.command,
          active: true,
          transcript: [...TRANSCRIPT, {
            from: "user",
            text: "which beads are stuck?",
            tone: "normal",
          }],
          asking: { text: "which beads are stuck?", stage: "reading" },
        },
      }),
    },
    {
      name: "confirm-chat-120x40",
      model: fixtureModel(snapshot, mid, {
        view: "chat",
        command: {
          ...base.command,
          active: true,
          transcript: [
            { from: "user", text: "stop everything in infra", tone: "normal" },
            { from: "forge", text: "Pause infra's 3 workers? (y/n)", tone: "normal" },
          ],
          asking: { text: "stop everything in infra", stage: "confirming" },
        },
        overlay: {
          kind: "confirm",
          title: "Pause infra's 3 workers?",
          message: "codex-charlie, codex-india, haiku-delta finish their beads, then wait.",
          pending: { kind: "chat", plan: PAUSE_INFRA },
        },
      }),
    },
    {
      name: "alert-details-120x40",
      model: fixtureModel(snapshot, mid, { view: "alerts", overlay: { kind: "alert", index: 0 } }),
    },
    {
      name: "observer-problems-120x40",
      model: fixtureModel(
        fixtureSnapshot({
          overrides: {
            role: "observer",
            problems: ["store: database is locked", "beads (infra): 3 malformed lines skipped"],
          },
        }),
        mid,
        {
          readOnly: true,
          toasts: [{
            text: "observing: actions are refused",
            level: "warn",
            until: FIXTURE_NOW + 1,
          }],
        },
      ),
    },
  ];
}

function emptyFleet() {
  return {
    costs: undefined,
    costByModel: [],
    hourlyCostUsd: [],
    plans: [],
    metrics: undefined,
    alerts: [],
    routing: [],
    activity: [],
    parked: [],
  };
}
