"""MARAC referral in a real browser (rule 21): a high-risk assessment makes the victim's case call for a referral; a DA
specialist on a phone refers it from the case page with the research to share, the record's criteria ticked; the
MARAC coordinator finds it from the header's "MARAC referrals"; a partner agency is refused the list."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from conftest import PHONE_WIDTH, api_session, assert_fits_width, assert_labelled, json_body, path_of, sign_in

RESEARCH = "Three calls in a month; he has moved back to her street; she is pregnant. Housing and health to bring their records."


def _high_risk_case(server: Any, base_url: str) -> tuple[str, str]:
    """A new victim's call and a high-risk assessment with 15 "yes" answers, through the API; her case id and reference."""
    handler = api_session(server, "handler")
    call = handler.post(f"{base_url}/api/v1/incidents", timeout=30, json={
        "channel": "101", "relationship": "intimate_partner", "abuse_types": ["physical"],
        "parties": [{"role": "victim", "new_person": {"first_name": "Rhiannon", "surname": "Maracley", "date_of_birth": "1993-03-03",
                                                      "confirmed_new": True}}],
        "immediate_danger": "no", "suspect_location": "left", "injuries": "no", "weapons": "no", "children_present": "no", "fear": "quite",
    })
    assert call.status_code == 201, call.text[:500]
    record = json_body(call)
    incident_id, victim_id = record["incident"]["id"], record["victims"][0]["person_id"]
    case = record["cases"][0]
    officer = api_session(server, "officer")
    instrument = json_body(officer.get(f"{base_url}/api/v1/risk-instruments/dash-2009", timeout=30))
    answers = {q["id"]: ("yes" if i < 15 else "no") for i, q in enumerate(instrument["questions"])}
    for group in instrument.get("supplementary", []):
        for prompt in group["questions"]:
            answers[prompt["id"]] = "no"
    assessed = officer.post(f"{base_url}/api/v1/incidents/{incident_id}/risk-assessments", timeout=30, json={
        "victim_person_id": victim_id, "answers": answers, "level": "high",
        "rationale": "Strangled last week; he has a knife; she is terrified he will kill her.",
    })
    assert assessed.status_code == 201, assessed.text[:500]
    return case["id"], case["reference"]


