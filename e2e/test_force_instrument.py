"""A force's choice of risk instrument in a real browser: a server started with a policy naming the second instrument
(`"riskInstrument": "dara-force-variant"`) gives the officer that instrument's questions on "Record a risk
assessment", not DASH's.

The session's server uses the default policy (DASH 2009), so this file starts a server of its own, with a smaller
demo force, through conftest's `running_server`."""

from __future__ import annotations

import json
from typing import Any, Iterator

import pytest

from conftest import REPO_ROOT, api_session, json_body, path_of, running_server, sign_in, unlabelled_fields

INSTRUMENT_FILE = REPO_ROOT / "Sources" / "SafeguardDomain" / "Resources" / "instruments" / "dara-force-variant.json"
INSTRUMENT = json.loads(INSTRUMENT_FILE.read_text())
CHOKED = "Has the abuser ever choked, strangled, suffocated or held the victim under water?"
DASH_STRANGULATION = "Has the abuser ever tried to strangle, choke, suffocate or drown the victim?"
VICTIM = {"first_name": "Carys", "surname": "Variantson", "date_of_birth": "1990-01-09"}


@pytest.fixture(scope="module")
def dara_server(request: pytest.FixtureRequest) -> Iterator[Any]:
    """`safeguard serve --demo --policy …` with the DARA-topic force variant as the force's risk instrument."""
    with running_server(request, demo_people=200, policy={"riskInstrument": "dara-force-variant"},
                        label="safeguard serve (dara-force-variant policy)") as srv:
        yield srv


@pytest.fixture(scope="module")
def incident(dara_server: Any) -> dict[str, Any]:
    """An incident opened by the call handler on that server for a new victim. Returns {id, reference}."""
    body = {
        "channel": "999", "caller": "victim", "setting": "rural", "relationship": "intimate_partner",
        "abuse_types": ["physical"], "summary": "E2E instrument test: caller reports her partner grabbed her by the neck.",
        "address_line1": "1 Variant Farm", "town": "Testbury", "postcode": "TB9 1DV",
        "parties": [{"role": "victim", "new_person": VICTIM}],
        "immediate_danger": "no", "suspect_location": "left", "injuries": "no", "weapons": "no",
        "children_present": "no", "fear": "quite",
    }
    response = api_session(dara_server, "handler").post(f"{dara_server.url}/api/v1/incidents", json=body, timeout=30)
    assert response.status_code == 201, f"POST /api/v1/incidents answered {response.status_code}: {response.text[:800]}"
    record = json_body(response)
    return {"id": record["incident"]["id"], "reference": record["incident"]["reference"]}


def test_force_policy_chooses_the_dara_variant(new_page, dara_server, incident):
    """The officer follows "Record a risk assessment": the form is the DARA-topic variant's — its title, its
    questions in its order (the second asking about choking, strangling, suffocating or holding under water) —
    and none of DASH's. Every field is labelled."""
    page = new_page(url=dara_server.url)
    sign_in(page, "officer")
    page.goto(f"/incidents/{incident['id']}")
    link = page.get_by_role("link", name="Record a risk assessment", exact=True)
    assert link.count() == 1, f"the incident page has no 'Record a risk assessment' link: {page.locator('main').inner_text()[:800]}"
    with page.expect_navigation():
        link.click()
    page.wait_for_load_state()
    assert path_of(page) == f"/incidents/{incident['id']}/risk-assessments/new", f"'Record a risk assessment' led to {page.url}"

    legends = [t.strip() for t in page.locator("fieldset.question > legend").all_inner_texts()]
    assert f"2. {CHOKED}" in legends, f"the form does not ask the variant's strangulation question; its questions: {legends[:5]}"
    assert page.locator("h1").first.inner_text().strip() == INSTRUMENT["title"], page.locator("h1").first.inner_text()
    expected = [f"{n}. {q['text']}" for n, q in enumerate(INSTRUMENT["questions"], start=1)]
    assert legends[:len(expected)] == expected, f"the main questions are not the variant's, in order: {legends[:len(expected)]}"
    assert DASH_STRANGULATION not in page.locator("main").inner_text(), "the form asks DASH's question as well"
    assert page.locator('input[type=radio][name="answer_choked"]').count() == 3, "the choking question has no yes / no / not known"
    assert page.locator('input[name="answer_strangulation"]').count() == 0, "DASH's strangulation question is on the form"
    fields = unlabelled_fields(page)
    assert not fields["problems"], "fields without labels: " + "; ".join(fields["problems"])
