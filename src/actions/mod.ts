/**
 * @module
 * The one action layer: every change FORGE makes to workers and beads, used alike by the CLI,
 * the dashboard's hotkeys, chat tools and the HTTP API, and audited in one place.
 */
export type { ActionContext } from "./action_context.ts";
export { spawnWorkers } from "./spawn_workers.ts";
export type { SpawnOutcome, SpawnRequest } from "./spawn_workers.ts";
export { startWorker } from "./start_worker.ts";
export type { StartSpec } from "./start_worker.ts";
export { killWorkers, pauseOrResume } from "./control_workers.ts";
export type { ControlOutcome, WorkerSelection } from "./control_workers.ts";
export { ingestLogs } from "./ingest_logs.ts";
export type { IngestContext, IngestReport } from "./ingest_logs.ts";
export { runOrchestrator } from "./run_orchestrator.ts";
export type { RunOrchestratorOptions } from "./run_orchestrator.ts";
export { acquireOrchestratorLock, runningOrchestrator } from "./orchestrator_lock.ts";
export { createEnginePorts } from "./engine_ports.ts";
export type { OrchestratorContext } from "./engine_ports.ts";
export { assignBead } from "./assign_bead.ts";
export type { AssignOutcome, AssignRequest } from "./assign_bead.ts";
export { ackAlerts } from "./ack_alerts.ts";
export type { AckOutcome, AlertSelection } from "./ack_alerts.ts";
export { editWorkspaces } from "./edit_workspaces.ts";
export type {
  EditContext,
  NewWorkspace,
  WorkspaceChange,
  WorkspaceEditOutcome,
} from "./edit_workspaces.ts";
export { listWorkspaces } from "./list_workspaces.ts";
export type { WorkspaceCounts, WorkspaceRow } from "./list_workspaces.ts";
export { discoverWorkspaces, MAX_DIRS } from "./discover_workspaces.ts";
export type { Discovery, FoundWorkspace } from "./discover_workspaces.ts";
export { createSnapshotSource, MAX_ACTIVITY_LINES } from "./fleet_snapshot.ts";
export type { SnapshotOptions, SnapshotSource } from "./fleet_snapshot.ts";
export { performAction } from "./perform_action.ts";
export type { PerformOptions } from "./perform_action.ts";
export { ASSUMED_TASK_TOKENS, createChatData, MIN_TASKS_FOR_AVERAGE } from "./chat_data.ts";
export type { ChatDataOptions } from "./chat_data.ts";
export { setLimits } from "./set_limits.ts";
export type { LimitChange, LimitsOutcome, LimitsRequest } from "./set_limits.ts";
