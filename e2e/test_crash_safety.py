"""Issue 24, part 4, crash safety: `kill -9` of the server while writers are busy, and of an import midway, on SQLite
and (when SAFEGUARD_TEST_POSTGRES_URL names a server, as `scripts/test.sh` does) on PostgreSQL. Every write the server
acknowledged before the kill is there after a restart; a re-run import loads nothing twice and loses nobody; the audit
chain still verifies."""

import os
import shutil
import signal
import sqlite3
import subprocess
import tempfile
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
import requests

from conftest import BINARY, REPO_ROOT, free_port, stop_process, wait_for_health

ENGINES = ["sqlite", "postgres"]
TEST_AUDIT_KEY = "crash-test-audit-key-made-up-for-e2e-only-0001"


def pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/" + name), key=lambda p: int(p.parts[-3]) if p.parts[-3].isdigit() else 0)
    if not versions:
        pytest.fail(f"{name} is not installed", pytrace=False)
    return str(versions[-1])


class Database:
    """A fresh database for one test: a SQLite file, or a new PostgreSQL database on the test server."""

    def __init__(self, engine: str, workdir: Path):
        self.engine = engine
        if engine == "sqlite":
            self.path = workdir / "crash.sqlite"
            self.url = f"sqlite://{self.path}"
            return
        base = os.environ.get("SAFEGUARD_TEST_POSTGRES_URL")
        if not base:
            pytest.skip("SAFEGUARD_TEST_POSTGRES_URL is not set (scripts/test.sh sets it)")
        parts = urlsplit(base)
        self.name = "sg_crash_" + uuid.uuid4().hex[:12]
        self.connection = ["-h", parts.hostname or "127.0.0.1", "-p", str(parts.port or 5432), "-U", parts.username or "postgres"]
        subprocess.run([pg_tool("createdb"), *self.connection, self.name], check=True, capture_output=True, timeout=60)
        self.url = urlunsplit((parts.scheme, parts.netloc, "/" + self.name, parts.query, ""))

    def count(self, sql: str) -> tuple:
        if self.engine == "sqlite":
            with sqlite3.connect(self.path, timeout=5) as db:
                return db.execute(sql).fetchone()
        out = subprocess.run([pg_tool("psql"), *self.connection, "-d", self.name, "-tA", "-F", ",", "-c", sql],
                             check=True, capture_output=True, text=True, timeout=60).stdout.strip()
        return tuple(int(v) for v in out.split(","))

    def drop(self) -> None:
        if self.engine == "postgres":
            subprocess.run([pg_tool("dropdb"), *self.connection, "--force", "--if-exists", self.name], capture_output=True, timeout=60)


@pytest.fixture(params=ENGINES)
def database(request):
    workdir = Path(tempfile.mkdtemp(prefix="safeguard-crash."))
    db = Database(request.param, workdir)
    env = dict(os.environ, SAFEGUARD_DATABASE_URL=db.url, SAFEGUARD_PASSWORD_HASH_COST="4", SAFEGUARD_LOG_LEVEL="error",
               SAFEGUARD_AUDIT_KEY=TEST_AUDIT_KEY)
    env.pop("SAFEGUARD_TEST_POSTGRES_URL", None)
    yield db, env, workdir
    db.drop()
    shutil.rmtree(workdir, ignore_errors=True)


def serve(env: dict, workdir: Path, demo: bool) -> tuple[subprocess.Popen, str]:
    port = free_port()
    arguments = [str(BINARY), "serve", "--host", "127.0.0.1", "--port", str(port)]
    if demo:
        arguments += ["--demo", "--demo-people", "200"]
    with open(workdir / "server.log", "ab") as log:
        process = subprocess.Popen(arguments, env=env, cwd=REPO_ROOT, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    problem = wait_for_health(url, process, 300)
    if problem is not None:
        stop_process(process)
        pytest.fail(f"{problem}\n{(workdir / 'server.log').read_text(errors='replace')[-3000:]}", pytrace=False)
    return process, url


def cli(env: dict, *args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run([str(BINARY), *args], env=env, cwd=REPO_ROOT, capture_output=True, text=True, timeout=timeout)


def test_every_acknowledged_write_survives_kill_9(database):
    db, env, workdir = database
    process, url = serve(env, workdir, demo=True)
    try:
        issued = cli(env, "user", "token", "--username", "officer")
        assert issued.returncode == 0, issued.stderr
        headers = {"Authorization": f"Bearer {issued.stdout.split()[-1]}"}
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
                    response = session.post(f"{url}/api/v1/people", json=body, headers=headers, timeout=10)
                except requests.RequestException:
                    return  # the server has gone: this write was never acknowledged
                if response.status_code == 201:
                    with lock:
                        acknowledged.append(response.json()["id"])

        threads = [threading.Thread(target=writer, args=(n,)) for n in range(6)]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with lock:
                if len(acknowledged) >= 40:
                    break
            time.sleep(0.1)
        # act: the power goes, mid-write
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=15)
        stop.set()
        for thread in threads:
            thread.join(timeout=15)
        assert len(acknowledged) >= 10, f"only {len(acknowledged)} writes acknowledged before the kill"

        # check: a new server on the same database has every acknowledged record, and the audit chain holds
        process, url = serve(env, workdir, demo=False)
        missing = [pid for pid in acknowledged if requests.get(f"{url}/api/v1/people/{pid}", headers=headers, timeout=10).status_code != 200]
        assert missing == [], f"{len(missing)} of {len(acknowledged)} acknowledged records lost on {db.engine}: {missing[:5]}"
        verified = cli(env, "audit", "verify")
        assert verified.returncode == 0 and "intact" in verified.stdout, verified.stdout + verified.stderr
    finally:
        stop_process(process)


def test_an_import_killed_midway_loads_nothing_twice_when_run_again(database):
    db, env, workdir = database
    legacy = workdir / "legacy.csv"
    written = cli(env, "demo", "--people", "20000", "--seed", "11", "--end-date", "2026-11-01", "--csv", str(legacy), "--quiet")
    assert written.returncode == 0, written.stderr
    rows = len(legacy.read_text().splitlines()) - 1
    migrated = cli(env, "migrate")
    assert migrated.returncode == 0, migrated.stderr

    # act: kill the import once it has loaded some chunks
    importing = subprocess.Popen([str(BINARY), "import", "people", "--csv", str(legacy), "--chunk", "500", "--quiet"], env=env,
                                 cwd=REPO_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    loaded_before = 0
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and importing.poll() is None:
        time.sleep(0.2)
        try:
            loaded_before = db.count("SELECT COUNT(*) FROM people")[0]
        except (sqlite3.Error, subprocess.CalledProcessError):
            continue
        if loaded_before >= 2000:
            break
    importing.send_signal(signal.SIGKILL)
    importing.wait(timeout=15)
    assert 0 < loaded_before < rows, f"the import was not caught midway ({loaded_before} of {rows})"

    # check: run again to the end; every row once, none twice
    again = cli(env, "import", "people", "--csv", str(legacy), "--quiet", timeout=900)
    assert again.returncode == 0, again.stdout + again.stderr
    people, distinct = db.count("SELECT COUNT(*), COUNT(DISTINCT source_id) FROM people")
    assert people == distinct, f"{people - distinct} records loaded twice on {db.engine}"
    assert people == rows, f"{people} loaded of {rows} rows on {db.engine}"
    verified = cli(env, "audit", "verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr
