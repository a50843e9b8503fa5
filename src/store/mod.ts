/**
 * @module
 * FORGE's SQLite store (`FORGE_HOME/forge.db`): schema and migrations, log ingestion with exact
 * de-duplication, rollups, queries for costs and metrics, the audit trail, retention.
 */
export { schemaBackupPath, Store } from "./store.ts";
export { restoreSchemaBackup, type SchemaRestore } from "./restore_schema_backup.ts";
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
export { recordAudit } from "./record_audit.ts";
export { pruneStore } from "./prune_store.ts";
export type { PruneCounts, PruneOptions } from "./prune_store.ts";
export { PRUNE_INTERVAL_MS, pruneIfDue } from "./prune_if_due.ts";
export { checkStore } from "./check_store.ts";
export type { ForeignKeyProblem, StoreCheck } from "./check_store.ts";
export { vacuumStore } from "./vacuum_store.ts";
export { calendarPeriods, recentHours } from "./periods.ts";
export type { CalendarPeriods, TimeRange } from "./periods.ts";
export { addSums, NO_USAGE, usageGroups, usageTotals } from "./usage_totals.ts";
export type { UsageGroup, UsageQuery, UsageSums } from "./usage_totals.ts";
export { costReport } from "./cost_report.ts";
export type { CostReportOptions } from "./cost_report.ts";
export { costBreakdown } from "./cost_breakdown.ts";
export { monthProjection, projectMonth } from "./month_projection.ts";
export type { ProjectionOptions } from "./month_projection.ts";
export { planReport, planUsage } from "./plan_usage.ts";
export { checkBudget } from "./check_budget.ts";
export {
  hourlyCompletions,
  mergeTaskStats,
  percentiles,
  taskDurations,
  taskStats,
} from "./task_stats.ts";
export type { DurationStats, TaskSpan, TaskStats } from "./task_stats.ts";
export { metricsReport } from "./metrics_report.ts";
export type { MetricsOptions } from "./metrics_report.ts";
export { readAudit } from "./read_audit.ts";
export type { AuditQuery } from "./read_audit.ts";
export {
  acknowledgeAlerts,
  listAlerts,
  raiseAlert,
  rateLimitsSince,
  recordAssignmentEnd,
  recordAssignmentStart,
  recordRouting,
} from "./engine_records.ts";
export type { AlertInput, AlertRow, AssignmentStart, RoutingRecord } from "./engine_records.ts";
export { recentRouting, type RoutingRow } from "./recent_routing.ts";
