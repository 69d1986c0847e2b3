import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeguardDomain
import SafeguardTestSupport
import Testing

@Suite("JSON API", .serialized)
struct APITests {
    @Test("Without a valid bearer token the API answers 401 with a problem body", arguments: TestEngine.available)
    func apiNeedsToken(engine: TestEngine) async throws {
        try await withApp(engine) { _, client in
            var forged = HTTPFields()
            forged[.authorization] = "Bearer sgt_made-up"
            for headers in [HTTPFields(), forged] {
                let response = try await client.execute(uri: "/api/v1/people?name=smith", method: .get, headers: headers)
                #expect(response.status == .unauthorized)
                #expect(response.headers[.contentType] == "application/problem+json")
                #expect(String(buffer: response.body).contains(#""status":401"#))
            }
        }
    }

    @Test("Create, search, open and correct a person over the API", arguments: TestEngine.available)
    func personJourney(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            // setup
            try await store.actor(.callHandler, username: "ch")
            let headers = try await bearer(store, "ch")
            // act
            let created = try await client.execute(
                uri: "/api/v1/people", method: .post, headers: headers,
                body: ByteBuffer(
                    string: """
                        {"first_name":"Maya","surname":"Lindqvist","date_of_birth":"1990-01-02","phones":["+44 7700 900456"],"address_line1":"4 Quay St","postcode":"nb3 9zz"}
                        """))
            let person = try JSONSerialization.jsonObject(with: Data(buffer: created.body)) as? [String: Any]
            let id = person?["id"] as? String ?? ""
            let search = try await client.execute(uri: "/api/v1/people?phone=07700900456", method: .get, headers: headers)
            let view = try await client.execute(uri: "/api/v1/people/\(id)", method: .get, headers: headers)
            let edit = try await client.execute(
                uri: "/api/v1/people/\(id)", method: .put, headers: headers, body: ByteBuffer(string: #"{"surname":"Berg","first_name":"Maya","version":1}"#))
            let stale = try await client.execute(
                uri: "/api/v1/people/\(id)", method: .put, headers: headers, body: ByteBuffer(string: #"{"surname":"Again","version":1}"#))
            // check
            #expect(created.status == .created)
            #expect(created.headers[.location] == "/api/v1/people/\(id)")
            #expect(String(buffer: search.body).contains(id))
            #expect(String(buffer: view.body).contains(#""linked_people":[]"#))
            #expect(edit.status == .ok)
            #expect(String(buffer: edit.body).contains(#""version":2"#))
            #expect(stale.status == .conflict)
            #expect(String(buffer: stale.body).contains(#""field":"version""#))
        }
    }

    @Test("Bad input gets 422 naming each field, and nothing is written", arguments: TestEngine.available)
    func badInputNamesFields(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            try await store.actor(.callHandler, username: "ch")
            let headers = try await bearer(store, "ch")
            let cases: [(String, String)] = [
                (#"{"surname":"X","date_of_birth":"1990-02-31"}"#, "date_of_birth"),
                (#"{"surname":"X","phones":"07700900456"}"#, "phones"),
                (#"{"first_name":"Only"}"#, "surname"),
                ("not json", "body")
            ]
            for (body, field) in cases {
                let response = try await client.execute(uri: "/api/v1/people", method: .post, headers: headers, body: ByteBuffer(string: body))
                #expect(response.status == .unprocessableContent, "\(body)")
                #expect(String(buffer: response.body).contains(#""field":"\#(field)""#), "\(body) → \(String(buffer: response.body))")
            }
            let search = try await client.execute(uri: "/api/v1/people?date_of_birth=1984-02-31", method: .get, headers: headers)
            #expect(search.status == .unprocessableContent)
            #expect(String(buffer: search.body).contains(#""field":"date_of_birth""#))
            #expect(try await store.count("SELECT COUNT(*) AS n FROM people") == 0)
        }
    }

    @Test("Permissions: each role may search people or not, as the domain says", arguments: TestEngine.available)
    func permissionsMatrix(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            for role in Role.allCases {
                let name = "u-" + role.rawValue.replacingOccurrences(of: "_", with: "-")
                _ = try await store.service.createUser(
                    username: name, displayName: role.title, role: role, password: "\(name)-test-password", agency: role == .partnerAgency ? "housing" : nil)
                let headers = try await bearer(store, name)
                let response = try await client.execute(uri: "/api/v1/people?name=smith", method: .get, headers: headers)
                // Roles that look back must say why they search, as they must say why they open a record (rule 33).
                let searches = role.can(.searchPeople) && !role.mustStateReasonToViewPeople
                #expect(response.status == (searches ? .ok : .forbidden), "\(role)")
                if role.can(.searchPeople) && role.mustStateReasonToViewPeople {
                    #expect(String(buffer: response.body).contains("reason-required"), "\(role)")
                    let stated = try await client.execute(uri: "/api/v1/people?name=smith&reason=monthly+problem+profile", method: .get, headers: headers)
                    #expect(stated.status == .ok, "\(role)")
                }
            }
        }
    }

    @Test("An analyst must give a reason to open a record over the API", arguments: TestEngine.available)
    func reasonOverAPI(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            let officer = try await store.actor(.responseOfficer)
            try await store.actor(.analyst, username: "an")
            let person = try await store.service.createPerson(officer, draft: PersonDraft(firstName: "Maya", surname: "Lindqvist"))
            let headers = try await bearer(store, "an")
            let without = try await client.execute(uri: "/api/v1/people/\(person.id)", method: .get, headers: headers)
            let with = try await client.execute(uri: "/api/v1/people/\(person.id)?reason=weekly%20problem%20profile", method: .get, headers: headers)
            #expect(without.status == .forbidden)
            #expect(String(buffer: without.body).contains(#""field":"reason""#))
            #expect(with.status == .ok)
        }
    }

    @Test("The OpenAPI document describes every API route with the statuses it returns", arguments: [TestEngine.sqlite])
    func openAPIDocumentCoversRoutes(engine: TestEngine) async throws {
        try await withApp(engine) { _, client in
            let response = try await client.execute(uri: "/api/openapi.json", method: .get)
            let doc = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
            let paths = doc?["paths"] as? [String: [String: Any]] ?? [:]
            let expected: [(String, String, [String])] = [
                ("/api/v1/me", "get", ["200", "401"]), ("/api/v1/people", "get", ["200", "401", "403", "422"]),
                ("/api/v1/people", "post", ["201", "401", "403", "409", "422"]), ("/api/v1/people/{id}", "get", ["200", "401", "403", "404"]),
                ("/api/v1/people/{id}", "put", ["200", "401", "403", "404", "409", "422"]), ("/api/v1/incidents/{id}", "get", ["200", "401", "403", "404"]),
                ("/health", "get", ["200", "503"]), ("/api/v1/people/match", "post", ["200", "401", "403", "422"]),
                ("/api/v1/people/{id}/links", "post", ["204", "401", "403", "404", "422"])
            ]
            #expect(doc?["openapi"] as? String == "3.1.0")
            for (path, method, statuses) in expected {
                let operation = paths[path]?[method] as? [String: Any]
                let responses = operation?["responses"] as? [String: Any] ?? [:]
                // Every other status (an unknown address, a method it does not take, a body too large, a failure) is the
                // `default` problem document.
                #expect(Set(responses.keys) == Set(statuses + ["default"]), "\(method) \(path)")
            }
            // Unknown fields are refused, and the document says so for every request body.
            let schemas = (doc?["components"] as? [String: Any])?["schemas"] as? [String: [String: Any]] ?? [:]
            for (name, schema) in schemas where name.hasSuffix("Input") {
                #expect(schema["additionalProperties"] as? Bool == false, "\(name)")
            }
        }
    }
}

@Suite("Matching API", .serialized)
struct MatchAPITests {
    @Test(
        "POST /api/v1/people/match ranks candidates with probability and reasons; partners may not; bad input names the field", arguments: TestEngine.available)
    func matchOverAPI(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            // setup
            let handler = try await store.actor(.callHandler, username: "ch")
            try await store.actor(.partnerAgency, username: "idva")
            let person = try await store.service.createPerson(
                handler, draft: PersonDraft(firstName: "Maya", surname: "Lindqvist", dateOfBirth: "1990-01-02", phones: ["07700 900456"]))
            // act
            let found = try await client.execute(
                uri: "/api/v1/people/match", method: .post, headers: try await bearer(store, "ch"),
                body: ByteBuffer(string: #"{"first_name":"Maia","surname":"Lindquist","phone":"+44 7700 900456"}"#))
            let partner = try await client.execute(
                uri: "/api/v1/people/match", method: .post, headers: try await bearer(store, "idva"),
                body: ByteBuffer(string: #"{"surname":"Lindqvist"}"#))
            let bad = try await client.execute(
                uri: "/api/v1/people/match", method: .post, headers: try await bearer(store, "ch"),
                body: ByteBuffer(string: #"{"date_of_birth":"1990-13-01"}"#))
            let empty = try await client.execute(
                uri: "/api/v1/people/match", method: .post, headers: try await bearer(store, "ch"), body: ByteBuffer(string: "{}"))
            // check
            let body = String(buffer: found.body)
            #expect(found.status == .ok)
            #expect(body.contains(person.id))
            #expect(body.contains("same phone number"))
            #expect(body.contains(#""proposed":true"#))
            #expect(partner.status == .forbidden)
            #expect(bad.status == .unprocessableContent)
            #expect(String(buffer: bad.body).contains(#""field":"date_of_birth""#))
            #expect(empty.status == .unprocessableContent)
        }
    }
}
