import Foundation
import SafeguardDomain
import Testing

/// Rule 3's officer-safety warnings as checks, without a database.
@Suite("Warning rules")
struct WarningRulesTests {
    @Test("Rule 3: a warning needs a kind from the policy's list and a note; its last day, if any, is a date not yet passed")
    func rule3WarningNeedsKindNoteAndDate() throws {
        let kinds = ForcePolicy().warningKinds
        #expect(kinds.contains("firearms") && !kinds.contains(Marker.refuge))
        let checked = try WarningRules.check(
            WarningDraft(kind: "Firearms", note: "Shotgun certificate holder", expiresOn: "2027-01-31"), kinds: kinds, today: "2026-12-06")
        #expect(checked.kind == "firearms" && checked.expiresOn == "2027-01-31")
        do {
            _ = try WarningRules.check(WarningDraft(kind: "refuge", note: "no", expiresOn: "2026-12-05"), kinds: kinds, today: "2026-12-06")
            Issue.record("should have been refused")
        } catch DomainError.invalid(let errors) {
            #expect(errors.map(\.field) == ["kind", "note", "expires_on"])
        }
        #expect(throws: DomainError.self) {
            try WarningRules.check(WarningDraft(kind: nil, note: "Dogs loose in the garden"), kinds: kinds, today: "2026-12-06")
        }
        #expect(throws: DomainError.self) { try WarningRules.checkEnd("  ") }
        #expect(try WarningRules.checkEnd("Certificate revoked, guns seized") == "Certificate revoked, guns seized")
    }

    @Test("Rule 34: a warning ended or past its last day no longer warns, but is still there to read")
    func rule34EndedWarningIsKeptButInactive() {
        var warning = Marker(kind: "dogs", detail: "Two dogs loose in the garden", expiresOn: "2026-12-31")
        #expect(warning.isActive(on: "2026-12-31"))
        #expect(!warning.isActive(on: "2027-01-01"))
        warning.expiresOn = nil
        warning.endedAt = Date(timeIntervalSince1970: 0)
        #expect(!warning.isActive(on: "2026-12-06"))
        #expect([warning].active(on: "2026-12-06").isEmpty)
    }
}
