"""A supervisor's team on "My work" (rule 20) in a real browser: a sergeant sees the response officer who reports to
her under "My team" and marks him away; his case moves to her, flagged "Moved to you: its owner is away.", with a task
to give it a new owner, and his row now offers "Mark … back".

The sergeant and the officer are accounts of their own (`safeguard user add --supervisor`), not the demo ones, so
that nothing the other files rely on moves. Until he is marked away the new officer could be given new cases, so the
fixture marks him away again on the way out whatever happens; he is given his one case by a handover."""

from __future__ import annotations

import re
from typing import Any, Iterator

import pytest

from conftest import api_session, demo_password, json_body, path_of, sign_in

SERGEANT = {"username": "team-sergeant", "display_name": "Team Sergeant Okafor", "role": "sergeant"}
OFFICER = {"username": "team-officer", "display_name": "Team Officer Lindqvist", "role": "response_officer"}
VICTIM = {"first_name": "Ffion", "surname": "Awaycover", "date_of_birth": "1993-08-21"}


def add_user(server: Any, user: dict[str, str], supervisor: str | None = None) -> str:
    """Creates the account with `safeguard user add` (password as the demo accounts' pattern); returns its id."""
    args = ["user", "add", "--username", user["username"], "--role", user["role"], "--display-name", user["display_name"]]
    if supervisor:
        args += ["--supervisor", supervisor]
    result = server.cli(*args, env={"SAFEGUARD_NEW_PASSWORD": demo_password(user["username"])})
    assert result.returncode == 0, (
        f"`safeguard {' '.join(args)}` exited {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}")
    found = re.search(r"\bid (\S+)\.\s*$", result.stdout.strip())
    assert found, f"`safeguard user add` did not print the new id: {result.stdout!r}"
    return found.group(1)


@pytest.fixture(scope="module")
def team(server: Any, base_url: str) -> Iterator[dict[str, Any]]:
    """A victim's new case, then a sergeant and a response officer reporting to her; the case is handed over to the
    officer. Returns {sergeant_id, officer_id, case_id, case_reference}. On the way out the officer is marked away."""
    body = {
        "channel": "999", "caller": "victim", "setting": "urban", "relationship": "ex_partner",
        "abuse_types": ["emotional"], "summary": "E2E team test: caller reports her former partner shouting at her door.",
        "address_line1": "21 Cover Street", "town": "Testbury", "postcode": "TB3 2AW",
        "parties": [{"role": "victim", "new_person": VICTIM}],
        "immediate_danger": "no", "suspect_location": "left", "injuries": "no", "weapons": "no",
        "children_present": "no", "fear": "a_little",
    }
    response = api_session(server, "handler").post(f"{base_url}/api/v1/incidents", json=body, timeout=30)
    assert response.status_code == 201, f"POST /api/v1/incidents answered {response.status_code}: {response.text[:800]}"
    cases = json_body(response).get("cases") or []
    assert len(cases) == 1, f"an incident with a victim opens her safeguarding case; the record has cases={cases}"
    case_id, case_reference = cases[0]["id"], cases[0]["reference"]

    sergeant_id = add_user(server, SERGEANT)
    officer_id = add_user(server, OFFICER, supervisor=SERGEANT["username"])
    officer_api = api_session(server, OFFICER["username"])
    try:
        me = json_body(officer_api.get(f"{base_url}/api/v1/me", timeout=30))
        assert me["id"] == officer_id, f"/api/v1/me for {OFFICER['username']}: {me}"
        response = api_session(server, "sergeant").post(
            f"{base_url}/api/v1/cases/{case_id}/handover", timeout=30,
            json={"to_user_id": officer_id, "note": "Yours: she asked for the officer who attended last time."})
        assert response.status_code == 200, f"offering the case to {OFFICER['username']} answered {response.status_code}: {response.text[:800]}"
        response = officer_api.post(f"{base_url}/api/v1/cases/{case_id}/handover/accept", timeout=30)
        assert response.status_code == 200, f"{OFFICER['username']} accepting the case answered {response.status_code}: {response.text[:800]}"
        assert json_body(response)["owner"]["id"] == officer_id, f"the case is not the new officer's: {response.text[:800]}"
        yield {"sergeant_id": sergeant_id, "officer_id": officer_id, "case_id": case_id, "case_reference": case_reference}
    finally:
        response = api_session(server, SERGEANT["username"]).post(
            f"{base_url}/api/v1/users/{officer_id}/availability", json={"available": False}, timeout=30)
        assert response.status_code == 200, f"marking {OFFICER['username']} away on the way out answered {response.status_code}: {response.text[:500]}"


