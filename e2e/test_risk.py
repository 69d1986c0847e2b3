"""Risk assessment and review in a real browser: the officer's DASH assessment on a phone (never pre-filled,
the "yes" count only a guide, and never a level below high once the yes answers meet the checklist's visible-high-risk
threshold), the sergeant's review queue, the floor and capacity refused in review, a change of level in place, who may
do which, and labels on every field of the form.

The tests run in file order and share one incident: the first records the assessment that the second and
third build on."""

from __future__ import annotations

import re
from typing import Any, Callable, Iterator

import pytest
import requests

from conftest import (
    api_session,
    COMMON_SURNAMES, PHONE_WIDTH, SCREENSHOTS, assert_fits_width, json_body, path_of, sign_in, unlabelled_fields,
)

# The DASH 2009 instrument's main questions, in order (Sources/SafeguardDomain/Resources/instruments/dash-2009.json).
MAIN_QUESTIONS = [
    "injury", "frightened", "afraid_of", "isolated", "depressed", "separation", "child_contact", "stalking",
    "pregnancy", "other_children", "hurt_children", "threatened_children", "more_often", "getting_worse",
    "controlling", "weapons", "threats_to_kill", "strangulation", "sexual", "others_threatened", "hurt_others",
    "animals", "money", "substances", "abuser_suicide", "breached", "criminal_history",
]
STALKING_PROMPTS = ["stalking_frightened", "stalking_previous", "stalking_home_work", "stalking_threats", "stalking_third_parties"]
HONOUR_PROMPTS = ["honour_family_pressure", "honour_forced_marriage", "honour_taken_abroad", "honour_several_abusers"]
VISIBLE_HIGH_RISK_YES_COUNT = 14

# 15 yes answers (one over the threshold), `stalking` among them (so its prompts open); `others_threatened` is no.
YES_ANSWERS = [
    "injury", "frightened", "afraid_of", "isolated", "separation", "stalking", "more_often", "getting_worse",
    "controlling", "threats_to_kill", "strangulation", "money", "substances", "breached", "criminal_history",
]
YES_COUNT = len(YES_ANSWERS)
RATIONALE = "Victim calm and supported by her sister; the suspect has left the area and is on bail conditions."
CAPACITY_EXPLANATION = "We have no capacity for more medium cases"
UPGRADE_EXPLANATION = "Non-fatal strangulation was disclosed and not weighed: this alone makes the risk high."

# What the tests share, in file order.
SHARED: dict[str, Any] = {}

ASSESS_LINK = "Record a risk assessment"


# --------------------------------------------------------------------------- helpers




def open_incident(server: Any, base_url: str, skip_person: str | None = None) -> dict[str, Any]:
    """An incident opened by the call handler through the API, for a demo person (unrestricted, not `skip_person`)
    as its only victim. Returns {id, reference, victim}."""
    officer = api_session(server, "officer")
    victim = None
    for surname in reversed(COMMON_SURNAMES):  # the other files take theirs from the front of the list
        response = officer.get(f"{base_url}/api/v1/people", params={"name": surname}, timeout=30)
        assert response.status_code == 200, f"/api/v1/people?name={surname} answered {response.status_code}: {response.text[:300]}"
        found = [p for p in json_body(response).get("results", [])
                 if not p.get("restricted") and p.get("surname", "").lower() == surname.lower() and p.get("id") != skip_person]
        if found:
            victim = found[0]
            break
    assert victim is not None, f"no unrestricted demo person for any of {COMMON_SURNAMES}"
    body = {
        "channel": "999", "caller": "victim", "setting": "urban", "relationship": "ex_partner",
        "abuse_types": ["physical"], "summary": "E2E risk test: caller reports an assault by her former partner.",
        "address_line1": "3 Assessment Row", "town": "Testbury", "postcode": "AB1 2CD",
        "parties": [{"role": "victim", "person_id": victim["id"]}],
        "immediate_danger": "no", "suspect_location": "left", "injuries": "yes", "weapons": "no",
        "children_present": "no", "fear": "very",
    }
    response = api_session(server, "handler").post(f"{base_url}/api/v1/incidents", json=body, timeout=30)
    assert response.status_code == 201, f"POST /api/v1/incidents answered {response.status_code}: {response.text[:800]}"
    record = json_body(response)
    return {"id": record["incident"]["id"], "reference": record["incident"]["reference"], "victim": victim}


