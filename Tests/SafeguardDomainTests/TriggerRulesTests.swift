import Foundation
import SafeguardDomain
import Testing

/// Issue 5's triggers as pure rules on a fixed clock.
@Suite("Custody triggers: the rules")
struct TriggerRulesTests {
    /// Friday 20 November 2026, 17:00 UTC (17:00 in London in November).
    static let friday = Date(timeIntervalSince1970: 1_795_194_000)

    static func event(_ kind: CustodyEvent.Kind, at: Date = friday) -> CustodyEvent {
        CustodyEvent(
            id: "e", suspectPersonID: "s", incidentID: nil, kind: kind, at: at, conditions: kind.needsConditions ? "Not to contact her" : nil,
            endsOn: nil, note: nil, recordedBy: "pc", recordedAt: friday)
    }

    @Test("A release re-opens risk: reassess and review within 24 hours; tell the victim within 1 working day — over a weekend, and a bank holiday")
    func releaseTriggersWithWorkingDayDeadline() {
        let tasks = TriggerRules.tasks(for: Self.event(.policeBail), caseReference: "SG-2026-000001", policy: ForcePolicy(), now: Self.friday)
        #expect(tasks.map(\.kind) == [.reassessRisk, .safetyPlanReview, .tellVictim])
        #expect(tasks[0].dueAt == Self.friday.addingTimeInterval(24 * 3600))
        #expect(tasks[2].dueAt == Self.friday.addingTimeInterval(3 * 86_400))  // Monday 17:00
        #expect(tasks[2].title.contains("bail conditions"))
        var policy = ForcePolicy()
        policy.bankHolidays = ["2026-11-23"]
        let holiday = TriggerRules.tasks(for: Self.event(.releasedNoCharge), caseReference: "SG", policy: policy, now: Self.friday)
        #expect(holiday.last?.dueAt == Self.friday.addingTimeInterval(4 * 86_400))  // Tuesday 17:00
    }

