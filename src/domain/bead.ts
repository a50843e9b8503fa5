/**
 * Beads: the tasks FORGE works on, as read from any `.beads/` format, and the port through which
 * FORGE changes them (claim, release, close) with whatever tool the workspace uses.
 */
import type { BeadId } from "./ids.ts";
import { ForgeError, type ForgeErrorOptions } from "./errors.ts";

/** A dependency edge owned by the dependent bead. */
export interface BeadDependency {
  /** The blocker (or, for `parent-child`, the parent). */
  readonly target: BeadId;
  /** Normalised type: `blocks`, `conditional-blocks`, `waits-for`, `parent-child`, `related`, … */
  readonly type: string;
}

/** A comment on a bead; ids are per-database counters (int or string on disk), kept as text. */
export interface BeadComment {
  readonly id: string;
  readonly author: string | undefined;
  readonly text: string;
  readonly createdAt: number | undefined;
}

/** One bead, normalised from classic JSONL, bd export or a bead-rs checkpoint. */
export interface Bead {
  readonly id: BeadId;
  readonly title: string;
  readonly description: string;
  /** Lowercase status; a bead-rs `manual_blocked` issue reads as `blocked`. */
  readonly status: string;
  /** 0 (most urgent) to 4; 2 when absent or out of range. */
  readonly priority: number;
  readonly issueType: string;
  readonly labels: readonly string[];
  /** Undefined when unassigned (absent, `""` and `null` all mean unassigned). */
  readonly assignee: string | undefined;
  readonly dependencies: readonly BeadDependency[];
  readonly createdAt: number | undefined;
  readonly updatedAt: number | undefined;
  readonly closedAt: number | undefined;
  readonly deferUntil: number | undefined;
  readonly pinned: boolean;
  readonly ephemeral: boolean;
  /** Why it was closed, when it was closed with a reason. */
  readonly closeReason?: string | undefined;
  /** The `acceptance_criteria` text, when the bead has one. */
  readonly acceptanceCriteria?: string | undefined;
  /** Issue-level metadata (an object on disk, or a JSON string holding one); absent when empty. */
  readonly metadata?: Readonly<Record<string, unknown>> | undefined;
  /** Comments in file order; absent when there are none. */
  readonly comments?: readonly BeadComment[] | undefined;
}

/** The on-disk formats FORGE reads. */
export type BeadFormat = "classic-jsonl" | "bead-rs-checkpoint";

/** A problem found while reading beads (never fatal). */
export interface BeadReadIssue {
  readonly kind:
    | "malformed-line"
    | "conflict-marker"
    | "duplicate-id"
    | "checksum-mismatch"
    | "unreadable"
    | "missing-field"
    | "invalid-field";
  /** 1-based line in `file`, when it applies. */
  readonly line: number | undefined;
  readonly file: string;
  readonly message: string;
}

/** Everything read from one workspace's `.beads/`. */
export interface BeadSnapshot {
  readonly workspace: string;
  /** The file the beads came from (undefined when the workspace has none). */
  readonly source: string | undefined;
  readonly format: BeadFormat | undefined;
  readonly beads: readonly Bead[];
  /** Bad lines are skipped and counted here with the first samples. */
  readonly issues: readonly BeadReadIssue[];
  /** Total malformed/conflict lines, even beyond the samples kept in `issues`. */
  readonly skippedLines: number;
}

/** The tools that can own a workspace's beads. */
export type BeadStoreKind = "br" | "bd" | "bead" | "jsonl";

/** A beads tool failed (timeout, missing, non-zero exit, unexpected output). */
export class BeadStoreError extends ForgeError {
  /** The tool that failed. */
  readonly tool: BeadStoreKind;
  /** Its exit code; 127 when it is not installed; undefined when it never ran or timed out. */
  readonly exitCode: number | undefined;
  readonly timedOut: boolean;

  /**
   * @param message `Cannot <verb> bead "<id>" with <tool>: <why>`
   * @param details the tool, its exit code and whether it timed out
   * @param options cause and hint
   */
  constructor(
    message: string,
    details: {
      readonly tool: BeadStoreKind;
      readonly exitCode?: number | undefined;
      readonly timedOut?: boolean;
    },
    options: ForgeErrorOptions = {},
  ) {
    super("BEAD_STORE", message, options);
    this.tool = details.tool;
    this.exitCode = details.exitCode;
    this.timedOut = details.timedOut ?? false;
  }
}

/** Outcome of a claim: expected outcomes are values, not exceptions. */
export type ClaimResult =
  | { readonly kind: "claimed" }
  | { readonly kind: "taken"; readonly by: string }
  | { readonly kind: "not-claimable"; readonly reason: string };

/** Changes to beads, through the workspace's own tool. */
export interface BeadStore {
  readonly kind: BeadStoreKind;
  readonly workspace: string;
  /** Reads one bead fresh from the tool; undefined when it does not exist. */
  show(id: BeadId): Promise<Bead | undefined>;
  /** Sets status in_progress and the assignee, then reads back to verify. */
  claim(id: BeadId, assignee: string): Promise<ClaimResult>;
  /** Back to `open` with no assignee; a closed bead is left closed (never reopened). */
  release(id: BeadId, options?: { readonly reason?: string }): Promise<void>;
  /** Closes with a reason, and checks that it really closed. */
  close(id: BeadId, options: { readonly reason: string }): Promise<void>;
}
