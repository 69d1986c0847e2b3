"""Shared fixtures and helpers for Safeguard's end-to-end tests.

One `safeguard serve --demo` process runs for the whole session on a fresh SQLite file (a file needing another
force policy starts its own with `running_server`);
the browser tests drive Debian's Chromium (/usr/bin/chromium) through Playwright, and the
API tests call the JSON API with a token issued by the `safeguard user token` command.

Environment:
  SAFEGUARD_E2E_BINARY   the safeguard executable (default: <repo>/.build/debug/safeguard)
  SAFEGUARD_E2E_CHROMIUM the browser (default: /usr/bin/chromium)
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest
import requests

REPO_ROOT = Path(__file__).resolve().parent.parent
E2E_DIR = Path(__file__).resolve().parent
SCREENSHOTS = E2E_DIR / "screenshots"
BINARY = Path(os.environ.get("SAFEGUARD_E2E_BINARY", REPO_ROOT / ".build" / "debug" / "safeguard"))
CHROMIUM = os.environ.get("SAFEGUARD_E2E_CHROMIUM", "/usr/bin/chromium")

DEMO_PEOPLE = 2000
STARTUP_TIMEOUT_S = 180
PHONE_WIDTH = 360

# Surnames common enough that a generated force of 2,000 people holds at least one.
COMMON_SURNAMES = [
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies",
    "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green",
    "Hall", "Wood", "Jackson", "Clarke", "Patel", "Khan", "Lewis", "Harris", "Martin",
    "Cooper", "King", "Lee", "Baker", "Hughes",
]

# Role titles as Role.title gives them, for the home page check.
ROLE_TITLES = {
    "officer": "Response officer",
    "handler": "Call handler",
    "sergeant": "Sergeant",
    "analyst": "Analyst",
}


def demo_password(username: str) -> str:
    """The documented demo password for a demo account."""
    return f"{username}-demo-2026"


# --------------------------------------------------------------------------- the server


@dataclass
class Server:
    """A running `safeguard serve` and what is needed to talk to it."""

    url: str
    env: dict[str, str]
    log_path: Path
    process: subprocess.Popen
    tokens: dict[str, str] = field(default_factory=dict)

    def log_tail(self, lines: int = 200) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError as error:
            return f"(no server log: {error})"
        return "\n".join(text.splitlines()[-lines:])

    def cli(self, *args: str, timeout: float = 120, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
        """Run the safeguard CLI against the same database as the server (`env` adds variables, e.g.
        SAFEGUARD_NEW_PASSWORD for `user add`)."""
        return subprocess.run(
            [str(BINARY), *args], env={**self.env, **(env or {})}, cwd=REPO_ROOT, capture_output=True,
            text=True, timeout=timeout, stdin=subprocess.DEVNULL,
        )

    def token(self, username: str) -> str:
        """A bearer token for `username`, issued once per session by `safeguard user token`."""
        if username not in self.tokens:
            result = self.cli("user", "token", "--username", username)
            assert result.returncode == 0, (
                f"`safeguard user token --username {username}` exited {result.returncode}\n"
                f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
            )
            lines = [line.strip() for line in result.stdout.splitlines() if line.strip()]
            assert lines, f"`safeguard user token` printed nothing on stdout; stderr:\n{result.stderr}"
            self.tokens[username] = lines[-1]
        return self.tokens[username]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_health(url: str, process: subprocess.Popen, timeout: float) -> str | None:
    """Polls /health until it answers 200. Returns None when healthy, else why not."""
    deadline = time.monotonic() + timeout
    last = "no answer yet"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return f"the server exited with code {process.returncode} before it was healthy"
        try:
            response = requests.get(f"{url}/health", timeout=5)
            if response.status_code == 200:
                return None
            last = f"/health answered {response.status_code}: {response.text[:500]}"
        except requests.RequestException as error:
            last = f"/health: {type(error).__name__}"
        time.sleep(0.5)
    return f"/health did not answer 200 within {timeout:.0f} s (last: {last})"


@contextlib.contextmanager
def running_server(request: pytest.FixtureRequest, *, demo_people: int = DEMO_PEOPLE,
                   policy: dict[str, Any] | None = None, label: str = "safeguard serve") -> Iterator[Server]:
    """A `safeguard serve --demo` on a fresh SQLite database, stopped on leaving; `policy`, when given, is written to
    a force policy file and passed with `--policy`. The workdir is kept (for a look at the database and the full log)
    when a test failed."""
    if not BINARY.is_file():
        pytest.fail(
            f"{BINARY} does not exist: build it first with `swift build` "
            f"(scripts/test.sh does this), or set SAFEGUARD_E2E_BINARY",
            pytrace=False,
        )
    workdir = Path(tempfile.mkdtemp(prefix="safeguard-e2e."))
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = dict(os.environ)
    env.pop("SAFEGUARD_TEST_POSTGRES_URL", None)
    env["SAFEGUARD_DATABASE_URL"] = f"sqlite:///{workdir / 'e2e.sqlite'}"
    env["SAFEGUARD_PASSWORD_HASH_COST"] = "4"
    arguments = [str(BINARY), "serve", "--demo", "--demo-people", str(demo_people),
                 "--host", "127.0.0.1", "--port", str(port)]
    if policy is not None:
        policy_path = workdir / "policy.json"
        policy_path.write_text(json.dumps(policy, indent=2))
        arguments += ["--policy", str(policy_path)]
    log_path = workdir / "server.log"
    failed_before = request.session.testsfailed
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            arguments, env=env, cwd=REPO_ROOT, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
        )
    srv = Server(url=url, env=env, log_path=log_path, process=process)
    started = time.monotonic()
    problem = wait_for_health(url, process, STARTUP_TIMEOUT_S)
    if problem is not None:
        stop_process(process)
        print(f"\n----- {label} log ({log_path}) -----\n{srv.log_tail(400)}\n-----")
        pytest.fail(f"{label} did not become healthy: {problem}", pytrace=False)
    print(f"\n{label} healthy at {url} after {time.monotonic() - started:.1f} s (log: {log_path})")
    try:
        yield srv
    finally:
        stop_process(process)
        if request.session.testsfailed > failed_before:
            print(f"\n----- last lines of the {label} log ({log_path}) -----\n"
                  f"{srv.log_tail()}\n-----")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="session")
def server(request: pytest.FixtureRequest) -> Iterator[Server]:
    """One `safeguard serve --demo` on a fresh SQLite database for the whole session."""
    with running_server(request) as srv:
        yield srv


def stop_process(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


@pytest.fixture(scope="session")
def base_url(server: Server) -> str:
    return server.url


# --------------------------------------------------------------------------- the browser


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium, headless, driven by Playwright (no `playwright install`)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)", pytrace=False)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox"],
        )
        try:
            yield chromium
        finally:
            chromium.close()


def _new_page(browser: Any, base_url: str, width: int, height: int) -> Any:
    context = browser.new_context(base_url=base_url, viewport={"width": width, "height": height})
    context.set_default_timeout(30_000)
    return context.new_page()


@pytest.fixture
def page(browser: Any, base_url: str, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A desktop-sized page in a fresh browser context (no cookies)."""
    pg = _new_page(browser, base_url, 1280, 900)
    yield pg
    _close_page(pg, request)


