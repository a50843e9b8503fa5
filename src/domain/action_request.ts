/**
 * A change to the fleet that a user asked for, in one shape for every interface: dashboard keys,
 * the command line, chat tools and the HTTP API all produce these, and the action layer performs
 * them (validated, confirmed where needed by the interface, audited).
 */

/** Most workers one request may spawn, whatever interface it comes from. */
export const MAX_SPAWN = 20;

/** One request. Targets are worker ids, or `all`. */
export type ActionRequest =
  | {
    readonly kind: "spawn";
    /** Worker config name (sim, claude-code, …). */
    readonly worker: string;
    readonly count: number;
    readonly workspace?: string;
  }
  | { readonly kind: "kill"; readonly target: string }
  | { readonly kind: "pause"; readonly target: string }
  | { readonly kind: "resume"; readonly target: string }
  /**
   * Start a new worker on a bead. `worker`: a worker config, a running worker (a new one on its
   * model), a model, or `auto` (routing chooses).
   */
  | { readonly kind: "assign"; readonly bead: string; readonly worker: string }
  | { readonly kind: "ack"; readonly alert: number | "all" }
  /**
   * Change limits in the configuration file: the most workers at once (overall, or of one
   * workspace given by path or name) and/or the monthly budget.
   */
  | {
    readonly kind: "limits";
    readonly maxWorkers?: number;
    readonly workspace?: string;
    readonly monthlyBudgetUsd?: number;
  };

/** What performing a request came to, in one sentence for the user. */
export interface ActionResult {
  readonly ok: boolean;
  readonly message: string;
}
