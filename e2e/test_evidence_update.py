"""Evidence after the scene (rule 10) in a real browser: once the scene is recorded, the incident page offers
"Update the evidence" to those who work cases. The investigator records house-to-house enquiries gathered and the
victim withdrawing her support for police action: without a note saying what she said it is refused, the error linked
to the note and the choices kept; with one it is saved, listed under "Evidence since the scene" with what it replaced,
and the incident prompts an evidence-led prosecution, with the tasks that withdrawal sets on her case.

The incident and its scene are made through the API (the scene form itself is tested in test_cases.py): the victim
supported action at the scene, and house-to-house enquiries were not yet done."""

from __future__ import annotations

import re
from typing import Any

import pytest

from conftest import api_session, assert_labelled, json_body, path_of, sign_in, unlabelled_fields

VICTIM = {"first_name": "Nerys", "surname": "Afterscene", "date_of_birth": "1988-02-17"}
SUSPECT = {"first_name": "Gareth", "surname": "Lateproof", "date_of_birth": "1984-11-03"}

# The scene as recorded: six items, two of them gathered, house-to-house still to do; she supports action.
SCENE_EVIDENCE = {
    "injury_photographs": "gathered",
    "body_worn_video": "gathered",
    "recording_999_kept": "not_yet",
    "victim_first_account": "not_yet",
    "officer_statement": "not_yet",
    "house_to_house": "not_yet",
    "witness_statements": "not_applicable",
}
EVIDENCE_ITEMS = list(SCENE_EVIDENCE)
HOUSE_TO_HOUSE_CHANGE = "House-to-house enquiries: not yet → gathered"
SUPPORT_CHANGE = "Victim supports police action: yes → no"
NOTE = "She rang to say she no longer wants to go to court: she is frightened of his family."
EVIDENCE_LED = "consider an evidence-led prosecution"


@pytest.fixture(scope="module")
def incident(server: Any, base_url: str) -> dict[str, Any]:
    """An incident opened by the call handler for a new victim and suspect, with its scene recorded by the officer
    through the API: a crime, the suspect arrested, the victim supporting action, house-to-house not yet done.
    Returns {id, reference, case_id, case_reference}."""
    body = {
        "channel": "999", "caller": "victim", "setting": "urban", "relationship": "intimate_partner",
        "abuse_types": ["physical"], "summary": "E2E evidence test: caller reports her partner hit her.",
        "address_line1": "7 Evidence Lane", "town": "Testbury", "postcode": "TB2 7EV",
        "parties": [{"role": "victim", "new_person": VICTIM}, {"role": "suspect", "new_person": SUSPECT}],
        "immediate_danger": "no", "suspect_location": "left", "injuries": "no", "weapons": "no",
        "children_present": "no", "fear": "quite",
    }
    response = api_session(server, "handler").post(f"{base_url}/api/v1/incidents", json=body, timeout=30)
    assert response.status_code == 201, f"POST /api/v1/incidents answered {response.status_code}: {response.text[:800]}"
    record = json_body(response)
    cases = record.get("cases") or []
    assert len(cases) == 1, f"an incident with a victim opens her safeguarding case; the record has cases={cases}"
    incident = {"id": record["incident"]["id"], "reference": record["incident"]["reference"],
                "case_id": cases[0]["id"], "case_reference": cases[0]["reference"]}
    scene = {
        "evidence": SCENE_EVIDENCE, "victim_supports_action": "yes", "counter_allegation": "no",
        "crime_recorded": "yes", "suspect_identified": "yes", "arrested": "yes", "interpreter_needed": "no",
    }
    response = api_session(server, "officer").post(f"{base_url}/api/v1/incidents/{incident['id']}/scene", json=scene, timeout=30)
    assert response.status_code == 201, f"POST …/scene answered {response.status_code}: {response.text[:800]}"
    return incident


def main_text(page: Any) -> str:
    return page.locator("main").inner_text()


def press(page: Any, name: str) -> None:
    button = page.get_by_role("button", name=name, exact=True)
    assert button.count() == 1, f"{path_of(page)} has {button.count()} buttons named {name!r}"
    with page.expect_navigation():
        button.click()
    page.wait_for_load_state()


def evidence_form(page: Any) -> Any:
    form = page.locator("form#update_evidence")
    assert form.count() == 1, f"the incident page has no 'Update the evidence' form: {main_text(page)[:1200]}"
    assert form.locator("h3").first.inner_text().strip() == "Update the evidence"
    return form


