"""An administrator changes who an account reports to, in a real browser (rule 20: late work escalates to the
supervisor). The shared demo server is used, so the test changes only the analyst, whom no other test relies on,
and puts it back."""

from __future__ import annotations

from conftest import assert_fits_width, path_of, sign_in


def test_administrator_sets_and_clears_a_supervisor_and_a_loop_is_refused(phone_page):
    # setup: on a phone, as every page must work at 360 px
    page = phone_page
    sign_in(page, "admin")
    page.get_by_role("link", name="Change who each account reports to").click()
    page.wait_for_load_state()
    assert path_of(page) == "/users"
    assert_fits_width(page)

    # act: the analyst now reports to the senior leader
    choice = page.get_by_label("Supervisor of analyst")
    choice.select_option(label="Demo Senior Leader (leader)")
    choice.locator("xpath=ancestor::form").get_by_role("button", name="Set supervisor").click()
    page.wait_for_load_state()

    # check
    assert path_of(page) == "/users"
    assert page.get_by_label("Supervisor of analyst").input_value() != ""
    assert "now: Demo Senior Leader (leader)" in page.locator("form", has=page.get_by_label("Supervisor of analyst")).inner_text()

    # act: the leader under the analyst would be a loop
    choice = page.get_by_label("Supervisor of leader")
    choice.select_option(label="Demo Analyst (analyst)")
    choice.locator("xpath=ancestor::form").get_by_role("button", name="Set supervisor").click()
    page.wait_for_load_state()

    # check: refused by name, linked from the error summary, nothing changed
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    assert "already reports to this one" in summary.inner_text()
    assert "now: nobody" in page.locator("form", has=page.get_by_label("Supervisor of leader")).inner_text()

    # tidy: the analyst reports to nobody again
    choice = page.get_by_label("Supervisor of analyst")
    choice.select_option(label="Nobody")
    choice.locator("xpath=ancestor::form").get_by_role("button", name="Set supervisor").click()
    page.wait_for_load_state()
    assert "now: nobody" in page.locator("form", has=page.get_by_label("Supervisor of analyst")).inner_text()
