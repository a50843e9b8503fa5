#!/usr/bin/env bash
# FORGE launcher for Aider. With --bead-ref it runs one non-interactive `aider --message` on the
# bead's prompt, answering yes to everything, and logs its text output; without a bead it opens
# an interactive session in tmux. AIDER_BIN overrides the command.

LAUNCHER_NAME=aider
WORKER_TYPE=bead_worker
AGENT_BIN=${AIDER_BIN:-aider}
. "$(dirname "${BASH_SOURCE[0]}")/forge-launcher-lib.sh"

agent_headless() {
  local prompt=$1
  shift
  "$AGENT_BIN" --model "$MODEL" --yes-always --no-pretty --no-stream --no-check-update \
    --message "$prompt" "$@"
}

agent_interactive() { "$AGENT_BIN" --model "$MODEL" --no-check-update "$@"; }

if [ "${1:-}" = "--forge-run" ]; then forge_run_agent; fi
forge_parse_args "$@"
forge_require_agent "$AGENT_BIN" "install it with: pip install aider-chat (or set AIDER_BIN)"
forge_launch
