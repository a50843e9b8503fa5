#!/usr/bin/env bash
# FORGE launcher for OpenCode. With --bead-ref it runs `opencode run --format json` on the bead's
# prompt (stdin closed) and logs its JSON events, whose per-step tokens and cost FORGE sums;
# without a bead it opens the interactive TUI in tmux. OPENCODE_BIN overrides the command.

LAUNCHER_NAME=opencode
WORKER_TYPE=bead_worker
AGENT_BIN=${OPENCODE_BIN:-opencode}
. "$(dirname "${BASH_SOURCE[0]}")/forge-launcher-lib.sh"

export OPENCODE_DISABLE_AUTOUPDATE=1

agent_headless() {
  local prompt=$1
  shift
  "$AGENT_BIN" run --format json --auto --dir "$WORKSPACE" -m "$MODEL" "$@" "$prompt"
}

agent_interactive() { "$AGENT_BIN" -m "$MODEL" "$@" "$WORKSPACE"; }

if [ "${1:-}" = "--forge-run" ]; then forge_run_agent; fi
forge_parse_args "$@"
forge_require_agent "$AGENT_BIN" "install it with: npm install -g opencode-ai (or set OPENCODE_BIN)"
forge_launch
