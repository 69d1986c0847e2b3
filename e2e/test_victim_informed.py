"""Issue 5 in a real browser on a 360 px phone: the orders register on the suspect's person page, keeping the victim
informed safely on hers, the "tell the victim" task on her case, and the incident's outcomes.

The call handler opens an incident (through the API) for a new victim and a new suspect, so her case is new and owned
by the response officer. On the suspect's person page the officer records a domestic violence protection notice
protecting her — refused without its terms (only that form marked in error), then saved, which sets three tasks on
her case — and records a breach on it. On her person page the officer saves her safe route (a safe number, no message
to be left). On her case the officer closes a "tell the victim" task: "message left" is refused because no message may
be left; a phone call closes it and becomes her last contact.

The tests run in file order and share one incident: each builds on what the one before it did. Checks on how a page
reads that do not stop the journey (a summary link that leads nowhere, a typed value lost) are collected and asserted
at the end of each test, so that one such problem does not hide the rest or stop the tests after it."""

from __future__ import annotations

import re
from typing import Any

import pytest
import requests

from conftest import (
    PHONE_WIDTH, SCREENSHOTS, api_session, assert_fits_width, assert_labelled, assert_no_defects, expect, json_body, path_of, sign_in,
    unlabelled_fields,
)

# The demo accounts' display names and role titles (Sources/safeguard/DemoCommand.swift, Role.title).
OFFICER = "Demo Response Officer"
OFFICER_OWNER = f"{OFFICER} (Response officer)"

VICTIM = {"first_name": "Niamh", "surname": "Safeway", "date_of_birth": "1990-02-17"}
SUSPECT = {"first_name": "Conor", "surname": "Ordersby", "date_of_birth": "1986-11-03"}
VICTIM_NAME = f"{VICTIM['first_name']} {VICTIM['surname']}"
SUSPECT_NAME = f"{SUSPECT['first_name']} {SUSPECT['surname']}"

DVPN = "dvpn"
DVPN_LABEL = "Domestic violence protection notice"
TERMS = "Not to contact her directly or indirectly, and not to come within 100 metres of 12 Notice Row, Testbury."
BREACH_NOTE = "Seen outside 12 Notice Row at 23:10 by a neighbour; she called 999."
SAFE_NUMBER = "07700 900999"
TOLD_NOTE = "Told her the notice's terms and to call 999 if he comes near; she understood."

# What the tests share, in file order.
SHARED: dict[str, Any] = {}


# --------------------------------------------------------------------------- helpers


@pytest.fixture(scope="module")
def incident(server: Any, base_url: str) -> dict[str, Any]:
    """An incident opened by the call handler through the API for a new victim (no history) and a new suspect, with
    answers that raise no potential-high-risk flag: her new case is standard risk, owned by the response officer.
    Returns {id, reference, victim_id, suspect_id, case_id, case_reference}."""
    body = {
        "channel": "999", "caller": "victim", "setting": "urban", "relationship": "ex_partner",
        "abuse_types": ["physical"], "summary": "E2E victim-informed test: caller's former partner came to her door and threatened her.",
        "address_line1": "12 Notice Row", "town": "Testbury", "postcode": "TB2 5NR",
        "parties": [{"role": "victim", "new_person": VICTIM}, {"role": "suspect", "new_person": SUSPECT}],
        "immediate_danger": "no", "suspect_location": "left", "injuries": "no", "weapons": "no",
        "children_present": "no", "fear": "quite",
    }
    response = api_session(server, "handler").post(f"{base_url}/api/v1/incidents", json=body, timeout=30)
    assert response.status_code == 201, f"POST /api/v1/incidents answered {response.status_code}: {response.text[:800]}"
    record = json_body(response)
    parties = record["incident"]["parties"]
    victims = [p for p in parties if p["role"] == "victim"]
    suspects = [p for p in parties if p["role"] == "suspect"]
    assert len(victims) == 1 and len(suspects) == 1, f"the incident should have one victim and one suspect: {parties}"
    cases = record.get("cases") or []
    assert len(cases) == 1, f"an incident with a victim opens her safeguarding case; the record has cases={cases}"
    return {
        "id": record["incident"]["id"], "reference": record["incident"]["reference"],
        "victim_id": victims[0]["person_id"], "suspect_id": suspects[0]["person_id"],
        "case_id": cases[0]["id"], "case_reference": cases[0]["reference"],
    }


