/**
 * Reads every bead of a workspace from its authoritative file, whatever the format. Never throws
 * for bad data: problems end up in the snapshot's `issues`.
 */
import { join } from "node:path";
import type { BeadReadIssue, BeadSnapshot, Clock, FileSystem } from "../domain/mod.ts";
import { errorMessage } from "../domain/mod.ts";
import { BeadCollector } from "./_collector.ts";
import { scanInto } from "./_scan_lines.ts";
import type { BeadLineCache } from "./bead_line_cache.ts";
import { discoverBeadSource } from "./discover_bead_source.ts";
import { parseBeadLines } from "./parse_bead_lines.ts";
import { readCheckpoint } from "./read_checkpoint.ts";

/** What reading needs. */
export interface ReadBeadsOptions {
  readonly fs: FileSystem;
  /**
   * When given, a half-written last line is read again after a short wait, and a checkpoint
   * that moved mid-read is retried after a pause.
   */
  readonly clock?: Clock;
  /** Lines of this workspace's earlier reads: unchanged lines are not parsed again. */
  readonly cache?: BeadLineCache;
}

/** Rereads of a JSONL file whose last line is incomplete. */
const TAIL_RETRIES = 2;
const TAIL_RETRY_MS = 50;

/**
 * Reads a workspace's beads (spec/beads.md §8).
 *
 * @param workspace the workspace directory (or its `.beads`)
 * @param options file access, and a clock for retries
 * @returns the snapshot; empty, with `source` undefined, when the workspace has no beads file
 */
export async function readBeads(
  workspace: string,
  options: ReadBeadsOptions,
): Promise<BeadSnapshot> {
  const source = await discoverBeadSource(workspace, options);
  switch (source.kind) {
    case "none": {
      const issues: BeadReadIssue[] = source.problem === undefined ? [] : [{
        kind: "unreadable",
        line: undefined,
        file: source.beadsDir,
        message: source.problem,
      }];
      return {
        workspace,
        source: undefined,
        format: undefined,
        beads: [],
        issues,
        skippedLines: 0,
      };
    }
    case "checkpoint":
      return await readFromCheckpoint(workspace, source.beadsDir, options);
    case "jsonl":
      return await readFromJsonl(workspace, source.path, options);
    default: {
      const never: never = source;
      throw new TypeError(`unknown bead source ${JSON.stringify(never)}`);
    }
  }
}

async function readFromCheckpoint(
  workspace: string,
  beadsDir: string,
  options: ReadBeadsOptions,
): Promise<BeadSnapshot> {
  const data = await readCheckpoint(beadsDir, options);
  const collector = new BeadCollector(options.cache);
  for (const file of data.files) scanInto(collector, file.bytes, file.path);
  options.cache?.endRead();
  const collected = collector.finish();
  return {
    workspace,
    source: data.root ?? join(beadsDir, "checkpoint", "current.json"),
    format: "bead-rs-checkpoint",
    beads: collected.beads,
    issues: [...data.issues, ...collected.issues],
    skippedLines: collected.skippedLines,
  };
}

async function readFromJsonl(
  workspace: string,
  path: string,
  options: ReadBeadsOptions,
): Promise<BeadSnapshot> {
  const base = { workspace, source: path, format: "classic-jsonl" as const };
  for (let attempt = 0;; attempt++) {
    let bytes: Uint8Array;
    try {
      bytes = await options.fs.readFile(path);
    } catch (error) {
      const message = `cannot read: ${errorMessage(error)}`;
      const issue: BeadReadIssue = { kind: "unreadable", line: undefined, file: path, message };
      return { ...base, beads: [], issues: [issue], skippedLines: 0 };
    }
    const parsed = parseBeadLines(bytes, path, { cache: options.cache });
    if (parsed.truncatedTail && options.clock !== undefined && attempt < TAIL_RETRIES) {
      await options.clock.sleep(TAIL_RETRY_MS);
      continue;
    }
    return {
      ...base,
      beads: parsed.beads,
      issues: parsed.issues,
      skippedLines: parsed.skippedLines,
    };
  }
}
