"""The JSON API: tokens, and bodies that match the OpenAPI document the server publishes."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
import requests

from conftest import BINARY, COMMON_SURNAMES, find_person_with_incidents, json_body, validate_against_openapi


def test_health_reports_database_ok(base_url):
    """/health answers for liveness and for the database."""
    response = requests.get(f"{base_url}/health", timeout=30)

    assert response.status_code == 200
    assert json_body(response) == {"status": "ok", "database": "ok"}


def test_api_requires_token(base_url):
    """No token, or a made-up one, gets 401 with a problem body and no data."""
    for headers in ({}, {"Authorization": "Bearer not-a-real-token"}):
        response = requests.get(f"{base_url}/api/v1/people", params={"name": "Smith"}, headers=headers, timeout=30)

        assert response.status_code == 401, f"{headers or 'no token'}: /api/v1/people answered {response.status_code}"
        body = json_body(response)
        assert body.get("status") == 401 and body.get("title"), f"the 401 body is not a problem: {body}"
        assert "results" not in body


def test_api_responses_match_openapi(api, base_url, openapi):
    """Every response the API gives, success or refusal, matches the schema its own
    OpenAPI document declares for that path, method and status."""
    from openapi_spec_validator import validate

    # check: the document itself is a valid OpenAPI 3.1 document
    assert str(openapi.get("openapi", "")).startswith("3.1"), f"expected OpenAPI 3.1, got {openapi.get('openapi')}"
    validate(openapi)

    # act / check: search
    surname, summary = find_person_with_incidents(api, base_url)
    search = api.get(f"{base_url}/api/v1/people", params={"name": surname}, timeout=30)
    assert search.status_code == 200
    body = validate_against_openapi(openapi, search)
    assert any(r["id"] == summary["id"] for r in body["results"])

    # act / check: a person
    person = api.get(f"{base_url}/api/v1/people/{summary['id']}", timeout=30)
    assert person.status_code == 200, f"/api/v1/people/{summary['id']} answered {person.status_code}: {person.text[:300]}"
    body = validate_against_openapi(openapi, person)
    assert set(body) >= {"person", "incidents", "linked_people"}, f"person body keys: {sorted(body)}"
    assert body["incidents"], "the person's summary counts incidents, but /api/v1/people/{id} lists none"

    # act / check: an incident
    incident_summary = body["incidents"][0]
    incident = api.get(f"{base_url}/api/v1/incidents/{incident_summary['id']}", timeout=30)
    assert incident.status_code == 200, f"/api/v1/incidents/{incident_summary['id']} answered {incident.status_code}: {incident.text[:300]}"
    record = validate_against_openapi(openapi, incident)
    assert set(record) >= {"incident", "victims"}, f"GET /api/v1/incidents/{{id}} should be an IncidentRecord, got keys {sorted(record)}"
    assert record["incident"]["reference"] == incident_summary["reference"]
    for optional in ("call", "response"):
        assert record.get(optional, {}) is not None, f"an absent {optional} must be left out, not null"

    # act / check: bad input is a 4xx problem naming the field
    bad = api.get(f"{base_url}/api/v1/people", params={"date_of_birth": "1984-02-31"}, timeout=30)
    assert 400 <= bad.status_code < 500, f"an impossible date of birth answered {bad.status_code}"
    problem = validate_against_openapi(openapi, bad)
    assert {"type", "title", "status", "detail"} <= set(problem), f"not a problem body: {problem}"
    assert problem["status"] == bad.status_code
    assert any(e.get("field") == "date_of_birth" for e in problem.get("errors", [])), f"the problem does not name date_of_birth: {problem}"

    empty = api.get(f"{base_url}/api/v1/people", timeout=30)
    assert 400 <= empty.status_code < 500, f"a search with no terms answered {empty.status_code}"
    validate_against_openapi(openapi, empty)

    # act / check: an unknown person is a 4xx problem the document describes
    missing = api.get(f"{base_url}/api/v1/people/no-such-person", timeout=30)
    assert missing.status_code in (400, 404, 422), f"an unknown person answered {missing.status_code}"
    validate_against_openapi(openapi, missing)


def test_match_finds_a_person_from_partial_and_misspelt_details(api, base_url, openapi):
    """POST /api/v1/people/match finds a known person from what a caller might say, with a probability and
    reasons, in the shape the OpenAPI document gives; bad input is a problem naming the field."""
    # setup: a person with a full record
    _, summary = find_person_with_incidents(api, base_url)
    record = json_body(api.get(f"{base_url}/api/v1/people/{summary['id']}", timeout=30))["person"]
    surname = record["surname"]
    misspelt = surname[:-2] + surname[-1] + surname[-2] if len(surname) > 3 else surname

    # act
    response = api.post(f"{base_url}/api/v1/people/match", timeout=30, json={
        "first_name": record["first_name"], "surname": misspelt, "date_of_birth": record.get("date_of_birth"),
    })

    # check
    assert response.status_code == 200, response.text[:300]
    body = validate_against_openapi(openapi, response)
    assert body["candidates"], f"nobody found for {record['first_name']} {misspelt}"
    assert body["candidates"][0]["person"]["id"] == record["id"], body["candidates"][0]
    assert body["candidates"][0]["reasons"], "a candidate came without reasons"

    bad = api.post(f"{base_url}/api/v1/people/match", timeout=30, json={"postcode": "not a postcode"})
    assert bad.status_code == 422
    problem = validate_against_openapi(openapi, bad)
    assert any(e.get("field") == "postcode" for e in problem.get("errors", []))


def test_audit_verify_cli_reports_the_first_tampered_event(tmp_path):
    """`safeguard audit verify` passes an untouched chain and names the first event edited behind its back."""
    import os
    import sqlite3
    import subprocess

    # setup: a small force of its own (the shared server's database is left alone)
    binary = BINARY
    env = dict(os.environ, SAFEGUARD_DATABASE_URL=f"sqlite:///{tmp_path}/audit.sqlite", SAFEGUARD_PASSWORD_HASH_COST="4")
    subprocess.run([str(binary), "demo", "--people", "200", "--years", "1", "--quiet"], env=env, check=True, capture_output=True, timeout=300)
    intact = subprocess.run([str(binary), "audit", "verify"], env=env, capture_output=True, text=True, timeout=120)
    assert intact.returncode == 0, intact.stdout + intact.stderr
    assert "intact" in intact.stdout

    # act: edit one event directly in the database
    with sqlite3.connect(tmp_path / "audit.sqlite") as db:
        db.execute("UPDATE audit_events SET username = 'someone-else' WHERE sequence = 4")

    # check
    broken = subprocess.run([str(binary), "audit", "verify"], env=env, capture_output=True, text=True, timeout=120)
    assert broken.returncode == 2, broken.stdout + broken.stderr
    assert "BROKEN at event 4" in broken.stdout, broken.stdout


# --------------------------------------------------------------------------- incidents and the control room


@pytest.fixture(scope="module")
def sessions(server) -> dict[str, requests.Session]:
    """One requests session per demo account the incident tests act as (bearer tokens from `safeguard user token`)."""
    made: dict[str, requests.Session] = {}
    for username in ("handler", "crsupervisor", "officer", "partner"):
        session = requests.Session()
        session.headers["Authorization"] = f"Bearer {server.token(username)}"
        session.headers["Accept"] = "application/json"
        made[username] = session
    return made


def find_victim_with_history(api: requests.Session, base_url: str) -> dict[str, Any]:
    """A PersonSummary of an unrestricted person with at least one incident (their history is in every briefing)."""
    for surname in COMMON_SURNAMES:
        response = api.get(f"{base_url}/api/v1/people", params={"name": surname}, timeout=30)
        assert response.status_code == 200, f"/api/v1/people?name={surname} answered {response.status_code}: {response.text[:300]}"
        for result in json_body(response).get("results", []):
            if result.get("incident_count", 0) > 0 and not result.get("restricted"):
                return result
    pytest.fail(f"the API found no unrestricted person with an incident for any of {COMMON_SURNAMES}")


def call_body(parties: list[dict[str, Any]], **answers: Any) -> dict[str, Any]:
    """A complete call as POST /api/v1/incidents takes it: a quiet call unless `answers` say otherwise."""
    body: dict[str, Any] = {
        "channel": "101", "caller": "victim", "setting": "urban", "relationship": "ex_partner",
        "abuse_types": ["emotional"], "summary": "E2E test call: caller reports abuse by her former partner.",
        "address_line1": "1 Test Street", "town": "Testbury", "postcode": "AB1 2CD",
        "parties": parties, "immediate_danger": "no", "suspect_location": "left", "injuries": "no",
        "weapons": "no", "children_present": "no", "fear": "a_little",
    }
    body.update(answers)
    return body


def new_person(first_name: str, surname: str, date_of_birth: str) -> dict[str, Any]:
    return {"first_name": first_name, "surname": surname, "date_of_birth": date_of_birth, "sex": "male"}


def open_incident(session: requests.Session, base_url: str, openapi: dict[str, Any], body: dict[str, Any]) -> dict[str, Any]:
    """POSTs a call, checks the 201 against the document, and returns the IncidentRecord."""
    response = session.post(f"{base_url}/api/v1/incidents", json=body, timeout=30)
    assert response.status_code == 201, f"POST /api/v1/incidents answered {response.status_code}: {response.text[:800]}"
    record = validate_against_openapi(openapi, response)
    assert response.headers.get("Location") == f"/api/v1/incidents/{record['incident']['id']}", response.headers.get("Location")
    return record


def problem_fields(problem: dict[str, Any]) -> set[str]:
    return {e.get("field") for e in problem.get("errors", [])}


def test_call_handler_opens_incident_and_officer_reads_record_and_briefing(sessions, base_url, openapi):
    """A call handler records a call with a known victim (chosen by person_id) and a new suspect; a terrified caller
    makes it potentially high risk and immediate. The record and the officer's briefing match the document, and the
    briefing carries the victim's earlier history."""
    # setup
    handler, officer = sessions["handler"], sessions["officer"]
    victim = find_victim_with_history(officer, base_url)
    body = call_body([
        {"role": "victim", "person_id": victim["id"]},
        {"role": "suspect", "new_person": new_person("Dorian", "Ashcombe-Testington", "1985-06-15")},
    ], fear="terrified", fear_in_their_words="I think he will kill me", suspect_location="not_known")

    # act
    record = open_incident(handler, base_url, openapi, body)

    # check: the call as recorded
    incident_id = record["incident"]["id"]
    response = record["response"]
    assert response["potential_high_risk"] is True, response
    assert any("terrified" in reason.lower() for reason in response["high_risk_reasons"]), response["high_risk_reasons"]
    assert response["grade"] == "immediate" and response["recommended_grade"] == "immediate", response
    assert "target_at" in response and "pending" not in response, response
    assert record["call"]["answers"]["fear"] == "terrified"
    assert record["call"]["answers"]["fear_in_their_words"] == "I think he will kill me"
    assert record["call"]["recorded_by"] == "handler"
    assert [v["person_id"] for v in record["victims"]] == [victim["id"]]
    roles = {(p["role"], p["display_name"]) for p in record["incident"]["parties"]}
    assert ("suspect", "Dorian Ashcombe-Testington") in roles, roles

    # act / check: the record as an officer opens it
    opened = officer.get(f"{base_url}/api/v1/incidents/{incident_id}", timeout=30)
    assert opened.status_code == 200, opened.text[:500]
    body_opened = validate_against_openapi(openapi, opened)
    assert set(body_opened) == {"incident", "call", "response", "victims", "assessments", "cases", "outcomes", "crime_classifications", "at_same_place", "possible_breaches"}, sorted(body_opened)
    assert len(body_opened["cases"]) == 1 and body_opened["cases"][0]["owner"]["display_name"], body_opened["cases"]
    assert body_opened["incident"]["reference"] == record["incident"]["reference"]

    # act / check: the briefing
    briefing = officer.get(f"{base_url}/api/v1/incidents/{incident_id}/briefing", timeout=30)
    assert briefing.status_code == 200, briefing.text[:500]
    brief = validate_against_openapi(openapi, briefing)
    victims = [p for p in brief["people"] if p["role"] == "victim"]
    assert [p["person"]["id"] for p in victims] == [victim["id"]], brief["people"]
    assert victims[0]["history"], f"the briefing shows no history for a victim with {victim['incident_count']} incident(s)"
    assert all(h["id"] != incident_id for h in victims[0]["history"]), "the briefing's history includes the incident itself"
    assert "status" in victims[0], "a victim in the briefing has no repeat/vulnerable status"
    suspects = [p for p in brief["people"] if p["role"] == "suspect"]
    assert suspects and "status" not in suspects[0], suspects

    # check: unknown incidents are 404 problems the document describes
    for path in ("", "/briefing"):
        missing = officer.get(f"{base_url}/api/v1/incidents/no-such-incident{path}", timeout=30)
        assert missing.status_code == 404, f"{path or 'record'}: {missing.status_code}"
        validate_against_openapi(openapi, missing)


