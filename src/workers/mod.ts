/**
 * @module
 * The worker protocols: launchers (invocation, output, verification), status files, logs (tailing
 * and parsing every agent format), worker configs, tmux, and liveness.
 */
export * from "./status_file.ts";
export * from "./log/parse_log_line.ts";
export * from "./log/read_log_lines.ts";
export * from "./launcher_output.ts";
export * from "./tmux.ts";
export * from "./launch_worker.ts";
export * from "./resolve_launcher.ts";
export * from "./worker_env.ts";
export * from "./worker_configs.ts";
export * from "./builtins.ts";
export * from "./list_workers.ts";
export * from "./validate_launcher.ts";
export * from "./log/read_last_lines.ts";
export * from "./log/summarize_log.ts";
export * from "./log/validate_log.ts";
export * from "./validate_status.ts";
export * from "./detect_agents.ts";
