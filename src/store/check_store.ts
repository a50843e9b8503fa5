/**
 * `forge db check`: SQLite's own integrity and foreign-key checks, the schema version and what
 * the tables hold. Damage is reported as problems, not thrown, so the user sees all of it.
 */
import { SCHEMA_VERSION } from "./migrations.ts";
import type { Store } from "./store.ts";

/** A foreign key that points nowhere. */
export interface ForeignKeyProblem {
  readonly table: string;
  readonly rowid: number | null;
  readonly parent: string;
}

/** What a check found. */
export interface StoreCheck {
  /** True when integrity and foreign keys are fine and the schema is the current one. */
  readonly ok: boolean;
  readonly schemaVersion: number;
  readonly latestSchemaVersion: number;
  /** SQLite's findings: `["ok"]` when the file is sound. */
  readonly integrity: readonly string[];
  readonly foreignKeys: readonly ForeignKeyProblem[];
  /** Rows per table (-1 when the table could not be read). */
  readonly rows: Readonly<Record<string, number>>;
  /** Pages in use times page size. */
  readonly bytes: number;
  /** Bytes of free pages (given back by `forge db vacuum`). */
  readonly freeBytes: number;
}

/** Integrity messages reported at most. */
const MAX_MESSAGES = 100;

/**
 * Checks the open store.
 *
 * @param store the open store
 * @returns findings; `ok` says whether all is well
 */
export function checkStore(store: Store): StoreCheck {
  const integrity = attempt(() =>
    (store.statement(`PRAGMA integrity_check(${MAX_MESSAGES})`).all() as {
      integrity_check: string;
    }[]).map((r) => r.integrity_check)
  );
  const foreignKeys = attempt(() =>
    (store.statement("PRAGMA foreign_key_check").all() as {
      table: string;
      rowid: number | null;
      parent: string;
    }[]).map((r) => ({
      table: r.table,
      rowid: r.rowid === null ? null : Number(r.rowid),
      parent: r.parent,
    }))
  );
  const pageSize = pragmaNumber(store, "page_size");
  const schemaVersion = store.schemaVersion;
  const integrityList = "error" in integrity ? [integrity.error] : integrity.value;
  const fkList = "error" in foreignKeys
    ? [{ table: "?", rowid: null, parent: foreignKeys.error }]
    : foreignKeys.value;
  return {
    ok: integrityList.length === 1 && integrityList[0] === "ok" && fkList.length === 0 &&
      schemaVersion === SCHEMA_VERSION,
    schemaVersion,
    latestSchemaVersion: SCHEMA_VERSION,
    integrity: integrityList,
    foreignKeys: fkList,
    rows: countRows(store),
    bytes: pragmaNumber(store, "page_count") * pageSize,
    freeBytes: pragmaNumber(store, "freelist_count") * pageSize,
  };
}

function attempt<T>(body: () => T): { value: T } | { error: string } {
  try {
    return { value: body() };
  } catch (error) {
    return { error: (error as Error)?.message ?? String(error) };
  }
}

function pragmaNumber(store: Store, name: string): number {
  const row = attempt(() => store.statement(`PRAGMA ${name}`).get() as Record<string, number>);
  return "error" in row ? 0 : Number(row.value[name] ?? 0);
}

function countRows(store: Store): Record<string, number> {
  const rows: Record<string, number> = {};
  const tables = attempt(() =>
    store.statement(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    ).all() as { name: string }[]
  );
  if ("error" in tables) return rows;
  for (const { name } of tables.value) {
    const n = attempt(() =>
      (store.statement(`SELECT count(*) AS n FROM "${name.replaceAll('"', '""')}"`).get() as {
        n: number;
      }).n
    );
    rows[name] = "error" in n ? -1 : Number(n.value);
  }
  return rows;
}
