#!/usr/bin/env bash
# Run every test Safeguard has, in one command:
#   0. swift format lint (the layout of .swift-format)
#   1. swift build --build-tests
#   2. swift test on SQLite
#   3. swift test on PostgreSQL: SAFEGUARD_TEST_POSTGRES_URL when set, otherwise a throwaway
#      server started here with scripts/start-postgres.sh and stopped afterwards
#   4. the browser and API tests in e2e/, schemathesis against the API document among them (e2e/.venv is made
#      with scripts/setup-e2e.sh when missing; Debian's chromium is installed when missing and run as root)
# Every stage runs even when an earlier test stage fails (a failed build stops at once);
# the exit status is non-zero if any stage failed.
set -uo pipefail
cd "$(dirname "$0")/.."

STARTED=$SECONDS
RESULTS=()
FAILED=0

header() {
  echo
  echo "=================================================================="
  echo "== $*"
  echo "=================================================================="
}

record() {  # record NAME STATUS START
  local name=$1 status=$2 elapsed=$((SECONDS - $3))
  if [ "$status" -eq 0 ]; then
    RESULTS+=("ok      $name (${elapsed}s)")
  else
    RESULTS+=("FAILED  $name (exit $status, ${elapsed}s)")
    FAILED=$((FAILED + 1))
  fi
}

summary() {
  header "Summary ($((SECONDS - STARTED))s)"
  printf '  %s\n' "${RESULTS[@]}"
}

PG_STARTED_HERE=0
cleanup() {
  if [ "$PG_STARTED_HERE" -eq 1 ]; then
    bash scripts/stop-postgres.sh || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# 0. Lint: the code keeps the layout of .swift-format (`swift format -i -r Sources Tests Package.swift` mends it).
header "0/4 Lint: swift format lint --strict"
t=$SECONDS
swift format lint --strict --recursive --configuration .swift-format Sources Tests Package.swift
record "swift format lint" $? $t

# 1. Build everything once; the test runs below reuse it.
header "1/4 Build: swift build --build-tests"
t=$SECONDS
swift build --build-tests
status=$?
record "swift build --build-tests" $status $t
if [ $status -ne 0 ]; then
  summary
  echo "The build failed; no tests were run." >&2
  exit 1
fi

# 2. Swift tests on the embedded database.
header "2/4 Swift tests on SQLite: swift test --skip-build"
t=$SECONDS
env -u SAFEGUARD_TEST_POSTGRES_URL swift test --skip-build
record "swift test (SQLite)" $? $t

# 3. The same tests on a real PostgreSQL.
if [ -n "${SAFEGUARD_TEST_POSTGRES_URL:-}" ]; then
  PG_URL=$SAFEGUARD_TEST_POSTGRES_URL
  header "3/4 Swift tests on PostgreSQL (SAFEGUARD_TEST_POSTGRES_URL=$PG_URL)"
else
  header "3/4 Swift tests on PostgreSQL (starting a throwaway server: scripts/start-postgres.sh)"
  PG_STARTED_HERE=1
  PG_URL=$(bash scripts/start-postgres.sh | tail -n 1)
  echo "PostgreSQL at $PG_URL"
fi
t=$SECONDS
if [ -n "$PG_URL" ]; then
  SAFEGUARD_TEST_POSTGRES_URL="$PG_URL" swift test --skip-build
  record "swift test (PostgreSQL)" $? $t
else
  echo "Could not start PostgreSQL (see the messages above)." >&2
  record "swift test (PostgreSQL: server did not start)" 1 $t
fi
# The server stays up for the end-to-end tests (the crash-safety test kills Safeguard mid-write on PostgreSQL too); the
# exit trap stops it.

# 4. Browser and API tests against a real server (schemathesis among them). A fresh machine has no e2e environment
#    yet: make it here, and say so, rather than stop and leave a newcomer to find a third command.
header "4/4 End-to-end tests: e2e/.venv/bin/python -m pytest -q e2e"
t=$SECONDS
if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "Debian's chromium is missing: installing it (apt-get install chromium) for the browser tests."
  { apt-get update -q && apt-get install -y -q --no-install-recommends chromium; } </dev/null || echo "could not install chromium" >&2
fi
if [ ! -x e2e/.venv/bin/python ] || ! e2e/.venv/bin/python -c 'import playwright, pytest, schemathesis' >/dev/null 2>&1; then
  echo "e2e/.venv is missing or incomplete: making it now with scripts/setup-e2e.sh."
  bash scripts/setup-e2e.sh || echo "scripts/setup-e2e.sh failed (see above)" >&2
fi
if [ -x e2e/.venv/bin/python ]; then
  SAFEGUARD_TEST_POSTGRES_URL="${PG_URL:-}" e2e/.venv/bin/python -m pytest -q e2e
  record "pytest e2e" $? $t
else
  echo "e2e/.venv is missing: create it with scripts/setup-e2e.sh (and 'apt-get install chromium' for the browser)." >&2
  record "pytest e2e (e2e/.venv missing: run scripts/setup-e2e.sh)" 1 $t
fi

summary
if [ "$FAILED" -ne 0 ]; then
  echo "$FAILED stage(s) failed." >&2
  exit 1
fi
echo "All stages passed."
