/**
 * @module
 * FORGE's SQLite store (`FORGE_HOME/forge.db`): schema and migrations, log ingestion with exact
 * de-duplication, rollups, queries for costs and metrics, the audit trail, retention.
 */
export { Store } from "./store.ts";
export type { OpenStoreOptions } from "./store.ts";
export { MIGRATIONS, SCHEMA_VERSION } from "./migrations.ts";
export type { Migration } from "./migrations.ts";
export { sqliteError } from "./sqlite_error.ts";
export { createLogSource, readLogPosition, writeIngestBatch } from "./ingest_writer.ts";
export type {
  BatchResult,
  IngestBatch,
  LogPosition,
  TaskRow,
  WorkerEventRow,
} from "./ingest_writer.ts";
export { COST_SOURCES, UsageColumns } from "./usage_columns.ts";
export type { UsageColumnsData, UsageRow } from "./usage_columns.ts";
