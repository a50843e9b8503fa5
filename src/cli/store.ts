/**
 * Opening FORGE's store from the CLI, and bringing it up to date with the logs first, so every
 * figure a command prints is right with or without a running orchestrator. Retention runs here
 * too, at most once a day.
 */
import { ingestLogs, type IngestReport } from "../actions/mod.ts";
import type { Config } from "../domain/mod.ts";
import { pruneIfDue, Store } from "../store/mod.ts";
import { ensureHome } from "./actions.ts";
import type { CliContext } from "./context.ts";

/** An open, up-to-date store and what ingestion did. */
export interface IngestedStore {
  readonly store: Store;
  readonly config: Config;
  readonly ingest: IngestReport;
}

/**
 * Opens the store, ingests every log, prunes old rows when due, runs `body`, and closes the store.
 *
 * @param ctx the CLI context
 * @param body what to do with the store
 * @returns what body returned
 */
export async function withIngestedStore<T>(
  ctx: CliContext,
  body: (s: IngestedStore) => Promise<T> | T,
): Promise<T> {
  await ensureHome(ctx);
  const config = (await ctx.config()).config;
  const store = Store.open(ctx.layout.database);
  try {
    const ingest = await ingestLogs({
      fs: ctx.fs,
      clock: ctx.clock,
      layout: ctx.layout,
      config,
      store,
    });
    if (ingest.unknownModels.length > 0) {
      ctx.out.warn(
        `no price known for ${ingest.unknownModels.join(", ")}; priced at default_price ` +
          `(${config.default_price.input}/${config.default_price.output} USD per million tokens). Add them under prices: in config.yaml`,
      );
    }
    if (ingest.malformed > 0 && ctx.globals.debug) {
      ctx.out.info(`skipped ${ingest.malformed} malformed log lines`);
    }
    prune(ctx, store, config);
    return await body({ store, config, ingest });
  } finally {
    store.close();
  }
}

function prune(ctx: CliContext, store: Store, config: Config): void {
  const pruned = pruneIfDue(store, {
    now: ctx.clock.now(),
    retentionDays: config.retention_days,
    auditRetentionDays: config.audit_retention_days,
  });
  if (pruned !== undefined && ctx.globals.debug) {
    const parts = Object.entries(pruned).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`);
    ctx.out.info(`retention: deleted ${parts.length === 0 ? "nothing" : parts.join(", ")}`);
  }
}
