"""The legacy import from the command line: `safeguard demo --csv` writes a synthetic legacy CSV, and
`safeguard import people --csv` loads it into a fresh SQLite database, lists rejected rows by line number,
and loads nothing twice when re-run."""

import os
import sqlite3
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
    # Two rows a strict form would refuse: an impossible date and a phone that is not a UK number. Both load, the
    # values kept as given and listed in the report; a row naming no one is the only one refused.
    with legacy.open("a") as f:
        f.write("BAD-1,Ann,Bell,1986-02-30,F,,,,\n")
        f.write("BAD-2,Bob,Bell,,M,12345,,,\n")
        f.write("EMPTY-1,,,,U,,,,\n")

    run(["migrate"], env)
    report = workdir / "quality.csv"
    first = run(["import", "people", "--csv", str(legacy), "--report", str(report), "--quiet"], env)
    assert f"Read {rows + 3} rows: {rows + 2} records loaded, 0 already loaded (skipped), 1 refused; 2 rows had values kept as given" in first, first
    assert f"refused line {rows + 4}: holds nothing that could identify anyone" in first, first
    assert "kept as given: 1 × date_of_birth: not a real date" in first, first
    quality = report.read_text().splitlines()
    assert quality[0] == "line,record_id,field,value,problem"
    assert f"{rows + 2},BAD-1,date_of_birth,1986-02-30,not a real date" in quality, quality
    assert f"{rows + 3},BAD-2,phone,12345,not a UK phone number" in quality, quality

    again = run(["import", "people", "--csv", str(legacy), "--quiet"], env)
    assert f"0 records loaded, {rows + 2} already loaded (skipped), 1 refused;" in again, again


def test_import_maps_a_forces_own_columns_and_reads_windows_1252():
    workdir = Path(tempfile.mkdtemp(prefix="safeguard-import."))
    env = dict(os.environ, SAFEGUARD_DATABASE_URL=f"sqlite://{workdir / 'import.sqlite'}", SAFEGUARD_LOG_LEVEL="error")
    legacy = workdir / "niche.csv"
    # A force's own export: its own column names, sex as codes, a postcode-less address, Windows-1252 (Zoë, Chloé).
    text = ("PersonRef,Forename,Surname,DOB,Gender,Tel,PostCode,Addr1,EMail,Custody No\r\n"
            "N1,Zoë,Ashworth,1990-05-01,F,07700 900123,NB1 4XY,3 Mill Lane,,C1\r\n"
            "N2,Chloé,Thornley,,female,,,12 High Street,,C2\r\n")
    legacy.write_bytes(text.encode("cp1252"))
    run(["migrate"], env)
    columns = "record_id=PersonRef,first_name=Forename,surname=Surname,date_of_birth=DOB,sex=Gender,phone=Tel,postcode=PostCode,address_line=Addr1,email=EMail"
    out = run(["import", "people", "--csv", str(legacy), "--columns", columns, "--encoding", "windows-1252", "--quiet"], env)
    assert "Read 2 rows: 2 records loaded, 0 already loaded (skipped), 0 refused;" in out, out
    with sqlite3.connect(workdir / "import.sqlite") as db:
        names = sorted(row[0] for row in db.execute("SELECT first_name FROM people"))
        blank_postcodes = db.execute("SELECT COUNT(*) FROM addresses WHERE postcode = ''").fetchone()[0]
    assert names == ["Chloé", "Zoë"], names
    assert blank_postcodes == 1
    # The same file read as UTF-8 is not text: the message names the first bad line.
    result = subprocess.run([str(BINARY), "import", "people", "--csv", str(legacy), "--columns", columns, "--quiet"], env=env, cwd=REPO_ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode != 0
    assert "line 2 is not utf-8 text" in result.stderr, result.stderr
    assert "--encoding windows-1252" in result.stderr, result.stderr
