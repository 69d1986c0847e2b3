"""The access log in a real browser (issue 24, part 1): the auditor searches the log for looks at person records and
downloads the search; on a phone (360 px) and on a desktop the page passes axe with no
serious or critical violation and fits the width."""

from __future__ import annotations

from typing import Any

from conftest import assert_fits_width, path_of, serious_violations, sign_in


def test_auditor_asks_who_looked_at_a_record_on_a_phone_and_a_desktop(phone_page, page, api, base_url):
    # A person the demo's officers have worked with: her record has been looked at.
    people = api.get(f"{base_url}/api/v1/audit", params={"action": "view_person", "limit": 1}, timeout=30)
    assert people.status_code == 403, "only the auditor searches the log"
    for pg, width in ((phone_page, 360), (page, None)):
        sign_in(pg, "auditor")
        pg.get_by_role("link", name="Search the access log").click()
        pg.wait_for_load_state()
        assert path_of(pg) == "/audit"
        pg.locator("#action").select_option("view_person")
        pg.get_by_role("button", name="Search the log").click()
        pg.wait_for_load_state()
        heading = pg.locator("#audit-results").inner_text()
        assert "events, newest first" in heading and not heading.startswith("0 "), heading
        first_record = pg.locator("#audit-events tbody tr td a").first
        person_path = first_record.get_attribute("href")
        assert person_path and person_path.startswith("/people/")
        problems = serious_violations(pg)
        assert problems == [], f"axe on /audit: {problems}"
        if width:
            assert_fits_width(pg, width)
        # From the search to the same search as CSV.
        csv = pg.request.get(pg.get_by_role("link", name="Download this search (CSV)").get_attribute("href"))
        assert csv.status == 200 and csv.headers["content-type"].startswith("text/csv")
        assert csv.text().startswith("sequence,at,username,role,action,record_type,record_id,reason")
        # A bad day is named, on the field, and nothing is searched.
        pg.goto(f"{base_url}/audit?from=someday")
        assert pg.locator(".error-message").first.inner_text() != ""
        assert serious_violations(pg) == []
