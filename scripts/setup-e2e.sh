#!/usr/bin/env bash
# Create the Python environment for the browser and API tests in e2e/.venv and install
# e2e/requirements.txt into it. Re-running it updates the environment in place.
#
# The tests drive Debian's Chromium at /usr/bin/chromium (`apt-get install chromium`);
# Playwright's own browser download (`playwright install`) is neither needed nor used.
#
# Environment: PYTHON (default python3) picks the interpreter.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
VENV=e2e/.venv

if [ ! -x "$VENV/bin/python" ]; then
  echo "setup-e2e: creating $VENV with $("$PYTHON" --version 2>&1)"
  if ! "$PYTHON" -m venv "$VENV"; then
    rm -rf "$VENV"
    echo "setup-e2e: '$PYTHON -m venv' failed; on Debian install python3-venv (apt-get install python3-venv)" >&2
    exit 1
  fi
fi
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r e2e/requirements.txt </dev/null
echo "setup-e2e: installed into $VENV:"
"$VENV/bin/python" -m pip freeze --disable-pip-version-check | grep -iE '^(playwright|pytest|requests|jsonschema|openapi-spec-validator|schemathesis|axe-playwright-python)=='
if [ ! -x /usr/bin/chromium ]; then
  echo "setup-e2e: note: /usr/bin/chromium is missing; install it with 'apt-get install chromium'" >&2
fi
