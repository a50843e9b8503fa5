#!/usr/bin/env bash
# FORGE launcher for the Codex CLI. With --bead-ref it runs `codex exec --json` on the bead's
# prompt (stdin closed: codex waits for EOF otherwise) and logs its JSON events; without a bead
# it opens an interactive session in tmux. CODEX_BIN overrides the command; extra spawn_args
# (e.g. -c key=value) are passed to codex, after the launcher's own -c settings, so they win.
# features.unbounded_connection_retries=false: by default codex retries a refused connection
# forever ("Reconnecting... waiting for network"), printing a line about every 10 s, so an
# unattended worker would hold its bead forever without ever looking stuck; with it off codex
# gives up after its request retries (about 25 s) and FORGE puts the bead back.

LAUNCHER_NAME=codex
WORKER_TYPE=bead_worker
AGENT_BIN=${CODEX_BIN:-codex}
. "$(dirname "${BASH_SOURCE[0]}")/forge-launcher-lib.sh"

agent_headless() {
  local prompt=$1
  shift
  "$AGENT_BIN" exec --json --skip-git-repo-check --dangerously-bypass-approvals-and-sandbox \
    -C "$WORKSPACE" -m "$MODEL" -c check_for_update_on_startup=false \
    -c features.unbounded_connection_retries=false "$@" "$prompt"
}

agent_interactive() { "$AGENT_BIN" -C "$WORKSPACE" -m "$MODEL" "$@"; }

if [ "${1:-}" = "--forge-run" ]; then forge_run_agent; fi
forge_parse_args "$@"
forge_require_agent "$AGENT_BIN" "install it with: npm install -g @openai/codex (or set CODEX_BIN)"
forge_launch
