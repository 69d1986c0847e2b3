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

    # The specialist's satisfaction survey: a closed case, her safe route and Leicestershire's instruction.
    sign_in(page, "specialist")
    page.get_by_role("link", name="Satisfaction surveys").click()
    page.wait_for_load_state()
    page.locator("#surveys a").first.click()
    page.wait_for_load_state()
    assert "07700" in page.locator("#safe-route").inner_text() and page.locator("#line-dead-instruction").count() == 1
    assert_fits_width(page)

    # The senior leader's homicide review: one recommendation implemented, one late.
    sign_in(page, "leader")
    page.get_by_role("link", name="Domestic homicide reviews").click()
    page.wait_for_load_state()
    summary = page.locator("#dhr-summary").inner_text()
    assert "Implemented\n1" in summary.replace("\t", "\n") and "Late (past their due day, not closed)\n1" in summary.replace("\t", "\n"), summary
    assert_fits_width(page)


def test_sergeant_gives_an_imported_case_an_owner(phone_page: Any) -> None:
    """The demo's earlier history came in through the history import: its open cases wait, owned by the import's
    account, on the sergeant's queue until each is given to someone who is here; the officer then finds it as theirs."""
    page = phone_page
    sign_in(page, "sergeant")
    page.get_by_role("link", name="Cases awaiting an owner").click()
    assert page.url.endswith("/cases/awaiting-owner"), page.url
    text = page.locator("main").inner_text()
    assert "Awaiting an owner (imported history)" in text, text[:1500]
    first = page.locator("table tbody tr").first
    reference = first.locator("td a").first.inner_text().strip()
    assert reference.startswith("SG-"), reference
    # Sent without a choice: refused beside that case's own field, nothing changed.
    first.get_by_role("button", name=f"Allocate {reference}").click()
    assert page.locator(".govuk-error-summary").count() == 1, page.locator("main").inner_text()[:1500]
    assert "Choose a colleague who is here and works cases." in page.locator("main").inner_text()
    row = page.locator("table tbody tr", has_text=reference)
    row.get_by_label(f"New owner of {reference}", exact=True).select_option(label="Demo Response Officer (Response officer)")
    row.get_by_role("button", name=f"Allocate {reference}").click()
    assert page.locator(".govuk-error-summary").count() == 0, page.locator("main").inner_text()[:1500]
    assert reference not in page.locator("main").inner_text()
    assert_fits_width(page)

    sign_in(page, "officer")
    page.goto("/my-work")
    assert reference in page.locator("main").inner_text(), page.locator("main").inner_text()[:1500]
