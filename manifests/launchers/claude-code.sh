#!/usr/bin/env bash
# FORGE launcher for Claude Code. With --bead-ref it runs one headless session on the bead's
# prompt and writes Claude Code's stream-json to the worker log (FORGE reads tokens and cost from
# it); without a bead it opens an interactive session you can attach to with `tmux attach -t ID`.
# CLAUDE_BIN overrides the command; extra spawn_args are passed to claude.

LAUNCHER_NAME=claude-code
WORKER_TYPE=bead_worker
AGENT_BIN=${CLAUDE_BIN:-claude}
. "$(dirname "${BASH_SOURCE[0]}")/forge-launcher-lib.sh"

# Workers must not update themselves or phone home; as root, skipping permissions needs IS_SANDBOX.
export DISABLE_AUTOUPDATER=1 DISABLE_TELEMETRY=1 CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1
[ "$(id -u)" = "0" ] && export IS_SANDBOX=${IS_SANDBOX:-1}

agent_headless() {
  local prompt=$1
  shift
  "$AGENT_BIN" -p "$prompt" --output-format stream-json --verbose --model "$MODEL" \
    --dangerously-skip-permissions "$@"
}

agent_interactive() { "$AGENT_BIN" --model "$MODEL" "$@"; }

if [ "${1:-}" = "--forge-run" ]; then forge_run_agent; fi
forge_parse_args "$@"
forge_require_agent "$AGENT_BIN" "install it with: npm install -g @anthropic-ai/claude-code (or set CLAUDE_BIN)"
forge_launch
