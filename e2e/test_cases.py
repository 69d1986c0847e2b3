"""The scene, the no-arrest review and the safeguarding case in a real browser: the officer records the scene on a
phone (a child at school, the evidence checklist, a recorded crime with a known suspect not arrested, a toolkit
action), a rationale being required and the typed form kept when it is missing; the sergeant closes the no-arrest
decision from "Reviews" with a finding; a high-risk assessment offers the victim's case to the DA specialist, who
accepts it from "My work" and adds a dated, owned action to the safety plan; and a partner agency is refused both
"My work" and the case.

The tests run in file order and share one incident (opened by the call handler for a new victim, so her case is new
and owned by the response officer): each builds on what the one before it did. Checks on how a page reads that do not
stop the journey (a field marked in error when it is not, a wrong time shown) are collected and asserted at the end of
each test, so that one such problem does not hide the rest or stop the tests after it."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Callable, Iterator

import pytest
import requests

from conftest import (
    PHONE_WIDTH, SCREENSHOTS, api_session, assert_fits_width, assert_labelled, assert_no_defects, expect, json_body, path_of, sign_in,
    unlabelled_fields,
)

# The demo accounts' display names and role titles (Sources/safeguard/DemoCommand.swift, Role.title).
OFFICER = "Demo Response Officer"
SERGEANT = "Demo Sergeant"
SPECIALIST = "Demo DA Specialist"
INVESTIGATOR = "Demo Investigator"
OFFICER_OWNER = f"{OFFICER} (Response officer)"
SPECIALIST_OWNER = f"{SPECIALIST} (DA specialist)"

VICTIM = {"first_name": "Orla", "surname": "Caseworth", "date_of_birth": "1991-04-12"}
SUSPECT = {"first_name": "Declan", "surname": "Maybrick", "date_of_birth": "1987-09-30"}
CHILD = {"first_name": "Maisie", "surname": "Caseworth", "date_of_birth": "2017-06-05", "school": "Testbury Primary School"}
CHILD_NAME = f"{CHILD['first_name']} {CHILD['surname']}"

# The evidence checklist (EvidenceItem): four gathered, one still to get, two not applicable → "4 of 5 gathered".
EVIDENCE = {
    "injury_photographs": "gathered",
    "body_worn_video": "gathered",
    "recording_999_kept": "gathered",
    "victim_first_account": "not_yet",
    "officer_statement": "gathered",
    "house_to_house": "not_applicable",
    "witness_statements": "not_applicable",
}
EVIDENCE_GATHERED, EVIDENCE_APPLICABLE = 4, 5
EVIDENCE_MISSING = "The victim's first account or statement"
YES_NO = {
    "victim_supports_action": "no",  # so the page prompts an evidence-led prosecution
    "counter_allegation": "no",
    "crime_recorded": "yes",
    "suspect_identified": "yes",
    "arrested": "no",
    "interpreter_needed": "no",
}
SCENE_ACTION = "Fit a panic alarm or personal attack alarm"
SHORT_RATIONALE = "He ran off"  # three words, two of them too short to count: not an explanation
NO_ARREST_RATIONALE = "Suspect fled before officers arrived; area searched without success and circulated as wanted."
FINDING = "Rationale accepted: the search was proportionate and the suspect is circulated for arrest on sight."

# The officer's high-risk DASH assessment (through the API).
MAIN_QUESTIONS = [
    "injury", "frightened", "afraid_of", "isolated", "depressed", "separation", "child_contact", "stalking",
    "pregnancy", "other_children", "hurt_children", "threatened_children", "more_often", "getting_worse",
    "controlling", "weapons", "threats_to_kill", "strangulation", "sexual", "others_threatened", "hurt_others",
    "animals", "money", "substances", "abuser_suicide", "breached", "criminal_history",
]
YES_ANSWERS = {"injury", "frightened", "afraid_of", "separation", "threats_to_kill", "strangulation", "controlling"}
HIGH_RATIONALE = "Strangulation and threats to kill after a recent separation: professional judgement says high risk."

PLAN_ACTION = "Give the victim helpline details"

# What the tests share, in file order.
SHARED: dict[str, Any] = {}


# --------------------------------------------------------------------------- helpers




@pytest.fixture(scope="module")
def incident(server: Any, base_url: str) -> dict[str, Any]:
    """An incident opened by the call handler through the API for a new victim (no history, so not a repeat
    victim) and a new suspect, with answers that raise no potential-high-risk flag: her new case is allocated as
    standard risk, to the response officer. Returns {id, reference, victim_id, case_id, case_reference}."""
    body = {
        "channel": "999", "caller": "victim", "setting": "urban", "relationship": "ex_partner",
        "abuse_types": ["physical"], "summary": "E2E case test: caller reports her former partner pushed her over.",
        "address_line1": "12 Safeguard Close", "town": "Testbury", "postcode": "TB1 4SC",
        "parties": [{"role": "victim", "new_person": VICTIM}, {"role": "suspect", "new_person": SUSPECT}],
        "immediate_danger": "no", "suspect_location": "left", "injuries": "no", "weapons": "no",
        "children_present": "no", "fear": "quite",
    }
    response = api_session(server, "handler").post(f"{base_url}/api/v1/incidents", json=body, timeout=30)
    assert response.status_code == 201, f"POST /api/v1/incidents answered {response.status_code}: {response.text[:800]}"
    record = json_body(response)
    victims = [p for p in record["incident"]["parties"] if p["role"] == "victim"]
    assert len(victims) == 1, f"the incident should have one victim: {record['incident']['parties']}"
    cases = record.get("cases") or []
    assert len(cases) == 1, f"an incident with a victim opens her safeguarding case; the record has cases={cases}"
    return {
        "id": record["incident"]["id"], "reference": record["incident"]["reference"], "victim_id": victims[0]["person_id"],
        "case_id": cases[0]["id"], "case_reference": cases[0]["reference"],
    }


def main_text(page: Any) -> str:
    return page.locator("main").inner_text()


def press(page: Any, name: str, scope: Any = None) -> None:
    """Presses the button `name` (within `scope`, default the page) and waits for the page it leads to."""
    button = (scope or page).get_by_role("button", name=name, exact=True)
    assert button.count() == 1, f"{path_of(page)} has {button.count()} buttons named {name!r}"
    with page.expect_navigation():
        button.click()
    page.wait_for_load_state()


def error_summary(page: Any) -> Any:
    summary = page.locator(".govuk-error-summary")
    assert summary.count() == 1, f"no error summary at {page.url}; page says: {main_text(page)[:800]}"
    return summary


def summary_rows(dl: Any) -> dict[str, str]:
    """A <dl class="summary-list"> as {term: description}."""
    return dl.evaluate("""dl => Object.fromEntries(Array.from(dl.querySelectorAll(':scope > div')).map(row =>
        [row.querySelector('dt').textContent.trim(), row.querySelector('dd').innerText.trim()]))""")


def fill_scene(page: Any, rationale: str) -> None:
    """Fills the scene form as the officer found it: one child at school, the evidence, the answers, one action."""
    page.locator("#child_0_first_name").fill(CHILD["first_name"])
    page.locator("#child_0_surname").fill(CHILD["surname"])
    page.locator("#child_0_date_of_birth").fill(CHILD["date_of_birth"])
    page.locator("#child_0_present").check()
    page.locator("#child_0_school").fill(CHILD["school"])
    for item, answer in EVIDENCE.items():
        page.locator(f"#evidence_{item}_{answer}").check()
    for name, answer in YES_NO.items():
        page.locator(f"#{name}_{answer}").check()
    page.get_by_label("If a crime is recorded, the suspect is known and not arrested: why (your sergeant reviews this)",
                      exact=True).fill(rationale)
    page.get_by_label(SCENE_ACTION, exact=True).check()
    page.get_by_label("If a crime is recorded: what crime", exact=True).select_option(label="Assault with injury")


def assert_scene_form_kept(page: Any, rationale: str) -> None:
    """After a refusal the form shows again with everything the officer typed and chose."""
    assert page.locator("#child_0_first_name").input_value() == CHILD["first_name"], "the child's first name was lost"
    assert page.locator("#child_0_surname").input_value() == CHILD["surname"], "the child's surname was lost"
    assert page.locator("#child_0_date_of_birth").input_value() == CHILD["date_of_birth"], "the child's date of birth was lost"
    assert page.locator("#child_0_present").is_checked(), "the child's 'Present' choice was lost"
    assert page.locator("#child_0_school").input_value() == CHILD["school"], "the child's school was lost with the error"
    lost = [item for item, answer in EVIDENCE.items() if not page.locator(f"#evidence_{item}_{answer}").is_checked()]
    assert not lost, f"evidence answers were lost with the error: {lost}"
    lost = [name for name, answer in YES_NO.items() if not page.locator(f"#{name}_{answer}").is_checked()]
    assert not lost, f"yes/no answers were lost with the error: {lost}"
    assert page.locator("#no_arrest_rationale").input_value() == rationale, "the typed rationale was not kept"
    ticked = page.evaluate("() => Array.from(document.querySelectorAll('input[name=safety_action]:checked')).map(c => c.value)")
    assert ticked == [SCENE_ACTION], f"the ticked safety actions were not kept: {ticked}"


def assert_refused_for_rationale(page: Any, incident: dict[str, Any], defects: list[str]) -> None:
    """The scene was refused for the rationale alone: the summary's one link leads to that field."""
    assert path_of(page) == f"/incidents/{incident['id']}/scene", f"the refused scene should show the form again, not {page.url}"
    assert page.title().startswith("Error:"), f"the page title {page.title()!r} should start with 'Error:'"
    summary = error_summary(page)
    items = summary.locator("li")
    assert items.count() == 1, f"only the no-arrest rationale is missing, but the summary says: {summary.inner_text()!r}"
    link = summary.locator('a[href="#no_arrest_rationale"]')
    assert link.count() == 1, f"the error summary does not link to #no_arrest_rationale: {summary.inner_text()!r}"
    assert "not arrested: explain why" in link.inner_text(), link.inner_text()
    target = page.locator("#no_arrest_rationale")
    assert target.count() == 1, "the error's link target is not on the page"
    assert target.evaluate("el => el.tagName") == "TEXTAREA", "the error's link target is not the rationale field itself"
    field_error = page.locator("div.field-error:has(#no_arrest_rationale) .error-message")
    assert field_error.count() == 1, "the rationale shows no error message beside it"
    assert page.locator("h2#scene").count() == 0 and page.locator("h1").first.inner_text().strip() == "At the scene"
    marked = fields_in_error(page)
    expect(defects, marked == ["no_arrest_rationale"],
           f"only the rationale is at fault, but the refused scene form marks these as in error too: {marked}")


