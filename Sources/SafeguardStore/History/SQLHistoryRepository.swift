import Foundation
import SafeguardDomain
import SQLKit

/// The history import in SQL: staged lines in `history_staging` (keyed, so staging twice stages once), and the
/// incidents, cases, spells, arrests and outcomes they make, written in multi-row INSERTs.
struct SQLHistoryRepository: HistoryRepository {
    let db: any SQLDatabase

    private static let encoder = JSONEncoder()
    private static let decoder = JSONDecoder()

    func stage(_ events: [StagedHistoryEvent]) async throws -> Int {
        guard !events.isEmpty else { return 0 }
        var present = Set<String>()
        let keys = events.map(\.event.key)
        for start in stride(from: 0, to: keys.count, by: 500) {
            let chunk = Array(keys[start..<min(start + 500, keys.count)])
            for row in try await db.raw("SELECT line_key FROM history_staging WHERE line_key IN (\(binds: chunk))").all() {
                present.insert(try row.string("line_key"))
            }
        }
        var rows: [SQLQueryString] = []
        for item in events where present.insert(item.event.key).inserted {
            let body = String(decoding: try Self.encoder.encode(item.event), as: UTF8.self)
            rows.append(
                "(\(bind: item.event.key), \(bind: item.event.kind.rawValue), \(bind: item.event.kind.attachesToIncidentOrRecord ? nil : item.event.victim), \(bind: item.event.at.epoch), \(bind: Int64(item.line)), \(bind: body), \(bind: false))"
            )
        }
        try await insertRows(db, into: "history_staging (line_key, kind, victim, at, line, body, applied)", rows)
        return rows.count
    }

    func pendingVictims(after: String?, limit: Int) async throws -> [String] {
        try await db.raw(
            """
            SELECT DISTINCT victim FROM history_staging WHERE applied = \(bind: false) AND victim IS NOT NULL AND victim > \(bind: after ?? "")
            ORDER BY victim LIMIT \(bind: limit)
            """
        ).all().map { try $0.string("victim") }
    }

    func pendingEvents(victims: [String]) async throws -> [StagedHistoryEvent] {
        guard !victims.isEmpty else { return [] }
        return try await db.raw("SELECT line, body FROM history_staging WHERE applied = \(bind: false) AND victim IN (\(binds: victims))").all().map(
            Self.staged)
    }

    func pendingAttachments(after: String?, limit: Int) async throws -> [StagedHistoryEvent] {
        // Arrests, then outcomes, then warnings ("arrest:…" < "outcome:…" < "warning:…"), each read as one range of its own index: a
        // kind IN (…) with ORDER BY made SQLite sort every waiting line for each chunk.
        var found: [StagedHistoryEvent] = []
        for kind in [HistoryEvent.Kind.arrest, .outcome, .warning] where found.count < limit {
            found += try await db.raw(
                """
                SELECT line, body FROM history_staging WHERE applied = \(bind: false) AND kind = \(bind: kind.rawValue) AND line_key > \(bind: after ?? "")
                ORDER BY line_key LIMIT \(bind: limit - found.count)
                """
            ).all().map(Self.staged)
        }
        return found
    }

    private static func staged(_ row: any SQLRow) throws -> StagedHistoryEvent {
        StagedHistoryEvent(event: try decoder.decode(HistoryEvent.self, from: Data(try row.string("body").utf8)), line: try row.int("line"))
    }

    func place(line1: String, postcode: String, at: Date) async throws -> String {
        try await SQLAddressReader.place(db, line1: line1, town: "", postcode: Postcode.normalise(postcode) ?? postcode, at: at)
    }

    func personIDs(sourceIDs: [String]) async throws -> [String: String] {
        var found: [String: String] = [:]
        for start in stride(from: 0, to: sourceIDs.count, by: 500) {
            let chunk = Array(sourceIDs[start..<min(start + 500, sourceIDs.count)])
            for row in try await db.raw("SELECT id, source_id FROM people WHERE source_id IN (\(binds: chunk))").all() {
                found[try row.string("source_id")] = try row.string("id")
            }
        }
        return found
    }