@pytest.fixture(scope="module")
def incident(server: Any, base_url: str) -> dict[str, Any]:
    """The incident the file's tests share (see `open_incident`)."""
    opened = open_incident(server, base_url)
    SHARED["incident_victim_id"] = opened["victim"]["id"]
    return opened


def main_text(page: Any) -> str:
    return page.locator("main").inner_text()


def press(page: Any, name: str) -> Any:
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).click()
    page.wait_for_load_state()


def checked_answer_radios(page: Any) -> list[str]:
    """The ids of every answer radio (main questions and prompts) that is checked."""
    return page.evaluate(
        "() => Array.from(document.querySelectorAll('input[type=radio][name^=\"answer_\"]')).filter(r => r.checked).map(r => r.id)"
    )


def assert_blank_form(page: Any) -> None:
    """Nothing on the assessment form is filled in: no answer, note, level or rationale."""
    answers = page.locator('input[type=radio][name^="answer_"]')
    expected = 3 * (len(MAIN_QUESTIONS) + len(STALKING_PROMPTS) + len(HONOUR_PROMPTS))
    assert answers.count() == expected, f"the form has {answers.count()} answer radios, expected {expected} (yes/no/not known each)"
    checked = checked_answer_radios(page)
    assert not checked, f"answers are pre-checked on a new assessment (they must be asked afresh): {checked}"
    notes = page.evaluate(
        "() => Array.from(document.querySelectorAll('input[name^=\"note_\"]')).filter(i => i.value !== '').map(i => i.name)"
    )
    assert not notes, f"notes are pre-filled on a new assessment: {notes}"
    levels = page.evaluate("() => Array.from(document.querySelectorAll('input[name=level]')).filter(r => r.checked).map(r => r.value)")
    assert not levels, f"a risk level is pre-chosen on a new assessment: {levels}"
    assert page.locator("#rationale").input_value() == "", "the rationale is pre-filled"


def open_assessment_form(page: Any, incident: dict[str, Any]) -> None:
    """From the incident page, follows "Record a risk assessment"."""
    page.goto(f"/incidents/{incident['id']}")
    link = page.get_by_role("link", name=ASSESS_LINK, exact=True)
    assert link.count() == 1, f"the incident page has no '{ASSESS_LINK}' link for the officer; it says: {main_text(page)[:600]}"
    with page.expect_navigation():
        link.click()
    page.wait_for_load_state()
    assert path_of(page) == f"/incidents/{incident['id']}/risk-assessments/new", f"'{ASSESS_LINK}' led to {page.url}"
    assert page.locator("h1").first.inner_text().strip().startswith("Domestic abuse, stalking and honour-based abuse risk checklist")


def error_summary(page: Any) -> Any:
    summary = page.locator(".govuk-error-summary")
    assert summary.count() == 1, f"no error summary at {page.url}; page says: {main_text(page)[:800]}"
    return summary


def assessment_block(page: Any) -> Any:
    """The (only) assessment shown in the incident page's "Risk assessments" section."""
    block = page.locator('h2#assessments ~ div:has(p:has-text("yes answers (a guide, not the level)"))')
    assert block.count() == 1, f"the incident page lists {block.count()} assessments, expected 1; it says: {main_text(page)[:1200]}"
    return block


def review_form(page: Any) -> Any:
    """Opens the "Review this assessment" <details> and returns the form in it."""
    details = page.locator("details", has=page.locator("summary", has_text="Review this assessment"))
    assert details.count() == 1, f"the incident page has no 'Review this assessment' for the sergeant; it says: {main_text(page)[:1000]}"
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    form = details.locator("form")
    form.locator("select[name=new_level]").wait_for(state="visible")
    return form


# --------------------------------------------------------------------------- the tests