def main_text(page: Any) -> str:
    return page.locator("main").inner_text()


def press(page: Any, name: str, scope: Any = None) -> int:
    """Presses the button `name` (within `scope`, default the page), waits for the page it leads to, and returns the
    HTTP status of the page finally shown (after any redirect)."""
    button = (scope or page).get_by_role("button", name=name, exact=True)
    assert button.count() == 1, f"{path_of(page)} has {button.count()} buttons named {name!r}"
    with page.expect_navigation() as navigation:
        button.click()
    page.wait_for_load_state()
    response = navigation.value
    return response.status if response is not None else 0


def error_summary(page: Any) -> Any:
    summary = page.locator(".govuk-error-summary")
    assert summary.count() == 1, f"no error summary at {page.url}; page says: {main_text(page)[:800]}"
    return summary


def duplicate_ids(page: Any) -> list[str]:
    """Element ids used more than once on the page (a label's `for` then finds the wrong field)."""
    return page.evaluate("""() => {
        const seen = {}; for (const el of document.querySelectorAll('[id]')) seen[el.id] = (seen[el.id] || 0) + 1;
        return Object.keys(seen).filter(id => seen[id] > 1); }""")


def assert_all_labelled(page: Any, names: list[str], minimum: int) -> None:
    """The named fields exist with labels, every field in <main> is labelled, and no id is used twice."""
    for name in names:
        assert_labelled(page, name)
    fields = unlabelled_fields(page)
    assert fields["count"] >= minimum, f"{path_of(page)} has only {fields['count']} fields"
    assert not fields["problems"], f"fields without labels on {path_of(page)}: " + "; ".join(fields["problems"])
    duplicated = duplicate_ids(page)
    assert not duplicated, f"{path_of(page)} uses these ids more than once: {duplicated}"


def fields_in_error(page: Any, scope: str = "main") -> list[str]:
    """The ids of the fields within `scope` the page marks as in error (red bar), and of any error message drawn empty."""
    return page.evaluate("""scope => {
        const root = document.querySelector(scope); if (!root) return ['(no ' + scope + ')'];
        const marked = Array.from(root.querySelectorAll('.field-error')).map(e => e.id || e.querySelector('[id]')?.id || '?');
        const empty = Array.from(root.querySelectorAll('p.error-message')).filter(p => !p.textContent.trim()).length;
        return empty ? marked.concat([`(and ${empty} empty error message(s))`]) : marked; }""", scope)


def summary_links_lead_to(page: Any, summary: Any, field_ids: dict[str, str], defects: list[str]) -> None:
    """Each error in the summary whose text contains a key of `field_ids` links to the field with that id, which is on
    the page (a link to another form's field sends the officer to the wrong place)."""
    links = summary.locator("a").evaluate_all("as => as.map(a => [a.textContent.trim(), a.getAttribute('href')])")
    for words, field_id in field_ids.items():
        matching = [href for text, href in links if words in text]
        assert matching, f"the error summary does not name {words!r}: {links}"
        expect(defects, matching[0] == f"#{field_id}",
               f"on {path_of(page)} the error summary's link for {words!r} goes to {matching[0]!r}, not to the field it is about (#{field_id})"
               + (f" — {matching[0]!r} is another form's field" if page.locator(matching[0]).count() else " — nothing on the page has that id"))


def summary_rows(dl: Any) -> dict[str, str]:
    """A <dl class="summary-list"> as {term: description}."""
    return dl.evaluate("""dl => Object.fromEntries(Array.from(dl.querySelectorAll(':scope > div')).map(row =>
        [row.querySelector('dt').textContent.trim(), row.querySelector('dd').innerText.trim()]))""")


def section_text(page: Any, heading_id: str) -> str:
    """The text of a section: its <h2 id=…> and everything after it up to the next <h2>."""
    return page.evaluate("""id => {
        const h = document.getElementById(id); if (!h) return null;
        const parts = [h.innerText]; let el = h.nextElementSibling;
        while (el && el.tagName !== 'H2') { parts.push(el.innerText); el = el.nextElementSibling; }
        return parts.join('\\n'); }""", heading_id)


def order_cards(page: Any) -> Any:
    return page.locator('main div.card[id^="order-"]')


def screenshot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / name), full_page=True)


def needs(key: str) -> None:
    if not SHARED.get(key):
        pytest.fail(f"needs {key!r} from an earlier test in this file (run the file in order)")


