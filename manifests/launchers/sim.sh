#!/usr/bin/env bash
# FORGE's simulated worker: a real process speaking the real protocol, with no AI behind it.
# It writes status and JSONL logs with realistic token usage and cost, works its bead for a
# while, sometimes fails, stalls or hits a usage limit (rates below), and closes the bead.
#
# Tuning (environment, e.g. from the worker config's `environment:`):
#   SIM_WORK_SECONDS   seconds of work per task (default 8; a random 50-150 % is used)
#   SIM_CALL_SECONDS   seconds between simulated model calls (default 1)
#   SIM_FAIL_PCT       chance in % that a task fails (default 5)
#   SIM_STALL_PCT      chance in % that a task stalls forever without output (default 0)
#   SIM_LIMIT_PCT      chance in % of a usage limit that resets in SIM_LIMIT_RESET_SECONDS (default 0; 300)
#   SIM_IDLE_SECONDS   pause between tasks when no bead is assigned (default 3)

LAUNCHER_NAME=sim
WORKER_TYPE=sim_worker
. "$(dirname "${BASH_SOURCE[0]}")/forge-launcher-lib.sh"

sim_price() { # model -> "input output" in cents of a USD per million tokens
  case "$1" in
    *opus*) echo "1500 7500" ;;
    *haiku*) echo "100 500" ;;
    *gpt-5* | *gpt5*) echo "125 1000" ;;
    *glm*) echo "100 200" ;;
    *deepseek*) echo "28 42" ;;
    *) echo "300 1500" ;;
  esac
}

sim_sleep() { sleep "$1" & wait $!; }

# One simulated model call: random tokens, cost from the price table (cache reads at 10 %).
sim_call() {
  local task=$1 in out cache pin pout micro
  in=$((800 + RANDOM % 5200))
  out=$((50 + RANDOM % 1400))
  cache=$(((RANDOM % 4) * (RANDOM % 6000)))
  read -r pin pout <<<"$SIM_PRICES"
  # Integer arithmetic in millionths of a dollar: tokens x cents-per-MTok / 100.
  micro=$(((in * pin + out * pout + cache * pin / 10) / 100))
  forge_log info api_call "model call: $in in, $out out, $cache cached" \
    ",\"model\":$(forge_json "$MODEL"),\"bead_id\":$(forge_json "$task"),\"tokens\":{\"input\":$in,\"output\":$out,\"cache_read\":$cache,\"cache_write\":0},\"cost_usd\":$(printf '%d.%06d' $((micro / 1000000)) $((micro % 1000000)))"
}

# Decimal seconds ("2", "0.2", ".5") -> whole milliseconds; anything else -> the default given.
# bash arithmetic is integer-only, and an arithmetic error would end the worker.
sim_ms() { # seconds default
  local s=$1 int frac
  [[ $s =~ ^[0-9]*(\.[0-9]*)?$ && $s =~ [0-9] ]] || s=$2
  int=${s%%.*}
  frac=""
  [[ $s == *.* ]] && frac=${s#*.}
  frac="${frac}000"
  echo $((10#${int:-0} * 1000 + 10#${frac:0:3}))
}

# Works one task; returns 0 done, 1 failed, 75 usage limit. Stalls never return.
sim_work() {
  local task=$1 total_ms call_ms calls i roll
  total_ms=$(( $(sim_ms "${SIM_WORK_SECONDS:-8}" 8) * (50 + RANDOM % 101) / 100 ))
  call_ms=$(sim_ms "${SIM_CALL_SECONDS:-1}" 1)
  calls=1
  [ "$call_ms" -gt 0 ] && calls=$(( total_ms / call_ms ))
  [ "$calls" -lt 1 ] && calls=1
  CURRENT_TASK=$task
  forge_status active
  forge_log info task_started "working on $task" ",\"bead_id\":$(forge_json "$task")"
  for ((i = 0; i < calls; i++)); do
    sim_sleep "${SIM_CALL_SECONDS:-1}"
    sim_call "$task"
  done
  roll=$((RANDOM % 100))
  if [ "$roll" -lt "${SIM_STALL_PCT:-0}" ]; then
    forge_log warning stalled "simulated stall: no more output"
    while true; do sim_sleep 3600; done
  fi
  roll=$((RANDOM % 100))
  if [ "$roll" -lt "${SIM_LIMIT_PCT:-0}" ]; then
    local reset
    reset=$(date -u -d "@$(($(date +%s) + ${SIM_LIMIT_RESET_SECONDS:-300}))" +%Y-%m-%dT%H:%M:%SZ 2>/dev/null || forge_now)
    forge_log error rate_limited "usage limit reached; resets at $reset" ",\"reset_at\":\"$reset\""
    return 75
  fi
  roll=$((RANDOM % 100))
  if [ "$roll" -lt "${SIM_FAIL_PCT:-5}" ]; then
    SIM_ERROR="simulated failure"
    return 1
  fi
  return 0
}

sim_stop() {
  CURRENT_TASK=""
  forge_status stopped
  forge_log info worker_stopped "worker $SESSION stopped by signal" ',"reason":"signal"'
  exit 0
}

sim_run() {
  WORKER_PID=$$
  SIM_PRICES=$(sim_price "$MODEL")
  trap sim_stop TERM HUP INT
  exec 2>>"$ERR_FILE"
  if [ -n "$BEAD" ]; then
    sim_work "$BEAD"
    local code=$?
    [ "$code" -eq 75 ] && SIM_ERROR="usage limit"
    # forge_finish logs task_completed / task_failed and closes or releases the bead.
    forge_finish "$code" "${SIM_ERROR:-}"
    exit $?
  fi
  local n=0
  forge_status idle
  while true; do
    while forge_is_paused; do sim_sleep 1; done
    n=$((n + 1))
    if sim_work "sim-task-$n"; then
      TASKS_COMPLETED=$((${TASKS_COMPLETED:-0} + 1))
      forge_log info task_completed "finished sim-task-$n" ",\"bead_id\":\"sim-task-$n\""
    else
      forge_log error task_failed "sim-task-$n failed: ${SIM_ERROR:-usage limit}" ",\"bead_id\":\"sim-task-$n\",\"error\":\"${SIM_ERROR:-usage limit}\""
    fi
    CURRENT_TASK=""
    forge_status idle
    sim_sleep "${SIM_IDLE_SECONDS:-3}"
  done
}

if [ "${1:-}" = "--forge-run" ]; then
  sim_run
fi
# sim_run never returns. A shell error (bash abandons the whole `if` above) lands here: record
# the failure instead of falling through to the launcher half.
if [ "${1:-}" = "--forge-run" ]; then
  forge_status failed
  forge_die "the simulated worker stopped on a shell error (see above)"
fi
forge_parse_args "$@"
forge_launch
