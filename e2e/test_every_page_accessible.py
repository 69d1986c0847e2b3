"""Every page of every role is accessible (issue 24, part 4): signed in as each demo role,
and signed out, a browser crawls the pages that role can reach by following links from the home page, and each page
passes axe-core (WCAG 2.x A and AA: axe's default rules, none disabled, plus WCAG 2.2's target size; see
conftest.serious_violations) with no serious or critical violation, at a phone's 360 px and at a desktop's 1280 px,
and needs no sideways scrolling at 360 px.

The crawl follows same-origin <a href> links breadth first (GET only, never a form that writes, so it changes
nothing), and visits one example of each page shape: two paths are the same page when they are equal after each
id-like segment (one with a digit, longer than 20 characters, or an area's code in capitals) is replaced by a
placeholder; the query string is kept in the URL visited but ignored in the shape. Three states of a page reached only
through a form are checked too:
- the reason form of rule 33: a role that must say why it opens a record (analyst, auditor, neighbourhood officer,
  MARAC coordinator) is shown one first; the form is checked as a page, then filled in ("accessibility check") and
  submitted, and the record it opens is checked and crawled;
- the person search's results (a common surname) and its error summary (an impossible date of birth), for each role
  that reaches the search.
The pages checked for each role are printed (pytest -s shows them) and listed in a failure's message.

Not reached by links, so not checked here: a quality sample (/quality/{id}, listed only once a sample is drawn, a
write) and the fragments scripts fetch into pages already checked (/calls/matches, /control-room/alerts)."""

from __future__ import annotations

import urllib.parse
from collections import deque
from dataclasses import dataclass, field
from typing import Any

import pytest

from conftest import PHONE_WIDTH, assert_fits_width, serious_violations, sign_in

SIGNED_OUT = "nobody signed in"
ROLES = [
    SIGNED_OUT, "handler", "crsupervisor", "officer", "sergeant", "specialist", "investigator", "marac", "partner",
    "neighbourhood", "analyst", "leader", "auditor", "admin",
]
DESKTOP_WIDTH = 1280
HEIGHT = 900
# No role reaches this many shapes today (the DA specialist reaches the most); it bounds the run if links multiply.
MAX_SHAPES_PER_ROLE = 40
REASON = "accessibility check"
# Links that are not pages: the JSON API, static files, monitoring, downloads.
SKIPPED_PREFIXES = ("/api/", "/assets/", "/sign-out", "/metrics", "/health")
SKIPPED_SUFFIXES = (".csv", ".json", ".svg", ".png", ".pdf")
REASON_FORM = "main form[method=get i]:has(input[name=reason])"
# Search forms whose answers are pages of their own: (page path, state, fields to fill).
SEARCHES = [
    ("/people", "results", {"name": "Smith"}),
    ("/people", "error summary", {"date_of_birth": "31/02/1990"}),
]


@dataclass
class Crawl:
    """What one role's crawl saw: the pages checked (as `shape  path`) and every problem found on them."""

    role: str
    origin: str
    checked: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    shapes: set[str] = field(default_factory=set)

    def full(self) -> bool:
        return len(self.checked) >= MAX_SHAPES_PER_ROLE


# --------------------------------------------------------------------------- shapes and links


def is_id_like(segment: str) -> bool:
    """A record's id (it has a digit, or is longer than 20 characters) or an area's code (CEN, NTH: capitals)."""
    return any(c.isdigit() for c in segment) or len(segment) > 20 or segment.isupper()


def shape_of(url: str) -> str:
    """The URL's path with id-like segments replaced: …/people/4f3a…/edit?x=1 → /people/{id}/edit."""
    path = urllib.parse.urlsplit(url).path
    return "/".join("{id}" if is_id_like(s) else s for s in path.split("/")) or "/"


def page_path(url: str) -> str:
    """The path and query of `url`, as listed in the report."""
    parts = urllib.parse.urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def is_page_link(url: str, origin: str) -> bool:
    """A link to one of the application's HTML pages, on this server."""
    parts = urllib.parse.urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}" != origin:
        return False
    return not parts.path.startswith(SKIPPED_PREFIXES) and not parts.path.lower().endswith(SKIPPED_SUFFIXES)


def links_on(page: Any, origin: str) -> list[str]:
    """The page's same-origin links to other pages, in document order, without fragments."""
    hrefs = page.eval_on_selector_all("a[href]:not([download])", "as => as.map(a => a.href)")
    links = [urllib.parse.urldefrag(href).url for href in hrefs]
    return [url for url in dict.fromkeys(links) if is_page_link(url, origin)]


# --------------------------------------------------------------------------- checking one page


