/**
 * @module
 * The terminal dashboard: a pure model / update / view over the fleet snapshot, drawn by FORGE's
 * own cell renderer (frame diff, synchronized output, colour fallbacks) and driven by keys.
 */
export { runDashboard } from "./run_dashboard.ts";
export type { DashboardExit, DashboardOptions, DashboardPorts } from "./run_dashboard.ts";
export type { ChatPort } from "./chat_port.ts";
export { detectColorDepth } from "./render/color.ts";
export type { ColorDepth } from "./render/color.ts";
