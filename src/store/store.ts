/**
 * FORGE's SQLite store (`FORGE_HOME/forge.db`, WAL). Opening it migrates an older schema, refuses
 * a newer one, and reports a damaged file instead of replacing it. Writes go through transaction(),
 * which takes the write lock up front so a busy database is waited for, not half-written.
 */
import { DatabaseSync, type StatementSync } from "node:sqlite";
import { ForgeError } from "../domain/mod.ts";
import { rmSync } from "node:fs";
import { type Migration, MIGRATIONS } from "./migrations.ts";
import { sqliteError } from "./sqlite_error.ts";

/** How to open the store. */
export interface OpenStoreOptions {
  /** How long SQLite waits (with backoff) for another process's lock (default 5 s). */
  readonly busyTimeoutMs?: number;
  /** Migrations to apply (tests pass their own). */
  readonly migrations?: readonly Migration[];
}

/** An open store. */
export class Store {
  readonly path: string;
  readonly #db: DatabaseSync;
  readonly #statements = new Map<string, StatementSync>();

  private constructor(path: string, db: DatabaseSync) {
    this.path = path;
    this.#db = db;
  }

  /**
   * Opens (creating if needed) and migrates the store.
   *
   * @param path the database file
   * @param options busy timeout and migrations
   * @returns the store
   * @throws {ForgeError} for a damaged file, a newer schema, or a lock held too long
   */
  static open(path: string, options: OpenStoreOptions = {}): Store {
    let db: DatabaseSync;
    try {
      db = new DatabaseSync(path, { timeout: options.busyTimeoutMs ?? 5_000 });
    } catch (error) {
      throw sqliteError(error, { action: "open", path });
    }
    const store = new Store(path, db);
    const migrations = options.migrations ?? MIGRATIONS;
    try {
      // Before any pragma: switching to WAL rewrites the header, and a refused file stays as it was.
      store.#refuseNewer(migrations);
      db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;");
      store.#migrate(migrations);
    } catch (error) {
      db.close();
      throw sqliteError(error, { action: "open", path });
    }
    return store;
  }

  /** The schema version recorded in the file. */
  get schemaVersion(): number {
    return Number(
      (this.#db.prepare("PRAGMA user_version").get() as { user_version: number }).user_version,
    );
  }

  #refuseNewer(migrations: readonly Migration[]): void {
    const current = this.schemaVersion;
    const latest = migrations[migrations.length - 1]?.version ?? 0;
    if (current > latest) {
      throw new ForgeError(
        "CONFLICT",
        `Cannot use database "${this.path}": its schema is version ${current}, newer than the ${latest} this FORGE knows`,
        { hint: "a newer FORGE wrote it: update FORGE (forge update), or use another FORGE_HOME" },
      );
    }
  }

  #migrate(migrations: readonly Migration[]): void {
    const current = this.schemaVersion;
    const latest = migrations[migrations.length - 1]?.version ?? 0;
    // A FORGE that wrote this file can come back (`forge rollback`); keep the file as it read it.
    if (current > 0 && current < latest) this.#backUpBefore(current);
    for (const m of migrations) {
      if (m.version <= current) continue;
      this.transaction(() => {
        this.#db.exec(m.sql);
        this.#db.exec(`PRAGMA user_version = ${m.version}`);
      });
    }
  }

  #backUpBefore(version: number): void {
    const backup = schemaBackupPath(this.path, version);
    try {
      rmSync(backup, { force: true });
      this.#db.exec(`VACUUM INTO '${backup.replaceAll("'", "''")}'`);
    } catch {
      // No room, or not allowed: the migration goes on; a rollback then reports there is no copy.
    }
  }

  /**
   * A cached prepared statement.
   *
   * @param sql the statement
   * @returns it, prepared once per store
   */
  statement(sql: string): StatementSync {
    let s = this.#statements.get(sql);
    if (s === undefined) {
      s = this.#db.prepare(sql);
      this.#statements.set(sql, s);
    }
    return s;
  }

  /** Runs SQL text with no results (schema, pragmas). */
  exec(sql: string): void {
    this.#db.exec(sql);
  }

  /**
   * Runs `body` in one write transaction (BEGIN IMMEDIATE): all of it or none of it.
   *
   * @param body the work; its return value is returned
   * @returns what body returned
   * @throws {ForgeError} when the lock is not free in time, or what body threw
   */
  transaction<T>(body: () => T): T {
    try {
      this.#db.exec("BEGIN IMMEDIATE");
    } catch (error) {
      throw sqliteError(error, { action: "write to", path: this.path });
    }
    try {
      const result = body();
      this.#db.exec("COMMIT");
      return result;
    } catch (error) {
      try {
        this.#db.exec("ROLLBACK");
      } catch { /* the transaction is already gone */ }
      // Only SQLite's own errors get the database explanation; anything else is the caller's.
      throw (error as { code?: string })?.code === "ERR_SQLITE_ERROR"
        ? sqliteError(error, { action: "write to", path: this.path })
        : error;
    }
  }

  /** Closes the database. */
  close(): void {
    this.#statements.clear();
    this.#db.close();
  }
}

/**
 * Where the copy of a database taken before it left schema `version` is kept.
 *
 * @param path the database file
 * @param version the schema version it had
 * @returns the backup's path
 */
export function schemaBackupPath(path: string, version: number): string {
  return `${path}.schema-${version}.bak`;
}