# --------------------------------------------------------------------------- the tests


def test_incident_page_shows_no_outcome_before_a_crime(phone_page, incident):
    """On a phone, the new incident's page has an "Outcomes" section which, before a scene with a recorded crime, says
    there is no crime and offers no outcome form; the victim's case is the officer's."""
    page = phone_page
    sign_in(page, "officer")

    # act
    page.goto(f"/incidents/{incident['id']}")

    # check: the outcomes section
    heading = page.locator("h2#outcomes")
    assert heading.count() == 1 and heading.inner_text().strip() == "Outcomes", (
        f"the incident page has no 'Outcomes' heading: {main_text(page)[:1500]}")
    outcomes = section_text(page, "outcomes")
    assert "No crime recorded on this incident" in outcomes, f"the Outcomes section says: {outcomes!r}"
    assert page.locator('form[action$="/outcomes"]').count() == 0, "an outcome can be recorded on an incident with no crime"
    assert page.locator("[name=outcome_kind]").count() == 0, "the outcome form is drawn on an incident with no crime"

    # check: her case, owned by the officer
    line = page.locator(f'main p:has(a[href="/cases/{incident["case_id"]}"])').first
    assert line.count() == 1, f"the incident page does not link to its case: {main_text(page)[:800]}"
    assert f"owner {OFFICER_OWNER}" in line.inner_text(), line.inner_text()
    assert_fits_width(page, PHONE_WIDTH)
    screenshot(page, "incident-outcomes-phone.png")
    SHARED["incident"] = True


