"""The legacy import from the command line: `safeguard demo --csv` writes a synthetic legacy CSV, and
`safeguard import people --csv` loads it into a fresh SQLite database, lists rejected rows by line number,
and loads nothing twice when re-run."""

import os
import subprocess
import tempfile
from pathlib import Path

from conftest import BINARY, REPO_ROOT


def run(args, env):
    result = subprocess.run([str(BINARY), *args], env=env, cwd=REPO_ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"{args} exited {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    return result.stdout


def test_import_round_trip_with_rejections_and_rerun():
    workdir = Path(tempfile.mkdtemp(prefix="safeguard-import."))
    env = dict(os.environ, SAFEGUARD_DATABASE_URL=f"sqlite://{workdir / 'import.sqlite'}", SAFEGUARD_LOG_LEVEL="error")
    legacy = workdir / "legacy.csv"
    written = run(["demo", "--people", "400", "--seed", "7", "--end-date", "2026-11-01", "--csv", str(legacy), "--quiet"], env)
    rows = int(written.split()[1])
    lines = legacy.read_text().splitlines()
    assert lines[0] == "record_id,first_name,surname,date_of_birth,sex,phone,postcode,address_line,email"
    assert len(lines) == rows + 1
    # Two bad rows appended: an impossible date and a phone that is not a UK number.
    with legacy.open("a") as f:
        f.write("BAD-1,Ann,Bell,1986-02-30,female,,,,\n")
        f.write("BAD-2,Bob,Bell,,male,12345,,,\n")

    run(["migrate"], env)
    first = run(["import", "people", "--csv", str(legacy), "--quiet"], env)
    assert f"Read {rows + 2} rows: {rows} records loaded, 0 already loaded (skipped), 2 rejected." in first, first
    assert f"rejected line {rows + 2}: date_of_birth" in first, first
    assert f"rejected line {rows + 3}: phone" in first, first

    again = run(["import", "people", "--csv", str(legacy), "--quiet"], env)
    assert f"0 records loaded, {rows} already loaded (skipped), 2 rejected." in again, again