    @Test(
        "An arrest or an interview only asks that the victim be told; charge, a court's result and sentence are reassessment points; an expected prison release asks for the plan and the victim weeks ahead"
    )
    func entitlementsAndPrisonRelease() {
        for kind in [CustodyEvent.Kind.arrest, .interview] {
            #expect(TriggerRules.tasks(for: Self.event(kind), caseReference: "SG", policy: ForcePolicy(), now: Self.friday).map(\.kind) == [.tellVictim])
        }
        for kind in [CustodyEvent.Kind.charged, .courtResult, .sentenced, .remanded] {
            let tasks = TriggerRules.tasks(for: Self.event(kind), caseReference: "SG", policy: ForcePolicy(), now: Self.friday).map(\.kind)
            #expect(tasks == (kind == .remanded ? [.tellVictim] : [.reassessRisk, .safetyPlanReview, .tellVictim]), "\(kind)")
        }
        for kind in [CustodyEvent.Kind.releasedUnderInvestigation, .courtBail, .prisonReleased] {
            #expect(
                TriggerRules.tasks(for: Self.event(kind), caseReference: "SG", policy: ForcePolicy(), now: Self.friday).map(\.kind)
                    == [.reassessRisk, .safetyPlanReview, .tellVictim], "\(kind)")
        }
        let release = Self.friday.addingTimeInterval(60 * 86_400)
        let expected = TriggerRules.tasks(for: Self.event(.prisonReleaseExpected, at: release), caseReference: "SG", policy: ForcePolicy(), now: Self.friday)
        #expect(expected.map(\.kind) == [.safetyPlanReview, .tellVictim])
        #expect(expected.allSatisfy { $0.dueAt == release.addingTimeInterval(-14 * 86_400) })
        let soon = TriggerRules.tasks(
            for: Self.event(.prisonReleaseExpected, at: Self.friday.addingTimeInterval(3 * 86_400)), caseReference: "SG",
            policy: ForcePolicy(), now: Self.friday)
        #expect(soon.allSatisfy { $0.dueAt == Self.friday })
    }

    @Test("His release reaches every victim of his; his arrest or charge on another woman's matter tells only her")
    func otherVictimsHearOfReleasesOnly() {
        #expect(TriggerRules.tasks(for: Self.event(.arrest), caseReference: "SG", policy: ForcePolicy(), now: Self.friday, caseIsThisMatter: false).isEmpty)
        #expect(TriggerRules.tasks(for: Self.event(.charged), caseReference: "SG", policy: ForcePolicy(), now: Self.friday, caseIsThisMatter: false).isEmpty)
        #expect(
            TriggerRules.tasks(for: Self.event(.courtBail), caseReference: "SG", policy: ForcePolicy(), now: Self.friday, caseIsThisMatter: false).map(\.kind)
                == [.reassessRisk, .safetyPlanReview, .tellVictim])
    }

    @Test("Deadlines run from when the event happened: a release typed in two days late is already overdue")
    func deadlinesRunFromTheEvent() {
        let typedLate = Self.friday.addingTimeInterval(2 * 86_400)
        let tasks = TriggerRules.tasks(for: Self.event(.releasedNoCharge), caseReference: "SG", policy: ForcePolicy(), now: typedLate)
        #expect(tasks.first?.dueAt == Self.friday.addingTimeInterval(24 * 3600))
        #expect(tasks.allSatisfy { $0.dueAt < typedLate.addingTimeInterval(86_400 + 1) })
    }

    @Test("Bail ends when he is remanded, charged or re-bailed on the matter; an arrest leaves it be")
    func bailEndsWhenSuperseded() {
        let bail = ProtectiveOrder(
            id: "b", kind: .policeBail, subjectPersonID: "s", protectedPersonID: "v", terms: "Not to contact her",
            startsOn: "2026-11-01", endsOn: "2026-12-01", incidentID: "i1", recordedBy: "pc", createdAt: Self.friday, history: [])
        func on(_ kind: CustodyEvent.Kind, incident: String?) -> CustodyEvent {
            var event = Self.event(kind)
            event.incidentID = incident
            return event
        }
        #expect(BailRules.ends(bail, by: on(.charged, incident: "i1")))
        #expect(BailRules.ends(bail, by: on(.remanded, incident: "i2")))  // in custody on anything: no bail runs
        #expect(!BailRules.ends(bail, by: on(.charged, incident: "i2")))  // another matter
        #expect(!BailRules.ends(bail, by: on(.arrest, incident: "i1")))
        var court = bail
        court.kind = .courtBail
        #expect(!BailRules.ends(court, by: on(.charged, incident: "i1")))  // court bail outlives a charge
        #expect(BailRules.ends(court, by: on(.sentenced, incident: "i1")))
        var ended = bail
        ended.endedOn = "2026-11-10"
        #expect(!BailRules.ends(ended, by: on(.remanded, incident: nil)))
        let record = BailRules.ending(bail, by: on(.charged, incident: "i1"), id: "x", recordedBy: "pc", at: Self.friday)
        #expect(bail.applying(record).endedOn == "2026-11-20" && record.note?.contains("charged") == true)
    }

    @Test("Bad input: bail needs its conditions, police bail its end date; only an expected release may be in the future")
    func custodyDraftRules() {
        for (draft, fields) in [
            (CustodyDraft(kind: "police_bail"), ["conditions", "ends_on"]),
            (CustodyDraft(kind: "arrest", at: "2030-01-01T10:00"), ["at"]),
            (CustodyDraft(kind: "prison_release_expected"), ["at"]),
            (CustodyDraft(kind: "escaped"), ["kind"])
        ] {
            do {
                _ = try draft.validated(now: Self.friday)
                Issue.record("accepted \(draft)")
            } catch let DomainError.invalid(errors) {
                #expect(errors.map(\.field) == fields)
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
        #expect(throws: Never.self) { try CustodyDraft(kind: "court_bail", conditions: "Not to enter Mill Lane").validated(now: Self.friday) }
    }

    @Test("Rule 18: each date-driven trigger's key is spelt from one definition, exactly as keys already fired were spelt")
    func triggerKeysAreSpeltOnce() {
        let order = ProtectiveOrder(
            id: "o1", kind: .dvpn, subjectPersonID: "s", protectedPersonID: "v", terms: "t", startsOn: "2026-11-01", endsOn: "2026-12-01")
        #expect(TriggerRules.source(ending: order) == "order-ending:o1:2026-12-01")
        #expect(TriggerRules.source(noticeWithoutHearing: order) == "notice-no-hearing:o1")
        var policy = ForcePolicy()
        policy.quietPeriodDays = 90
        let last = Date(timeIntervalSince1970: 1_700_000_000)
        #expect(TriggerRules.source(quiet: "c1", lastContact: last, now: last.addingTimeInterval(200 * 86_400), policy: policy) == "quiet:c1:1700000000:2")
    }
}