def case_owner_line(page: Any, incident: dict[str, Any]) -> str:
    """The incident page's "Safeguarding case SG-… for … · owner …" line, with its link to the case checked."""
    line = page.locator(f'main p:has(a[href="/cases/{incident["case_id"]}"])').first
    assert line.count() == 1, f"the incident page does not link to its case /cases/{incident['case_id']}: {main_text(page)[:800]}"
    text = line.inner_text()
    assert text.startswith(f"Safeguarding case {incident['case_reference']}"), text
    assert re.fullmatch(r"SG-\d{4}-\d{6}", incident["case_reference"]), incident["case_reference"]
    return text


def safety_plan(page: Any) -> list[dict[str, str]]:
    """Each task card in the case page's "Safety plan" section (up to the next heading): {title, text}."""
    return page.evaluate("""() => {
        const out = []; let el = document.getElementById('safety-plan').nextElementSibling;
        while (el && el.tagName !== 'H2') {
            if (el.matches('div.card')) out.push({title: el.querySelector('strong').textContent.trim(), text: el.innerText.trim()});
            el = el.nextElementSibling;
        }
        return out; }""")


def fields_in_error(page: Any) -> list[str]:
    """The ids of the fields the page marks as in error (red bar), and of any error message drawn empty."""
    return page.evaluate("""() => {
        const marked = Array.from(document.querySelectorAll('main .field-error')).map(e => e.id || e.querySelector('[id]')?.id || '?');
        const empty = Array.from(document.querySelectorAll('main p.error-message')).filter(p => !p.textContent.trim()).length;
        return empty ? marked.concat([`(and ${empty} empty error message(s))`]) : marked; }""")


