import Foundation
import SafeguardDomain
import Testing

/// Rule 34's retention rules on their own: which group a record falls in, when it is due, and what blocks disposal.
@Suite("Retention rules")
struct RetentionRulesTests {
    static let day: TimeInterval = 86_400
    static let at = CalendarDate.date("2015-06-01")!

    static func facts(_ parts: [RetentionFacts.Part], born: String? = "1980-01-01", openCase: Bool = false, decisions: [RetentionDecision] = [])
        -> RetentionFacts
    {
        RetentionFacts(
            personID: "p", name: "Test Person", dateOfBirth: born, createdAt: at.addingTimeInterval(-400 * day), parts: parts, openCase: openCase,
            decisions: decisions)
    }

    @Test("Rule 34: the gravest group any part matches decides the review period; the last group takes everyone else")
    func rule34GroupsGravestFirst() {
        let policy = RetentionPolicy()
        let victim = RetentionFacts.Part(role: .victim, occurredAt: Self.at, isCrime: true, crime: .assaultWithIntent)
        let harasser = RetentionFacts.Part(role: .suspect, occurredAt: Self.at, isCrime: true, crime: .harassment)
        let damage = RetentionFacts.Part(role: .suspect, occurredAt: Self.at, isCrime: true, crime: .criminalDamage)
        let strangler = RetentionFacts.Part(role: .suspect, occurredAt: Self.at, isCrime: true, crime: .nonFatalStrangulation)
        #expect(policy.group(for: [victim]).key == "other_records")
        #expect(policy.group(for: [damage]).key == "other_offences")
        #expect(policy.group(for: [damage, harasser]).key == "violent_or_serious")
        #expect(policy.group(for: [damage, harasser, strangler]).key == "certain_public_protection")
        #expect(policy.group(for: []).key == "other_records")
        // A force's own group by outcome: suspects convicted of anything kept twenty years.
        var own = RetentionPolicy()
        own.groups.insert(RetentionGroup(key: "convicted", title: "Convicted", parties: [.suspect], outcomes: [.conviction], reviewYears: 20), at: 0)
        var convicted = damage
        convicted.outcomes = [.charge, .conviction]
        #expect(own.group(for: [convicted]).key == "convicted" && own.group(for: [damage]).key == "other_offences")
    }

    @Test(
        "Rule 34: due a period after the person last came to notice; a retain decision sets the next review; an open case or the group's age rule blocks disposal"
    )
    func rule34DueDatesAndBlocks() throws {
        let policy = RetentionPolicy()
        let part = RetentionFacts.Part(role: .victim, occurredAt: Self.at, isCrime: false)
        var standing = RetentionRules.standing(Self.facts([part]), policy: policy, today: "2021-05-31")
        #expect(standing.lastNoticeOn == "2015-06-01" && standing.dueOn == "2021-06-01" && standing.status == .notDue)
        standing = RetentionRules.standing(Self.facts([part]), policy: policy, today: "2021-06-01")
        #expect(standing.status == .due && standing.disposalBlockedBy.isEmpty)
        let (kind, _, next) = try RetentionRules.checkReview("retain", reason: "Still a risk to her.", standing: standing, today: "2021-06-01")
        #expect(kind == .retain && next == "2027-06-01")
        let retained = RetentionDecision(
            id: "d", personID: "p", number: 1, kind: .retain, group: "other_records", reason: "Still a risk to her.", decidedBy: "a",
            decidedAt: CalendarDate.date("2021-06-01")!, nextReviewOn: next)
        #expect(RetentionRules.standing(Self.facts([part], decisions: [retained]), policy: policy, today: "2024-01-01").status == .notDue)
        // A record imported today with an old history is due by its history, not by the day it was imported.
        var imported = Self.facts([part])
        imported.createdAt = CalendarDate.date("2026-11-30")!
        #expect(RetentionRules.standing(imported, policy: policy, today: "2026-12-01").status == .due)
        // An open case: she is in notice today, and may not be disposed of.
        let open = RetentionRules.standing(Self.facts([part], openCase: true), policy: policy, today: "2030-01-01")
        #expect(open.status == .notDue && !open.disposalBlockedBy.isEmpty)
        // Group 1 without a date of birth: retained only.
        let grave = RetentionFacts.Part(role: .suspect, occurredAt: Self.at, isCrime: true, crime: .sexualOffence)
        let kept = RetentionRules.standing(Self.facts([grave], born: nil), policy: policy, today: "2026-01-01")
        #expect(kept.status == .due && kept.disposalBlockedBy.count == 1)
        #expect(throws: DomainError.self) {
            _ = try RetentionRules.checkReview("mark_for_disposal", reason: "Long quiet now.", standing: kept, today: "2026-01-01")
        }
        // Over 100: group 1 may go.
        let old = RetentionRules.standing(Self.facts([grave], born: "1920-01-01"), policy: policy, today: "2026-01-01")
        #expect(old.disposalBlockedBy.isEmpty)
    }

    @Test("Rule 34: a mark for disposal waits for a second person, and lapses if she comes to notice again")
    func rule34MarkWaitsForSecondPerson() throws {
        let policy = RetentionPolicy()
        let part = RetentionFacts.Part(role: .witness, occurredAt: Self.at, isCrime: false)
        let mark = RetentionDecision(
            id: "m", personID: "p", number: 1, kind: .markForDisposal, group: "other_records", reason: "No purpose now.", decidedBy: "first",
            decidedAt: CalendarDate.date("2022-01-01")!, nextReviewOn: nil)
        let waiting = RetentionRules.standing(Self.facts([part], decisions: [mark]), policy: policy, today: "2022-01-02")
        #expect(waiting.status == .awaitingApproval && waiting.pendingMark == mark)
        #expect(throws: DomainError.self) {
            _ = try RetentionRules.checkApproval(true, reason: "I agree fully.", standing: waiting, by: "first", today: "2022-01-02")
        }
        let (kind, _, _) = try RetentionRules.checkApproval(true, reason: "I agree fully.", standing: waiting, by: "second", today: "2022-01-02")
        #expect(kind == .approveDisposal)
        let (refused, _, next) = try RetentionRules.checkApproval(false, reason: "She called last week.", standing: waiting, by: "second", today: "2022-01-02")
        #expect(refused == .refuseDisposal && next == "2028-01-02")
        let again = RetentionFacts.Part(role: .victim, occurredAt: CalendarDate.date("2022-03-01")!, isCrime: false)
        #expect(RetentionRules.standing(Self.facts([part, again], decisions: [mark]), policy: policy, today: "2022-03-02").status == .notDue)
    }

    @Test("Rule 34: a retention policy must end with a group that takes every record, and give sane periods")
    func rule34PolicyChecked() throws {
        var policy = ForcePolicy()
        policy.retention.groups.removeLast()
        #expect(throws: DomainError.self) { try policy.validate() }
        let json = #"{"retention": {"groups": [{"key": "all", "title": "Everything", "reviewYears": 0}]}}"#
        let decoded = try JSONDecoder().decode(ForcePolicy.self, from: Data(json.utf8))
        #expect(throws: DomainError.self) { try decoded.validate() }
        try ForcePolicy().validate()
    }

    @Test("Rule 34: a request is due a calendar month after it arrived; an answer says what was disclosed or why nothing was")
    func rule34InformationRequestRules() throws {
        #expect(InformationRequestRules.dueOn(received: "2026-01-31") == "2026-02-28")
        #expect(InformationRequestRules.dueOn(received: "2026-03-15") == "2026-04-15")
    }
}
