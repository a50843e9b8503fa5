/**
 * @module
 * The status server's app: the page, the JSON API (the shapes of `--json`), live events,
 * health, readiness and Prometheus metrics, and token-guarded actions, as a hono app built from
 * what its host supplies. It reads the snapshot and calls the action layer; it never touches
 * files, processes or SQLite, and serving it is the host's job.
 */
export { createStatusApp, statusAppStats } from "./create_status_app.ts";
export type { StatusAppBindings, StatusAppEnv, StatusAppStats } from "./create_status_app.ts";
export type {
  ModelTotals,
  PageContext,
  Readiness,
  StaticAsset,
  StatusAppDeps,
  StoreTotals,
} from "./status_app_deps.ts";
export { DURATION_BUCKETS } from "./_metrics_text.ts";
export { MAX_BODY_BYTES } from "./_action_body.ts";
export { TASK_LIMIT } from "./_api_views.ts";
export { MAX_FAILURES } from "./_bearer_guard.ts";
export { CONTENT_SECURITY_POLICY } from "./_http.ts";
export { renderStatusPage } from "./page/render_page.ts";
export type { StatusPageOptions } from "./page/render_page.ts";
export { PAGE_ASSETS } from "./page/assets.ts";
export type { PageAsset } from "./page/assets.ts";
export { escapeHtml } from "./page/escape.ts";
