"""`safeguard bench journey` runs end to end: it starts the real server on a fresh database, drives complete incidents
through the API, prints its figures and leaves no case without an owner. A small run: the figures themselves are
measured with a release build (see the README), never asserted here."""

import json
import os
import subprocess

from conftest import BINARY, REPO_ROOT


def test_bench_journey_small_run_has_no_errors_and_every_case_owned():
    env = dict(os.environ, SAFEGUARD_PASSWORD_HASH_COST="4")
    env.pop("SAFEGUARD_DATABASE_URL", None)
    result = subprocess.run([str(BINARY), "bench", "journey", "--incidents", "30", "--concurrency", "4"],
                            env=env, cwd=REPO_ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"exited {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr[-3000:]}"
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert figures["completed"] == 30 and figures["errors"] == 0, figures
    assert figures["cases_without_owner"] == 0 and figures["open_cases"] == 30, figures
    for step in ("call", "assess", "review", "case", "accept", "plan"):
        assert step in figures["steps"], step
    assert "open cases without an owner who is here: 0" in result.stdout