    func latestCases(personIDs: [String]) async throws -> [String: HistoryCaseWalk.Start] {
        guard !personIDs.isEmpty else { return [:] }
        var latest: [String: (Int64, HistoryCaseWalk.Start)] = [:]
        for row in try await db.raw(
            "SELECT id, victim_person_id, status, risk_level, opened_at, closed_at FROM cases WHERE victim_person_id IN (\(binds: personIDs))"
        ).all() {
            let person = try row.string("victim_person_id"), opened = try row.int64("opened_at")
            let open = try row.choice(SafeguardingCase.Status.self, "status", in: "cases") == .open
            let level: RiskLevel? = try row.optionalString("risk_level") == nil ? nil : try row.choice(RiskLevel.self, "risk_level", in: "cases")
            let start = HistoryCaseWalk.Start(caseID: try row.string("id"), open: open, level: level, closedAt: try row.optionalDate("closed_at"))
            // Her open case if she has one, else the one opened last.
            if let existing = latest[person], existing.1.open || (!open && existing.0 > opened) { continue }
            latest[person] = (opened, start)
        }
        return latest.mapValues(\.1)
    }

    func incidents(refs: [String]) async throws -> [String: (id: String, suspectPersonID: String?)] {
        var found: [String: (id: String, suspectPersonID: String?)] = [:]
        let unique = Array(Set(refs))
        for start in stride(from: 0, to: unique.count, by: 500) {
            let chunk = Array(unique[start..<min(start + 500, unique.count)])
            // Two lookups, each through its own unique index: an OR of the two lists made SQLite scan every incident.
            for column in ["source_ref", "reference"] {
                for row in try await db.raw(
                    """
                    SELECT i.id, \(unsafeRaw: column) AS ref,
                      (SELECT MIN(p.person_id) FROM incident_parties p WHERE p.incident_id = i.id AND p.role = 'suspect') AS suspect
                    FROM incidents i WHERE i.\(unsafeRaw: column) IN (\(binds: chunk))
                    """
                ).all() {
                    let ref = try row.string("ref")
                    if found[ref] == nil { found[ref] = (try row.string("id"), try row.optionalString("suspect")) }
                }
            }
        }
        return found
    }

    func write(incidents: [ImportedIncident], cases: [ImportedCase], owner: User, awaitingOwner: Bool, at: Date) async throws {
        let now = at.epoch
        var caseRows: [SQLQueryString] = [], spans: [SQLQueryString] = [], events: [SQLQueryString] = []
        for c in cases {
            let w = c.walked
            if let reference = c.reference {
                caseRows.append(
                    """
                    (\(bind: c.id), \(bind: reference), \(bind: c.victimPersonID), \(bind: w.isOpen ? "open" : "closed"), \(bind: w.level?.rawValue),
                     \(bind: owner.id), \(bind: w.isOpen && awaitingOwner), \(bind: w.openedAt.epoch), \(bind: w.closedAt?.epoch), 1, \(bind: now))
                    """)
            } else {
                // A case she already had: its state moves on; its open spell ends where the walk's first change began.
                if let ends = w.existingSpellEnds {
                    try await db.raw(
                        """
                        UPDATE case_spans SET to_at = \(bind: ends.epoch), span_class = \(unsafeRaw: CaseSpanClass.sqlText(end: String(ends.epoch)))
                        WHERE case_id = \(bind: c.id) AND to_at IS NULL
                        """
                    ).run()
                }
                try await db.raw(
                    """
                    UPDATE cases SET status = \(bind: w.isOpen ? "open" : "closed"), risk_level = \(bind: w.level?.rawValue),
                      closed_at = \(bind: w.closedAt?.epoch), version = version + 1 WHERE id = \(bind: c.id)
                    """
                ).run()
            }
            for spell in w.spells {
                let spanClass = spell.to.map { CaseSpanClass.of(from: spell.from.epoch, to: $0.epoch) }
                spans.append(
                    "(\(bind: c.id), \(bind: spell.level?.rawValue), \(bind: spell.from.epoch), \(bind: spell.to?.epoch), \(bind: spanClass.map(Int64.init)))")
            }
            events.append(
                "(\(bind: SafeguardService.newID(at: w.openedAt)), \(bind: c.id), 'allocated', NULL, \(bind: owner.id), \(bind: HistoryImportAccount.username), \(bind: now), 'Imported from the force''s records')"
            )
            for e in w.events {
                events.append(
                    "(\(bind: SafeguardService.newID(at: e.at)), \(bind: c.id), \(bind: e.kind.rawValue), NULL, NULL, \(bind: HistoryImportAccount.username), \(bind: e.at.epoch), \(bind: e.note))"
                )
            }
        }
        try await insertRows(
            db,
            into: "cases (id, reference, victim_person_id, status, risk_level, owner_user_id, needs_reallocation, opened_at, closed_at, version, imported_at)",
            caseRows)
        try await insertRows(db, into: "case_spans (case_id, level, from_at, to_at, span_class)", spans)
        try await insertRows(db, into: "case_events (id, case_id, kind, from_user_id, to_user_id, by_username, at, note)", events)

        var incidentRows: [SQLQueryString] = [], parties: [SQLQueryString] = [], links: [SQLQueryString] = []
        let postcodes = incidents.map { i in i.event.postcode.flatMap(Postcode.normalise) ?? i.event.postcode ?? "" }
        let keys = incidents.indices.map { n in SQLAddressBatch.key(line1: incidents[n].event.addressLine, town: "", postcode: postcodes[n]) }
        var places = try await SQLAddressBatch(db, keys: keys)
        for (n, incident) in incidents.enumerated() {
            let e = incident.event
            var addressID: String?
            if e.addressLine != nil || e.postcode != nil {
                addressID = places.place(proposedID: incident.id + "-a", key: keys[n], line1: e.addressLine, town: "", postcode: postcodes[n], epoch: now)
            }
            let ref = e.ref ?? incident.id
            incidentRows.append(
                """
                (\(bind: incident.id), \(bind: ref), \(bind: e.at.epoch), \(bind: e.at.epoch), \(bind: (e.channel ?? .notRecorded).rawValue), \(bind: addressID),
                 \(bind: (e.relationship ?? .notRecorded).rawValue), \(bind: e.abuseTypes.map(\.rawValue).joined(separator: ",")), \(bind: e.crime != nil),
                 'Imported from the force''s records', 1, \(bind: now), \(bind: e.crime?.rawValue), \(bind: ref))
                """)
            parties.append("(\(bind: incident.id), \(bind: incident.victimPersonID), 'victim')")
            if let suspect = incident.suspectPersonID, suspect != incident.victimPersonID {
                parties.append("(\(bind: incident.id), \(bind: suspect), 'suspect')")
            }
            links.append("(\(bind: incident.caseID), \(bind: incident.id))")
        }
        try await insertRows(db, into: SQLAddressBatch.columns, places.rows)
        try await insertRows(
            db,
            into:
                "incidents (id, reference, occurred_at, reported_at, channel, address_id, relationship, abuse_types, is_crime, summary, version, created_at, crime_class, source_ref)",
            incidentRows)
        try await insertRows(db, into: "incident_parties (incident_id, person_id, role)", parties)
        try await insertRows(db, into: "case_incidents (case_id, incident_id)", links)
    }