def test_supervisor_sees_flag_on_live_queue_and_acknowledges_it(sessions, base_url, openapi):
    """A potentially high-risk call is on the control-room supervisor's live queue until acknowledged; dispatch and
    arrival are recorded against it."""
    # setup
    handler, supervisor, officer = sessions["handler"], sessions["crsupervisor"], sessions["officer"]
    record = open_incident(handler, base_url, openapi, call_body([
        {"role": "victim", "new_person": new_person("Wren", "Queue-Testperson", "1991-03-04") | {"sex": "female"}},
    ], handler_concern=True))
    incident_id = record["incident"]["id"]
    assert record["response"]["potential_high_risk"] is True, record["response"]

    # act / check: the queue
    queue = supervisor.get(f"{base_url}/api/v1/control-room/queue", timeout=30)
    assert queue.status_code == 200, queue.text[:500]
    alerts = validate_against_openapi(openapi, queue)["alerts"]
    ours = [a for a in alerts if a["incident_id"] == incident_id]
    assert [a["kind"] for a in ours] == ["potential_high_risk"], ours
    assert "concern" in ours[0]["detail"].lower(), ours[0]

    # check: only a supervisor sees the queue or acknowledges
    for session in (handler, officer):
        refused = session.get(f"{base_url}/api/v1/control-room/queue", timeout=30)
        assert refused.status_code == 403
        validate_against_openapi(openapi, refused)
    refused = handler.post(f"{base_url}/api/v1/incidents/{incident_id}/high-risk/acknowledge", timeout=30)
    assert refused.status_code == 403
    validate_against_openapi(openapi, refused)

    # act: acknowledge
    acknowledged = supervisor.post(f"{base_url}/api/v1/incidents/{incident_id}/high-risk/acknowledge", timeout=30)

    # check
    assert acknowledged.status_code == 200, acknowledged.text[:500]
    response = validate_against_openapi(openapi, acknowledged)
    assert response["high_risk_acknowledged_by"] == "crsupervisor" and "high_risk_acknowledged_at" in response, response
    after = validate_against_openapi(openapi, supervisor.get(f"{base_url}/api/v1/control-room/queue", timeout=30))["alerts"]
    assert not [a for a in after if a["incident_id"] == incident_id and a["kind"] == "potential_high_risk"], after
    again = supervisor.post(f"{base_url}/api/v1/incidents/{incident_id}/high-risk/acknowledge", timeout=30)
    assert again.status_code == 422, again.text[:300]
    validate_against_openapi(openapi, again)

    # act / check: dispatch (empty body), a future arrival refused naming `at`, then arrival
    dispatched = officer.post(f"{base_url}/api/v1/incidents/{incident_id}/dispatch", timeout=30)
    assert dispatched.status_code == 200, dispatched.text[:500]
    assert "dispatched_at" in validate_against_openapi(openapi, dispatched)
    future = (datetime.now(timezone.utc) + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    early = officer.post(f"{base_url}/api/v1/incidents/{incident_id}/arrival", json={"at": future}, timeout=30)
    assert early.status_code == 422, early.text[:300]
    assert "at" in problem_fields(validate_against_openapi(openapi, early))
    arrived = officer.post(f"{base_url}/api/v1/incidents/{incident_id}/arrival", json={}, timeout=30)
    assert arrived.status_code == 200, arrived.text[:500]
    response = validate_against_openapi(openapi, arrived)
    assert "arrived_at" in response and "dispatched_at" in response, response
    twice = officer.post(f"{base_url}/api/v1/incidents/{incident_id}/dispatch", timeout=30)
    assert twice.status_code == 422
    assert "event" in problem_fields(validate_against_openapi(openapi, twice))


def test_scheduled_appointment_needs_a_real_reason_and_a_supervisor(sessions, base_url, openapi):
    """A bare "suspect has left" is not a reason to lower the grade; a reason of substance puts the request on the
    queue, the recommended grade standing, until a control-room supervisor authorises it."""
    # setup: a quiet call from a first-time victim, graded priority
    handler, supervisor = sessions["handler"], sessions["crsupervisor"]
    record = open_incident(handler, base_url, openapi, call_body([
        {"role": "victim", "new_person": new_person("Ottilie", "Grade-Testperson", "1979-11-12") | {"sex": "female"}},
    ]))
    incident_id = record["incident"]["id"]
    assert record["response"]["grade"] == "priority" and record["response"]["potential_high_risk"] is False, record["response"]
    grade_url = f"{base_url}/api/v1/incidents/{incident_id}/grade"
    appointment = (datetime.now(timezone.utc) + timedelta(days=1)).strftime("%Y-%m-%dT10:00")

    # act / check: "suspect has left" on its own
    weak = handler.post(grade_url, json={"grade": "scheduled", "reason": "suspect has left", "appointment_at": appointment}, timeout=30)
    assert weak.status_code == 422, weak.text[:300]
    assert "reason" in problem_fields(validate_against_openapi(openapi, weak))

    # act / check: no appointment time for a scheduled appointment
    timeless = handler.post(grade_url, json={"grade": "scheduled", "reason": "Victim staying with her sister in Leeds tonight"}, timeout=30)
    assert timeless.status_code == 422
    assert "appointment_at" in problem_fields(validate_against_openapi(openapi, timeless))

    # act: a reason of substance
    reason = "Suspect has left; victim is staying with her sister in Leeds tonight and asks for an appointment tomorrow"
    requested = handler.post(grade_url, json={"grade": "scheduled", "reason": reason, "appointment_at": appointment}, timeout=30)

    # check: waiting, the priority grade still in force, and on the queue
    assert requested.status_code == 200, requested.text[:500]
    response = validate_against_openapi(openapi, requested)
    assert response["grade"] == "priority", response
    assert response["pending"]["grade"] == "scheduled" and response["pending"]["requested_by"] == "handler", response
    queue = validate_against_openapi(openapi, supervisor.get(f"{base_url}/api/v1/control-room/queue", timeout=30))["alerts"]
    assert "authorisation_needed" in [a["kind"] for a in queue if a["incident_id"] == incident_id], queue

    # check: a call handler may not decide; a decision must be authorise or refuse
    decision_url = f"{base_url}/api/v1/incidents/{incident_id}/grade/decision"
    not_theirs = handler.post(decision_url, json={"decision": "authorise"}, timeout=30)
    assert not_theirs.status_code == 403
    validate_against_openapi(openapi, not_theirs)
    unknown = supervisor.post(decision_url, json={"decision": "maybe"}, timeout=30)
    assert unknown.status_code == 422
    assert "decision" in problem_fields(validate_against_openapi(openapi, unknown))

    # act: the supervisor authorises
    authorised = supervisor.post(decision_url, json={"decision": "authorise", "note": "Agreed with the victim"}, timeout=30)

    # check
    assert authorised.status_code == 200, authorised.text[:500]
    response = validate_against_openapi(openapi, authorised)
    assert response["grade"] == "scheduled" and "pending" not in response, response
    assert "appointment_at" in response and "target_at" not in response, response
    outcomes = [d["outcome"] for d in response["decisions"]]
    assert outcomes[-2:] == ["requested", "authorised"], outcomes
    assert response["decisions"][-1]["by_username"] == "crsupervisor"
    nothing_waiting = supervisor.post(decision_url, json={"decision": "authorise"}, timeout=30)
    assert nothing_waiting.status_code == 422
    validate_against_openapi(openapi, nothing_waiting)


def test_bad_call_is_a_problem_naming_every_field_and_writes_nothing(sessions, base_url, openapi):
    """An empty call, or one with a bad choice and a bad new party, is a 422 problem that names each field."""
    handler = sessions["handler"]

    # act / check: nothing sent
    empty = handler.post(f"{base_url}/api/v1/incidents", json={}, timeout=30)
    assert empty.status_code == 422, empty.text[:300]
    fields = problem_fields(validate_against_openapi(openapi, empty))
    expected = {"channel", "relationship", "parties", "immediate_danger", "suspect_location", "injuries", "weapons", "children_present", "fear"}
    assert expected <= fields, f"missing {sorted(expected - fields)} in {sorted(fields)}"

    # act / check: a wrong channel and a new suspect with no surname
    parties = [
        {"role": "victim", "new_person": new_person("Ida", "Nowritetestperson", "1990-01-01")},
        {"role": "suspect", "new_person": {"first_name": "Nameless", "surname": ""}},
    ]
    bad = handler.post(f"{base_url}/api/v1/incidents", json=call_body(parties, channel="fax"), timeout=30)
    assert bad.status_code == 422, bad.text[:300]
    fields = problem_fields(validate_against_openapi(openapi, bad))
    assert {"channel", "parties[1].surname"} <= fields, sorted(fields)

    # check: nothing was written — once corrected, the call creates the victim's only record
    parties[1]["new_person"]["surname"] = "Unknown"
    open_incident(handler, base_url, openapi, call_body(parties))
    found = sessions["officer"].get(f"{base_url}/api/v1/people", params={"name": "Ida Nowritetestperson"}, timeout=30)
    assert found.status_code == 200, found.text[:300]
    assert len(json_body(found)["results"]) == 1, f"the refused call also created a record: {json_body(found)['results']}"


def test_partner_agency_may_not_record_calls(sessions, base_url, openapi):
    """A partner agency may not record a call or see the live queue; no token at all is 401."""
    body = call_body([{"role": "victim", "new_person": new_person("Pia", "Partner-Testperson", "1988-02-02")}])

    refused = sessions["partner"].post(f"{base_url}/api/v1/incidents", json=body, timeout=30)
    assert refused.status_code == 403, refused.text[:300]
    validate_against_openapi(openapi, refused)
    queue = sessions["partner"].get(f"{base_url}/api/v1/control-room/queue", timeout=30)
    assert queue.status_code == 403
    validate_against_openapi(openapi, queue)

    anonymous = requests.post(f"{base_url}/api/v1/incidents", json=body, timeout=30)
    assert anonymous.status_code == 401
    validate_against_openapi(openapi, anonymous)
