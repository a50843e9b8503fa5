/**
 * Hostile text for the status page's tests: markup, attribute breakouts, terminal escapes and
 * quotes in every place the page shows text that FORGE did not write itself (bead titles, model
 * names from status files, alert and log messages, problems).
 */
import type { FleetSnapshot, FleetWorker } from "../../src/domain/mod.ts";
import { fixtureSnapshot } from "../dashboard/_fixture.ts";

/** Strings an attacker (or a confused agent) could put in a bead title or a log line. */
export const HOSTILE: readonly string[] = [
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(2)>',
  "'><svg onload=alert(3)>",
  "\u001b[2J\u001b[31mred\u001b[0m \u001b]0;owned\u0007 \u009b6n",
  'Tom & Jerry\'s "quoted" <b>bold</b>',
  "</td></tr></table></main><script src=//evil.example/x.js></script>",
];

/** The source of the hostile log lines: worker ids are validated, so an id is never hostile. */
export const HOSTILE_WORKER = "sim-hostile";

/**
 * The fixture fleet with hostile text everywhere text comes from outside FORGE.
 *
 * @returns the snapshot
 */
export function hostileSnapshot(): FleetSnapshot {
  const base = fixtureSnapshot({ beads: 12, title: (i) => HOSTILE[i % HOSTILE.length]! });
  const first = base.workers[0]!;
  const worker: FleetWorker = {
    ...first,
    view: {
      ...first.view,
      health: "degraded",
      healthReason: HOSTILE[1],
      status: { ...first.view.status, model: HOSTILE[0], currentTask: HOSTILE[2] },
    },
  };
  return {
    ...base,
    workers: [worker, ...base.workers.slice(1)],
    alerts: HOSTILE.map((message, i) => ({
      id: 100 + i,
      at: base.at - i * 60_000,
      severity: "warning",
      kind: HOSTILE[(i + 1) % HOSTILE.length]!,
      subject: HOSTILE[(i + 2) % HOSTILE.length]!,
      message,
      acknowledged: false,
    })),
    activity: HOSTILE.map((message, i) => ({
      at: base.at - i * 1000,
      level: "warn",
      source: HOSTILE_WORKER,
      message,
    })),
    problems: [HOSTILE[0]!],
  };
}
