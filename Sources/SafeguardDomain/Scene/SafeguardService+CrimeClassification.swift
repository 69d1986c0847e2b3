import Foundation

/// One classification of an incident's crime: what it was, what it became, why and by whom (rule 34: corrected with
/// history, never overwritten).
public struct CrimeClassificationChange: Sendable, Equatable, Codable {
    public var from: CrimeClassification?
    public var to: CrimeClassification
    public var reason: String?
    public var by: String
    public var at: Date
}

/// The rule for classifying a crime after the scene: an officer, sergeant, investigator or specialist (whoever works
/// cases) sets it; a change to a classification already given says why.
public enum CrimeClassificationRules {
    public static func check(_ raw: String?, reason: String?, current: CrimeClassification?) throws -> (CrimeClassification, String?) {
        var errors: [FieldError] = []
        let value: CrimeClassification? = choice(raw, "classification", &errors, what: "what crime is recorded")
        let why = trimmedNonEmpty(reason)
        if let why, let problem = TextInput.textProblem(why, limit: InputLimits.line) { errors.append(FieldError("reason", problem)) }
        if current != nil, value != current, (why?.count ?? 0) < 10 {
            errors.append(FieldError("reason", "Say why the classification changes (at least 10 characters): the old one is kept in the history."))
        }
        guard errors.isEmpty, let value else { throw DomainError.invalid(errors) }
        return (value, why)
    }
}

extension SafeguardService {
    /// Classifies (or corrects the classification of) an incident's crime; the incident becomes a recorded crime.
    public func classifyCrime(_ actor: Actor, incidentID: String, classification: String?, reason: String?) async throws -> [CrimeClassificationChange] {
        try actor.require(.workCases)
        let now = clock.now()
        return try await repositories.transaction { tx in
            guard let incident = try await tx.incidents.find(id: incidentID) else { throw DomainError.notFound(kind: "incident", id: incidentID) }
            let (value, why) = try CrimeClassificationRules.check(classification, reason: reason, current: incident.crimeClassification)
            if value != incident.crimeClassification || !incident.isCrime {
                try await tx.incidents.classifyCrime(
                    incidentID: incidentID,
                    change: CrimeClassificationChange(from: incident.crimeClassification, to: value, reason: why, by: actor.user.username, at: now),
                    byUserID: actor.user.id)
                try await tx.audit.append(
                    AuditEntry(
                        at: now, user: actor.user, action: .classifyCrime, recordType: "incident", recordID: incidentID,
                        detail: "\(incident.crimeClassification?.rawValue ?? "none")->\(value.rawValue)"))
            }
            return try await tx.incidents.crimeClassifications(incidentID: incidentID)
        }
    }
}