def needs(key: str) -> None:
    if not SHARED.get(key):
        pytest.fail(f"needs {key!r} from an earlier test in this file (run the file in order)")


# --------------------------------------------------------------------------- the tests


def test_officer_records_scene_on_phone(phone_page, incident, server, base_url):
    """On a 360 px phone the officer opens the victim's incident (her case, owned by the officer) and follows
    "Record the scene". Every field is labelled and the page fits. A recorded crime with an identified suspect not
    arrested is refused without a rationale — and with one too short to explain anything — naming that field and
    keeping everything typed; with a rationale it is saved, and the incident's "At the scene" shows the child, the
    evidence count, the evidence-led prompt (the victim does not support action), the arrest decision and the action."""
    page = phone_page
    defects: list[str] = []
    sign_in(page, "officer")

    # act: the incident, then its scene form
    page.goto(f"/incidents/{incident['id']}")

    # check: the case is named with its one owner, the officer; the scene is not recorded yet
    line = case_owner_line(page, incident)
    assert f"for {VICTIM['first_name']} {VICTIM['surname']}" in line and f"owner {OFFICER_OWNER}" in line, line
    assert "offered to" not in line, f"a standard-risk case should not be offered on: {line!r}"
    link = page.get_by_role("link", name="Record the scene", exact=True)
    assert link.count() == 1, f"the incident page has no 'Record the scene' link for the officer: {main_text(page)[:800]}"
    with page.expect_navigation():
        link.click()
    page.wait_for_load_state()
    assert path_of(page) == f"/incidents/{incident['id']}/scene/new", f"'Record the scene' led to {page.url}"
    assert page.locator("h1").first.inner_text().strip() == "At the scene"
    assert incident["reference"] in page.locator("p.caption").inner_text()

    # check: labels, the form's choices, and the phone's width
    for name in ("child_0_first_name", "child_0_surname", "child_0_date_of_birth", "child_0_presence", "child_0_school",
                 "evidence_body_worn_video", "victim_supports_action", "crime_recorded", "arrested", "no_arrest_rationale",
                 "interpreter_language", "interpreter_kind", "interpreter_person_id", "safety_action"):
        assert_labelled(page, name)
    fields = unlabelled_fields(page)
    assert fields["count"] >= 4 * 5 + 3 * len(EVIDENCE) + 3 + 2 * 5 + 4 + 10, f"the form has only {fields['count']} fields"
    assert not fields["problems"], "fields without labels: " + "; ".join(fields["problems"])
    assert page.locator('input[type=radio][name="victim_supports_action"]').count() == 3, "victim support is yes / no / not known"
    assert "wants an arrest" not in main_text(page).lower(), "the form must never ask whether the victim wants an arrest"
    interpreters = page.locator("#interpreter_person_id option").all_inner_texts()
    assert interpreters[0] == "Nobody on the incident" and len(interpreters) == 3, f"interpreter choices: {interpreters}"
    assert f"{VICTIM['first_name']} {VICTIM['surname']} (victim)" in interpreters, interpreters
    assert f"{SUSPECT['first_name']} {SUSPECT['surname']} (suspect)" in interpreters, interpreters
    toolkit = page.locator("input[name=safety_action]")
    assert toolkit.count() >= 5 and page.get_by_label(SCENE_ACTION, exact=True).count() == 1, "the toolkit is not offered"
    assert page.locator("input[type=radio]:checked, input[type=checkbox]:checked").count() == 0, "a new scene form comes pre-filled"
    marked = fields_in_error(page)
    expect(defects, not marked, f"a new, untouched scene form marks fields as in error: {marked}")
    assert_fits_width(page, PHONE_WIDTH)

    # act: everything but the rationale, and save
    fill_scene(page, rationale="")
    assert_fits_width(page, PHONE_WIDTH)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "scene-phone.png"), full_page=True)
    press(page, "Save the scene record")

    # check: refused, naming the rationale, with everything else kept
    assert_refused_for_rationale(page, incident, defects)
    assert_scene_form_kept(page, rationale="")
    assert_fits_width(page, PHONE_WIDTH)

    # act: a rationale that explains nothing
    page.locator("#no_arrest_rationale").fill(SHORT_RATIONALE)
    press(page, "Save the scene record")

    # check: refused the same way
    assert_refused_for_rationale(page, incident, defects)
    assert_scene_form_kept(page, rationale=SHORT_RATIONALE)

    # act: a real rationale
    page.locator("#no_arrest_rationale").fill(NO_ARREST_RATIONALE)
    press(page, "Save the scene record")

    # check: the incident's "At the scene"
    assert path_of(page) == f"/incidents/{incident['id']}", f"saving should lead back to the incident, not {page.url}: {main_text(page)[:800]}"
    assert page.locator(".govuk-error-summary").count() == 0
    SHARED["scene"] = True
    assert page.locator("h2#scene + p").inner_text().startswith("Recorded by officer,"), page.locator("h2#scene + p").inner_text()
    scene = summary_rows(page.locator("h2#scene ~ dl.summary-list").first)
    assert f"{CHILD_NAME} (present; {CHILD['school']})" in scene.get("Children", ""), scene
    expect(defects, scene.get("Children") == f"{CHILD_NAME} (present; {CHILD['school']})",
           f"the incident's 'At the scene' lists the child and also says 'None recorded': {scene.get('Children')!r}")
    assert page.locator("h2#scene ~ dl.summary-list").first.get_by_role("link", name=CHILD_NAME).count() == 1, "the child has no person record link"
    assert scene.get("Evidence") == f"{EVIDENCE_GATHERED} of {EVIDENCE_APPLICABLE} gathered — still to get: {EVIDENCE_MISSING}", scene
    assert scene.get("Victim supports action") == "no — consider an evidence-led prosecution: gather more evidence", scene
    assert scene.get("Crime recorded") == "Yes", scene
    assert scene.get("Arrest") == f"Not arrested — rationale sent to the sergeant: {NO_ARREST_RATIONALE}", scene
    assert scene.get("Interpreter") == "Not needed", scene
    assert scene.get("Safety actions") == SCENE_ACTION, scene
    incident_rows = summary_rows(page.locator("main dl.summary-list").first)
    assert incident_rows.get("Crime recorded") == "Yes — Assault with injury", f"the incident itself is not marked a crime: {incident_rows}"
    # A correction of the classification needs a reason; with one it is saved and the first is kept in the history.
    page.get_by_label("Classify the crime (or correct its classification)", exact=True).select_option(
        label="Controlling or coercive behaviour")
    press(page, "Save the classification")
    assert page.locator(".govuk-error-summary").count() == 1, main_text(page)[:800]
    assert "Say why the classification changes" in main_text(page)
    page.get_by_label("Classify the crime (or correct its classification)", exact=True).select_option(
        label="Controlling or coercive behaviour")
    page.get_by_label("Why it changes (needed when correcting; the old classification is kept)", exact=True).fill(
        "The victim's account shows months of control")
    press(page, "Save the classification")
    assert path_of(page) == f"/incidents/{incident['id']}", page.url
    incident_rows = summary_rows(page.locator("main dl.summary-list").first)
    assert incident_rows.get("Crime recorded") == "Yes — Controlling or coercive behaviour", incident_rows
    page.locator("details summary", has_text="Crime classification history").click()
    history = page.locator("details", has_text="Crime classification history").inner_text()
    assert "Assault with injury → Controlling or coercive behaviour by officer — The victim's account shows months of control" in history, history
    assert page.get_by_role("link", name="Record the scene").count() == 0, "the scene can be recorded twice"
    people = page.locator("h2:has-text('People involved') + table").inner_text()
    assert CHILD_NAME in people, f"the child is not a party to the incident: {people!r}"
    assert_fits_width(page, PHONE_WIDTH)

    # check: the child's and the action's tasks are the officer's
    work = json_body(api_session(server, "officer").get(f"{base_url}/api/v1/my-work", timeout=30))
    titles = [t["title"] for t in work["tasks"] if t.get("incident_id") == incident["id"]]
    assert f"Tell {CHILD['school']} about {CHILD_NAME} before school starts" in titles, titles
    assert any(t.startswith(f"Refer {CHILD_NAME} (present) to children's social care") for t in titles), titles
    assert SCENE_ACTION in titles, titles
    assert_no_defects(defects)


