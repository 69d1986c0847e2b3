import Foundation

extension Migration {
    /// Rule 10 after the scene, rule 34's history: each later change to a scene's evidence is kept with the values it
    /// replaced, numbered per incident, so what was known when — and when she withdrew her support — is never lost.
    static let m016EvidenceChanges = Migration(version: 16, name: "evidence changes") { _ in
        [
            """
            CREATE TABLE scene_evidence_changes (incident_id TEXT NOT NULL REFERENCES scene_records (incident_id), seq INTEGER NOT NULL,
              changed_by TEXT NOT NULL REFERENCES users (id), changed_by_username TEXT NOT NULL, changed_at BIGINT NOT NULL, changes TEXT NOT NULL,
              note TEXT, previous_evidence TEXT NOT NULL, previous_supports TEXT NOT NULL, previous_counter_allegation BOOLEAN NOT NULL,
              PRIMARY KEY (incident_id, seq))
            """
        ]
    }
}