def test_officer_records_assessment_on_phone(phone_page, incident):
    """On a 360 px phone the officer follows "Record a risk assessment" from the incident: nothing is
    pre-filled. 15 yes answers judged medium is refused — the yes answers meet the visible-high-risk threshold
    (14 on DASH), so the level cannot be below high — naming the level and keeping every answer; judged high it
    is saved and the incident lists it with the yes count as a guide."""
    page = phone_page
    sign_in(page, "officer")

    # act: open the form
    open_assessment_form(page, incident)

    # check: blank, fits the phone
    assert_blank_form(page)
    victim_radio = page.locator(f'input[name=victim_person_id][value="{incident["victim"]["id"]}"]')
    assert victim_radio.count() == 1 and victim_radio.is_checked(), "the incident's only victim is not chosen on the form"
    assert_fits_width(page, PHONE_WIDTH)

    # act: answer everything, judge medium, write a rationale
    for question in MAIN_QUESTIONS:
        page.locator(f"#answer_{question}_{'yes' if question in YES_ANSWERS else 'no'}").check()
    for prompt in STALKING_PROMPTS:
        page.locator(f"#answer_{prompt}_{'yes' if prompt == 'stalking_frightened' else 'no'}").check()
    page.locator("#note_strangulation").fill("Held by the throat last week")
    page.locator("#level_medium").check()
    page.locator("#rationale").fill(RATIONALE)
    assert_fits_width(page, PHONE_WIDTH)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "risk-assessment-phone.png"), full_page=True)
    press(page, "Save the assessment")

    # check: refused, naming the level, the count and the threshold, with the answers kept
    assert path_of(page) == f"/incidents/{incident['id']}/risk-assessments", f"the refused assessment should show the form again, not {page.url}"
    assert page.title().startswith("Error:"), f"the page title {page.title()!r} should start with 'Error:'"
    summary = error_summary(page)
    items = summary.locator("li")
    assert items.count() == 1, f"only the level is at fault, but the summary says: {summary.inner_text()!r}"
    link = summary.locator('a[href="#level"]')
    assert link.count() == 1, f"the error summary does not link to #level: {summary.inner_text()!r}"
    message = link.inner_text()
    assert f"{YES_COUNT} of {len(MAIN_QUESTIONS)} answers are yes" in message, message
    assert f"visible-high-risk threshold of {VISIBLE_HIGH_RISK_YES_COUNT}" in message, message
    assert "cannot be medium" in message, f"the error does not name the level judged: {message!r}"
    field_error = page.locator("fieldset#level .error-message")
    assert field_error.count() == 1, "the level shows no error message beside it"
    kept = set(checked_answer_radios(page))
    expected = {f"answer_{q}_{'yes' if q in YES_ANSWERS else 'no'}" for q in MAIN_QUESTIONS}
    expected |= {f"answer_{p}_{'yes' if p == 'stalking_frightened' else 'no'}" for p in STALKING_PROMPTS}
    assert kept == expected, f"the answers given were not kept with the error: lost {sorted(expected - kept)}, extra {sorted(kept - expected)}"
    assert page.locator("#level_medium").is_checked(), "the level chosen was lost with the error"
    assert page.locator("#rationale").input_value() == RATIONALE, "the rationale was lost with the error"
    assert page.locator("#note_strangulation").input_value() == "Held by the throat last week", "a note was lost with the error"
    assert_fits_width(page, PHONE_WIDTH)

    # act: judge high and save
    page.locator("#level_high").check()
    press(page, "Save the assessment")

    # check: the incident lists it, the count as a guide, nothing for the reviewer to be warned of
    assert path_of(page) == f"/incidents/{incident['id']}", f"saving should lead back to the incident, not {page.url}: {main_text(page)[:800]}"
    block = assessment_block(page)
    text = block.inner_text()
    assert f"{YES_COUNT} yes answers (a guide, not the level)" in text, text
    assert block.locator("strong.tag").first.inner_text().strip() == "high", f"the level shown is not high: {text!r}"
    assert "by officer" in text, f"the assessment does not say who made it: {text!r}"
    assert RATIONALE in text, f"the rationale is not shown: {text!r}"
    assert block.locator(".warning").count() == 0, f"an assessment at high is flagged for the reviewer: {text!r}"
    assert "None recorded yet" not in main_text(page)
    assert page.get_by_role("link", name=ASSESS_LINK, exact=True).count() == 1
    assert_fits_width(page, PHONE_WIDTH)
    SHARED["assessed"] = True


