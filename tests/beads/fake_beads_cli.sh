#!/usr/bin/env bash
# Fake beads CLI for FORGE's tests. State: $FAKE_STATE/<id>.status and <id>.assignee.
tool=$(basename "$0")
state="${FAKE_STATE:?FAKE_STATE is not set}"
{ printf '%s' "$tool"; for a in "$@"; do printf '\t%s' "$a"; done; printf '\n'; } >> "$state/calls.log"
mode="${FAKE_MODE:-normal}"
cmd="${1:-}"; id="${2:-}"
[ $# -ge 2 ] && shift 2

not_found() {
  if [ "$tool" = bd ]; then
    printf '{"error":"no issue found matching \\"%s\\"","schema_version":1}\n' "$id"; exit 1
  fi
  printf '{"error":{"code":"ISSUE_NOT_FOUND","message":"Issue not found: %s","hint":null}}\n' "$id"; exit 3
}

show() {
  [ -f "$state/$id.status" ] || not_found
  st=$(cat "$state/$id.status"); as=$(cat "$state/$id.assignee" 2>/dev/null || true)
  json=$(printf '{"id":"%s","title":"Fake %s","status":"%s","priority":1,"issue_type":"task","labels":["x"]' "$id" "$id" "$st")
  if [ -n "$as" ]; then json="$json,\"assignee\":\"$as\""; fi
  json="[$json}]"
  if [ "$tool" = bd ] && [ "${BD_JSON_ENVELOPE:-}" = 1 ]; then json="{\"schema_version\":1,\"data\":$json}"; fi
  printf '%s\n' "$json"
}

case "$mode:$cmd" in
  slow:*) sleep 30; exit 0 ;;
  weird:show) echo '{"unexpected":"shape"}'; exit 0 ;;
  error-exit0:show) echo '{"error":"backend unavailable"}'; exit 0 ;;
  locked:update|locked:close|locked:release)
    echo 'warning: something first' >&2
    echo '{"error":"database is locked","hint":"Another process holds the lock; retry."}' >&2; exit 1 ;;
  br-error:update|br-error:close|br-error:release)
    echo '{"error":{"code":"DATABASE_ERROR","message":"schema is too new","hint":"Upgrade br.","retryable":false}}'; exit 2 ;;
  race:update)
    printf in_progress > "$state/$id.status"; printf other-worker > "$state/$id.assignee"
    echo '{"error":{"code":"VALIDATION_FAILED","message":"issue is assigned to other-worker"}}'; exit 4 ;;
  skip-close:close) echo '[]'; exit 0 ;;
  noop:update) echo '[]'; exit 0 ;;
esac

case "$cmd" in
  show) show ;;
  update)
    [ -f "$state/$id.status" ] || not_found
    while [ $# -gt 0 ]; do
      case "$1" in
        --status) printf '%s' "$2" > "$state/$id.status"; shift 2 ;;
        --assignee) printf '%s' "$2" > "$state/$id.assignee"; shift 2 ;;
        *) shift ;;
      esac
    done
    if [ "$tool" != bead ]; then show; fi ;;
  release)
    [ -f "$state/$id.status" ] || not_found
    printf open > "$state/$id.status"; : > "$state/$id.assignee" ;;
  close)
    if [ ! -f "$state/$id.status" ]; then
      if [ "$tool" = br ]; then echo '[]'; exit 0; fi
      not_found
    fi
    printf closed > "$state/$id.status"
    if [ "$tool" != bead ]; then show; fi ;;
  *) echo "fake $tool: unknown command $cmd" >&2; exit 2 ;;
esac
