/**
 * @module
 * FORGE's shared vocabulary: ids, errors, ports, the status-file and log-event models, the
 * configuration schemas and the redaction function. Imports nothing else from `src/`.
 */
export * from "./ids.ts";
export * from "./errors.ts";
export * from "./ports.ts";
export * from "./worker_status.ts";
export * from "./log_event.ts";
export * from "./config_schema.ts";
export * from "./worker_config_schema.ts";
export * from "./yaml_source.ts";
export * from "./refs.ts";
export * from "./redact.ts";
export * from "./home_layout.ts";
export * from "./time.ts";
export * from "./reset_time.ts";
export * from "./bead.ts";
export * from "./validate_source.ts";
export * from "./health.ts";
export * from "./audit.ts";
export * from "./issue_message.ts";
export * from "./known_keys.ts";
export * from "./prices.ts";
export * from "./plan_window.ts";
export * from "./reports.ts";
export * from "./task_queue.ts";
export * from "./worker_names.ts";
export * from "./binary_files.ts";
export * from "./fleet_snapshot.ts";
export * from "./action_request.ts";
export * from "./api_shapes.ts";
export * from "./api_schemas.ts";
export * from "./terminal.ts";
export * from "./format_figures.ts";
export * from "./map_in_batches.ts";
export * from "./confirmation.ts";
export * from "./chat_data.ts";
export * from "./read_capped.ts";