    func writeAttachments(arrests: [(incidentID: String, suspectPersonID: String, at: Date)], outcomes: [CrimeOutcome], recorder: User, at: Date)
        async throws
    {
        let now = at.epoch
        try await insertRows(
            db, into: "custody_events (id, suspect_person_id, incident_id, kind, at, note, recorded_by, recorded_by_username, recorded_at)",
            arrests.map {
                "(\(bind: SafeguardService.newID(at: $0.at)), \(bind: $0.suspectPersonID), \(bind: $0.incidentID), 'arrest', \(bind: $0.at.epoch), 'Imported from the force''s records', \(bind: recorder.id), \(bind: recorder.username), \(bind: now))"
            })
        try await insertRows(
            db,
            into:
                "crime_outcomes (id, incident_id, suspect_person_id, kind, decided_on, decided_by, reason, authorised_by, recorded_by, recorded_by_username, recorded_at)",
            outcomes.map { o in
                "(\(bind: o.id), \(bind: o.incidentID), \(bind: o.suspectPersonID), \(bind: o.kind.rawValue), \(bind: o.decidedOn), \(bind: o.decidedBy.rawValue), \(bind: o.reason), NULL, \(bind: recorder.id), \(bind: recorder.username), \(bind: o.recordedAt.epoch))"
            })
    }

    func markApplied(keys: [String], problems: [String: String]) async throws {
        for start in stride(from: 0, to: keys.count, by: 500) {
            let chunk = Array(keys[start..<min(start + 500, keys.count)])
            try await db.raw("UPDATE history_staging SET applied = \(bind: true) WHERE line_key IN (\(binds: chunk))").run()
        }
        for (key, problem) in problems {
            try await db.raw("UPDATE history_staging SET problem = \(bind: problem) WHERE line_key = \(bind: key)").run()
        }
    }

    func importAccount(like template: User, at: Date) async throws -> User {
        let users = SQLUserRepository(db: db)
        if let row = try await db.raw("SELECT id FROM users WHERE username = \(bind: template.username)").first(),
            let found = try await users.find(id: try row.string("id"))
        {
            return found
        }
        try await users.create(template, passwordHash: "!", at: at)
        try await users.setAvailability(userID: template.id, available: false)
        return template
    }
}