def test_sergeant_closes_no_arrest_decision(new_page, incident, server, base_url):
    """The officer's sergeant finds the no-arrest decision under "No-arrest decisions to review", with the officer's
    rationale; "Mark done" without a finding is refused, and with one the decision is closed and leaves the list."""
    needs("scene")
    defects: list[str] = []
    page = new_page()
    sign_in(page, "sergeant")

    # act: the review queue from the navigation
    with page.expect_navigation():
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Reviews", exact=True).click()
    page.wait_for_load_state()

    # check: the decision is listed with the officer's words and a task owned by the sergeant
    assert path_of(page) == "/reviews", f"'Reviews' led to {page.url}"
    heading = page.locator("h2#no-arrest")
    assert heading.count() == 1 and heading.inner_text().strip() == "No-arrest decisions to review", main_text(page)[:1200]
    item = page.locator(f'p:has(a[href="/incidents/{incident["id"]}#scene"])')
    assert item.count() == 1, f"the no-arrest decision on {incident['reference']} is not listed: {main_text(page)[:1500]}"
    item_text = item.inner_text()
    assert item_text == f"{incident['reference']} — officer: “{NO_ARREST_RATIONALE}”", item_text
    card = item.locator("xpath=following-sibling::div[contains(concat(' ', @class, ' '), ' card ')][1]")
    card_text = card.inner_text()
    assert f"Review the no-arrest decision on {incident['reference']}" in card_text, card_text
    assert f"Owner {SERGEANT}" in card_text, f"the review is not the officer's sergeant's: {card_text!r}"
    task_id = card.get_attribute("id")
    assert task_id and task_id.startswith("task-"), card.get_attribute("id")
    assert card.get_by_label("What was done (or why not)", exact=True).count() == 1, "the 'Mark done' form has no labelled finding"
    marked = fields_in_error(page)
    expect(defects, not marked, f"Reviews, untouched, marks these fields as in error: {marked}")

    # act: "Mark done" with no finding
    press(page, "Mark done", scope=card)

    # check: refused, the error linked to the finding, the task still open
    summary = error_summary(page)
    link = summary.locator(f'a[href="#outcome_{task_id.removeprefix("task-")}"]')
    assert link.count() == 1, f"the refusal does not link to the finding's field: {summary.inner_text()!r}"
    assert "Say what was done" in link.inner_text(), link.inner_text()
    assert page.locator(f"#outcome_{task_id.removeprefix('task-')}").count() == 1, "the error's link target is not on the page"
    assert page.locator(f"#{task_id}").get_by_role("button", name="Mark done").count() == 1, "the task was closed without a finding"
    expect(defects, page.locator("h1").first.inner_text().strip() == "Assessments to review" and page.locator(f'a[href="/incidents/{incident["id"]}#scene"]').count() == 1,
           f"a finding refused on Reviews re-draws {page.locator('h1').first.inner_text().strip()!r} at {path_of(page)} instead of Reviews, "
           f"so the sergeant loses the officer's rationale beside the form")

    # act: record the finding, from Reviews
    page.goto("/reviews")
    card = page.locator(f"#{task_id}")
    card.get_by_label("What was done (or why not)", exact=True).fill(FINDING)
    press(page, "Mark done", scope=card)

    # check: back on Reviews, the decision gone
    assert path_of(page) == "/reviews", f"'Mark done' should lead back to Reviews, not {page.url}: {main_text(page)[:800]}"
    assert page.locator(".govuk-error-summary").count() == 0, page.locator(".govuk-error-summary").inner_text()
    assert page.locator(f'a[href="/incidents/{incident["id"]}#scene"]').count() == 0, "a closed no-arrest decision is still listed"
    assert page.locator(f"#{task_id}").count() == 0, "the closed review task is still on Reviews"

    # check: the finding is recorded on the task (the API lists the case's tasks)
    case = json_body(api_session(server, "sergeant").get(f"{base_url}/api/v1/cases/{incident['case_id']}", timeout=30))
    reviews = [t for t in case["tasks"] if t["id"] == task_id.removeprefix("task-")]
    assert len(reviews) == 1, f"the review task is not on the case: {[t['title'] for t in case['tasks']]}"
    assert reviews[0].get("outcome") == FINDING and reviews[0].get("completed_by") == "sergeant", reviews[0]
    SHARED["reviewed"] = True
    assert_no_defects(defects)


