/**
 * Acknowledging alerts (`forge alerts --ack`, the dashboard's alerts view): by id or every open
 * one, recorded with who did it and audited. Unknown ids refuse the whole request, so a typo never
 * acknowledges half of what was meant.
 */
import { NotFoundError } from "../domain/mod.ts";
import type { Store } from "../store/mod.ts";
import { acknowledgeAlerts, listAlerts } from "../store/mod.ts";
import type { ActionContext } from "./action_context.ts";

/** Which alerts to acknowledge. */
export type AlertSelection =
  | { readonly kind: "ids"; readonly ids: readonly number[] }
  | { readonly kind: "all" };

/** What acknowledging did. */
export interface AckOutcome {
  /** Ids acknowledged now (for `all`, every alert that was open). */
  readonly acknowledged: readonly number[];
  /** Ids that were acknowledged before. */
  readonly already: readonly number[];
}

/** More alerts than anyone keeps open; the list is read once to check ids. */
const ALL = 1_000_000;

/**
 * Acknowledges alerts.
 *
 * @param ctx the action context and the open store
 * @param selection ids, or all open alerts
 * @returns which were acknowledged now and which were already
 * @throws {NotFoundError} when an id names no alert (nothing is acknowledged then)
 */
export async function ackAlerts(
  ctx: Pick<ActionContext, "actor" | "audit" | "clock"> & { readonly store: Store },
  selection: AlertSelection,
): Promise<AckOutcome> {
  const rows = listAlerts(ctx.store, { all: true, limit: ALL });
  const open = rows.filter((r) => r.acknowledgedAt === undefined).map((r) => r.id);
  let wanted: readonly number[];
  if (selection.kind === "all") {
    wanted = open;
  } else {
    const known = new Set(rows.map((r) => r.id));
    const unknown = selection.ids.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw new NotFoundError(
        `Cannot acknowledge alert "${unknown.join(", ")}": no alert has ${
          unknown.length === 1 ? "this id" : "these ids"
        }`,
        { hint: "forge alerts --all lists every alert with its id" },
      );
    }
    wanted = [...new Set(selection.ids)];
  }
  const openSet = new Set(open);
  const now = wanted.filter((id) => openSet.has(id));
  if (now.length > 0) {
    acknowledgeAlerts(ctx.store, { ids: now, by: ctx.actor.who, at: ctx.clock.now() });
  }
  await ctx.audit({
    actor: ctx.actor,
    action: "ack",
    target: selection.kind === "all" ? "alerts:all" : `alerts:${wanted.join(",")}`,
    outcome: "ok",
    details: { acknowledged: now, already: wanted.filter((id) => !openSet.has(id)) },
  });
  return { acknowledged: now, already: wanted.filter((id) => !openSet.has(id)) };
}
