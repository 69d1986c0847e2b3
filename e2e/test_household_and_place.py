"""Issue 20 in a real browser: a warning put on an address from its page, a second call to that address typed
differently, and the officer's briefing on a 360 px phone showing the warning, the earlier incident there and the
child of the household the first call named."""

from __future__ import annotations

import re
from typing import Any

import requests

from conftest import COMMON_SURNAMES, PHONE_WIDTH, SCREENSHOTS, assert_fits_width, json_body, path_of, sign_in

INCIDENT_PATH = re.compile(r"/incidents/[^/]+")
POSTCODE = "NB9 9ZQ"


def a_demo_victim(server: Any, base_url: str, skip: int) -> dict[str, Any]:
    """A demo person with a date of birth and no restriction, not one the other browser tests use."""
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {server.token('officer')}"
    found = []
    for surname in reversed(COMMON_SURNAMES):
        response = session.get(f"{base_url}/api/v1/people", params={"name": surname}, timeout=30)
        for person in json_body(response).get("results", []):
            if person.get("date_of_birth") and not person.get("restricted") and person.get("surname", "").lower() == surname.lower():
                found.append(person)
                break
        if len(found) > skip:
            return found[skip]
    raise AssertionError(f"no demo person found among {COMMON_SURNAMES}")


def record_call(page: Any, person: dict[str, Any], line: str, postcode: str, child: tuple[str, str, str] | None) -> str:
    """As the signed-in handler, with JavaScript: the call about `person` at the typed address; returns the incident's path."""
    page.goto("/calls/new")
    page.locator("#victim_surname").press_sequentially(person["surname"], delay=20)
    page.locator("#victim_date_of_birth").press_sequentially(person["date_of_birth"], delay=20)
    radio = page.locator(f'#victim-matches input[type="radio"][name="victim_person_id"][value="{person["id"]}"]')
    radio.wait_for(state="visible", timeout=15_000)
    radio.check()
    page.get_by_label("How the call came in").select_option(label="999")
    for fieldset_id, answer in {"immediate_danger": "No", "injuries": "No", "weapons": "No", "children_present": "Yes", "fear": "Quite frightened"}.items():
        page.locator(f"fieldset#{fieldset_id}").get_by_label(answer, exact=True).check()
    page.get_by_label("Where is the suspect now?").select_option(label="Has left")
    page.get_by_label("How victim and suspect are connected").select_option(label="ex partner")
    page.locator("#address_line1").fill(line)
    page.locator("#postcode").fill(postcode)
    if child:
        page.locator("summary", has_text="Children's names").click()
        page.locator("#child_0_first_name").fill(child[0])
        page.locator("#child_0_surname").fill(child[1])
        page.locator("#child_0_date_of_birth").fill(child[2])
    page.get_by_role("button", name="Open incident", exact=True).click()
    page.wait_for_load_state()
    assert INCIDENT_PATH.fullmatch(path_of(page)), f"the call did not open an incident: at {page.url}; {page.locator('main').inner_text()[:800]}"
    return path_of(page)


def test_warning_on_a_place_meets_the_next_call_and_the_briefing_on_a_phone(server, base_url, new_page):
    person = a_demo_victim(server, base_url, skip=1)
    child = ("Ada", person["surname"], "2016-05-05")
    handler = new_page()
    sign_in(handler, "handler")
    first_path = record_call(handler, person, "Flat 3 12 High Street", POSTCODE, child)
    first_reference = handler.locator("h1").first.inner_text().strip()

    # The officer opens the address from the incident and puts a warning on it.
    officer = new_page()
    sign_in(officer, "officer")
    officer.goto(first_path)
    officer.get_by_role("link", name=re.compile("Flat 3 12 High Street")).click()
    officer.wait_for_load_state()
    assert path_of(officer).startswith("/addresses/"), f"the address link went to {officer.url}"
    officer.get_by_label("Kind of warning").select_option(label="Dogs")
    officer.get_by_label("What an officer going there needs to know").fill("Two large dogs loose in the back garden")
    officer.get_by_role("button", name="Add the warning").click()
    officer.wait_for_load_state()
    assert "Two large dogs loose in the back garden" in officer.locator("main").inner_text()
    place_path = path_of(officer)

    # A second call, the address typed as a hurried handler types it, meets the place, its warning and its history.
    second_path = record_call(handler, person, "flat 3, 12 high st", POSTCODE.lower().replace(" ", ""), None)
    text = handler.locator("main").inner_text()
    assert "Two large dogs loose in the back garden" in text, f"the second call's incident page does not show the address warning: {text[:1200]}"
    assert "Earlier at this address" in text and first_reference in text, "the second call's incident page does not list the first incident there"
    assert handler.locator(f'a[href="{place_path.split("#")[0]}"]').count() >= 1, "the second incident is not at the same place"

    # The officer's briefing on a phone: the warning, the earlier incident there and the child of the household.
    phone = new_page(width=PHONE_WIDTH, height=780)
    sign_in(phone, "officer")
    phone.goto(f"{second_path}/briefing")
    briefing = phone.locator("main").inner_text()
    assert "Warnings at this address" in briefing and "Two large dogs loose in the back garden" in briefing, briefing[:1500]
    assert first_reference in briefing, "the briefing does not list the earlier incident at the address"
    section = phone.locator("section.briefing-person", has_text=f"Ada {person['surname']}")
    assert section.count() == 1 and "child in the household" in section.inner_text(), "the briefing does not show the household's child"
    assert_fits_width(phone, PHONE_WIDTH)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SCREENSHOTS / "briefing-place-and-child.png"), full_page=True)
