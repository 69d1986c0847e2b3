"""The history import from the command line (issue 19): a force's past as JSON lines in any order loads whole into a
fresh SQLite database, the lines it cannot use are listed by line with why, a re-run loads nothing twice, and the
cases still open wait for an owner — or go to the one named."""

import json
import os
import random
import sqlite3
import subprocess
import tempfile
from pathlib import Path

from conftest import BINARY, REPO_ROOT


def run(args, env, ok=True):
    result = subprocess.run([str(BINARY), *args], env=env, cwd=REPO_ROOT, capture_output=True, text=True, timeout=300)
    if ok:
        assert result.returncode == 0, f"{args} exited {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    return result


LINES = [
    {"type": "person", "record_id": "V1", "first_name": "Ruth", "surname": "Okafor", "sex": "F", "ethnicity": "B2"},
    {"type": "person", "record_id": "S1", "first_name": "Dean", "surname": "Okafor", "sex": "M"},
    {"type": "person", "record_id": "V2", "first_name": "Ewa", "surname": "Nowak", "sex": "female", "postcode": "PR1 1A"},
    {"type": "incident", "ref": "H-1", "at": "2017-02-10T21:30:00Z", "victim": "V1", "suspect": "S1", "channel": "999",
     "relationship": "intimate_partner", "crime": "assault_with_injury", "abuse_types": ["physical"]},
    {"type": "arrest", "incident": "H-1", "at": "2017-02-10T23:00:00Z"},
    {"type": "outcome", "incident": "H-1", "outcome": "charge", "at": "2017-02-12T10:00:00Z"},
    {"type": "risk_level", "victim": "V1", "level": "high", "at": "2017-03-01T09:00:00Z"},
    {"type": "incident", "ref": "H-2", "at": "2016-06-01T12:00:00+01:00", "victim": "V2"},
    {"type": "case_closed", "victim": "V2", "at": "2016-12-01T12:00:00Z", "reason": "No further concerns"},
]
BAD = [
    {"type": "incident", "ref": "H-9", "at": "2019-01-01T10:00:00Z", "victim": "NOBODY"},
    {"type": "risk_level", "victim": "V1", "level": "severe", "at": "2019-01-01T10:00:00Z"},
]


def write(path: Path, seed: int) -> None:
    lines = [json.dumps(line) for line in LINES + BAD]
    random.Random(seed).shuffle(lines)
    path.write_text("\n".join(lines + ["not json at all"]) + "\n")


def test_history_loads_in_any_order_reports_what_it_cannot_use_and_loads_nothing_twice():
    workdir = Path(tempfile.mkdtemp(prefix="safeguard-history."))
    database = workdir / "history.sqlite"
    env = dict(os.environ, SAFEGUARD_DATABASE_URL=f"sqlite://{database}", SAFEGUARD_LOG_LEVEL="error")
    history = workdir / "history.jsonl"
    write(history, seed=3)
    run(["migrate"], env)
    report = workdir / "report.csv"
    first = run(["import", "history", "--jsonl", str(history), "--report", str(report), "--quiet"], env).stdout
    assert "3 people loaded" in first and "2 incidents and 2 cases made" in first and "3 lines could not be used" in first, first
    assert "open cases wait on the reallocation queue" in first, first
    problems = report.read_text()
    assert problems.splitlines()[0] == "line,problem"
    assert "no person with record_id NOBODY was loaded" in problems, problems
    assert '""level"" is ""severe""' in problems, problems
    assert "not a JSON object" in problems, problems
    assert 'postcode ""PR1 1A""' in problems, problems  # a person's value kept as given, named in the report

    with sqlite3.connect(database) as db:
        cases = db.execute("SELECT status, risk_level, needs_reallocation FROM cases ORDER BY opened_at").fetchall()
        assert cases == [("closed", None, 0), ("open", "high", 1)], cases
        assert db.execute("SELECT COUNT(*) FROM tasks").fetchone()[0] == 0  # the past sets no task
        assert db.execute("SELECT crime_class FROM incidents WHERE reference = 'H-1'").fetchone()[0] == "assault_with_injury"
        assert db.execute("SELECT COUNT(*) FROM custody_events").fetchone()[0] == 1

    again = run(["import", "history", "--jsonl", str(history), "--quiet"], env).stdout
    assert "0 people loaded, 0 events staged (new), 0 incidents and 0 cases made" in again, again


def test_history_gives_open_cases_to_the_owner_named_or_refuses_an_unknown_one():
    workdir = Path(tempfile.mkdtemp(prefix="safeguard-history."))
    database = workdir / "history.sqlite"
    env = dict(os.environ, SAFEGUARD_DATABASE_URL=f"sqlite://{database}", SAFEGUARD_LOG_LEVEL="error",
               SAFEGUARD_PASSWORD_HASH_COST="4")
    history = workdir / "history.jsonl"
    write(history, seed=11)
    run(["migrate"], env)
    refused = run(["import", "history", "--jsonl", str(history), "--owner", "nobody", "--quiet"], env, ok=False)
    assert refused.returncode != 0 and "owner" in (refused.stderr + refused.stdout), refused
    run(["user", "add", "--username", "dc-ashworth", "--display-name", "DC Ashworth", "--role", "da_specialist"],
        dict(env, SAFEGUARD_NEW_PASSWORD="a-long-enough-password-1"))
    given = run(["import", "history", "--jsonl", str(history), "--owner", "dc-ashworth", "--quiet"], env).stdout
    assert "open cases given to dc-ashworth" in given, given
    with sqlite3.connect(database) as db:
        owners = db.execute(
            "SELECT u.username, c.needs_reallocation FROM cases c JOIN users u ON u.id = c.owner_user_id WHERE c.status = 'open'"
        ).fetchall()
        assert owners == [("dc-ashworth", 0)], owners
