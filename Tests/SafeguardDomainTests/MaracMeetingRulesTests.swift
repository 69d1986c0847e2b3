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

    @Test("Rule 21: each area holds its own MARAC — it hears its area's referrals; a referral or meeting with no area is heard anywhere")
    func rule21EachAreaHearsItsOwnReferrals() throws {
        let areas = [Area(id: "a-n", code: "NTH", name: "Northern", postcodes: ["PR"]), Area(id: "a-s", code: "STH", name: "Southern", postcodes: ["BB"])]
        var north = Self.meeting
        north.areaID = "a-n"
        func referral(_ area: String?) -> MaracReferral {
            MaracReferral(
                id: "r", caseID: "c", caseReference: "CASE-1", victimPersonID: "v", perpetratorIDs: [], criteria: [.professionalJudgement],
                referringAgency: .police, research: "r", referredBy: "das", referredAt: Date(timeIntervalSince1970: 0), isRepeat: false,
                repeatWindowEnds: Date(timeIntervalSince1970: 0), areaID: area)
        }
        #expect(MaracMeetingRules.hears(referral("a-n"), at: north) && !MaracMeetingRules.hears(referral("a-s"), at: north))
        #expect(MaracMeetingRules.hears(referral(nil), at: north) && MaracMeetingRules.hears(referral("a-s"), at: Self.meeting))
        // Where she lives decides; else her case owner's area; else the referrer's.
        #expect(MaracRules.area(victimPostcode: "BB2 1AA", ownerAreaID: "a-n", referrerAreaID: nil, areas: areas) == "a-s")
        #expect(MaracRules.area(victimPostcode: nil, ownerAreaID: "a-n", referrerAreaID: "a-s", areas: areas) == "a-n")
        #expect(MaracRules.area(victimPostcode: "ZZ1 1ZZ", ownerAreaID: nil, referrerAreaID: "a-s", areas: areas) == "a-s")
        // A meeting names its area, or takes the coordinator's; a force with areas must have one; one with none is force-wide.
        #expect(try MaracMeetingRules.area(code: "sth", own: "a-n", areas: areas) == "a-s")
        #expect(try MaracMeetingRules.area(code: nil, own: "a-n", areas: areas) == "a-n")
        #expect(try MaracMeetingRules.area(code: nil, own: nil, areas: []) == nil)
        #expect(throws: DomainError.self) { try MaracMeetingRules.area(code: "XYZ", own: "a-n", areas: areas) }
        #expect(throws: DomainError.self) { try MaracMeetingRules.area(code: nil, own: nil, areas: areas) }
        #expect(!MaracMeetingRules.sameMarac("a-n", "a-s") && MaracMeetingRules.sameMarac("a-n", nil) && MaracMeetingRules.sameMarac("a-s", "a-s"))
    }

    @Test("Rule 21: cases per 10,000 adult women — each MARAC's own population from policy, the force's its own or the areas' sum")
    func rule21RatePerAreaPopulation() {
        let areas = [Area(id: "a-n", code: "NTH", name: "Northern"), Area(id: "a-s", code: "STH", name: "Southern")]
        var policy = ForcePolicy()
        policy.adultWomenByArea = ["NTH": 50_000, "STH": 30_000]
        #expect(MaracFigureRules.adultWomen(area: areas[0], areas: areas, policy: policy) == 50_000)
        #expect(MaracFigureRules.adultWomen(area: nil, areas: areas, policy: policy) == 80_000)
        policy.adultWomenPopulation = 90_000
        #expect(MaracFigureRules.adultWomen(area: nil, areas: areas, policy: policy) == 90_000)
        policy.adultWomenPopulation = nil
        policy.adultWomenByArea = ["NTH": 50_000]
        #expect(MaracFigureRules.adultWomen(area: nil, areas: areas, policy: policy) == nil)
        #expect(MaracFigureRules.adultWomen(area: areas[1], areas: areas, policy: policy) == nil)
        // 20 referrals in a 365-day year among 50,000: 4.0 per 10,000 a year; no population, no rate.
        #expect(MaracFigureRules.per10kWomenPerYear(20, women: 50_000, days: 365) == 4.0)
        #expect(MaracFigureRules.per10kWomenPerYear(20, women: nil, days: 365) == nil)
        policy.adultWomenByArea = ["NTH": 0]
        #expect(throws: DomainError.self) { try policy.validate() }
    }
}
