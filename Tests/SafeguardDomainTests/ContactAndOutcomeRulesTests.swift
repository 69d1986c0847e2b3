import Foundation
import SafeguardDomain
import Testing

/// Rules 19 and 27 as pure rules: the safe route, the tell-the-victim closure, and the outcomes a crime may have.
@Suite("Safe contact, notifications and outcomes: the rules")
struct ContactAndOutcomeRulesTests {
    static let now = TriggerRulesTests.friday

    static func safe(message: Bool, idva: Bool) -> SafeContact {
        SafeContact(
            personID: "v", safeNumber: "07700900123", safeTimes: "weekdays 10–12", mayLeaveMessage: message, language: nil, viaIDVAOnly: idva,
            notes: nil, updatedBy: "ds", updatedAt: now)
    }

    static func fields(_ body: () throws -> Void) -> [String] {
        do { try body(); return [] } catch let DomainError.invalid(errors) { return errors.map(\.field) } catch { return ["unexpected"] }
    }

    @Test("Rule 19: no message is left where none may be; contact goes through the IDVA where she asked for that")
    func safeContactRoute() {
        #expect(SafeContactRules.refusal(method: .voicemail, team: .police, safe: Self.safe(message: false, idva: false)) != nil)
        #expect(SafeContactRules.refusal(method: .voicemail, team: .police, safe: Self.safe(message: true, idva: false)) == nil)
        #expect(SafeContactRules.refusal(method: .phone, team: .police, safe: Self.safe(message: true, idva: true)) != nil)
        #expect(SafeContactRules.refusal(method: .viaIDVA, team: .police, safe: Self.safe(message: true, idva: true)) == nil)
        #expect(SafeContactRules.refusal(method: .phone, team: .idva, safe: Self.safe(message: true, idva: true)) == nil)
        #expect(SafeContactRules.refusal(method: .phone, team: .police, safe: nil) == nil)
        // With no safe route recorded, nobody knows who else hears her messages.
        #expect(SafeContactRules.refusal(method: .voicemail, team: .police, safe: nil) != nil)
    }

    @Test("Rule 19: a tell-the-victim task closes only with how and when she was told, or why not")
    func tellVictimClosure() throws {
        #expect(Self.fields { _ = try VictimToldDraft().validated(taskTitle: "t", safe: nil, now: Self.now) } == ["told"])
        #expect(Self.fields { _ = try VictimToldDraft(told: "no", note: "no").validated(taskTitle: "t", safe: nil, now: Self.now) } == ["note"])
        #expect(Self.fields { _ = try VictimToldDraft(told: "yes").validated(taskTitle: "t", safe: nil, now: Self.now) } == ["method"])
        #expect(
            Self.fields {
                _ = try VictimToldDraft(told: "yes", method: "voicemail").validated(taskTitle: "t", safe: Self.safe(message: false, idva: false), now: Self.now)
            } == ["method"])
        let told = try VictimToldDraft(told: "yes", method: "phone", at: "2026-11-20T16:30", note: "Told of bail conditions").validated(
            taskTitle: "t", safe: nil, now: Self.now)
        #expect(told.contact?.method == .phone && told.outcome.hasPrefix("Told phone call at 2026-11-20 16:30"))
        let notTold = try VictimToldDraft(told: "no", note: "She has moved to a refuge; IDVA will tell her").validated(taskTitle: "t", safe: nil, now: Self.now)
        #expect(notTold.contact == nil && notTold.outcome.hasPrefix("Not told:"))
    }

    @Test("Bad input: safe-contact details need a UK number (or IDVA only) and an answer on messages")
    func safeContactDraft() {
        #expect(Self.fields { _ = try SafeContactDraft().validated(personID: "v", by: "ds", at: Self.now) } == ["may_leave_message", "safe_number"])
        #expect(
            Self.fields { _ = try SafeContactDraft(safeNumber: "12345", mayLeaveMessage: "no").validated(personID: "v", by: "ds", at: Self.now) } == [
                "safe_number"
            ])
        #expect(Self.fields { _ = try SafeContactDraft(mayLeaveMessage: "no", viaIDVAOnly: "yes").validated(personID: "v", by: "ds", at: Self.now) } == [])
    }

    static func actor(_ role: Role) -> Actor {
        Actor(User(id: "u", username: "u", displayName: "U", role: role))
    }

    @Test("Rule 27: restorative justice is refused for intimate-partner abuse, and needs a supervisor with a reason for family abuse")
    func restorativeJustice() {
        let rj = OutcomeDraft(kind: "restorative_justice", reason: "Both want it; IDVA and sergeant agree it is safe")
        #expect(
            Self.fields { _ = try OutcomeRules.check(rj, isCrime: true, relationship: .exPartner, actor: Self.actor(.sergeant), now: Self.now) } == ["kind"])
        #expect(
            Self.fields { _ = try OutcomeRules.check(rj, isCrime: true, relationship: .sibling, actor: Self.actor(.responseOfficer), now: Self.now) } == [
                "kind"
            ])
        #expect(
            Self.fields {
                _ = try OutcomeRules.check(
                    OutcomeDraft(kind: "restorative_justice"), isCrime: true, relationship: .sibling, actor: Self.actor(.sergeant), now: Self.now)
            } == ["reason"])
        let ok = try? OutcomeRules.check(rj, isCrime: true, relationship: .sibling, actor: Self.actor(.sergeant), now: Self.now)
        #expect(ok?.authorisedBy == "u")
    }

    @Test("Rule 27: a caution for a DA crime goes to a supervisor's review; outcomes are for crimes, dated, not in the future")
    func cautionAndBadInput() {
        #expect(
            (try? OutcomeRules.check(
                OutcomeDraft(kind: "caution", reason: "Admitted; first offence"), isCrime: true, relationship: .intimatePartner,
                actor: Self.actor(.responseOfficer), now: Self.now))?.needsSupervisorReview == true)
        #expect(
            Self.fields {
                _ = try OutcomeRules.check(
                    OutcomeDraft(kind: "charge"), isCrime: false, relationship: .intimatePartner, actor: Self.actor(.responseOfficer), now: Self.now)
            } == ["kind"])
        #expect(
            Self.fields {
                _ = try OutcomeRules.check(
                    OutcomeDraft(kind: "conviction", decidedOn: "2030-01-01"), isCrime: true, relationship: .intimatePartner,
                    actor: Self.actor(.responseOfficer), now: Self.now)
            } == ["decided_on"])
        #expect(
            Self.fields {
                _ = try OutcomeRules.check(
                    OutcomeDraft(kind: "police_nfa"), isCrime: true, relationship: .intimatePartner, actor: Self.actor(.responseOfficer), now: Self.now)
            } == ["reason"])
        #expect(
            (try? OutcomeRules.check(
                OutcomeDraft(kind: "conviction"), isCrime: true, relationship: .intimatePartner, actor: Self.actor(.responseOfficer), now: Self.now))?.decidedBy
                == .court)
    }
}
