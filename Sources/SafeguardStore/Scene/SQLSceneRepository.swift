import Foundation
import SafeguardDomain
import SQLKit

/// Scene records in SQL.
struct SQLSceneRepository: SceneRepository {
    let db: any SQLDatabase

    func create(_ s: SceneRecord, byUserID: String) async throws {
        let evidence = String(decoding: try JSONEncoder().encode(s.evidence), as: UTF8.self)
        let actions = String(decoding: try JSONEncoder().encode(s.safetyActions), as: UTF8.self)
        try await db.raw(
            """
            INSERT INTO scene_records (incident_id, evidence, victim_supports_action, counter_allegation, crime_recorded, suspect_identified, arrested,
              no_arrest_rationale, interpreter_needed, interpreter_language, interpreter_kind, interpreter_person_id, safety_actions,
              recorded_by, recorded_by_username, recorded_at)
            VALUES (\(bind: s.incidentID), \(bind: evidence), \(bind: s.victimSupportsAction.rawValue), \(bind: s.counterAllegation),
              \(bind: s.arrest.crimeRecorded), \(bind: s.arrest.suspectIdentified), \(bind: s.arrest.arrested), \(bind: s.arrest.noArrestRationale),
              \(bind: s.interpreter.needed), \(bind: s.interpreter.language), \(bind: s.interpreter.kind?.rawValue), \(bind: s.interpreter.personID),
              \(bind: actions), \(bind: byUserID), \(bind: s.recordedBy), \(bind: s.recordedAt.epoch))
            """
        ).run()
        for child in s.children {
            try await db.raw(
                """
                INSERT INTO scene_children (incident_id, person_id, present, school)
                VALUES (\(bind: s.incidentID), \(bind: child.personID), \(bind: child.present), \(bind: child.school))
                """
            ).run()
        }
    }

    func updateEvidence(_ s: SceneRecord, change: EvidenceChange, byUserID: String) async throws {
        // What is replaced is read inside the same transaction, so the history row holds exactly what was there.
        guard
            let before = try await db.raw(
                """
                SELECT evidence, victim_supports_action, counter_allegation,
                  (SELECT COUNT(*) FROM scene_evidence_changes c WHERE c.incident_id = r.incident_id) AS changes_so_far
                FROM scene_records r WHERE incident_id = \(bind: s.incidentID)
                """
            ).first()
        else { return }
        let changes = String(decoding: try JSONEncoder().encode(change.changes), as: UTF8.self)
        try await db.raw(
            """
            INSERT INTO scene_evidence_changes (incident_id, seq, changed_by, changed_by_username, changed_at, changes, note,
              previous_evidence, previous_supports, previous_counter_allegation)
            VALUES (\(bind: s.incidentID), \(bind: try before.int("changes_so_far") + 1), \(bind: byUserID), \(bind: change.byUsername),
              \(bind: change.at.epoch), \(bind: changes), \(bind: change.note), \(bind: try before.string("evidence")),
              \(bind: try before.string("victim_supports_action")), \(bind: try before.bool("counter_allegation")))
            """
        ).run()
        let evidence = String(decoding: try JSONEncoder().encode(s.evidence), as: UTF8.self)
        try await db.raw(
            """
            UPDATE scene_records SET evidence = \(bind: evidence), victim_supports_action = \(bind: s.victimSupportsAction.rawValue),
              counter_allegation = \(bind: s.counterAllegation)
            WHERE incident_id = \(bind: s.incidentID)
            """
        ).run()
    }

    func find(incidentID: String) async throws -> SceneRecord? {
        try await forIncidents([incidentID])[incidentID]
    }

    func forIncidents(_ ids: [String]) async throws -> [String: SceneRecord] {
        guard !ids.isEmpty else { return [:] }
        var children: [String: [ChildAtScene]] = [:]
        for row in try await db.raw(
            """
            SELECT sc.*, p.first_name, p.surname, p.restricted FROM scene_children sc JOIN people p ON p.id = sc.person_id
            WHERE sc.incident_id IN (\(binds: ids)) ORDER BY p.date_of_birth, p.surname
            """
        ).all() {
            let name = "\(try row.string("first_name")) \(try row.string("surname"))"
            children[try row.string("incident_id"), default: []].append(
                ChildAtScene(
                    personID: try row.string("person_id"), displayName: name, present: try row.bool("present"), school: try row.optionalString("school"),
                    restricted: try row.bool("restricted")))
        }
        var history: [String: [EvidenceChange]] = [:]
        for row in try await db.raw(
            """
            SELECT incident_id, changed_by_username, changed_at, changes, note FROM scene_evidence_changes
            WHERE incident_id IN (\(binds: ids)) ORDER BY incident_id, seq
            """
        ).all() {
            history[try row.string("incident_id"), default: []].append(
                EvidenceChange(
                    at: try row.date("changed_at"), byUsername: try row.string("changed_by_username"),
                    changes: try JSONDecoder().decode([String].self, from: Data(try row.string("changes").utf8)), note: try row.optionalString("note")))
        }
        var scenes: [String: SceneRecord] = [:]
        for row in try await db.raw("SELECT * FROM scene_records WHERE incident_id IN (\(binds: ids))").all() {
            let id = try row.string("incident_id")
            scenes[id] = SceneRecord(
                incidentID: id, children: children[id] ?? [],
                evidence: try JSONDecoder().decode([EvidenceItem: EvidenceAnswer].self, from: Data(try row.string("evidence").utf8)),
                victimSupportsAction: try row.choice(Answer.self, "victim_supports_action", in: "scene_records"),
                counterAllegation: try row.bool("counter_allegation"),
                arrest: ArrestDecision(
                    crimeRecorded: try row.bool("crime_recorded"), suspectIdentified: try row.bool("suspect_identified"),
                    arrested: try row.bool("arrested"), noArrestRationale: try row.optionalString("no_arrest_rationale")),
                interpreter: InterpreterNeed(
                    needed: try row.bool("interpreter_needed"), language: try row.optionalString("interpreter_language"),
                    kind: try row.optionalString("interpreter_kind").flatMap(InterpreterNeed.Kind.init(rawValue:)),
                    personID: try row.optionalString("interpreter_person_id")),
                safetyActions: try JSONDecoder().decode([String].self, from: Data(try row.string("safety_actions").utf8)),
                recordedBy: try row.string("recorded_by_username"), recordedAt: try row.date("recorded_at"), evidenceHistory: history[id] ?? [])
        }
        return scenes
    }
}