def check_here(page: Any, crawl: Crawl, shape: str, state: str = "") -> list[str]:
    """Runs axe at the desktop width and at 360 px and checks the page fits 360 px (leaving the desktop width set);
    returns the page's links. `state` names a page reached through a form ("reason form", "results")."""
    where = page_path(page.url) + (f" ({state})" if state else "")
    for width in (DESKTOP_WIDTH, PHONE_WIDTH):
        page.set_viewport_size({"width": width, "height": HEIGHT})
        for problem in serious_violations(page):
            crawl.problems.append(f"{crawl.role} {where} at {width} px: {problem}")
    try:
        assert_fits_width(page, PHONE_WIDTH)
    except AssertionError as error:
        crawl.problems.append(f"{crawl.role} {where}: {error}")
    page.set_viewport_size({"width": DESKTOP_WIDTH, "height": HEIGHT})
    label = f"{shape} ({state})" if state else shape
    crawl.shapes.add(label)
    crawl.checked.append(f"{label:<42} {page_path(page.url)}")
    return links_on(page, crawl.origin)


def submit(page: Any, form: Any, fields: dict[str, str]) -> None:
    """Fills the form's `fields` (and an empty reason, where the role must give one) and submits it."""
    for name, value in fields.items():
        form.locator(f'[name="{name}"]').fill(value)
    reason = form.locator("input[name=reason]")
    if reason.count() == 1 and reason.input_value() == "":
        reason.fill(REASON)
    with page.expect_navigation():
        form.locator("button[type=submit], input[type=submit]").first.click()
    page.wait_for_load_state()


def asks_for_reason(page: Any) -> bool:
    """The page asks why the record is being opened, and nothing else needs filling in (the person search also has a
    reason field, but is a search: it is submitted as one of SEARCHES)."""
    form = page.locator(REASON_FORM)
    if form.count() != 1 or form.locator("input[name=reason]").input_value() != "":
        return False
    return form.locator("input:not([type=hidden]):not([name=reason]):not([type=submit]), textarea").count() == 0


def search_form(path: str) -> str:
    return f'main form[method=get i][action="{path}"]'


def check_searches(page: Any, crawl: Crawl, shape: str) -> list[str]:
    """Submits each of SEARCHES this page offers and checks its answer; returns the answers' links."""
    form_url, path = page.url, urllib.parse.urlsplit(page.url).path
    offered = [(state, fields) for search_path, state, fields in SEARCHES
               if path == search_path and page.locator(search_form(path)).count() == 1]
    links = []
    for state, fields in offered:
        page.goto(form_url)
        submit(page, page.locator(search_form(path)), fields)
        links += check_here(page, crawl, shape, state)
    return links


def visit(page: Any, url: str, crawl: Crawl) -> list[str]:
    """Opens `url` and checks it: behind a reason form the form and the record it opens, and each of its searches'
    answers. Returns the links to follow from all of them."""
    response = page.goto(url)
    if response is None or not response.headers.get("content-type", "").startswith("text/html"):
        return []
    shape = shape_of(page.url)
    if shape in crawl.shapes:  # redirected to a page already checked
        return []
    if asks_for_reason(page):
        check_here(page, crawl, shape, "reason form")
        submit(page, page.locator(REASON_FORM), {})
    return check_here(page, crawl, shape) + check_searches(page, crawl, shape)


def crawl_role(page: Any, role: str, origin: str) -> Crawl:
    """Breadth first from the home page (the sign-in page when nobody is signed in), one example of each page shape,
    at most MAX_SHAPES_PER_ROLE pages."""
    crawl = Crawl(role=role, origin=origin)
    if role == SIGNED_OUT:
        start = "/sign-in"
    else:
        sign_in(page, role)
        start = "/"
    queue = deque([f"{origin}{start}"])
    queued = {shape_of(start)}
    while queue and not crawl.full():
        for link in visit(page, queue.popleft(), crawl):
            if shape_of(link) not in queued:
                queued.add(shape_of(link))
                queue.append(link)
    return crawl


@pytest.mark.parametrize("role", ROLES)
def test_every_page_the_role_reaches_passes_axe_at_360_px_and_desktop(new_page, base_url, role):
    page = new_page(DESKTOP_WIDTH, HEIGHT)
    crawl = crawl_role(page, role, base_url)
    coverage = f"{len(crawl.checked)} pages checked for {role}:\n  " + "\n  ".join(crawl.checked)
    print(f"\n{coverage}")
    if role != SIGNED_OUT and len(crawl.checked) < 2:
        pytest.fail(f"the crawl found no page beyond the home page\n{coverage}", pytrace=False)
    if crawl.problems:
        pytest.fail(
            f"{len(crawl.problems)} serious or critical accessibility problems (role, page, width, axe rule, "
            f"elements):\n- " + "\n- ".join(crawl.problems) + f"\n{coverage}",
            pytrace=False,
        )
