#!/usr/bin/env bash
# FORGE launcher for the Gemini CLI. With --bead-ref it runs `gemini -p … -o stream-json` on the
# bead's prompt and logs its events (exit code 173 means a 429: quota or rate limit); without a
# bead it opens an interactive session in tmux. GEMINI_BIN overrides the command.

LAUNCHER_NAME=gemini
WORKER_TYPE=bead_worker
AGENT_BIN=${GEMINI_BIN:-gemini}
# Gemini CLI exits 173 (a 429) when a quota is exhausted: a usage limit, not a broken bead.
AGENT_LIMIT_EXITS=173
. "$(dirname "${BASH_SOURCE[0]}")/forge-launcher-lib.sh"

agent_headless() {
  local prompt=$1
  shift
  "$AGENT_BIN" -p "$prompt" -o stream-json --yolo --skip-trust -m "$MODEL" "$@"
}

agent_interactive() { "$AGENT_BIN" -m "$MODEL" "$@"; }

if [ "${1:-}" = "--forge-run" ]; then forge_run_agent; fi
forge_parse_args "$@"
forge_require_agent "$AGENT_BIN" "install it with: npm install -g @google/gemini-cli (or set GEMINI_BIN)"
forge_launch