def test_specialist_refers_on_a_phone_and_the_coordinator_sees_it(phone_page, page, server, base_url):
    case_id, reference = _high_risk_case(server, base_url)

    # The specialist, on a phone, opens the case: the record calls for a referral, with its criteria ticked.
    sign_in(phone_page, "specialist")
    phone_page.goto(f"/cases/{case_id}")
    banner = phone_page.locator("#marac ~ .warning").first
    assert "Refer this case to MARAC" in banner.inner_text() and "Visible high risk" in banner.inner_text(), banner.inner_text()
    assert phone_page.locator('input[name="criteria"][value="visible_high_risk"]').is_checked()
    for name in ("referring_agency", "research"):
        assert_labelled(phone_page, name)
    phone_page.select_option("#referring_agency", "police")
    phone_page.fill("#research", RESEARCH)
    phone_page.get_by_role("button", name="Refer to MARAC").click()
    phone_page.wait_for_load_state()

    assert path_of(phone_page) == f"/cases/{case_id}"
    referrals = phone_page.locator("table:has(caption:text-is('Her referrals'))")
    assert referrals.count() == 1 and "Visible high risk" in referrals.inner_text(), phone_page.locator("main").inner_text()[:1500]
    assert "makes her a repeat MARAC case" in phone_page.locator("main").inner_text()
    assert_fits_width(phone_page, PHONE_WIDTH)

    # She accepted an IDVA at the same visit: the specialist records the offer with the IDVA allocated.
    assert "Offer her an IDVA" in phone_page.locator("main").inner_text()
    phone_page.locator('input[name="outcome"][value="accepted"]').check()
    phone_page.select_option("#idva_user_id_idva", label="Demo IDVA")
    phone_page.get_by_role("button", name="Record the offer").click()
    phone_page.wait_for_load_state()
    offers = phone_page.locator("table:has(caption:text-is('IDVA offers'))")
    assert offers.count() == 1 and "Demo IDVA" in offers.inner_text(), phone_page.locator("main").inner_text()[:1500]
    assert_fits_width(phone_page, PHONE_WIDTH)

    # She agrees the IDVA may see her risk and her plan for a month: the specialist shares them.
    phone_page.select_option("#agency", "idva")
    for group in ("risk", "safety_plan"):
        phone_page.locator(f'input[name="field_groups"][value="{group}"]').check()
    phone_page.fill("#ends_on", (dt.date.today() + dt.timedelta(days=30)).isoformat())
    phone_page.get_by_role("button", name="Share", exact=True).click()
    phone_page.wait_for_load_state()
    shares = phone_page.locator("table:has(caption:text-is('Shares'))")
    assert shares.count() == 1 and "Risk level, Safety plan" in shares.inner_text(), phone_page.locator("main").inner_text()[:1500]

    # The coordinator finds it from the header.
    sign_in(page, "marac")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="MARAC referrals").click()
    page.wait_for_load_state()
    assert path_of(page) == "/marac/referrals"
    row = page.locator(f"tr:has(a:text-is('{reference}'))")
    assert row.count() >= 1 and "Police" in row.first.inner_text(), page.locator("main").inner_text()[:1500]
    # Her referral goes to the MARAC of the area where she lives.
    marac_area = row.first.locator("td").nth(1).inner_text().split("\n")[0].strip()
    assert "Waiting for a meeting" in row.first.inner_text() and marac_area, row.first.inner_text()

    # The coordinator schedules the next MARAC: the referral is on its agenda with its research; an action is agreed.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="MARAC meetings").click()
    page.wait_for_load_state()
    # Last week's MARAC, entered by the coordinator: its actions can already be late.
    page.fill("#held_on", (dt.date.today() - dt.timedelta(days=7)).isoformat())
    page.select_option("#area", label=marac_area)
    page.fill("#chair", "DI Rowe")
    for agency in ("idva", "housing"):
        page.locator(f'input[name="agencies"][value="{agency}"]').check()
    page.get_by_role("button", name="Schedule").click()
    page.wait_for_load_state()
    agenda = page.locator(f".card:has(a:text-is('{reference}'))")
    assert agenda.count() == 1 and RESEARCH in agenda.inner_text(), page.locator("main").inner_text()[:1500]
    page.select_option("#case_id", label=reference)
    page.select_option("#agency", "idva")
    page.fill("#owner", "Demo IDVA")
    page.fill("#description", "See her weekly and review the safety plan with her.")
    page.fill("#due_on", (dt.date.today() + dt.timedelta(days=14)).isoformat())
    page.get_by_role("button", name="Add the action").click()
    page.wait_for_load_state()
    actions = page.locator("table:has(th:text-is('Action'))")
    assert actions.count() == 1 and "See her weekly" in actions.inner_text(), page.locator("main").inner_text()[:1500]
    meeting_id = path_of(page).rsplit("/", 1)[-1]
    # A second action was due yesterday and nobody reported it back: it is overdue, and the clocks chase it.
    page.select_option("#case_id", label=reference)
    page.select_option("#agency", "idva")
    page.fill("#owner", "Demo IDVA")
    page.fill("#description", "Ask housing about a move to the safe flat.")
    page.fill("#due_on", (dt.date.today() - dt.timedelta(days=1)).isoformat())
    page.get_by_role("button", name="Add the action").click()
    page.wait_for_load_state()
    late_row = page.locator("tr:has-text('Ask housing about a move')")
    assert "Overdue" in late_row.inner_text(), page.locator("main").inner_text()[:1500]
    coordinator = api_session(server, "marac")
    chased = None
    deadline = time.monotonic() + 90  # the server's clocks run every 60 s
    while chased is None and time.monotonic() < deadline:
        meeting = json_body(coordinator.get(f"{base_url}/api/v1/marac/meetings/{meeting_id}", timeout=30))
        late = [a for a in meeting["actions"] if a["description"].startswith("Ask housing")]
        chased = late[0].get("chased_at") if late else None
        if chased is None:
            time.sleep(2)
    assert chased is not None, "the overdue action was not chased within 90 s"
    work = json_body(coordinator.get(f"{base_url}/api/v1/my-work", timeout=30))
    assert any(t["kind"] == "chase_marac_action" and "Ask housing" in t["title"] for t in work["tasks"]), work["tasks"]

    # The IDVA (a partner account of the IDVA service) is refused the MARAC list but sees her own caseload.
    partner = api_session(server, "partner")
    assert partner.get(f"{base_url}/api/v1/marac/referrals", timeout=30).status_code == 403
    sign_in(page, "partner")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="IDVA service").click()
    page.wait_for_load_state()
    row = page.locator("tr:has(td:text-is('Demo IDVA'))")
    assert row.count() == 1 and int(row.locator("td").nth(1).inner_text()) >= 1, page.locator("main").inner_text()[:1500]

    # As a member agency, the IDVA reads the meeting's papers and adds what she knows to the research.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="MARAC meetings").click()
    page.wait_for_load_state()
    page.locator(f"a[href='/marac/meetings/{meeting_id}']").click()
    page.wait_for_load_state()
    item = page.locator(f".card:has(a:text-is('{reference}'))")
    item.locator("textarea[name='text']").fill("She told me he has been seen outside her sister's flat twice this week.")
    item.get_by_role("button", name="Add to the research").click()
    page.wait_for_load_state()
    assert "seen outside her sister's flat" in page.locator(f".card:has(a:text-is('{reference}'))").inner_text(), page.locator("main").inner_text()[:1500]
    # Her agency sees its late action was chased, and reports it back from the meeting's page.
    late_row = page.locator("tr:has-text('Ask housing about a move')")
    assert "Chased" in late_row.inner_text(), page.locator("main").inner_text()[:1500]
    late_row.locator("select[name='status']").select_option("not_possible")
    late_row.locator("input[name='note']").fill("She has moved in with her sister out of area.")
    late_row.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    assert "Not possible" in page.locator("tr:has-text('Ask housing about a move')").inner_text(), page.locator("main").inner_text()[:1500]

    # On her phone, the IDVA opens the shared case: its risk and plan, nothing else; she logs her call in the one log.
    sign_in(phone_page, "partner")
    phone_page.get_by_role("navigation", name="Main").get_by_role("link", name="Shared cases").click()
    phone_page.wait_for_load_state()
    phone_page.get_by_role("link", name=reference).click()
    phone_page.wait_for_load_state()
    text = phone_page.locator("main").inner_text()
    assert "Risk level: High" in text and "Safety plan" in text and "Incidents" not in text and "Children in the household" not in text, text[:1500]
    phone_page.select_option("#method", "phone")
    phone_page.locator('input[name="reached"][value="yes"]').check()
    phone_page.fill("#summary", "Went through her safety plan; she is staying at her sister's this week.")
    phone_page.get_by_role("button", name="Add to her contact log").click()
    phone_page.wait_for_load_state()
    assert path_of(phone_page) == f"/shared/cases/{case_id}", phone_page.locator("main").inner_text()[:1500]
    assert_fits_width(phone_page, PHONE_WIDTH)
    # The case owner sees who spoke to her last.
    specialist = api_session(server, "specialist")
    view = json_body(specialist.get(f"{base_url}/api/v1/cases/{case_id}", timeout=30))
    assert view["contacts"]["entries"][0]["team"] == "idva", view["contacts"]["entries"][:1]