def test_second_assessment_starts_blank(phone_page, incident):
    """Opening "Record a risk assessment" again for the same incident shows every question blank: the
    earlier answers are never copied."""
    if not SHARED.get("assessed"):
        pytest.fail("needs the assessment recorded by test_officer_records_assessment_on_phone (run the file in order)")
    sign_in(phone_page, "officer")

    open_assessment_form(phone_page, incident)

    assert_blank_form(phone_page)
    assert_fits_width(phone_page, PHONE_WIDTH)


def test_sergeant_cannot_lower_below_the_floor_or_for_capacity(new_page, incident):
    """The sergeant's "Reviews" lists the assessment. Lowering it to standard because of capacity is refused twice
    over — capacity is never a reason, and its 15 yes answers meet the threshold — and nothing changes; agreeing
    with a note on its quality records the review and it leaves the queue."""
    if not SHARED.get("assessed"):
        pytest.fail("needs the assessment recorded by test_officer_records_assessment_on_phone (run the file in order)")
    page = new_page()
    sign_in(page, "sergeant")

    # act: the review queue from the navigation
    with page.expect_navigation():
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Reviews", exact=True).click()

    # check: ours is there, with its level, count and victim
    assert path_of(page) == "/reviews", f"'Reviews' led to {page.url}"
    assert page.locator("h1").first.inner_text().strip() == "Assessments to review"
    href = f"/incidents/{incident['id']}#assessments"
    row = page.locator("table tbody tr", has=page.locator(f'a[href="{href}"]'))
    assert row.count() == 1, f"the review queue does not list {incident['reference']}: {main_text(page)[:800]}"
    row_text = row.inner_text()
    assert incident["reference"] in row_text and "high" in row_text and f"{YES_COUNT} yes" in row_text, row_text
    assert incident["victim"]["surname"] in row_text, f"the row does not name the victim: {row_text!r}"

    # act: open it, try capacity as the reason to lower it
    with page.expect_navigation():
        row.locator(f'a[href="{href}"]').click()
    page.wait_for_load_state()
    assert path_of(page) == f"/incidents/{incident['id']}"
    form = review_form(page)
    form.get_by_label("Change the level to (leave as it is to agree)").select_option("standard")
    form.get_by_label("Reason for a change").select_option(label="Professional judgement on the same information")
    form.get_by_label("Explanation", exact=True).fill(CAPACITY_EXPLANATION)
    press(page, "Record the review")

    # check: refused for capacity and for the floor; the level unchanged
    summary = error_summary(page)
    summary_text = summary.inner_text()
    assert "Capacity or workload (\"no capacity\") is never a reason to change a risk level" in summary_text, summary_text
    assert f"visible-high-risk threshold of {VISIBLE_HIGH_RISK_YES_COUNT}" in summary_text and "cannot be standard" in summary_text, summary_text
    assert page.title().startswith("Error:"), f"the page title {page.title()!r} should start with 'Error:'"
    block = assessment_block(page)
    assert block.locator("strong.tag").first.inner_text().strip() == "high", f"the refused change altered the level: {block.inner_text()!r}"
    assert "The officer judged" not in block.inner_text(), "a refused change was recorded as a decision"

    # act: agree, with a note on its quality
    page.goto(f"/incidents/{incident['id']}")
    form = review_form(page)
    form.get_by_label("Quality of the assessment").fill("Thorough answers, and the strangulation weighed as it should be.")
    press(page, "Record the review")

    # check: reviewed, unchanged, and off the queue
    assert page.locator(".govuk-error-summary").count() == 0, f"the review was refused: {page.locator('.govuk-error-summary').inner_text()!r}"
    text = assessment_block(page).inner_text()
    assert "Reviewed by sergeant" in text, f"the review is not recorded: {text!r}"
    page.goto("/reviews")
    assert page.locator(f'table a[href="{href}"]').count() == 0, "a reviewed assessment is still waiting in the queue"


