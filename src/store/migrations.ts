/**
 * The database schema as numbered migrations (adr/0012-metrics-storage.md). Migration N brings a
 * database from version N-1 to N; `PRAGMA user_version` records where a database is. Never edit a
 * released migration: add the next one.
 */

/** One step of the schema. */
export interface Migration {
  readonly version: number;
  readonly summary: string;
  readonly sql: string;
}

const V1 = `
CREATE TABLE log_sources (
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL,
  ino INTEGER NOT NULL,
  generation INTEGER NOT NULL,
  worker_id TEXT NOT NULL,
  first_seen INTEGER NOT NULL,
  UNIQUE (path, ino, generation)
);
CREATE TABLE log_offsets (
  path TEXT PRIMARY KEY,
  source_id INTEGER NOT NULL REFERENCES log_sources (id),
  ino INTEGER NOT NULL,
  offset INTEGER NOT NULL,
  lines INTEGER NOT NULL DEFAULT 0,
  malformed INTEGER NOT NULL DEFAULT 0,
  context TEXT NOT NULL DEFAULT '{}',
  updated_at INTEGER NOT NULL
);
CREATE TABLE usage (
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL,
  source_offset INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  at INTEGER NOT NULL,
  worker_id TEXT NOT NULL,
  workspace TEXT NOT NULL,
  bead_id TEXT,
  model TEXT NOT NULL,
  plan TEXT NOT NULL,
  input_tokens INTEGER NOT NULL,
  output_tokens INTEGER NOT NULL,
  cache_read_tokens INTEGER NOT NULL,
  cache_write_tokens INTEGER NOT NULL,
  cost_nanos INTEGER NOT NULL,
  cost_source TEXT NOT NULL,
  UNIQUE (source_id, source_offset, seq)
);
CREATE TABLE usage_hourly (
  hour INTEGER NOT NULL,
  model TEXT NOT NULL,
  worker_id TEXT NOT NULL,
  workspace TEXT NOT NULL,
  plan TEXT NOT NULL,
  calls INTEGER NOT NULL,
  input_tokens INTEGER NOT NULL,
  output_tokens INTEGER NOT NULL,
  cache_read_tokens INTEGER NOT NULL,
  cache_write_tokens INTEGER NOT NULL,
  cost_nanos INTEGER NOT NULL,
  PRIMARY KEY (hour, model, worker_id, workspace, plan)
) WITHOUT ROWID;
CREATE TABLE usage_daily (
  day INTEGER NOT NULL,
  model TEXT NOT NULL,
  worker_id TEXT NOT NULL,
  workspace TEXT NOT NULL,
  plan TEXT NOT NULL,
  calls INTEGER NOT NULL,
  input_tokens INTEGER NOT NULL,
  output_tokens INTEGER NOT NULL,
  cache_read_tokens INTEGER NOT NULL,
  cache_write_tokens INTEGER NOT NULL,
  cost_nanos INTEGER NOT NULL,
  PRIMARY KEY (day, model, worker_id, workspace, plan)
) WITHOUT ROWID;
CREATE TABLE usage_bead_daily (
  day INTEGER NOT NULL,
  bead_id TEXT NOT NULL,
  workspace TEXT NOT NULL,
  model TEXT NOT NULL,
  plan TEXT NOT NULL,
  calls INTEGER NOT NULL,
  input_tokens INTEGER NOT NULL,
  output_tokens INTEGER NOT NULL,
  cache_read_tokens INTEGER NOT NULL,
  cache_write_tokens INTEGER NOT NULL,
  cost_nanos INTEGER NOT NULL,
  PRIMARY KEY (day, bead_id, workspace, model, plan)
) WITHOUT ROWID;
CREATE INDEX usage_bead_daily_bead ON usage_bead_daily (bead_id);
CREATE TABLE task_events (
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL,
  source_offset INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  at INTEGER NOT NULL,
  worker_id TEXT NOT NULL,
  workspace TEXT NOT NULL,
  bead_id TEXT,
  model TEXT NOT NULL,
  phase TEXT NOT NULL,
  duration_ms INTEGER,
  error TEXT,
  UNIQUE (source_id, source_offset, seq)
);
CREATE INDEX task_events_at ON task_events (at);
CREATE INDEX task_events_model ON task_events (model, phase, duration_ms);
CREATE TABLE workers (
  id TEXT PRIMARY KEY,
  model TEXT,
  workspace TEXT,
  first_seen INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  last_state TEXT
);
CREATE TABLE worker_events (
  id INTEGER PRIMARY KEY,
  source_id INTEGER,
  source_offset INTEGER,
  seq INTEGER NOT NULL DEFAULT 0,
  at INTEGER NOT NULL,
  worker_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '{}',
  UNIQUE (source_id, source_offset, seq)
);
CREATE INDEX worker_events_at ON worker_events (at);
CREATE TABLE assignments (
  id INTEGER PRIMARY KEY,
  bead_id TEXT NOT NULL,
  workspace TEXT NOT NULL,
  worker_id TEXT NOT NULL,
  model TEXT NOT NULL,
  tier TEXT,
  plan TEXT,
  score REAL,
  reason TEXT,
  started_at INTEGER NOT NULL,
  ended_at INTEGER,
  outcome TEXT
);
CREATE INDEX assignments_started ON assignments (started_at);
CREATE INDEX assignments_open ON assignments (worker_id) WHERE ended_at IS NULL;
CREATE TABLE routing_decisions (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  bead_id TEXT NOT NULL,
  workspace TEXT NOT NULL,
  score REAL,
  tier TEXT,
  model TEXT,
  plan TEXT,
  outcome TEXT NOT NULL,
  reason TEXT NOT NULL
);
CREATE INDEX routing_decisions_at ON routing_decisions (at);
CREATE TABLE alerts (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  severity TEXT NOT NULL,
  kind TEXT NOT NULL,
  subject TEXT NOT NULL,
  message TEXT NOT NULL,
  dedupe_key TEXT NOT NULL,
  acknowledged_at INTEGER,
  acknowledged_by TEXT
);
CREATE UNIQUE INDEX alerts_open ON alerts (dedupe_key) WHERE acknowledged_at IS NULL;
CREATE TABLE audit (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  interface TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  outcome TEXT NOT NULL,
  details TEXT NOT NULL
);
CREATE INDEX audit_at ON audit (at);
CREATE TRIGGER audit_append_only BEFORE UPDATE ON audit
BEGIN
  SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
`;

