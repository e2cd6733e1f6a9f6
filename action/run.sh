#!/usr/bin/env bash
# The run of the GitHub Action (action.yml). Its inputs arrive as IN_* variables, and each becomes its setting only
# when it is not empty: an unset repository variable must never become an empty setting that quietly means "the
# embedded reference target". A wrong input is one line (an error annotation) and exit 2, before anything starts.
# Exit code: the command's (0 the gate passed, 1 failed, 2 bad input, 4 not decided, 130 interrupted).
set -uo pipefail

fail() {
  echo "::error title=OIDC conformance::$1"
  exit 2
}
# Set a variable only to a value that is there.
set_if() { if [ -n "${2:-}" ]; then export "$1=$2"; fi; }
switch() {
  case "${2:-}" in
    '' | false) ;;
    true) export "$1=1" ;;
    *) fail "$3: \"$2\" must be true or false" ;;
  esac
}

mode=${IN_MODE:-run}
case "$mode" in
  run)
    case "${IN_TARGET:-}" in
      '') [ -n "${IN_BASE_URL:-}" ] || fail "base-url is empty: give the provider's public URL (is the variable or secret it comes from set for this repository and environment?), or set target: embedded to judge the embedded reference target" ;;
      embedded) [ -z "${IN_BASE_URL:-}" ] || fail "target: embedded and base-url are both given: choose one" ;;
      *) fail "target: \"$IN_TARGET\" must be embedded, or left out when base-url is given" ;;
    esac
    ;;
  merge) [ -n "${IN_SHARDS:-}" ] || fail 'mode: merge needs the folder the shard artifacts were downloaded to (shards)' ;;
  *) fail "mode: \"$mode\" must be run or merge" ;;
esac

# Secrets given as plain inputs are masked in the log too (values from secrets.* already are).
for s in "${IN_ADMIN_TOKEN:-}" "${IN_LOGIN_PASSWORD:-}"; do [ -z "$s" ] || echo "::add-mask::$s"; done

set_if OIDC_BASE_URL "${IN_BASE_URL:-}"
set_if OIDC_ISSUER "${IN_ISSUER:-}"
set_if OIDC_ADMIN_URL "${IN_ADMIN_URL:-}"
set_if OIDC_ADMIN_TOKEN "${IN_ADMIN_TOKEN:-}"
set_if OIDC_PROFILE "${IN_PROFILE:-}"
set_if OIDC_BASELINE "${IN_BASELINE:-}"
set_if OIDC_GATE "${IN_GATE:-}"
set_if OIDC_PLAN "${IN_PLAN:-}"
set_if OIDC_EXCLUDE_FILE "${IN_EXCLUDE_FILE:-}"
set_if OIDC_HISTORY "${IN_HISTORY:-}"
set_if OIDC_LOGIN_MODE "${IN_LOGIN_MODE:-}"
set_if OIDC_LOGIN_URL_PATTERN "${IN_LOGIN_URL_PATTERN:-}"
set_if OIDC_LOGIN_USERNAME_SELECTOR "${IN_LOGIN_USERNAME_SELECTOR:-}"
set_if OIDC_LOGIN_USERNAME "${IN_LOGIN_USERNAME:-}"
set_if OIDC_LOGIN_PASSWORD_SELECTOR "${IN_LOGIN_PASSWORD_SELECTOR:-}"
set_if OIDC_LOGIN_PASSWORD "${IN_LOGIN_PASSWORD:-}"
set_if OIDC_LOGIN_SUBMIT_SELECTOR "${IN_LOGIN_SUBMIT_SELECTOR:-}"
set_if OIDC_CONSENT_SUBMIT_SELECTOR "${IN_CONSENT_SUBMIT_SELECTOR:-}"
set_if OIDC_LOGOUT_SUBMIT_SELECTOR "${IN_LOGOUT_SUBMIT_SELECTOR:-}"
switch OIDC_STRICT "${IN_STRICT:-}" strict

command=${CONFORMANCE_COMMAND:-oidc-conformance} # another command only in the project's tests
config=()
[ -z "${IN_CONFIG:-}" ] || config=(--config "$IN_CONFIG")
if [ "$mode" = merge ]; then
  shopt -s nullglob
  shards=("$IN_SHARDS"/*/shard-*-of-*)
  [ ${#shards[@]} -gt 0 ] || fail "no shard report folders under $IN_SHARDS (each shard uploads reports/, which holds shard-i-of-n)"
  "$command" merge "${config[@]}" "${shards[@]}" 2>&1 | tee conformance.log
else
  # shellcheck disable=SC2086 # the extra arguments are words on purpose
  "$command" "${config[@]}" ${IN_ARGS:-} 2>&1 | tee conformance.log
fi
code=${PIPESTATUS[0]}
[ -z "${GITHUB_OUTPUT:-}" ] || echo "exit-code=$code" >>"$GITHUB_OUTPUT"
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  {
    echo '### OIDC conformance'
    echo '```'
    sed -n '/^Conformance of/,$p' conformance.log
    echo '```'
  } >>"$GITHUB_STEP_SUMMARY"
fi
exit "$code"