@pytest.fixture
def phone_page(browser: Any, base_url: str, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A page 360 px wide, an officer's phone at a scene, in a fresh browser context."""
    pg = _new_page(browser, base_url, PHONE_WIDTH, 780)
    yield pg
    _close_page(pg, request)


def _close_page(pg: Any, request: pytest.FixtureRequest) -> None:
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        try:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            path = SCREENSHOTS / f"failure-{request.node.name}.png"
            pg.screenshot(path=str(path), full_page=True)
            print(f"\nfailure screenshot: {path} (page was {pg.url})")
        except Exception as error:  # noqa: BLE001 - a screenshot is a courtesy, never the failure
            print(f"\n(could not take a failure screenshot: {error})")
    pg.context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


def path_of(page: Any) -> str:
    return urllib.parse.urlparse(page.url).path


def assert_labelled(page: Any, name: str) -> None:
    """The form field `name` exists and has a <label> (accessible forms)."""
    field_ = page.locator(f'[name="{name}"]')
    assert field_.count() >= 1, f'{path_of(page)} has no field name="{name}"'
    labels = field_.first.evaluate("el => el.labels ? Array.from(el.labels).map(l => l.textContent.trim()) : []")
    assert labels and any(labels), f'the field name="{name}" on {path_of(page)} has no label'


def assert_fits_width(page: Any, width: int = PHONE_WIDTH) -> None:
    """The page needs no sideways scrolling at `width` px."""
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, (
        f"{path_of(page)} is {scroll_width} px wide at a {width} px viewport: it scrolls sideways"
    )


# axe-core's default rules (WCAG 2.0-2.2 A and AA, and its best practices), plus WCAG 2.2's target size (2.5.8, AA),
# which axe ships switched off: these pages are used on a phone at a scene, where a small button is the one missed.
AXE_OPTIONS = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}


