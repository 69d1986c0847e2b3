import Foundation
import SafeguardDomain
import Testing

/// Rule 21's meeting rules as pure rules.
@Suite("MARAC meeting rules")
struct MaracMeetingRulesTests {
    static let meeting = MaracMeeting(
        id: "m1", heldOn: "2026-12-10", chair: "DI Rowe", agencies: [.police, .idva, .housing], scheduledBy: "marac",
        scheduledAt: Date(timeIntervalSince1970: 0))

    @Test("Rule 21: a meeting has a date, a chair and partner agencies at the table — the police always sit at it")
    func rule21MeetingNeedsDateChairAndAgencies() throws {
        let ok = try MaracMeetingRules.check(
            MaracMeetingDraft(heldOn: "10/12/2026", chair: "DI Rowe", agencies: ["idva", "health", "idva"]))
        #expect(ok.heldOn == "2026-12-10" && ok.agencies == [.police, .idva, .health])
        do {
            _ = try MaracMeetingRules.check(MaracMeetingDraft(heldOn: "soon", chair: " ", agencies: ["police"]))
            Issue.record("a meeting with no date, chair or partner was accepted")
        } catch DomainError.invalid(let errors) {
            #expect(Set(errors.map(\.field)) == ["held_on", "chair", "agencies"])
        }
    }

    @Test("Rule 21: an action has an agency at the table, a named owner, what is to be done, and a due date not before the meeting")
    func rule21ActionHasAgencyOwnerAndDueDate() throws {
        let ok = try MaracMeetingRules.check(
            MaracActionDraft(agency: "housing", owner: "Sam Patel", description: "Move her to the safe flat", dueOn: "2026-12-17"), meeting: Self.meeting)
        #expect(ok.agency == .housing && ok.dueOn == "2026-12-17")
        do {
            _ = try MaracMeetingRules.check(MaracActionDraft(agency: "probation", owner: "", description: nil, dueOn: "2026-12-09"), meeting: Self.meeting)
            Issue.record("an action with nothing right was accepted")
        } catch DomainError.invalid(let errors) {
            #expect(Set(errors.map(\.field)) == ["agency", "owner", "description", "due_on"])
        }
    }

    @Test("Rule 21: an action is reported back as done, not possible because circumstances changed, or not done — the last two say why")
    func rule21ActionReportedBack() throws {
        #expect(try MaracMeetingRules.checkStatus("done", note: nil).0 == .done)
        #expect(try MaracMeetingRules.checkStatus("not_possible", note: "She moved out of the area.").0 == .notPossible)
        #expect(throws: DomainError.self) { try MaracMeetingRules.checkStatus("not_done", note: " ") }
        #expect(throws: DomainError.self) { try MaracMeetingRules.checkStatus("forgotten", note: nil) }
        let late = MaracAction(
            id: "a", meetingID: "m1", caseID: "c", caseReference: "CASE-1", agency: .housing, owner: "Sam", description: "d", dueOn: "2026-12-17",
            status: .open, statusNote: nil, updatedBy: "marac", updatedAt: Date(timeIntervalSince1970: 0))
        #expect(late.overdue(on: "2026-12-18") && !late.overdue(on: "2026-12-17"))
    }
}
