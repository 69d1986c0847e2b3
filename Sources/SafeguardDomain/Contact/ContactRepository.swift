import Foundation
import SafeguardMatching

/// Each victim's safe-contact details and her one contact log (rule 19).
public protocol ContactRepository: Sendable {
    /// The newest safe-contact details held for any of these records (one person's linked records).
    func safeContact(forPeople personIDs: [String]) async throws -> SafeContact?
    /// Makes these the current details; the version they replace is kept in the history (rule 34).
    func saveSafeContact(_ safe: SafeContact) async throws
    func add(_ entry: ContactEntry, byUserID: String, at recordedAt: Date) async throws
    /// Every contact with any of these records, newest first.
    func log(forPeople personIDs: [String], limit: Int) async throws -> [ContactEntry]
}
