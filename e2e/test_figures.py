"""The force's figures in a real browser (rules 31 and 32): the senior leader opens "Figures for leaders" on a phone
(360 px) and reads a year's figures — small numbers suppressed, no person named — as charts drawn on the server, each
with its table and its numbers as CSV; the analyst's figures page draws the same month by month. Both pages pass axe
with no serious or critical violation."""

from __future__ import annotations

import datetime as dt
from typing import Any

from conftest import assert_fits_width, path_of, serious_violations, sign_in


def check_charts(page: Any, ids: list[str]) -> None:
    """Each chart is an SVG named and described for screen readers, followed by its table and a CSV of its numbers."""
    for chart in ids:
        figure = page.locator(f"#chart-{chart}")
        assert figure.count() == 1, f"{path_of(page)} has no chart {chart}"
        svg = figure.locator("svg[role=img]")
        assert svg.count() == 1
        # SVG elements have text content, not HTML inner text.
        title = svg.locator(f"#chart-{chart}-title").text_content()
        assert title and svg.locator(f"#chart-{chart}-desc").text_content().endswith("The numbers are in the table after the chart.")
        # Drawn wide enough to read, within the page.
        box = svg.bounding_box()
        assert box and box["width"] >= 300, f"the chart {chart} is {box} at 360 px"
        table = page.locator(f"#chart-{chart} + .table-scroll table")
        assert table.locator("caption").inner_text() == title
        csv = page.request.get(figure.get_by_role("link", name="Download these numbers (CSV)").get_attribute("href"))
        assert csv.status == 200 and csv.headers["content-type"].startswith("text/csv"), csv.status
        assert len(csv.text().strip().split("\n")) == table.locator("tbody tr").count() + 1


def test_leader_reads_the_years_figures_as_charts_on_a_phone_and_the_analyst_month_by_month(phone_page, page):
    sign_in(phone_page, "leader")
    phone_page.get_by_role("link", name="Figures for leaders").click()
    phone_page.wait_for_load_state()
    assert path_of(phone_page) == "/figures/summary"
    # Leaders see completed periods only: last year.
    year = str(dt.date.today().year - 1)
    phone_page.locator("#period").fill(year)
    phone_page.get_by_role("button", name="Show the figures").click()
    phone_page.wait_for_load_state()
    assert phone_page.locator("#figures-period").inner_text().startswith(year)
    text = phone_page.locator("main").inner_text() if phone_page.locator("main").count() else phone_page.inner_text("body")
    assert "DA incidents" in text
    check_charts(phone_page, ["incidents", "repeat-and-arrests", "crimes-by-type", "caseload"])
    assert_fits_width(phone_page)
    assert serious_violations(phone_page) == []
    # A leader asking for arbitrary dates is told what to give instead.
    phone_page.locator("#period").fill(f"{year}-01-15")
    phone_page.get_by_role("button", name="Show the figures").click()
    phone_page.wait_for_load_state()
    assert "fixed periods only" in phone_page.inner_text("body")
    # The people pages are not theirs.
    assert phone_page.goto("/people").status == 403

    sign_in(page, "analyst")
    this_year = dt.date.today().year
    page.goto(f"/figures?from={this_year}-01-01&to={this_year + 1}-01-01")
    check_charts(page, ["incidents", "caseload", "repeat-share", "arrest-rate", "outcomes"])
    assert serious_violations(page) == []
