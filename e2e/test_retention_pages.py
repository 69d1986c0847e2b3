"""Retention and disclosure in a real browser (issue 24, part 3; rule 34): the auditor works the retention queue of
the demo force's old records, marks one for disposal with a reason; a second auditor approves it, and the record
names nobody after; a subject access request is logged and answered with what was disclosed. Each page passes axe
with no serious or critical violation, on a phone and a desktop."""

from __future__ import annotations

from conftest import api_session, assert_fits_width, path_of, serious_violations, sign_in


def test_a_record_is_reviewed_marked_and_disposed_of_by_two_auditors(phone_page, page, api, base_url, server):
    assert api.get(f"{base_url}/api/v1/retention/queue", timeout=30).status_code == 403, "only the auditor works the queue"
    # The first auditor, on a phone: the queue of records past their review period.
    sign_in(phone_page, "auditor")
    phone_page.get_by_role("link", name="Retention reviews").click()
    phone_page.wait_for_load_state()
    assert path_of(phone_page) == "/retention"
    rows = phone_page.locator("#retention-due tbody tr")
    assert rows.count() >= 1, "the demo's twelve years of history leave records due for review"
    assert serious_violations(phone_page) == []
    assert_fits_width(phone_page, 360)
    # The last due record (the oldest are first; other tests use the recent force).
    rows.last.locator("a").click()
    phone_page.wait_for_load_state()
    record_path = path_of(phone_page)
    assert record_path.startswith("/retention/people/")
    assert "Due for review" in phone_page.locator("#retention-standing").inner_text()
    # No reason: refused on the field, nothing recorded.
    phone_page.locator("#decision_mark").check()
    phone_page.get_by_role("button", name="Record the decision").click()
    phone_page.wait_for_load_state()
    assert "at least 10 characters" in phone_page.locator(".error-message").first.inner_text()
    assert serious_violations(phone_page) == []
    phone_page.locator("#decision_mark").check()
    phone_page.locator("#reason").fill("No police contact for over six years; no policing purpose remains.")
    phone_page.get_by_role("button", name="Record the decision").click()
    phone_page.wait_for_load_state()
    assert "waiting for approval" in phone_page.locator("#retention-standing").inner_text()
    assert phone_page.locator("#approve_yes").count() == 0, "the proposer may not approve their own proposal"

    # The second auditor, on a desktop, approves: the record's identifying details go.
    sign_in(page, "auditor2")
    page.goto(record_path)
    assert serious_violations(page) == []
    page.locator("#approve_yes").check()
    page.locator("#reason").fill("Agreed: nothing on the record needs keeping for policing.")
    page.get_by_role("button", name="Record the decision").click()
    page.wait_for_load_state()
    assert "Disposed of" in page.locator("#retention-standing").inner_text()
    assert page.locator("h1").inner_text() == "Retention review: Disposed record"
    decisions = page.locator("#retention-decisions").inner_text()
    assert "Marked for disposal" in decisions and "Disposal approved" in decisions
    # The API says the same to the auditor.
    person_id = record_path.rsplit("/", 1)[1]
    response = api_session(server, "auditor").get(f"{base_url}/api/v1/retention/people/{person_id}", timeout=30)
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "disposed" and response.json()["name"] == "Disposed record"
    # Her record says so, and offers nothing to correct.
    page.goto(f"/people/{person_id}?reason=Checking+the+disposal+took+effect")
    assert "Disposed of" in page.locator("#disposed").inner_text()
    assert page.get_by_role("link", name="Correct this record").count() == 0
    assert serious_violations(page) == []


def test_a_subject_access_request_is_logged_and_answered_with_what_was_disclosed(page, base_url):
    sign_in(page, "auditor")
    page.get_by_role("link", name="Access and disclosure requests").click()
    page.wait_for_load_state()
    assert path_of(page) == "/information-requests"
    assert serious_violations(page) == []
    # Nothing filled in: every field is named, nothing logged.
    page.get_by_role("button", name="Log the request").click()
    page.wait_for_load_state()
    assert page.locator(".error-message").count() >= 3
    # A real person of the demo force, found through the retention queue's links.
    page.goto("/retention")
    first = page.locator("#retention-due tbody tr a").first.get_attribute("href")
    person_id = first.rsplit("/", 1)[1]
    page.goto(f"/information-requests?person_id={person_id}")
    page.locator("#kind").select_option("subject_access")
    page.locator("#requester").fill("The person herself, by letter")
    page.locator("#basis").fill("Data Protection Act 2018, s.45")
    page.get_by_role("button", name="Log the request").click()
    page.wait_for_load_state()
    assert path_of(page).startswith("/information-requests/")
    assert "Open" in page.locator("#information-request").inner_text()
    assert serious_violations(page) == []
    page.locator("#outcome").select_option("disclosed")
    page.locator("#disclosed").fill("Her incident records and her risk assessments")
    page.locator("#withheld").fill("The other party's personal details (third party)")
    page.get_by_role("button", name="Record the answer").click()
    page.wait_for_load_state()
    summary = page.locator("#information-request").inner_text()
    assert "Answered: disclosed" in summary and "Her incident records" in summary
    assert_fits_width(page, 1280)