def test_officer_records_dvpn_and_breach_on_suspect_page(phone_page, incident):
    """On the suspect's person page on a phone, "Record an order against this person" offers the victim by name; a
    DVPN without terms is refused (422) naming the terms beside their field, keeping what was chosen and marking no other
    form; with terms it is saved, setting three tasks on her case, and shows in force with no court hearing booked.
    A breach recorded on the order's own form shows on it."""
    needs("incident")
    page = phone_page
    defects: list[str] = []
    sign_in(page, "officer")

    # act: the suspect's person page
    answer = page.goto(f"/people/{incident['suspect_id']}")
    assert answer.status == 200, f"/people/{incident['suspect_id']} answered {answer.status}: {main_text(page)[:500]}"
    assert page.locator("h1").first.inner_text().strip() == SUSPECT_NAME

    # check: the section and its form, labelled, at phone width
    heading = page.locator("h2#orders")
    assert heading.count() == 1 and heading.inner_text().strip() == "Orders and conditions", main_text(page)[:2000]
    orders = section_text(page, "orders")
    assert "No orders or bail conditions recorded for this person." in orders, orders
    form = page.locator(f'form[action="/people/{incident["suspect_id"]}/orders"]')
    assert form.count() == 1, f"the suspect's page has no order form: {orders!r}"
    assert form.locator("h3").inner_text().strip() == "Record an order against this person", form.inner_text()
    assert_all_labelled(page, ["kind", "protected_person_id", "terms", "starts_on", "ends_on", "served_at", "incident_id",
                               "at", "conditions", "note"], minimum=13)
    kinds = form.get_by_label("Kind of order", exact=True)
    assert kinds.locator(f'option[value="{DVPN}"]').inner_text().strip() == DVPN_LABEL, kinds.inner_text()
    protects = form.get_by_label("Whom it protects", exact=True)
    offered = protects.locator("option").evaluate_all("os => os.map(o => [o.value, o.textContent.trim()])")
    assert [incident["victim_id"], VICTIM_NAME] in offered, f"the victim is not offered as the protected person: {offered}"
    incidents = form.get_by_label("Incident (optional)", exact=True).locator("option").all_inner_texts()
    assert incident["reference"] in incidents, f"the suspect's incident is not offered: {incidents}"
    marked = fields_in_error(page)
    expect(defects, not marked, f"the suspect's page, untouched, marks these fields as in error: {marked}")
    assert_fits_width(page, PHONE_WIDTH)
    screenshot(page, "suspect-orders-phone.png")

    # act: a DVPN protecting her, without its terms
    kinds.select_option(DVPN)
    protects.select_option(incident["victim_id"])
    status = press(page, "Record the order", scope=form)

    # check: refused, the error beside the terms, the custody form not marked, the choices kept
    assert status == 422, f"a DVPN without terms answered {status} at {page.url}: {main_text(page)[:800]}"
    assert page.title().startswith("Error:"), f"the page title {page.title()!r} should start with 'Error:'"
    summary = error_summary(page)
    assert "Record the terms" in summary.inner_text(), f"the refusal does not name the terms: {summary.inner_text()!r}"
    assert summary.locator("li").count() == 1, f"only the terms are missing, but the summary says: {summary.inner_text()!r}"
    form = page.locator(f'form[action="/people/{incident["suspect_id"]}/orders"]')
    assert form.count() == 1, f"the refused order form is not drawn again: {main_text(page)[:1500]}"
    terms_error = form.locator("div.field-error:has(#order_terms) .error-message")
    assert terms_error.count() == 1, f"no error beside the terms field: {form.inner_text()!r}"
    assert terms_error.inner_text().startswith("Record the terms"), terms_error.inner_text()
    marked = fields_in_error(page)
    assert marked == ["order_terms"], f"only the order's terms are at fault, but the page marks these as in error: {marked}"
    custody = page.locator(f'form[action="/people/{incident["suspect_id"]}/custody-events"]')
    assert custody.count() == 1, "the custody form is missing from the refused page"
    assert custody.locator(".field-error, .error-message").count() == 0, (
        f"the refused order marks the custody form in error: {custody.inner_text()!r}")
    summary_links_lead_to(page, summary, {"Record the terms": "order_terms"}, defects)
    expect(defects, form.get_by_label("Kind of order", exact=True).input_value() == DVPN,
           "the refused order form lost the chosen kind of order")
    expect(defects, form.get_by_label("Whom it protects", exact=True).input_value() == incident["victim_id"],
           "the refused order form lost the chosen protected person")
    assert_fits_width(page, PHONE_WIDTH)
    screenshot(page, "suspect-order-refused-phone.png")

    # act: with the terms (and the kind and person chosen again, whatever was kept)
    form.get_by_label("Kind of order", exact=True).select_option(DVPN)
    form.get_by_label("Whom it protects", exact=True).select_option(incident["victim_id"])
    form.get_by_label("Terms", exact=True).fill(TERMS)
    status = press(page, "Record the order", scope=form)

    # check: saved, three tasks on her case, in force, no court hearing booked
    assert status == 200, f"recording the DVPN answered {status} at {page.url}: {main_text(page)[:800]}"
    assert path_of(page) == f"/people/{incident['suspect_id']}", f"saving the order should lead back to the person, not {page.url}"
    assert page.locator(".govuk-error-summary").count() == 0, page.locator(".govuk-error-summary").inner_text()
    notice = page.locator("h2#orders ~ p.notice")
    assert notice.count() == 1, f"no notice after saving the order: {section_text(page, 'orders')!r}"
    assert notice.inner_text().strip() == "Saved. 3 task(s) set on the victim's case.", notice.inner_text()
    cards = order_cards(page)
    assert cards.count() == 1, f"the register should hold one order: {section_text(page, 'orders')!r}"
    card = cards.first
    card_text = card.inner_text()
    assert DVPN_LABEL in card_text and TERMS in card_text, card_text
    assert card.locator("strong.tag").filter(has_text="in force").count() == 1, f"the new notice is not shown in force: {card_text!r}"
    assert f"protects {VICTIM_NAME}" in card_text, f"the order does not say whom it protects: {card_text!r}"
    warning = card.locator("p.warning")
    assert warning.count() == 1 and "No court hearing booked" in warning.inner_text(), f"no 'No court hearing booked' warning: {card_text!r}"
    order_id = card.get_attribute("id").removeprefix("order-")
    SHARED["order_id"] = order_id
    assert_fits_width(page, PHONE_WIDTH)
    screenshot(page, "suspect-order-saved-phone.png")

    # act: a breach, on the order's own form
    event_form = card.locator(f'form[action="/orders/{order_id}/events"]')
    assert event_form.count() == 1, f"the order has no form for what happened next: {card_text!r}"
    for name in ("kind", "at", "hearing_at", "terms", "ends_on", "note"):
        field = event_form.locator(f'[name="{name}"]')
        labels = field.evaluate("el => el.labels ? Array.from(el.labels).map(l => l.textContent.trim()) : []")
        assert labels and any(labels), f'the order\'s field name="{name}" has no label'
    event_form.get_by_label("What happened to this order", exact=True).select_option(label="Breached")
    event_form.get_by_label("What happened (a breach: what he did; an ending: why)", exact=True).fill(BREACH_NOTE)
    status = press(page, "Record on this order", scope=event_form)

    # check: one breach on the order, still in force
    assert status == 200, f"recording the breach answered {status} at {page.url}: {main_text(page)[:800]}"
    assert path_of(page) == f"/people/{incident['suspect_id']}", f"recording the breach should lead back to the person, not {page.url}"
    assert page.locator(".govuk-error-summary").count() == 0, page.locator(".govuk-error-summary").inner_text()
    card = page.locator(f"#order-{order_id}")
    card_text = card.inner_text()
    assert "1 breach(es)" in card_text, f"the order does not show the breach: {card_text!r}"
    assert card.locator("strong.tag").filter(has_text="in force").count() == 1, card_text
    history = [" ".join(t.split()) for t in card.locator("details li").all_text_contents()]  # closed <details>: not rendered
    assert any("Breached" in line and BREACH_NOTE in line for line in history), f"the order's history lacks the breach: {history}"
    assert any("Made" in line for line in history), f"the order's history lacks its making: {history}"
    notice = page.locator("h2#orders ~ p.notice")
    expect(defects, notice.count() == 1 and re.fullmatch(r"Saved\. \d+ task\(s\) set on the victim's case\.", notice.inner_text().strip()) is not None,
           f"after the breach the notice says {notice.inner_text() if notice.count() else None!r}")
    assert_fits_width(page, PHONE_WIDTH)
    screenshot(page, "suspect-order-breached-phone.png")
    SHARED["order"] = True
    assert_no_defects(defects)


