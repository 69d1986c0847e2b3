"""Issue 24, part 4, crash safety: `kill -9` of the server while writers are busy, and of an import midway. Every write
the server acknowledged before the kill is there after a restart; a re-run import loads nothing twice and loses
nobody. SQLite here (WAL with synchronous FULL on commit); PostgreSQL's own durability is its WAL with
synchronous_commit on, its default."""

import os
import signal
import sqlite3
import subprocess
import tempfile
import threading
import time
import uuid
from pathlib import Path

import requests

from conftest import BINARY, REPO_ROOT, free_port, running_server, stop_process, wait_for_health


def test_every_acknowledged_write_survives_kill_9(request):
    with running_server(request, demo_people=200, label="crash server") as srv:
        token = srv.token("officer")
        headers = {"Authorization": f"Bearer {token}"}
        acknowledged: list[str] = []
        lock = threading.Lock()
        stop = threading.Event()

        def writer(n: int) -> None:
            session = requests.Session()
            i = 0
            while not stop.is_set():
                i += 1
                body = {"first_name": "Crash", "surname": f"Writer{n}x{i}{uuid.uuid4().hex[:6]}", "confirmed_new": True}
                try:
                    response = session.post(f"{srv.url}/api/v1/people", json=body, headers=headers, timeout=10)
                except requests.RequestException:
                    return  # the server has gone: this write was never acknowledged
                if response.status_code == 201:
                    with lock:
                        acknowledged.append(response.json()["id"])

        threads = [threading.Thread(target=writer, args=(n,)) for n in range(6)]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            with lock:
                if len(acknowledged) >= 40:
                    break
            time.sleep(0.1)
        # act: the power goes, mid-write
        srv.process.send_signal(signal.SIGKILL)
        srv.process.wait(timeout=15)
        stop.set()
        for thread in threads:
            thread.join(timeout=15)
        assert len(acknowledged) >= 10, f"only {len(acknowledged)} writes acknowledged before the kill"

        # check: a new server on the same database has every acknowledged record, and the audit chain holds
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        with open(srv.log_path, "ab") as log:
            restarted = subprocess.Popen(
                [str(BINARY), "serve", "--host", "127.0.0.1", "--port", str(port)], env=srv.env, cwd=REPO_ROOT,
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
        srv.process = restarted
        problem = wait_for_health(url, restarted, 120)
        assert problem is None, problem
        missing = [pid for pid in acknowledged if requests.get(f"{url}/api/v1/people/{pid}", headers=headers, timeout=10).status_code != 200]
        assert missing == [], f"{len(missing)} of {len(acknowledged)} acknowledged records lost: {missing[:5]}"
        verified = srv.cli("audit", "verify")
        assert verified.returncode == 0 and "intact" in verified.stdout, verified.stdout + verified.stderr


def test_an_import_killed_midway_loads_nothing_twice_when_run_again():
    workdir = Path(tempfile.mkdtemp(prefix="safeguard-crash-import."))
    database = workdir / "import.sqlite"
    env = dict(os.environ, SAFEGUARD_DATABASE_URL=f"sqlite://{database}", SAFEGUARD_LOG_LEVEL="error")
    legacy = workdir / "legacy.csv"
    written = subprocess.run(
        [str(BINARY), "demo", "--people", "20000", "--seed", "11", "--end-date", "2026-11-01", "--csv", str(legacy), "--quiet"],
        env=env, cwd=REPO_ROOT, capture_output=True, text=True, timeout=600)
    assert written.returncode == 0, written.stderr
    rows = len(legacy.read_text().splitlines()) - 1
    subprocess.run([str(BINARY), "migrate"], env=env, cwd=REPO_ROOT, check=True, capture_output=True, timeout=300)

    # act: kill the import once it has loaded some chunks
    importing = subprocess.Popen(
        [str(BINARY), "import", "people", "--csv", str(legacy), "--chunk", "500", "--quiet"], env=env, cwd=REPO_ROOT,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    loaded_before = 0
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and importing.poll() is None:
        time.sleep(0.2)
        try:
            with sqlite3.connect(database, timeout=1) as db:
                loaded_before = db.execute("SELECT COUNT(*) FROM people").fetchone()[0]
        except sqlite3.Error:
            continue
        if loaded_before >= 2000:
            break
    importing.send_signal(signal.SIGKILL)
    importing.wait(timeout=15)
    assert 0 < loaded_before < rows, f"the import was not caught midway ({loaded_before} of {rows})"

    # check: run again to the end; every row once, none twice
    again = subprocess.run([str(BINARY), "import", "people", "--csv", str(legacy), "--quiet"], env=env, cwd=REPO_ROOT,
                           capture_output=True, text=True, timeout=900)
    assert again.returncode == 0, again.stdout + again.stderr
    with sqlite3.connect(database) as db:
        people, distinct = db.execute("SELECT COUNT(*), COUNT(DISTINCT source_id) FROM people").fetchone()
    assert people == distinct, f"{people - distinct} records loaded twice"
    assert people == rows, f"{people} loaded of {rows} rows"
    verified = subprocess.run([str(BINARY), "audit", "verify"], env=env, cwd=REPO_ROOT, capture_output=True, text=True, timeout=300)
    assert verified.returncode == 0, verified.stdout + verified.stderr
