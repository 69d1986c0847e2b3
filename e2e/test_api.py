"""The JSON API: tokens, and bodies that match the OpenAPI document the server publishes."""

from __future__ import annotations

import requests

from conftest import find_person_with_incidents, json_body, validate_against_openapi


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
    validate_against_openapi(openapi, incident)
    assert incident_summary["reference"] in incident.text

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
    from pathlib import Path

    # setup: a small force of its own (the shared server's database is left alone)
    binary = Path(__file__).resolve().parent.parent / ".build" / "debug" / "safeguard"
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
