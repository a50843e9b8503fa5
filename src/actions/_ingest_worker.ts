/**
 * The worker thread of ingestion: parses a log and posts its batches to the ingesting thread,
 * at most a few ahead (it waits for acknowledgements), so memory stays bounded.
 */
import { denoFs } from "../platform/mod.ts";
import { type ParseJob, parseLogBatches } from "./_ingest_parse.ts";

/** Batches posted before waiting for the ingesting thread to catch up. */
const AHEAD = 3;

/** The worker's global scope, typed without the worker lib (which would clash with the main one). */
const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent) => void) | null;
  postMessage(message: unknown, transfer?: Transferable[]): void;
};

let credits = AHEAD;
let wake: (() => void) | undefined;

scope.onmessage = async (event: MessageEvent) => {
  const message = event.data as { kind: "job"; job: ParseJob } | { kind: "ack" };
  if (message.kind === "ack") {
    credits++;
    wake?.();
    return;
  }
  try {
    for await (const batch of parseLogBatches(denoFs, message.job)) {
      while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
      credits--;
      scope.postMessage({ kind: "batch", batch }, [
        batch.usage.nums.buffer as ArrayBuffer,
        batch.usage.strs.buffer as ArrayBuffer,
      ]);
    }
    scope.postMessage({ kind: "done" });
  } catch (error) {
    scope.postMessage({ kind: "error", message: (error as Error).message });
  }
};
