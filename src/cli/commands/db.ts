/**
 * `forge db path|check|vacuum`: where the store is, whether it is sound, and giving back the
 * space retention freed. None of them ingests logs; check and vacuum never create the file.
 */
import type { PruneCounts, StoreCheck } from "../../store/mod.ts";
import { checkStore, pruneStore, Store, vacuumStore } from "../../store/mod.ts";
import type { CliContext } from "../context.ts";
import { EXIT } from "../exit_codes.ts";

/**
 * Prints the database file's path.
 *
 * @param ctx the command context
 * @returns exit code 0
 */
export function runDbPath(ctx: CliContext): Promise<number> {
  if (ctx.globals.json) ctx.out.printJson({ path: ctx.layout.database });
  else ctx.out.print(ctx.layout.database);
  return Promise.resolve(EXIT.ok);
}

/**
 * Checks the database: integrity, foreign keys, schema version, rows per table, size.
 *
 * @param ctx the command context
 * @returns 0 when all is well (or there is no database yet), 1 otherwise
 * @throws {ForgeError} when the file cannot be opened (damaged, newer schema, locked)
 */
export async function runDbCheck(ctx: CliContext): Promise<number> {
  const path = ctx.layout.database;
  if (await ctx.fs.stat(path) === undefined) return noDatabase(ctx);
  const store = Store.open(path);
  let check: StoreCheck;
  try {
    check = checkStore(store);
  } finally {
    store.close();
  }
  const fileBytes = await filesBytes(ctx, path);
  if (ctx.globals.json) {
    ctx.out.printJson({
      ok: check.ok,
      exists: true,
      path,
      file_bytes: fileBytes,
      used_bytes: check.bytes,
      free_bytes: check.freeBytes,
      schema_version: check.schemaVersion,
      latest_schema_version: check.latestSchemaVersion,
      integrity: check.integrity,
      foreign_key_problems: check.foreignKeys,
      rows: check.rows,
    });
  } else {
    printCheck(ctx, { check, path, fileBytes });
  }
  return check.ok ? EXIT.ok : EXIT.failure;
}

function printCheck(
  ctx: CliContext,
  r: { readonly check: StoreCheck; readonly path: string; readonly fileBytes: number },
): void {
  const { check } = r;
  const fk = check.foreignKeys;
  ctx.out.print(`database      ${r.path}`);
  ctx.out.print(`size          ${formatBytes(r.fileBytes)} (${formatBytes(check.freeBytes)} free)`);
  ctx.out.print(
    `schema        version ${check.schemaVersion}${
      check.schemaVersion === check.latestSchemaVersion
        ? " (current)"
        : `, expected ${check.latestSchemaVersion}`
    }`,
  );
  ctx.out.print(`integrity     ${check.integrity.join("; ")}`);
  ctx.out.print(
    `foreign keys  ${
      fk.length === 0 ? "ok" : fk.map((p) => `${p.table} row ${p.rowid} → ${p.parent}`).join("; ")
    }`,
  );
  const rows = Object.entries(check.rows).map(([table, n]) => `${table} ${n}`);
  ctx.out.print(`rows          ${rows.join(", ")}`);
  ctx.out.print(check.ok ? ctx.out.style("green", "ok") : ctx.out.style("red", "not ok"));
  if (!check.ok) {
    ctx.out.info(
      "hint: restore a backup, or move the file aside (mv forge.db forge.db.broken) to start a new one",
    );
  }
}

/**
 * Deletes rows past their retention, then rebuilds the file (VACUUM) and reports its size.
 *
 * @param ctx the command context
 * @returns exit code 0
 * @throws {ForgeError} when the file cannot be opened or written
 */
export async function runDbVacuum(ctx: CliContext): Promise<number> {
  const path = ctx.layout.database;
  if (await ctx.fs.stat(path) === undefined) return noDatabase(ctx);
  const config = (await ctx.config()).config;
  const before = await filesBytes(ctx, path);
  const store = Store.open(path);
  let pruned: PruneCounts;
  try {
    pruned = pruneStore(store, {
      now: ctx.clock.now(),
      retentionDays: config.retention_days,
      auditRetentionDays: config.audit_retention_days,
    });
    vacuumStore(store);
  } finally {
    store.close();
  }
  const after = await filesBytes(ctx, path);
  if (ctx.globals.json) {
    ctx.out.printJson({
      path,
      bytes_before: before,
      bytes_after: after,
      deleted: snakeKeys(pruned),
    });
    return EXIT.ok;
  }
  const deleted = Object.entries(snakeKeys(pruned)).filter(([, n]) => n > 0).map(([k, n]) =>
    `${k} ${n}`
  );
  ctx.out.print(`deleted       ${deleted.length === 0 ? "nothing" : deleted.join(", ")}`);
  ctx.out.print(`size          ${formatBytes(before)} → ${formatBytes(after)}`);
  return EXIT.ok;
}

function snakeKeys(counts: PruneCounts): Record<string, number> {
  return Object.fromEntries(
    Object.entries(counts).map(([k, n]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), n]),
  );
}

function noDatabase(ctx: CliContext): number {
  const path = ctx.layout.database;
  if (ctx.globals.json) ctx.out.printJson({ ok: true, exists: false, path });
  else ctx.out.print(`No database yet at ${path}: FORGE creates it when it first records data.`);
  return EXIT.ok;
}

/** The database with its write-ahead log: what it takes on disk. */
async function filesBytes(ctx: CliContext, path: string): Promise<number> {
  const main = (await ctx.fs.stat(path))?.size ?? 0;
  const wal = (await ctx.fs.stat(`${path}-wal`))?.size ?? 0;
  return main + wal;
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}