def test_officer_saves_safe_route_on_victim_page(phone_page, incident):
    """On the victim's person page on a phone, "Keeping her informed, safely" has no safe route yet; saving a safe
    number with "May a message be left?" = No shows the route with "do NOT leave a message". Her page also shows the
    order that protects her."""
    needs("order")
    page = phone_page
    defects: list[str] = []
    sign_in(page, "officer")

    # act: her person page
    answer = page.goto(f"/people/{incident['victim_id']}")
    assert answer.status == 200, f"/people/{incident['victim_id']} answered {answer.status}: {main_text(page)[:500]}"
    assert page.locator("h1").first.inner_text().strip() == VICTIM_NAME

    # check: the section, its forms labelled, at phone width
    heading = page.locator("h2#contacts")
    assert heading.count() == 1 and heading.inner_text().strip() == "Keeping her informed, safely", main_text(page)[-2000:]
    contacts = section_text(page, "contacts")
    assert "No safe-contact details recorded." in contacts, contacts
    assert "No contact logged yet." in contacts, contacts
    assert_all_labelled(page, ["safe_number", "safe_times", "may_leave_message", "via_idva_only", "language", "safe_notes",
                               "team", "method", "reached", "summary"], minimum=14)
    assert page.locator(f'form[action="/people/{incident["victim_id"]}/orders"]').count() == 0, (
        "the victim's page offers to record an order against her")
    orders = section_text(page, "orders") or ""
    expect(defects, DVPN_LABEL in orders and "1 breach(es)" in orders,
           f"the victim's page does not show the order that protects her: {orders!r}")
    marked = fields_in_error(page)
    expect(defects, not marked, f"the victim's page, untouched, marks these fields as in error: {marked}")
    assert_fits_width(page, PHONE_WIDTH)
    screenshot(page, "victim-contacts-phone.png")

    # act: the safe route — a safe number, no message to be left
    form = page.locator(f'form[action="/people/{incident["victim_id"]}/safe-contact"]')
    assert form.count() == 1, f"no safe-route form: {contacts!r}"
    form.get_by_label("Safe number", exact=True).fill(SAFE_NUMBER)
    no = form.locator('input[name="may_leave_message"][value="no"]')
    assert no.evaluate("el => el.labels[0].textContent.trim()") == "No"
    no.check()
    status = press(page, "Save the safe route", scope=form)

    # check: the route, in words, with the warning not to leave a message
    assert status == 200, f"saving the safe route answered {status} at {page.url}: {main_text(page)[:800]}"
    assert path_of(page) == f"/people/{incident['victim_id']}", f"saving the safe route should lead back to her page, not {page.url}"
    assert page.locator(".govuk-error-summary").count() == 0, page.locator(".govuk-error-summary").inner_text()
    contacts = section_text(page, "contacts")
    assert "do NOT leave a message" in contacts, f"the safe route does not say not to leave a message: {contacts!r}"
    route = page.locator("h2#contacts ~ p.warning").first.inner_text()
    assert "do NOT leave a message" in route and "safe number" in route, route
    assert re.sub(r"\D", "", SAFE_NUMBER) in re.sub(r"\D", "", route), f"the safe number is not shown: {route!r}"
    assert "Set by officer," in contacts, f"the route does not say who set it: {contacts!r}"
    assert page.locator('input[name="may_leave_message"][value="no"]').is_checked(), "the form does not show the saved answer"
    assert_fits_width(page, PHONE_WIDTH)
    screenshot(page, "victim-safe-route-phone.png")
    SHARED["safe_route"] = True
    assert_no_defects(defects)


