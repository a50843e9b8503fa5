/**
 * @module
 * Beads: reading every `.beads/` format (classic JSONL from bd/br/bf, bd export lines, bead-rs
 * checkpoints) into normalised `Bead`s, the BeadStore adapters that change beads through the
 * workspace's own tool (`br`, `bd`, `bead`, or the built-in JSONL editor), and the task prompt
 * a launcher gives its agent. All I/O goes through the ports in `domain/`.
 */
export { parseBeadLines } from "./parse_bead_lines.ts";
export type { ParsedBeadLines } from "./parse_bead_lines.ts";
export { discoverBeadSource, resolveBeadsDir } from "./discover_bead_source.ts";
export type { BeadsDir, BeadSource } from "./discover_bead_source.ts";
export { readCheckpoint } from "./read_checkpoint.ts";
export type { CheckpointData, ReadCheckpointOptions } from "./read_checkpoint.ts";
export { readBeads } from "./read_beads.ts";
export { BeadLineCache } from "./bead_line_cache.ts";
export type { CachedLine, LineNote } from "./bead_line_cache.ts";
export type { ReadBeadsOptions } from "./read_beads.ts";
export { detectBeadStore } from "./detect_bead_store.ts";
export type { BeadStoreChoice } from "./detect_bead_store.ts";
export { createBeadStore } from "./create_bead_store.ts";
export type { CreateBeadStoreOptions } from "./create_bead_store.ts";
export { cliBeadStore } from "./cli_bead_store.ts";
export type { CliBeadStoreOptions } from "./cli_bead_store.ts";
export { jsonlBeadStore } from "./jsonl_bead_store.ts";
export type { JsonlBeadStoreOptions } from "./jsonl_bead_store.ts";
export { CLAIM_LOCK_FILE, withClaimLock } from "./with_claim_lock.ts";
export type { ClaimLockOptions } from "./with_claim_lock.ts";
export { buildTaskPrompt } from "./build_task_prompt.ts";
export type { TaskPromptOptions } from "./build_task_prompt.ts";
export { priorityLabel } from "./priority_label.ts";
export type { CliTool } from "./_cli_tool.ts";
export { buildTaskQueue } from "./build_task_queue.ts";
export { createTaskGraph, TaskGraph } from "./task_graph.ts";
export type { BeadChange, TaskGraphOptions } from "./task_graph.ts";
export { diffBeads } from "./diff_beads.ts";
export { scoreBead, ZERO_SCORE } from "./score_bead.ts";
export type { ScoreOptions } from "./score_bead.ts";
