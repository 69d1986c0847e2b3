"""`serve --demo` shows a living force (issue 19): the last weeks were played through the system, so each demo user
signs in to real work, seen as they would see it in the browser at phone width."""

from __future__ import annotations

from typing import Any

from conftest import assert_fits_width, sign_in


def test_each_demo_user_finds_real_work(phone_page: Any) -> None:
    page = phone_page
    sign_in(page, "officer")
    page.goto("/my-work")
    text = page.locator("main").inner_text()
    assert "SG-" in text, text[:1500]
    assert_fits_width(page)

    sign_in(page, "sergeant")
    page.goto("/reviews")
    assert page.locator('a[href^="/incidents/"]').count() >= 1, page.locator("main").inner_text()[:1500]

    sign_in(page, "crsupervisor")
    page.goto("/control-room")
    assert "high" in page.locator("main").inner_text().lower(), page.locator("main").inner_text()[:1500]

    sign_in(page, "analyst")
    page.goto("/figures/caseload")
    rows = page.locator("table tbody tr")
    assert rows.count() == 4, page.locator("main").inner_text()[:1500]
    total = int(rows.nth(3).locator("td").inner_text())
    assert total > 0, page.locator("main").inner_text()[:1500]
    assert_fits_width(page)