def test_sergeant_raises_a_level_in_place(server, base_url, new_page):
    """An officer's medium (5 yes answers, through the API) for another victim: the sergeant changes it to high
    because a risk factor was missed, in place, and the decision is shown beside the officer's level."""
    first = SHARED.get("incident_victim_id")
    other = open_incident(server, base_url, skip_person=first)
    answers = {q: ("yes" if i < 5 else "no") for i, q in enumerate(MAIN_QUESTIONS)}
    response = api_session(server, "officer").post(
        f"{base_url}/api/v1/incidents/{other['id']}/risk-assessments",
        json={"victim_person_id": other["victim"]["id"], "answers": answers, "level": "medium", "rationale": RATIONALE}, timeout=30)
    assert response.status_code == 201, f"the officer's assessment answered {response.status_code}: {response.text[:600]}"
    page = new_page()
    sign_in(page, "sergeant")

    # act: change to high, a risk factor missed
    page.goto(f"/incidents/{other['id']}")
    form = review_form(page)
    form.get_by_label("Quality of the assessment").fill("Thorough answers; the level did not weigh the strangulation.")
    form.get_by_label("Change the level to (leave as it is to agree)").select_option(label="High")
    form.get_by_label("Reason for a change").select_option(label="A risk factor was missed")
    form.get_by_label("Explanation", exact=True).fill(UPGRADE_EXPLANATION)
    press(page, "Record the review")

    # check: the decision beside the officer's level
    assert path_of(page) == f"/incidents/{other['id']}", f"the review should lead back to the incident, not {page.url}: {main_text(page)[:800]}"
    assert page.locator(".govuk-error-summary").count() == 0, f"the review was refused: {page.locator('.govuk-error-summary').inner_text()!r}"
    block = assessment_block(page)
    text = block.inner_text()
    tag = block.locator("strong.tag").first
    assert tag.inner_text().strip() == "high" and "tag-red" in (tag.get_attribute("class") or ""), f"the level is not now high: {text!r}"
    assert "The officer judged medium" in text, text
    decision = block.locator("ul li")
    assert decision.count() == 1, f"expected one decision listed: {text!r}"
    decision_text = decision.inner_text()
    assert re.search(r"sergeant \(Sergeant\): medium → high — A risk factor was missed: ", decision_text), decision_text
    assert UPGRADE_EXPLANATION in decision_text, decision_text
    assert "Downgrade without new information" not in decision_text, "an upgrade was flagged as a downgrade"
    assert "Reviewed by sergeant" in text, f"the review is not recorded: {text!r}"

    # check: reviewed, it leaves the queue
    page.goto("/reviews")
    assert page.locator(f'table a[href="/incidents/{other["id"]}#assessments"]').count() == 0, "a reviewed assessment is still waiting in the queue"


def test_refused_review_error_links_to_its_field(new_page, incident):
    """When a review is refused, the error summary's link leads to the field at fault."""
    if not SHARED.get("assessed"):
        pytest.fail("needs the assessment recorded by test_officer_records_assessment_on_phone (run the file in order)")
    page = new_page()
    sign_in(page, "sergeant")
    page.goto(f"/incidents/{incident['id']}")
    form = review_form(page)
    form.get_by_label("Change the level to (leave as it is to agree)").select_option("medium")
    form.get_by_label("Reason for a change").select_option(label="The victim's circumstances have changed")
    form.get_by_label("Explanation", exact=True).fill("Too busy")
    press(page, "Record the review")

    summary = error_summary(page)
    targets = [summary.locator("a").nth(i).get_attribute("href") for i in range(summary.locator("a").count())]
    assert any(t.startswith("#explanation") for t in targets), f"expected an error about the explanation, the summary links to {targets}"
    missing = [t for t in targets if page.locator(f'[id="{t[1:]}"]').count() == 0]
    assert not missing, f"the error summary links to {missing}, which are not on the page"
    # the refused review stays open with what was typed, and the error is beside its field
    assert form.get_by_label("Explanation", exact=True).input_value() == "Too busy", "the typed explanation was lost"
    assert "never a reason" in form.inner_text(), "the error is not shown beside the review's fields"