def scene_row(page: Any, term: str) -> str:
    """The text of the "At the scene" summary row `term`."""
    row = page.locator(f'h2#scene ~ dl.summary-list >> div:has(dt:text-is("{term}")) dd').first
    assert row.count() == 1, f"'At the scene' has no row {term!r}: {main_text(page)[:1200]}"
    return row.inner_text().strip()


def test_evidence_update_form_shows_the_scene_answers(new_page, incident):
    """After the scene, the incident page offers "Update the evidence": every field labelled, each item and the
    victim's support showing the answer recorded at the scene, the note empty. Saving it unchanged is refused."""
    page = new_page()
    sign_in(page, "officer")
    page.goto(f"/incidents/{incident['id']}")

    form = evidence_form(page)
    assert form.get_attribute("action") == f"/incidents/{incident['id']}/evidence", form.get_attribute("action")
    assert (form.get_attribute("method") or "").lower() == "post"
    assert form.locator('input[type=hidden][name="_csrf"]').count() == 1, "the evidence form has no hidden _csrf field"
    for item in EVIDENCE_ITEMS:
        radios = form.locator(f'input[type=radio][name="update_evidence_{item}"]')
        values = [radios.nth(i).get_attribute("value") for i in range(radios.count())]
        assert values == ["gathered", "not_yet", "not_applicable"], f"update_evidence_{item} offers {values}"
        checked = form.locator(f'input[name="update_evidence_{item}"]:checked')
        assert checked.count() == 1 and checked.get_attribute("value") == SCENE_EVIDENCE[item], (
            f"update_evidence_{item} should show the scene's answer {SCENE_EVIDENCE[item]!r}")
    supports = form.locator('input[type=radio][name="update_victim_supports_action"]')
    assert [supports.nth(i).get_attribute("value") for i in range(supports.count())] == ["yes", "no", "not_known"]
    assert form.locator("#update_supports_yes").is_checked(), "her support at the scene (yes) is not shown"
    counter = form.locator('input[type=radio][name="update_counter_allegation"]')
    assert [counter.nth(i).get_attribute("value") for i in range(counter.count())] == ["yes", "no"]
    assert form.locator("#update_counter_no").is_checked(), "the scene's counter-allegation answer (no) is not shown"
    assert form.locator("textarea#update_note").input_value() == "", "the note is pre-filled"
    for name in ("update_evidence_house_to_house", "update_victim_supports_action", "update_counter_allegation", "update_note"):
        assert_labelled(page, name)

    fields = unlabelled_fields(page)
    assert fields["count"] >= 3 * len(EVIDENCE_ITEMS) + 3 + 2 + 1, f"the page has only {fields['count']} fields"
    assert not fields["problems"], "fields without labels: " + "; ".join(fields["problems"])
    assert page.locator("h3", has_text="Evidence since the scene").count() == 0, "nothing has changed since the scene yet"

    # act: save with nothing changed
    press(page, "Save the evidence")

    # check: refused, the summary linking to the form, which says why; nothing recorded
    assert path_of(page) == f"/incidents/{incident['id']}/evidence", f"a refused update should show the page again, not {page.url}"
    summary = page.locator(".govuk-error-summary")
    assert summary.count() == 1, f"no error summary after saving no change: {main_text(page)[:1200]}"
    targets = [a.get_attribute("href") for a in summary.locator("a").all()]
    assert targets == ["#update_evidence"], f"the summary links to {targets}: {summary.inner_text()!r}"
    message = evidence_form(page).locator(":scope > p.error-message")
    assert message.count() == 1 and message.inner_text().startswith("Nothing has changed"), (
        f"the form does not say nothing has changed: {message.all_inner_texts()}")
    assert page.locator("h3", has_text="Evidence since the scene").count() == 0, "an update with no change was recorded"