def test_specialist_accepts_high_risk_case_and_adds_action(new_page, incident, server, base_url):
    """The officer judges the victim at high risk: her case is offered to the DA specialist while the officer still
    owns it. The specialist accepts it from "My work", opens it (now owned by her, with the high-risk safety-plan
    review), and adds a toolkit action with an owner and a due time, which joins the plan; the officer's "My cases"
    no longer lists it."""
    needs("scene")
    defects: list[str] = []

    # act: the officer's high-risk assessment
    answers = {q: "yes" if q in YES_ANSWERS else "no" for q in MAIN_QUESTIONS}
    body = {"victim_person_id": incident["victim_id"], "answers": answers, "notes": {}, "level": "high", "rationale": HIGH_RATIONALE}
    response = api_session(server, "officer").post(
        f"{base_url}/api/v1/incidents/{incident['id']}/risk-assessments", json=body, timeout=30)
    assert response.status_code == 201, f"the high-risk assessment answered {response.status_code}: {response.text[:800]}"

    # check: offered to the specialist; until she accepts, the officer owns it
    officer = new_page()
    sign_in(officer, "officer")
    officer.goto(f"/incidents/{incident['id']}")
    line = case_owner_line(officer, incident)
    assert f"owner {OFFICER_OWNER} (offered to {SPECIALIST_OWNER}, not yet accepted)" in line, line
    officer.goto("/my-work")
    mine = officer.locator(f'h2#cases + table tr:has(a[href="/cases/{incident["case_id"]}"])')
    assert mine.count() == 1, f"before the specialist accepts, the officer's 'My cases' should list the case: {main_text(officer)[:1200]}"
    assert f"Offered to {SPECIALIST_OWNER}, not yet accepted." in mine.inner_text(), mine.inner_text()

    # act: the specialist's "My work"
    page = new_page()
    sign_in(page, "specialist")
    with page.expect_navigation():
        page.get_by_role("navigation", name="Main").get_by_role("link", name="My work", exact=True).click()
    page.wait_for_load_state()

    # check: the offer
    assert path_of(page) == "/my-work", f"'My work' led to {page.url}"
    assert page.get_by_role("heading", name="Offered to you", exact=True).count() == 1, main_text(page)[:1200]
    offer = page.locator(f"#offer-{incident['case_id']}")
    assert offer.count() == 1, f"the case {incident['case_reference']} is not offered to the specialist: {main_text(page)[:1500]}"
    offer_text = offer.inner_text()
    assert f"{incident['case_reference']} · {VICTIM['first_name']} {VICTIM['surname']} · high · owner now {OFFICER_OWNER}" in offer_text, offer_text
    assert "Offered by system at" in offer_text and "a high-risk case is owned by the role: DA specialist" in offer_text, offer_text
    assert page.locator(f'h2#cases + table a[href="/cases/{incident["case_id"]}"]').count() == 0, "an offered case is already the specialist's"
    overdue = page.locator("h2#tasks .tag")
    expect(defects, overdue.count() == 0 or not overdue.inner_text().strip().startswith("0 "),
           f"'My work' flags {overdue.inner_text().strip() if overdue.count() else ''!r} in red beside 'My tasks' when nothing is overdue")

    # act: accept it
    press(page, f"Accept {incident['case_reference']}", scope=offer)

    # check: hers now
    assert path_of(page) == "/my-work", f"accepting should lead back to My work, not {page.url}"
    assert page.locator(".govuk-error-summary").count() == 0, page.locator(".govuk-error-summary").inner_text()
    assert page.locator(f"#offer-{incident['case_id']}").count() == 0, "the accepted case is still offered"
    row = page.locator(f'h2#cases + table tr:has(a[href="/cases/{incident["case_id"]}"])')
    assert row.count() == 1, f"the accepted case is not in the specialist's 'My cases': {main_text(page)[:1500]}"
    assert "high" in row.locator("strong.tag").inner_text(), row.inner_text()

    # act: open the case
    with page.expect_navigation():
        row.get_by_role("link", name=incident["case_reference"], exact=True).click()
    page.wait_for_load_state()

    # check: owner, level, the high-risk review, the scene's action and evidence
    assert path_of(page) == f"/cases/{incident['case_id']}", page.url
    assert page.locator("h1").first.inner_text().strip() == f"{incident['case_reference']}: {VICTIM['first_name']} {VICTIM['surname']}"
    facts = summary_rows(page.locator("main dl.summary-list").first)
    assert facts.get("Owner (victim's safety)") == SPECIALIST_OWNER, facts
    assert facts.get("Risk level") == "high", facts
    assert page.locator("main .warning:has-text('Handover offered')").count() == 0, "the accepted handover is still shown as offered"
    assert page.get_by_role("button", name="Accept this case").count() == 0
    others = page.locator("h2#tasks ~ div.card")
    review = others.filter(has_text="Review the safety plan (high risk)")
    assert review.count() == 1, f"no high-risk safety-plan review among the case's tasks: {others.all_inner_texts()}"
    assert f"Owner {SPECIALIST}" in review.inner_text(), f"the review did not move with the case: {review.inner_text()!r}"
    expect(defects, facts.get("Investigator") == "None named", f"no investigator is named, but the case page says {facts.get('Investigator')!r}")
    history = page.locator("h2:has-text('Who has owned it') + ul li").all_inner_texts()
    assert any("handover accepted" in line and SPECIALIST in line for line in history), f"the ownership history lacks the acceptance: {history}"
    garbled = [line for line in history if re.search(r"\bfrom to\b|\bto by\b", line)]
    expect(defects, not garbled, f"the ownership history reads with empty names: {garbled}")
    marked = fields_in_error(page)
    expect(defects, not marked, f"the case page, untouched, marks these fields as in error: {marked}")
    plan_titles = [card["title"] for card in safety_plan(page)]
    assert plan_titles == [SCENE_ACTION], f"the safety plan should hold the scene's action only, it has {plan_titles}"
    evidence = page.locator("h2#evidence + p").inner_text()
    assert evidence.startswith(f"{incident['reference']}: {EVIDENCE_GATHERED} of {EVIDENCE_APPLICABLE} items gathered — still to get: {EVIDENCE_MISSING}"), evidence
    assert "build an evidence-led case" in evidence, evidence

    # act: add a toolkit action for the investigator, due at 09:00 on a summer's day (British Summer Time)
    due = dt.datetime(dt.date.today().year + 1, 7, 15, 9, 0)
    form = page.locator("form:has(h3:has-text('Add an action'))")
    assert form.count() == 1, "the case page has no 'Add an action' form for the specialist"
    for name in ("action", "other_action", "owner_id", "due_at"):
        assert_labelled(page, name)
    form.get_by_label("Action", exact=True).select_option(PLAN_ACTION)
    owners = form.get_by_label("Who will do it", exact=True)
    assert owners.evaluate("s => s.options[s.selectedIndex].text") == SPECIALIST_OWNER, "the owner should default to the one adding it"
    owners.select_option(label=f"{INVESTIGATOR} (Investigator)")
    form.get_by_label("Due by", exact=True).fill(due.strftime("%Y-%m-%dT%H:%M"))
    press(page, "Add to the plan", scope=form)

    # check: in the plan, owned and dated
    assert path_of(page) == f"/cases/{incident['case_id']}", f"adding an action should lead back to the case, not {page.url}"
    assert page.locator(".govuk-error-summary").count() == 0, page.locator(".govuk-error-summary").inner_text()
    plan = safety_plan(page)
    added = [card["text"] for card in plan if card["title"] == PLAN_ACTION]
    assert len(added) == 1 and len(plan) == 2, f"the new action is not in the safety plan: {plan}"
    shown = re.search(r"Owner (.+?) · due (\d+ \w+ \d{4}) (\d\d:\d\d)", added[0])
    assert shown, f"the new action shows no owner and due time: {added[0]!r}"
    assert shown.group(1) == INVESTIGATOR, f"the action's owner is wrong: {added[0]!r}"
    assert shown.group(2) == f"{due.day} {due.strftime('%b %Y')}", f"the action's due date is wrong: {added[0]!r}"
    expect(defects, shown.group(3) == "09:00",
           f"the action typed as due at 09:00 on {shown.group(2)} is shown as due at {shown.group(3)}")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "case-page.png"), full_page=True)

    # check: the officer's "My cases" no longer lists it, and the officer no longer holds its review
    officer.goto("/my-work")
    assert officer.locator("h2#cases").count() == 1, main_text(officer)[:800]
    assert officer.locator(f'h2#cases + table a[href="/cases/{incident["case_id"]}"]').count() == 0, (
        f"the officer's 'My cases' still lists {incident['case_reference']} after the specialist accepted it")
    assert officer.locator("div.card", has_text="Review the safety plan (high risk)").filter(
        has=officer.locator(f'a[href="/cases/{incident["case_id"]}"]')).count() == 0, "the officer still holds the case's high-risk review"
    SHARED["accepted"] = True
    assert_no_defects(defects)


def test_partner_agency_refused_my_work_and_case(new_page, incident):
    """A partner agency is refused "My work" and the case page (403, the message page), and is shown nothing of
    the victim or the case."""
    page = new_page()
    sign_in(page, "partner")
    assert page.get_by_role("navigation", name="Main").get_by_role("link", name="My work").count() == 0, "the partner is offered 'My work'"
    for path in ("/my-work", f"/cases/{incident['case_id']}"):
        answer = page.goto(path)
        assert answer.status == 403, f"partner: {path} answered {answer.status} at {page.url}"
        assert page.locator("h1").first.inner_text().strip() == "Not allowed", f"partner: {path} says {main_text(page)[:300]!r}"
        text = main_text(page)
        assert page.get_by_role("link", name="Go to your home page").count() == 1, f"partner: {path} is not the message page: {text[:300]!r}"
        for secret in (VICTIM["surname"], incident["case_reference"], incident["reference"], CHILD["first_name"]):
            assert secret not in text, f"partner: the refusal at {path} shows {secret!r}"
        assert page.locator("main form").count() == 0 and page.locator("main table").count() == 0