def test_officer_tells_victim_from_case_page(phone_page, incident):
    """From "My work" the officer opens her case on a phone: it shows her safe route and the order. A "tell the victim"
    task has its own form, "Was she told?": a message left is refused because no message may be left; a phone call
    with a note closes it, and "Keeping her informed" shows the police as her last contact."""
    needs("safe_route")
    page = phone_page
    defects: list[str] = []
    sign_in(page, "officer")

    # act: "My work", then her case
    with page.expect_navigation():
        page.get_by_role("navigation", name="Main").get_by_role("link", name="My work", exact=True).click()
    page.wait_for_load_state()
    assert path_of(page) == "/my-work", f"'My work' led to {page.url}"
    row = page.locator(f'h2#cases + table tr:has(a[href="/cases/{incident["case_id"]}"])')
    assert row.count() == 1, f"the officer's 'My cases' does not list {incident['case_reference']}: {main_text(page)[:1500]}"
    with page.expect_navigation():
        row.get_by_role("link", name=incident["case_reference"], exact=True).click()
    page.wait_for_load_state()

    # check: her case, the officer's, with her safe route and the order
    case_path = f"/cases/{incident['case_id']}"
    assert path_of(page) == case_path, page.url
    assert page.locator("h1").first.inner_text().strip() == f"{incident['case_reference']}: {VICTIM_NAME}"
    facts = summary_rows(page.locator("main dl.summary-list").first)
    assert facts.get("Owner (victim's safety)") == OFFICER_OWNER, facts
    informed = section_text(page, "informed")
    assert informed is not None, f"the case page has no 'Keeping her informed' section: {main_text(page)[:1500]}"
    assert "do NOT leave a message" in informed, f"the case page does not show her safe route: {informed!r}"
    assert "No contact logged yet." in informed, informed
    orders = section_text(page, "orders") or ""
    assert DVPN_LABEL in orders and "in force" in orders, f"the case page does not show the order: {orders!r}"
    expect(defects, "1 breach(es)" in orders, f"the case page's order does not show its breach: {orders!r}")
    expect(defects, "0 breach(es)" not in orders, f"the case page says an order has '0 breach(es)': {orders!r}")

    # check: the "tell the victim" tasks, each with its own labelled form
    tell_cards = page.locator("main div.card[id^='task-']").filter(has=page.locator('form[action$="/victim-told"]'))
    titles = tell_cards.locator("p strong").all_inner_texts()
    assert tell_cards.count() >= 1, f"the case has no 'tell the victim' task with a 'Was she told?' form: {main_text(page)[:2500]}"
    made = tell_cards.filter(has_text=f"tell the victim — {DVPN_LABEL.lower()} made")
    assert made.count() == 1, f"no task to tell her the notice was made among {titles}"
    card = made.first
    task_id = card.get_attribute("id").removeprefix("task-")
    form = card.locator(f'form[action="/tasks/{task_id}/victim-told"]')
    assert form.locator("fieldset legend").inner_text().strip() == "Was she told?", form.inner_text()
    assert_all_labelled(page, ["told", "method", "team", "at", "note", "action", "owner_id", "due_at"], minimum=10)
    for field_id in (f"method_{task_id}", f"team_{task_id}", f"at_{task_id}", f"note_{task_id}"):
        assert page.locator(f"#{field_id}").count() == 1, f"the task's form has no #{field_id}"
    methods = form.get_by_label("How (through her safe route)", exact=True).locator("option").evaluate_all(
        "os => os.map(o => [o.value, o.textContent.trim()])")
    assert ["voicemail", "Message left"] in methods and ["phone", "Phone call"] in methods, methods
    marked = fields_in_error(page)
    expect(defects, not marked, f"the case page, untouched, marks these fields as in error: {marked}")
    assert_fits_width(page, PHONE_WIDTH)
    screenshot(page, "case-tell-victim-phone.png")

    # act: "Yes", by a message left on her phone
    form.locator('input[name="told"][value="yes"]').check()
    form.get_by_label("How (through her safe route)", exact=True).select_option("voicemail")
    form.get_by_label("What she was told, or why she was not", exact=True).fill(TOLD_NOTE)
    status = press(page, "Record it", scope=form)

    # check: refused, naming that no message may be left, beside the method; the task still open
    assert status == 422, f"a message left against her safe route answered {status} at {page.url}: {main_text(page)[:800]}"
    assert page.locator("h1").first.inner_text().strip() == f"{incident['case_reference']}: {VICTIM_NAME}", (
        f"the refusal should re-draw the case page, not {page.url}: {main_text(page)[:500]}")
    summary = error_summary(page)
    assert "no message may be left" in summary.inner_text(), f"the refusal does not say no message may be left: {summary.inner_text()!r}"
    card = page.locator(f"#task-{task_id}")
    method_error = card.locator(f"div.field-error:has(#method_{task_id}) .error-message")
    assert method_error.count() == 1 and "no message may be left" in method_error.inner_text(), (
        f"no error beside the method: {card.inner_text()!r}")
    assert card.get_by_role("button", name="Record it").count() == 1, "the task was closed by a refused message"
    marked = fields_in_error(page)
    expect(defects, marked == [f"method_{task_id}"], f"only the method is at fault, but the page marks these as in error: {marked}")
    summary_links_lead_to(page, summary, {"no message may be left": f"method_{task_id}"}, defects)
    assert "No contact logged yet." in section_text(page, "informed"), "a refused message was logged as a contact"
    form = card.locator(f'form[action="/tasks/{task_id}/victim-told"]')
    kept = {"told": form.locator('input[name="told"][value="yes"]').is_checked(),
            "method": form.get_by_label("How (through her safe route)", exact=True).input_value() == "voicemail",
            "note": form.get_by_label("What she was told, or why she was not", exact=True).input_value() == TOLD_NOTE}
    expect(defects, all(kept.values()),
           f"the refused 'Was she told?' form lost what was typed: {sorted(k for k, v in kept.items() if not v)} came back empty")
    assert_fits_width(page, PHONE_WIDTH)
    screenshot(page, "case-tell-victim-refused-phone.png")

    # act: "Yes", by a phone call, with a note (everything chosen again, whatever was kept)
    form.locator('input[name="told"][value="yes"]').check()
    form.get_by_label("How (through her safe route)", exact=True).select_option("phone")
    form.get_by_label("What she was told, or why she was not", exact=True).fill(TOLD_NOTE)
    status = press(page, "Record it", scope=form)

    # check: the task is done, and she was last contacted by the police
    assert status == 200, f"recording that she was told answered {status} at {page.url}: {main_text(page)[:800]}"
    assert path_of(page) == case_path, f"recording it should lead back to the case, not {page.url}"
    assert page.locator(".govuk-error-summary").count() == 0, page.locator(".govuk-error-summary").inner_text()
    card = page.locator(f"#task-{task_id}")
    card_text = card.inner_text()
    assert card.locator("form").count() == 0, f"the told task still has a form: {card_text!r}"
    assert "done" in card_text and "Done by officer" in card_text, f"the task is not shown as done: {card_text!r}"
    assert "Told phone call" in card_text, f"the task's outcome does not say how she was told: {card_text!r}"
    informed = section_text(page, "informed")
    assert "Last contact: Police" in informed, f"'Keeping her informed' does not show the police as her last contact: {informed!r}"
    assert f"by {OFFICER}" in informed and TOLD_NOTE in informed, informed
    assert_fits_width(page, PHONE_WIDTH)
    screenshot(page, "case-tell-victim-done-phone.png")

    # check: her person page shows the same last contact
    page.goto(f"/people/{incident['victim_id']}")
    contacts = section_text(page, "contacts")
    assert "Last contact: Police" in contacts and TOLD_NOTE in contacts, contacts
    assert_no_defects(defects)