def test_investigator_records_withdrawal_and_evidence(new_page, incident, server, base_url):
    """The investigator marks house-to-house gathered and the victim no longer supporting action. Without a note it
    is refused: the error summary links to the note, which is marked, and both choices stay checked. With the note it
    is saved: back on the incident, "Evidence since the scene" lists both changes and the note, the scene counts the
    new item, and the page says to consider an evidence-led prosecution. Her case gets the evidence-led and reassess tasks."""
    page = new_page()
    sign_in(page, "investigator")
    page.goto(f"/incidents/{incident['id']}")
    evidence = scene_row(page, "Evidence")
    assert evidence.startswith("2 of 6 gathered — still to get: ") and "House-to-house enquiries" in evidence, evidence
    assert scene_row(page, "Victim supports action") == "yes", scene_row(page, "Victim supports action")
    assert EVIDENCE_LED not in main_text(page), "a victim who supports action is already prompted for an evidence-led prosecution"

    # act: house-to-house gathered, support withdrawn, no note
    form = evidence_form(page)
    form.locator("#update_evidence_house_to_house_gathered").check()
    form.locator("#update_supports_no").check()
    press(page, "Save the evidence")

    # check: refused, linked to the note, the choices kept
    assert path_of(page) == f"/incidents/{incident['id']}/evidence", f"a refused update should show the page again, not {page.url}"
    assert page.title().startswith("Error:"), f"the page title {page.title()!r} should start with 'Error:'"
    summary = page.locator(".govuk-error-summary")
    assert summary.count() == 1, f"no error summary after an update without a note: {main_text(page)[:1200]}"
    links = summary.locator("a")
    targets = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert targets == ["#update_note"], f"only the note is missing, but the summary links to {targets}: {summary.inner_text()!r}"
    assert "record what she said" in links.first.inner_text(), links.first.inner_text()
    assert page.locator("#update_note").evaluate("el => el.tagName") == "TEXTAREA", "the error's link target is not the note itself"
    assert page.locator("div.field-error:has(#update_note) .error-message").count() == 1, "the note shows no error beside it"
    form = evidence_form(page)
    assert form.locator("#update_evidence_house_to_house_gathered").is_checked(), "the house-to-house choice was lost with the error"
    assert form.locator("#update_supports_no").is_checked(), "the support choice was lost with the error"
    assert not form.locator("#update_supports_yes").is_checked()
    kept = {item: form.locator(f'input[name="update_evidence_{item}"]:checked').get_attribute("value")
            for item in EVIDENCE_ITEMS if item != "house_to_house"}
    assert kept == {k: v for k, v in SCENE_EVIDENCE.items() if k != "house_to_house"}, f"the other items changed with the error: {kept}"
    assert page.locator("h3", has_text="Evidence since the scene").count() == 0, "the refused update was recorded"
    assert scene_row(page, "Victim supports action") == "yes", "the refused update changed her support"

    # act: with the note
    form.locator("#update_note").fill(NOTE)
    press(page, "Save the evidence")

    # check: saved, back on the incident
    assert path_of(page) == f"/incidents/{incident['id']}", f"saving should lead back to the incident, not {page.url}: {main_text(page)[:800]}"
    assert page.locator(".govuk-error-summary").count() == 0, page.locator(".govuk-error-summary").inner_text()
    heading = page.locator("h3", has_text="Evidence since the scene")
    assert heading.count() == 1, f"the incident does not list 'Evidence since the scene': {main_text(page)[:1500]}"
    history = page.locator("h3:has-text('Evidence since the scene') + ul li")
    assert history.count() == 1, f"one update was made, the history lists {history.count()}: {history.all_inner_texts()}"
    entry = history.first.inner_text()
    assert HOUSE_TO_HOUSE_CHANGE in entry, entry
    assert SUPPORT_CHANGE in entry, entry
    assert f"Note: {NOTE}" in entry, entry
    assert re.search(r", investigator: ", entry), f"the update does not say who made it: {entry!r}"
    assert scene_row(page, "Evidence").startswith("3 of 6 gathered"), scene_row(page, "Evidence")
    assert "House-to-house" not in scene_row(page, "Evidence"), f"house-to-house is still to get: {scene_row(page, 'Evidence')!r}"
    support = scene_row(page, "Victim supports action")
    assert support == f"no — {EVIDENCE_LED}: gather more evidence", support
    form = evidence_form(page)
    assert form.locator("#update_evidence_house_to_house_gathered").is_checked(), "the form does not show the answer now"
    assert form.locator("#update_supports_no").is_checked(), "the form does not show her support now"
    assert form.locator("#update_note").input_value() == "", "the saved note is still in the form"

    # check: withdrawal set the evidence-led and reassess tasks on her case
    case = json_body(api_session(server, "sergeant").get(f"{base_url}/api/v1/cases/{incident['case_id']}", timeout=30))
    titles = [t["title"] for t in case["tasks"] if t.get("completed_at") is None]
    assert any(t.startswith(f"{incident['reference']}: she no longer supports police action — build the case on the evidence")
               for t in titles), titles
    assert f"{incident['case_reference']}: she has withdrawn support for police action — check she is safe and reassess her risk" in titles, titles
