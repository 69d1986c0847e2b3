import Foundation

/// A positive requirement of a domestic abuse protection order (rule 25: a DAPO may require him to do something —
/// attend a perpetrator programme, wear a tag — not only forbid), with its own due date and whether he complied.
public struct OrderRequirement: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        case pending, complied
        case notComplied = "not_complied"
        public var label: String {
            switch self {
            case .pending: "Not yet due or not yet checked"
            case .complied: "Complied"
            case .notComplied: "Not complied with"
            }
        }
    }
    public var id: String
    public var orderID: String
    public var text: String
    public var dueOn: String
    public var status: Status
    /// What was found when compliance was checked.
    public var note: String?
    public var checkedBy: String?
    public var checkedAt: Date?
    public var recordedBy: String
    public var recordedAt: Date
    public init(
        id: String, orderID: String, text: String, dueOn: String, status: Status = .pending, note: String? = nil, checkedBy: String? = nil,
        checkedAt: Date? = nil, recordedBy: String, recordedAt: Date
    ) {
        self.id = id
        self.orderID = orderID
        self.text = text
        self.dueOn = dueOn
        self.status = status
        self.note = note
        self.checkedBy = checkedBy
        self.checkedAt = checkedAt
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
    }

    /// Due and not yet checked on `today` (YYYY-MM-DD): someone must find out whether he did it.
    public func overdue(on today: String) -> Bool { status == .pending && dueOn < today }
}

/// Rule 25's requirement rules: only a DAPO carries positive requirements; each says what and by when; a finding of
/// non-compliance says what was found.
public enum OrderRequirementRules {
    public static func check(text raw: String?, dueOn rawDue: String?, order: ProtectiveOrder) throws -> (text: String, dueOn: String) {
        var errors: [FieldError] = []
        if order.kind != .dapo {
            errors.append(FieldError("text", "Only a domestic abuse protection order carries positive requirements; record the terms on the order."))
        }
        if order.endedOn != nil { errors.append(FieldError("text", "This order has ended.")) }
        let text = trimmedNonEmpty(raw)
        if text == nil { errors.append(FieldError("text", "Say what he is required to do (for example, attend a perpetrator programme).")) }
        if let text, let problem = TextInput.textProblem(text, limit: InputLimits.line) { errors.append(FieldError("text", problem)) }
        let due = trimmedNonEmpty(rawDue).flatMap(CalendarDate.normalise)
        if due == nil { errors.append(FieldError("due_on", "Give the day it must be done by, like 2027-01-31.")) }
        if let due, due < order.startsOn { errors.append(FieldError("due_on", "must not be before the order started (\(order.startsOn)).")) }
        guard errors.isEmpty, let text, let due else { throw DomainError.invalid(errors) }
        return (text, due)
    }

    public static func check(status raw: String?, note rawNote: String?) throws -> (status: OrderRequirement.Status, note: String?) {
        var errors: [FieldError] = []
        let status: OrderRequirement.Status? = choice(raw, "status", &errors, what: "whether he complied")
        if status == .pending { errors.append(FieldError("status", "Record complied or not complied with.")) }
        let note = trimmedNonEmpty(rawNote)
        if status == .notComplied && note == nil { errors.append(FieldError("note", "Say what he did not do: it is recorded as a breach of the order.")) }
        if let note, let problem = TextInput.textProblem(note, limit: InputLimits.line) { errors.append(FieldError("note", problem)) }
        guard errors.isEmpty, let status else { throw DomainError.invalid(errors) }
        return (status, note)
    }
}

extension SafeguardService {
    /// Adds a positive requirement to a DAPO, with its due date (rule 25). Audited.
    public func addOrderRequirement(_ actor: Actor, orderID: String, text: String?, dueOn: String?) async throws -> OrderRequirement {
        try actor.require(.recordCustody)
        let now = clock.now()
        return try await repositories.transaction { tx in
            guard let order = try await tx.orders.find(id: orderID) else { throw DomainError.notFound(kind: "order", id: orderID) }
            let checked = try OrderRequirementRules.check(text: text, dueOn: dueOn, order: order)
            let requirement = OrderRequirement(
                id: Self.newID(at: now), orderID: orderID, text: checked.text, dueOn: checked.dueOn, recordedBy: actor.user.username, recordedAt: now)
            try await tx.orders.addRequirement(requirement, byUserID: actor.user.id)
            try await tx.audit.append(
                AuditEntry(at: now, user: actor.user, action: .recordOrder, recordType: "order", recordID: orderID, detail: "requirement \(requirement.id)"))
            return requirement
        }
    }

    /// Records whether he complied with a requirement. Not complied with is a breach of the order: it is recorded on
    /// the order and fires its breach triggers (reassess, review, tell her). Returns the requirement and tasks set.
    public func recordRequirementCompliance(_ actor: Actor, requirementID: String, status: String?, note: String?) async throws -> (
        requirement: OrderRequirement, tasks: [CaseTask]
    ) {
        try actor.require(.recordCustody)
        let checked = try OrderRequirementRules.check(status: status, note: note)
        let now = clock.now()
        return try await repositories.transaction { tx in
            guard var requirement = try await tx.orders.requirement(id: requirementID) else {
                throw DomainError.notFound(kind: "order requirement", id: requirementID)
            }
            guard requirement.status == .pending else { throw DomainError.conflict("Compliance with this requirement is already recorded.") }
            (requirement.status, requirement.note, requirement.checkedBy, requirement.checkedAt) = (checked.status, checked.note, actor.user.username, now)
            guard try await tx.orders.updateRequirement(requirement) else {
                throw DomainError.conflict("Compliance with this requirement is already recorded.")
            }
            try await tx.audit.append(
                AuditEntry(
                    at: now, user: actor.user, action: .recordOrder, recordType: "order", recordID: requirement.orderID,
                    detail: "requirement \(requirement.id) \(checked.status.rawValue)"))
            guard checked.status == .notComplied, let order = try await tx.orders.find(id: requirement.orderID) else { return (requirement, []) }
            let event = OrderEvent(
                id: Self.newID(at: now), orderID: order.id, kind: .breached, at: now,
                note: "Positive requirement not complied with — \(requirement.text) (due \(requirement.dueOn)): \(checked.note ?? "")",
                recordedBy: actor.user.username, recordedAt: now)
            let updated = order.applying(event)
            guard try await tx.orders.record(event, byUserID: actor.user.id, order: updated, expectedVersion: order.version) else {
                throw DomainError.conflict("Someone else recorded something on this order just now; record it again.")
            }
            return (requirement, try await self.fireOrderTriggers(tx, order: updated, event: event, at: now))
        }
    }
}
