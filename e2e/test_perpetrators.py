"""The sergeant's morning briefing in a real browser (rule 24): the lists are run, the sergeant opens the neighbourhood
officer's area's daily briefing on a phone (360 px) — its most harmful perpetrators, high-risk victims and hotspots at
street level — and sets a visit from it for the neighbourhood officer, who opens "Daily briefing", records what the
visit found and marks themselves briefed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from conftest import api_session, assert_fits_width, assert_labelled, json_body, path_of, sign_in


def test_sergeant_sets_a_task_from_the_briefing_and_the_neighbourhood_officer_records_it(phone_page, page, server, base_url):
    sergeant_api = api_session(server, "sergeant")
    run = sergeant_api.post(f"{base_url}/api/v1/perpetrators/runs", timeout=120)
    assert run.status_code == 201, run.text[:500]
    assert json_body(run)["weights_version"] >= 1

    # The neighbourhood officer's area, from where "Daily briefing" takes them.
    sign_in(page, "neighbourhood")
    page.get_by_role("link", name="Daily briefing").click()
    page.wait_for_load_state()
    briefing_path = path_of(page)
    assert briefing_path.startswith("/areas/") and briefing_path.endswith("/briefing"), briefing_path
    code = briefing_path.split("/")[2]

    # The sergeant, on a phone, opens that area's briefing from the perpetrators page.
    sign_in(phone_page, "sergeant")
    phone_page.goto("/perpetrators")
    phone_page.locator(f'a[href="/areas/{code}/briefing"]').first.click()
    phone_page.wait_for_load_state()
    assert path_of(phone_page) == briefing_path
    assert phone_page.locator("h1").inner_text().startswith("Daily briefing")
    for heading in ("Most harmful perpetrators", "High-risk victims", "Hotspot addresses", "Neighbourhood tasks"):
        assert phone_page.get_by_role("heading", name=heading).count() == 1, heading
    assert_fits_width(phone_page)
    for name in ("kind", "person_id", "address_id", "assignee", "due_on", "note"):
        assert_labelled(phone_page, name)
    due = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    phone_page.select_option("#kind", "visit")
    phone_page.fill("#assignee", "neighbourhood")
    phone_page.fill("#due_on", due)
    phone_page.fill("#note", "Call on the top-ranked man; remind him of his bail conditions")
    phone_page.get_by_role("button", name="Set the task").click()
    phone_page.wait_for_load_state()
    assert path_of(phone_page) == briefing_path
    tasks = phone_page.locator("#neighbourhood-tasks")
    assert "remind him of his bail conditions" in tasks.inner_text() and "Demo Neighbourhood Officer" in tasks.inner_text()

    # The neighbourhood officer records what the visit found, and that they were briefed.
    page.goto(briefing_path)
    item = page.locator("#neighbourhood-tasks li", has_text="remind him of his bail conditions")
    item.locator('input[name="result"]').fill("Seen at home at 19:40; conditions explained again; no sign of the victim")
    item.get_by_role("button", name="Record the result").click()
    page.wait_for_load_state()
    done = page.locator("#neighbourhood-tasks li", has_text="remind him of his bail conditions").inner_text()
    assert "Done" in done and "conditions explained again" in done, done
    page.get_by_role("button", name="I have been briefed").click()
    page.wait_for_load_state()
    assert "Demo Neighbourhood Officer" in page.locator("h2:has-text('Briefed today') + ul").inner_text()

    # The API gives the same briefing; hotspots never show a house number.
    neighbourhood_api = api_session(server, "neighbourhood")
    body = json_body(neighbourhood_api.get(f"{base_url}/api/v1/areas/{code}/briefing", timeout=30))
    assert any((t.get("result") or "").find("conditions explained again") >= 0 for t in body["tasks"])
    hotspots = json_body(sergeant_api.get(f"{base_url}/api/v1/hotspots", timeout=30))["items"]
    assert all(not h["street"][:1].isdigit() for h in hotspots), hotspots[:3]