def serious_violations(page: Any) -> list[str]:
    """axe-core's serious and critical findings on the page, as readable lines (rule id, impact, help, the first
    three elements' CSS targets)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options=AXE_OPTIONS)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v.get("impact") in ("serious", "critical")
    ]


def sign_in(page: Any, username: str, password: str | None = None, expect_success: bool = True) -> None:
    """Signs in through the sign-in form, as a person would."""
    page.goto("/sign-in")
    for name in ("username", "password"):
        assert_labelled(page, name)
    csrf = page.locator('form:has(input[name="username"]) input[type="hidden"][name="_csrf"]')
    assert csrf.count() == 1, "the sign-in form has no hidden _csrf field"
    page.locator('input[name="username"]').fill(username)
    page.locator('input[name="password"]').fill(password if password is not None else demo_password(username))
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_load_state()
    if expect_success:
        assert path_of(page) == "/", (
            f"signing in as {username} should lead to /, but the browser is at {page.url}; "
            f"page says: {page.locator('body').inner_text()[:500]}"
        )


def search_people(page: Any, **terms: str) -> None:
    """Fills the person search form with `terms` (name, date_of_birth, phone, postcode) and searches."""
    if path_of(page) != "/people":
        page.goto("/people")
    for name in ("name", "date_of_birth", "phone", "postcode"):
        assert_labelled(page, name)
        page.locator(f'[name="{name}"]').fill(terms.get(name, ""))
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_load_state()


PERSON_LINK = 'table a[href^="/people/"]'


def search_until_results(page: Any) -> str:
    """Searches the common surnames in turn until one finds people; returns that surname."""
    for surname in COMMON_SURNAMES:
        search_people(page, name=surname)
        if page.locator(PERSON_LINK).count() > 0:
            return surname
    pytest.fail(f"no person found for any of the common surnames {COMMON_SURNAMES} in the demo force")


# --------------------------------------------------------------------------- the API


@pytest.fixture(scope="session")
def api(server: Server) -> requests.Session:
    """A requests session carrying a bearer token for the `officer` demo account."""
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {server.token('officer')}"
    session.headers["Accept"] = "application/json"
    return session


@pytest.fixture(scope="session")
def openapi(server: Server) -> dict[str, Any]:
    response = requests.get(f"{server.url}/api/openapi.json", timeout=30)
    assert response.status_code == 200, f"/api/openapi.json answered {response.status_code}"
    return response.json()


def json_body(response: requests.Response) -> Any:
    content_type = response.headers.get("Content-Type", "")
    assert "json" in content_type, (
        f"{response.request.method} {response.url} answered {response.status_code} "
        f"with Content-Type {content_type!r}, not JSON: {response.text[:300]}"
    )
    return response.json()


def find_person_with_incidents(api: requests.Session, base_url: str) -> tuple[str, dict[str, Any]]:
    """A surname and a PersonSummary (from /api/v1/people) of someone with at least one incident."""
    for surname in COMMON_SURNAMES:
        response = api.get(f"{base_url}/api/v1/people", params={"name": surname}, timeout=30)
        assert response.status_code == 200, f"/api/v1/people?name={surname} answered {response.status_code}: {response.text[:300]}"
        results = json_body(response).get("results", [])
        with_incidents = [r for r in results if r.get("incident_count", 0) > 0]
        if with_incidents:
            return surname, with_incidents[0]
    pytest.fail(f"the API found nobody with an incident for any of {COMMON_SURNAMES}")


# --- OpenAPI: find the schema the document gives for a response, and check a body against it.

DOCUMENT_URI = "urn:safeguard:openapi"


def _template_regex(template: str) -> re.Pattern[str]:
    parts = re.split(r"(\{[^}/]+\})", template)
    return re.compile("^" + "".join("[^/]+" if p.startswith("{") else re.escape(p) for p in parts) + "$")


def find_path_item(document: dict[str, Any], path: str) -> tuple[str, dict[str, Any]]:
    """The document's path template that `path` (e.g. /api/v1/people/abc) matches, with its item.

    Paths may be written in full (`/api/v1/people/{id}`) or relative to a server URL
    (`servers: [{url: /api/v1}]` with `/people/{id}`); both are understood. Literal
    templates win over templated ones, as OpenAPI says.
    """
    prefixes = {""}
    for srv in document.get("servers", []) or []:
        prefix = urllib.parse.urlparse(srv.get("url", "")).path.rstrip("/")
        prefixes.add(prefix)
    candidates = []
    for template, item in document.get("paths", {}).items():
        for prefix in prefixes:
            if path.startswith(prefix) and _template_regex(template).match(path[len(prefix):] or "/"):
                candidates.append((template.count("{"), template, item))
    assert candidates, f"the OpenAPI document describes no path matching {path}; it has {sorted(document.get('paths', {}))}"
    candidates.sort(key=lambda c: c[0])
    return candidates[0][1], candidates[0][2]


def _deref(document: dict[str, Any], node: Any) -> Any:
    """Follows a local `$ref` (to #/components/...) in the document's non-schema parts."""
    seen = 0
    while isinstance(node, dict) and "$ref" in node and seen < 20:
        ref = node["$ref"]
        assert ref.startswith("#/"), f"only local $refs are supported, found {ref}"
        target: Any = document
        for part in ref[2:].split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node, seen = target, seen + 1
    return node


def response_schema_pointer(document: dict[str, Any], method: str, path: str, status: int, content_type: str) -> str:
    """A JSON pointer into the document to the schema for this response."""
    template, item = find_path_item(document, path)
    item = _deref(document, item)
    operation = item.get(method.lower())
    assert operation is not None, f"the OpenAPI document has no {method.upper()} for {template}"
    responses = operation.get("responses", {})
    for key in (str(status), f"{status // 100}XX", f"{status // 100}xx", "default"):
        if key in responses:
            break
    else:
        pytest.fail(f"the OpenAPI document gives no response {status} for {method.upper()} {template} (it has {sorted(responses)})")
    pointer_parts = ["paths", template, method.lower(), "responses", key]
    response = responses[key]
    if "$ref" in response:
        ref = response["$ref"]
        pointer_parts = [p.replace("~1", "/").replace("~0", "~") for p in ref[2:].split("/")]
        response = _deref(document, response)
    content = response.get("content", {})
    media = content_type.split(";")[0].strip().lower()
    if media in content:
        chosen = media
    elif len(content) == 1:
        chosen = next(iter(content))
    else:
        json_types = [k for k in content if "json" in k]
        assert json_types, f"{method.upper()} {template} {key}: the document gives no JSON content (it has {sorted(content)})"
        chosen = json_types[0]
    assert "schema" in content[chosen], f"{method.upper()} {template} {key} {chosen}: the document gives no schema"
    pointer_parts += ["content", chosen, "schema"]
    return "/" + "/".join(p.replace("~", "~0").replace("/", "~1") for p in pointer_parts)


def validate_against_openapi(document: dict[str, Any], response: requests.Response) -> Any:
    """Checks a response's JSON body against the schema the document gives for its path,
    method and status; returns the body. OpenAPI 3.1 schemas are JSON Schema 2020-12,
    and their `$ref`s to #/components/schemas/... resolve within the document."""
    import jsonschema
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    body = json_body(response)
    method = response.request.method
    path = urllib.parse.urlparse(response.request.url).path
    pointer = response_schema_pointer(document, method, path, response.status_code, response.headers.get("Content-Type", ""))
    registry = Registry().with_resource(DOCUMENT_URI, Resource.from_contents(document, default_specification=DRAFT202012))
    validator = jsonschema.Draft202012Validator(
        {"$ref": f"{DOCUMENT_URI}#{pointer}"}, registry=registry,
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )
    errors = sorted(validator.iter_errors(body), key=lambda e: list(e.absolute_path))
    if errors:
        described = "\n".join(
            f"  at /{'/'.join(str(p) for p in e.absolute_path)}: {e.message}" for e in errors[:20]
        )
        pytest.fail(
            f"{method} {path} answered {response.status_code} with a body that does not match the "
            f"OpenAPI schema at {pointer}:\n{described}\nbody: {json.dumps(body)[:1500]}"
        )
    return body


@pytest.fixture
def new_page(browser: Any, base_url: str, request: pytest.FixtureRequest) -> Iterator[Callable[..., Any]]:
    """Makes pages in fresh browser contexts (own cookies), for tests with several people signed in at once; all are closed at the end, with a failure
    screenshot each as the `page` fixture does."""
    made: list[Any] = []

    def make(width: int = 1280, height: int = 900, url: str | None = None) -> Any:
        """A page `width` x `height`, on the session's server or, given `url`, on another one."""
        context = browser.new_context(base_url=url or base_url, viewport={"width": width, "height": height})
        context.set_default_timeout(30_000)
        pg = context.new_page()
        made.append(pg)
        return pg

    yield make
    for index, pg in enumerate(made, start=1):
        report = getattr(request.node, "rep_call", None)
        if report is not None and report.failed:
            try:
                SCREENSHOTS.mkdir(parents=True, exist_ok=True)
                path = SCREENSHOTS / f"failure-{request.node.name}-{index}.png"
                pg.screenshot(path=str(path), full_page=True)
                print(f"\nfailure screenshot: {path} (page was {pg.url})")
            except Exception as error:  # noqa: BLE001 - a courtesy, never the failure
                print(f"\n(could not take a failure screenshot: {error})")
        pg.context.close()


def api_session(server: Any, username: str) -> requests.Session:
    """A requests session that speaks to the API as `username` (a bearer token from the demo accounts)."""
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {server.token(username)}"
    session.headers["Accept"] = "application/json"
    return session


def unlabelled_fields(page: Any) -> dict[str, Any]:
    """Every visible field in <main> without a label, and every radio not in a fieldset with a legend."""
    return page.evaluate("""() => {
        const out = [];
        const fields = Array.from(document.querySelectorAll('main input, main textarea, main select'))
            .filter(el => el.type !== 'hidden');
        for (const el of fields) {
            const name = (el.id || el.name) + (el.type === 'radio' || el.type === 'checkbox' ? '=' + el.value : '');
            const labels = el.labels ? Array.from(el.labels).map(l => l.textContent.trim()).filter(t => t) : [];
            if (labels.length === 0 && !el.getAttribute('aria-label')) out.push(name + ': no label');
            if (el.type === 'radio') {
                const fieldset = el.closest('fieldset');
                const legend = fieldset && fieldset.querySelector(':scope > legend');
                if (!legend || !legend.textContent.trim()) out.push(name + ': not in a fieldset with a legend');
            }
        }
        return {count: fields.length, problems: out};
    }""")


def expect(defects: list[str], ok: bool, message: str) -> None:
    """A check on what the page shows that should not stop the journey the later tests build on: collected, and
    asserted at the end of the test."""
    if not ok and message not in defects:
        defects.append(message)


def assert_no_defects(defects: list[str]) -> None:
    assert not defects, "the journey completed, but the pages showed these problems:\n- " + "\n- ".join(defects)
