import Foundation

extension SafeguardService {
    /// Logs a subject access or disclosure request about a person on the day it arrived; it is due a calendar month
    /// later (rule 34). Auditors. Audited against her record, so the access log shows it beside every read of her.
    public func logInformationRequest(_ actor: Actor, draft: InformationRequestDraft) async throws -> InformationRequest {
        try actor.require(.logInformationRequests)
        let now = clock.now()
        let checked = try InformationRequestRules.check(draft, today: CalendarDate.string(now))
        let personID = trimmedNonEmpty(draft.personID) ?? ""
        return try await repositories.transaction { tx in
            guard let person = try await tx.people.find(id: personID) else {
                throw DomainError.invalid([FieldError("person_id", "No person record has the id \(personID).")])
            }
            let request = InformationRequest(
                id: Self.newID(at: now), kind: checked.kind, personID: person.id, personName: person.fullName, requester: checked.requester,
                basis: checked.basis, receivedOn: checked.receivedOn, dueOn: checked.dueOn, status: .open, disclosed: nil, withheld: nil,
                loggedBy: actor.user.username, loggedAt: now, answeredBy: nil, answeredOn: nil)
            try await tx.informationRequests.create(request, byUserID: actor.user.id)
            try await tx.audit.append(
                AuditEntry(
                    at: now, user: actor.user, action: .logInformationRequest, recordType: "person", recordID: person.id,
                    detail: "\(checked.kind.rawValue) request=\(request.id) from \(checked.requester)"))
            return request
        }
    }

    /// Answers a request: what was disclosed (item by item) and what was withheld and why, or a refusal with its
    /// exemption. Audited against her record with what left the force and to whom.
    public func answerInformationRequest(_ actor: Actor, id: String, outcome: String?, disclosed: String?, withheld: String?) async throws
        -> InformationRequest
    {
        try actor.require(.logInformationRequests)
        let now = clock.now()
        return try await repositories.transaction { tx in
            guard var request = try await tx.informationRequests.find(id: id) else { throw DomainError.notFound(kind: "information request", id: id) }
            let (status, gave, kept) = try InformationRequestRules.checkAnswer(outcome: outcome, disclosed: disclosed, withheld: withheld, request: request)
            (request.status, request.disclosed, request.withheld) = (status, gave, kept)
            (request.answeredBy, request.answeredOn) = (actor.user.username, CalendarDate.string(now))
            guard try await tx.informationRequests.answer(request) else { throw DomainError.conflict("Someone answered this request just now; look again.") }
            try await tx.audit.append(
                AuditEntry(
                    at: now, user: actor.user, action: .answerInformationRequest, recordType: "person", recordID: request.personID,
                    detail: "\(status.rawValue) request=\(id) to \(request.requester); disclosed: \(gave ?? "nothing"); withheld: \(kept ?? "nothing")"))
            return request
        }
    }

    /// The request log, newest first (one person's when `personID` is given), and today. Audited.
    public func informationRequests(_ actor: Actor, personID: String? = nil) async throws -> (requests: [InformationRequest], today: String) {
        try actor.require(.logInformationRequests)
        let now = clock.now()
        return try await repositories.transaction { tx in
            let requests = try await tx.informationRequests.all(personID: personID)
            try await tx.audit.append(
                AuditEntry(
                    at: now, user: actor.user, action: .viewInformationRequests, recordType: personID == nil ? nil : "person", recordID: personID,
                    detail: "list=\(requests.count)"))
            return (requests, CalendarDate.string(now))
        }
    }

    /// One request. Audited.
    public func informationRequest(_ actor: Actor, id: String) async throws -> InformationRequest {
        try actor.require(.logInformationRequests)
        let now = clock.now()
        return try await repositories.transaction { tx in
            guard let request = try await tx.informationRequests.find(id: id) else { throw DomainError.notFound(kind: "information request", id: id) }
            try await tx.audit.append(
                AuditEntry(
                    at: now, user: actor.user, action: .viewInformationRequests, recordType: "person", recordID: request.personID, detail: "request=\(id)"))
            return request
        }
    }

    /// The log as CSV.
    public func informationRequestsCSV(_ actor: Actor) async throws -> String {
        let found = try await informationRequests(actor)
        return InformationRequestRules.csv(found.requests, today: found.today)
    }
}
