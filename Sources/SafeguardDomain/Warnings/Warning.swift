import Foundation

/// What a warning is held on: a person, an address (everyone who goes there) or a phone number (every call from it).
public enum WarningSubjectKind: String, Sendable, Codable, CaseIterable {
    case person, address, phone
}

/// An officer-safety warning (rule 3) on a person, an address or a phone: its kind (a list the force's policy
/// holds), a note, who added it and when, until when it holds, and — once ended — who ended it, when and why.
/// Warnings are never deleted (rule 34): an ended one stays in the record's history and leaves the briefing.
/// (Still named `Marker`, as the briefing and the person record first called it.)
public struct Marker: Sendable, Equatable, Codable {
    /// The kind that marks a refuge: it hides the address, and is never an officer-safety warning anyone adds.
    public static let refuge = "refuge"

    public var id: String
    public var subjectKind: WarningSubjectKind
    /// The person's or address's id, or the phone number as given.
    public var subjectID: String
    public var kind: String
    /// The note: what an officer going there needs to know.
    public var detail: String
    public var addedBy: String?
    public var addedAt: Date?
    /// The last day it holds (`yyyy-MM-dd`), if it was given one.
    public var expiresOn: String?
    public var endedAt: Date?
    public var endedBy: String?
    public var endReason: String?

    public init(
        id: String = "", subjectKind: WarningSubjectKind = .person, subjectID: String = "", kind: String, detail: String, addedBy: String? = nil,
        addedAt: Date? = nil, expiresOn: String? = nil
    ) {
        self.id = id
        self.subjectKind = subjectKind
        self.subjectID = subjectID
        self.kind = kind
        self.detail = detail
        self.addedBy = addedBy
        self.addedAt = addedAt
        self.expiresOn = expiresOn
    }

    /// Whether it still warns on `today` (`yyyy-MM-dd`): not ended, and not past its last day.
    public func isActive(on today: String) -> Bool {
        endedAt == nil && (expiresOn.map { $0 >= today } ?? true)
    }
}

extension [Marker] {
    /// The warnings that still hold on `today`, as the briefing and the handler see them.
    public func active(on today: String) -> [Marker] { filter { $0.isActive(on: today) } }
}