def test_who_may_assess_and_review(new_page, incident):
    """A partner agency gets 403 for the assessment form and the review queue; the call handler sees no
    "Record a risk assessment" link and is refused the form; neither officer nor handler has "Reviews"."""
    new_form = f"/incidents/{incident['id']}/risk-assessments/new"

    partner = new_page()
    sign_in(partner, "partner")
    for path in (new_form, "/reviews"):
        answer = partner.goto(path)
        assert answer.status == 403, f"partner: {path} answered {answer.status} at {partner.url}"
        text = main_text(partner)
        assert incident["victim"]["surname"] not in text, f"partner: the refusal at {path} names the victim"
        assert partner.locator('input[name^="answer_"]').count() == 0 and partner.locator("table").count() == 0
    assert partner.get_by_role("navigation", name="Main").get_by_role("link", name="Reviews").count() == 0

    handler = new_page()
    sign_in(handler, "handler")
    answer = handler.goto(f"/incidents/{incident['id']}")
    assert answer.status == 200, f"handler: the incident answered {answer.status}"
    assert handler.locator("h2#assessments").count() == 1, "the incident page has no 'Risk assessments' section"
    assert handler.get_by_role("link", name=ASSESS_LINK).count() == 0, f"the call handler is offered '{ASSESS_LINK}'"
    assert handler.locator(f'a[href="{new_form}"]').count() == 0
    assert handler.locator("details", has_text="Review this assessment").count() == 0, "the call handler is offered a review"
    assert handler.get_by_role("navigation", name="Main").get_by_role("link", name="Reviews").count() == 0
    answer = handler.goto(new_form)
    assert answer.status == 403, f"handler: {new_form} answered {answer.status} at {handler.url}"
    assert handler.locator("h1").first.inner_text().strip() == "Not allowed", f"handler: refusal page says {main_text(handler)[:300]!r}"
    assert handler.locator('input[name^="answer_"]').count() == 0, "the refusal page carries the assessment form"

    officer = new_page()
    sign_in(officer, "officer")
    assert officer.get_by_role("navigation", name="Main").get_by_role("link", name="Reviews").count() == 0, "the officer has 'Reviews'"
    answer = officer.goto("/reviews")
    assert answer.status == 403, f"officer: /reviews answered {answer.status}"


def test_assessment_form_fields_are_labelled(new_page, incident):
    """Every visible field of the assessment form has a label; every radio also sits in a fieldset whose
    legend asks the question."""
    page = new_page()
    sign_in(page, "officer")
    page.goto(f"/incidents/{incident['id']}/risk-assessments/new")

    problems = unlabelled_fields(page)
    answers = 3 * (len(MAIN_QUESTIONS) + len(STALKING_PROMPTS) + len(HONOUR_PROMPTS))
    notes = len(MAIN_QUESTIONS) + len(STALKING_PROMPTS) + len(HONOUR_PROMPTS)
    assert problems["count"] >= answers + notes + 3 + 1, f"the form has only {problems['count']} fields"
    assert not problems["problems"], "fields without labels: " + "; ".join(problems["problems"])
    legends = [t.strip() for t in page.locator("fieldset.question > legend").all_inner_texts()]
    assert legends[0].startswith("1. ") and legends[len(MAIN_QUESTIONS) - 1].startswith(f"{len(MAIN_QUESTIONS)}. "), legends[:3]
    assert page.get_by_label("Why this level", exact=True).count() == 1, "no field labelled 'Why this level'"
    assert f"At {VISIBLE_HIGH_RISK_YES_COUNT} or more yes answers it is high" in main_text(page), "the form does not say where the floor is"
    assert page.locator("fieldset#level > legend").inner_text().strip() == "Risk level"
