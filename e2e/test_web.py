"""Journeys through the web app in a real browser (Debian's Chromium, headless)."""

from __future__ import annotations

import re

import requests

from conftest import (
    PERSON_LINK, PHONE_WIDTH, ROLE_TITLES, SCREENSHOTS, assert_fits_width, path_of,
    find_person_with_incidents, search_people, search_until_results, sign_in,
)

INCIDENT_REFERENCE = re.compile(r"\b[A-Z]{2,}-\d{4}-\d{3,}\b")


def test_sign_in_then_search_and_open_person_page(phone_page):
    """An officer at a scene, on a phone, signs in, finds a person and reads their history.
    Every page on the way fits 360 px without sideways scrolling (this test also covers
    test_person_page_renders_at_phone_width)."""
    page = phone_page

    # setup / act: sign in
    page.goto("/sign-in")
    assert_fits_width(page)
    sign_in(page, "officer")

    # check: the home page is the officer's
    assert ROLE_TITLES["officer"].lower() in page.locator("body").inner_text().lower(), (
        f"the home page does not name the role {ROLE_TITLES['officer']!r}"
    )
    assert_fits_width(page)

    # act: search by a common surname
    surname = search_until_results(page)
    assert_fits_width(page)
    first = page.locator(PERSON_LINK).first
    first.click()
    page.wait_for_load_state()

    # check: the person page
    assert re.fullmatch(r"/people/[^/]+", path_of(page)), f"a result should open /people/{{id}}, not {page.url}"
    heading = page.locator("h1").first.inner_text().strip()
    assert surname.lower() in heading.lower(), f"the person page's h1 {heading!r} should be the full name of a {surname}"
    assert len(heading.split()) >= 2, f"the person page's h1 {heading!r} should be a full name"
    assert page.get_by_role("heading", name="Incidents", level=2).count() >= 1, "the person page has no h2 'Incidents'"
    assert page.get_by_role("heading", name="Linked people", level=2).count() >= 1, "the person page has no h2 'Linked people'"

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "person-page.png"), full_page=True)
    assert_fits_width(page, PHONE_WIDTH)


def test_incident_page_shows_its_reference(page, api, base_url):
    """From a person's page, an incident opens on its own page headed by its reference."""
    # setup: someone with history (most people in a force have none)
    _, person = find_person_with_incidents(api, base_url)
    person_id = person["id"]
    sign_in(page, "officer")
    page.goto(f"/people/{person_id}")
    incident_links = page.locator('a[href^="/incidents/"]')
    assert incident_links.count() > 0, "the person page of someone with incidents links to none"

    incident_links.first.click()
    page.wait_for_load_state()

    assert re.fullmatch(r"/incidents/[^/]+", path_of(page)), f"an incident link should open /incidents/{{id}}, not {page.url}"
    heading = page.locator("h1").first.inner_text()
    assert INCIDENT_REFERENCE.search(heading), f"the incident page's h1 {heading!r} holds no reference like DA-2023-000123"


def test_wrong_password_shows_error_summary(page):
    """A wrong password is refused with an error summary, and no session starts."""
    sign_in(page, "analyst", password="not-the-password", expect_success=False)

    summary = page.locator(".govuk-error-summary")
    assert summary.count() == 1, f"no .govuk-error-summary after a wrong password (at {page.url})"
    assert summary.get_attribute("role") == "alert", "the error summary should have role=alert"
    assert "not right" in summary.inner_text().lower(), f"the error summary says {summary.inner_text()!r}"
    page.goto("/people")
    assert path_of(page) == "/sign-in", f"after a failed sign-in /people should send to /sign-in, not {page.url}"


def test_empty_search_names_the_field(page):
    """A search with nothing in it is refused with an error summary that names the field
    and links to it, the GOV.UK way."""
    sign_in(page, "officer")

    search_people(page)

    summary = page.locator(".govuk-error-summary")
    assert summary.count() == 1, f"no .govuk-error-summary after an empty search (at {page.url})"
    text = summary.inner_text().lower()
    assert "name" in text, f"the error summary should name the field: {text!r}"
    links = summary.locator('a[href^="#"]')
    assert links.count() >= 1, "the error summary should link to the field in error"
    target = links.first.get_attribute("href")[1:]
    assert page.locator(f'[id="{target}"]').count() == 1, f"the error summary links to #{target}, which is not on the page"
    assert page.locator(PERSON_LINK).count() == 0, "an empty search should show no results"


def test_sign_out_ends_session(page, base_url):
    """Signing out ends the session on the server: the old cookie no longer opens a page."""
    sign_in(page, "officer")
    cookies = page.context.cookies()
    assert cookies, "signing in set no cookie"
    old_cookie_header = "; ".join(f"{c['name']}={c['value']}" for c in cookies)
    signed_in = requests.get(f"{base_url}/people", headers={"Cookie": old_cookie_header}, allow_redirects=False, timeout=30)
    assert signed_in.status_code == 200, f"with the session cookie /people answered {signed_in.status_code}"

    page.get_by_role("button", name="Sign out", exact=True).click()
    page.wait_for_load_state()

    page.goto("/people")
    assert path_of(page) == "/sign-in", f"after signing out /people should send to /sign-in, not {page.url}"
    replay = requests.get(f"{base_url}/people", headers={"Cookie": old_cookie_header}, allow_redirects=False, timeout=30)
    assert replay.status_code in (302, 303, 307, 401, 403), (
        f"the cookie from before sign-out still opens /people (status {replay.status_code})"
    )
    if replay.is_redirect:
        assert "/sign-in" in replay.headers.get("Location", ""), f"redirected to {replay.headers.get('Location')}"