def main_text(page: Any) -> str:
    return page.locator("main").inner_text()


def team_row(page: Any, name: str) -> Any:
    row = page.locator("h2#team ~ table tbody tr", has=page.locator(f'td:text-is("{name}")'))
    assert row.count() == 1, f"'My team' has {row.count()} rows for {name}: {main_text(page)[:1500]}"
    return row


def test_sergeant_marks_team_member_away(new_page, team):
    """The sergeant's "My work" lists her officer under "My team" as here, with "Mark … away". Pressing it comes back
    to "My work": he is away, the button now marks him back, and his case is hers, flagged as moved because its owner
    is away, with a task to find it a new owner. Only her own team is listed."""
    officer = new_page()
    sign_in(officer, OFFICER["username"])
    officer.goto("/my-work")
    assert officer.locator(f'h2#cases + table a[href="/cases/{team["case_id"]}"]').count() == 1, (
        f"the officer's 'My cases' should list the case handed to him: {main_text(officer)[:1200]}")
    assert officer.locator("h2#team").count() == 0, "an officer who supervises nobody is shown 'My team'"

    page = new_page()
    sign_in(page, SERGEANT["username"])
    with page.expect_navigation():
        page.get_by_role("navigation", name="Main").get_by_role("link", name="My work", exact=True).click()
    page.wait_for_load_state()
    assert path_of(page) == "/my-work", f"'My work' led to {page.url}"

    # check: her team, the officer here
    heading = page.locator("h2#team")
    assert heading.count() == 1 and heading.inner_text().strip() == "My team", f"no 'My team' on the sergeant's My work: {main_text(page)[:1200]}"
    rows = page.locator("h2#team ~ table").first.locator("tbody tr")
    assert rows.count() == 1, f"her team is one officer, 'My team' lists {rows.all_inner_texts()}"
    row = team_row(page, OFFICER["display_name"])
    cells = [c.strip() for c in row.locator("td").all_inner_texts()]
    assert cells[1:3] == ["Response officer", "Here"], cells
    away = row.get_by_role("button", name=f"Mark {OFFICER['display_name']} away", exact=True)
    assert away.count() == 1, f"the row offers no 'Mark {OFFICER['display_name']} away': {row.inner_text()!r}"
    assert page.locator(f'h2#cases ~ table a[href="/cases/{team["case_id"]}"]').count() == 0, "the case is hers before he is away"

    # act: mark him away
    with page.expect_navigation():
        away.click()
    page.wait_for_load_state()

    # check: back on My work, him away, his case hers and flagged
    assert path_of(page) == "/my-work", f"marking away should lead back to My work, not {page.url}"
    assert page.locator(".govuk-error-summary").count() == 0, page.locator(".govuk-error-summary").inner_text()
    row = team_row(page, OFFICER["display_name"])
    cells = [c.strip() for c in row.locator("td").all_inner_texts()]
    assert cells[2] == "Away", f"the officer is not shown away: {cells}"
    assert row.get_by_role("button", name=f"Mark {OFFICER['display_name']} back", exact=True).count() == 1, row.inner_text()
    assert row.get_by_role("button", name=f"Mark {OFFICER['display_name']} away", exact=True).count() == 0, row.inner_text()
    case = page.locator(f'h2#cases + table tr:has(a[href="/cases/{team["case_id"]}"])')
    assert case.count() == 1, f"the away officer's case is not in the sergeant's 'My cases': {main_text(page)[:1500]}"
    assert "Moved to you: its owner is away." in case.inner_text(), case.inner_text()
    assert f"{VICTIM['first_name']} {VICTIM['surname']}" in case.inner_text(), case.inner_text()
    task = page.locator("h2#tasks ~ div.card", has_text=f"{team['case_reference']}: {OFFICER['display_name']} is away")
    assert task.count() == 1, f"no task to give the case a new owner: {main_text(page)[:2000]}"
    assert "give this case a new owner or keep it" in task.inner_text(), task.inner_text()

    # check: he sees himself away, and no longer owns the case
    officer.goto("/my-work")
    assert "You are marked as away" in main_text(officer), main_text(officer)[:600]
    assert officer.get_by_role("button", name="I am back", exact=True).count() == 1
    assert officer.locator(f'h2#cases + table a[href="/cases/{team["case_id"]}"]').count() == 0, "the away officer still owns the case"
