/**
 * The ingesting thread's side of the parse worker: starts it on first use, feeds it one log at a
 * time, and turns its messages back into batches (acknowledging each so it stays a few ahead).
 */
import { ForgeError } from "../domain/mod.ts";
import type { ParsedBatch, ParseJob } from "./_ingest_parse.ts";

type WorkerMessage =
  | { readonly kind: "batch"; readonly batch: ParsedBatch }
  | { readonly kind: "done" }
  | { readonly kind: "error"; readonly message: string };

/** One lazily started parse worker. */
export class ParsePool {
  #worker: Worker | undefined;

  /**
   * Parses a log in the worker.
   *
   * @param job what to parse
   * @returns the batches, in order
   */
  async *parse(job: ParseJob): AsyncGenerator<ParsedBatch> {
    this.#worker ??= new Worker(new URL("./_ingest_worker.ts", import.meta.url).href, {
      type: "module",
    });
    const worker = this.#worker;
    const queue: WorkerMessage[] = [];
    let wake: (() => void) | undefined;
    worker.onmessage = (event: MessageEvent) => {
      queue.push(event.data as WorkerMessage);
      wake?.();
    };
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      queue.push({ kind: "error", message: event.message });
      wake?.();
    };
    worker.postMessage({ kind: "job", job });
    while (true) {
      while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const message = queue.shift() as WorkerMessage;
      if (message.kind === "done") return;
      if (message.kind === "error") {
        throw new ForgeError("IO", `Cannot parse log "${job.readPath}": ${message.message}`);
      }
      yield message.batch;
      worker.postMessage({ kind: "ack" });
    }
  }

  /** Stops the worker. */
  close(): void {
    this.#worker?.terminate();
    this.#worker = undefined;
  }
}