// Costs are whole nano-dollars (cost_nanos): sums of integers are exact, sums of floats drift.

/** Small facts about the store itself (when retention last ran …), as key and value. */
const V2 = `
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
`;

/**
 * Per-bead hourly rollup, so every span is answered from rollups at hour precision and no query
 * reads raw rows (which retention also deletes); backfilled from the raw rows still kept. A
 * covering index lets duration percentiles read task events without touching the table.
 */
const V3 = `
CREATE TABLE usage_bead_hourly (
  hour INTEGER NOT NULL,
  bead_id TEXT NOT NULL,
  workspace TEXT NOT NULL,
  model TEXT NOT NULL,
  plan TEXT NOT NULL,
  calls INTEGER NOT NULL,
  input_tokens INTEGER NOT NULL,
  output_tokens INTEGER NOT NULL,
  cache_read_tokens INTEGER NOT NULL,
  cache_write_tokens INTEGER NOT NULL,
  cost_nanos INTEGER NOT NULL,
  PRIMARY KEY (hour, bead_id, workspace, model, plan)
) WITHOUT ROWID;
INSERT INTO usage_bead_hourly
  SELECT (at / 3600000) * 3600000, bead_id, workspace, model, plan, COUNT(*), SUM(input_tokens),
    SUM(output_tokens), SUM(cache_read_tokens), SUM(cache_write_tokens), SUM(cost_nanos)
  FROM usage WHERE bead_id IS NOT NULL GROUP BY 1, 2, 3, 4, 5;
DROP INDEX task_events_at;
CREATE INDEX task_events_at ON task_events (at, phase, model, duration_ms);
DROP INDEX task_events_model;
DROP INDEX usage_bead_daily_bead;
`;

/** Every migration, in order. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    summary: "usage, rollups, tasks, workers, assignments, routing, alerts, audit",
    sql: V1,
  },
  { version: 2, summary: "meta: key/value facts about the store (last retention run)", sql: V2 },
  { version: 3, summary: "usage_bead_hourly rollup; covering index for task durations", sql: V3 },
];

/** The schema version this FORGE writes. */
export const SCHEMA_VERSION: number = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
