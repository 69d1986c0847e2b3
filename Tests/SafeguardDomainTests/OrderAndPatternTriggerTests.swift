import Foundation
import SafeguardDomain
import Testing

/// Rules 18 and 25 as pure rules on a fixed clock: orders, notices, endings, new incidents, repeat patterns, quiet victims.
@Suite("Triggers: orders, incidents, patterns and quiet victims")
struct OrderAndPatternTriggerTests {
    static let friday = TriggerRulesTests.friday

    static func order(_ kind: ProtectiveOrder.Kind, endsOn: String? = nil, hearingAt: Date? = nil) -> ProtectiveOrder {
        ProtectiveOrder(
            id: "o1", kind: kind, subjectPersonID: "s", protectedPersonID: "v", terms: "Not to enter Mill Lane", startsOn: "2026-11-20",
            endsOn: endsOn, hearingAt: hearingAt, createdAt: friday)
    }

    static func event(_ kind: OrderEvent.Kind) -> OrderEvent {
        OrderEvent(id: "e1", orderID: "o1", kind: kind, at: friday, note: "x", recordedBy: "pc", recordedAt: friday)
    }

    @Test("Rule 25: an order made asks for the plan and for the victim to be told its terms; a notice also for its court hearing within 48 hours")
    func orderMadeTriggers() {
        let made = TriggerRules.tasks(
            forOrder: Self.order(.nonMolestation), event: Self.event(.made), caseReference: "SG", policy: ForcePolicy(), now: Self.friday)
        #expect(made.map(\.kind) == [.safetyPlanReview, .tellVictim])
        #expect(made[1].dueAt == Self.friday.addingTimeInterval(3 * 86_400))  // one working day: Monday
        let notice = TriggerRules.tasks(forOrder: Self.order(.dvpn), event: Self.event(.made), caseReference: "SG", policy: ForcePolicy(), now: Self.friday)
        #expect(notice.map(\.kind) == [.safetyPlanReview, .tellVictim, .bookCourtHearing])
        #expect(notice[2].dueAt == Self.friday.addingTimeInterval(48 * 3600))
        // The 48 hours run from when the notice was served, not from when it was typed in.
        var served = Self.order(.dvpn)
        served.servedAt = Self.friday.addingTimeInterval(-20 * 3600)
        let late = TriggerRules.tasks(forOrder: served, event: Self.event(.made), caseReference: "SG", policy: ForcePolicy(), now: Self.friday)
        #expect(late.last?.dueAt == Self.friday.addingTimeInterval(28 * 3600))
        // Bail conditions come from the custody record, whose own triggers tell her.
        #expect(
            TriggerRules.tasks(forOrder: Self.order(.policeBail), event: Self.event(.made), caseReference: "SG", policy: ForcePolicy(), now: Self.friday)
                .isEmpty)
    }

    @Test("Rule 25: a breach reassesses her risk within 24 hours; a variation or an ending means she is told and the plan reviewed")
    func orderBreachVariationEnding() {
        let breach = TriggerRules.tasks(
            forOrder: Self.order(.restraining), event: Self.event(.breached), caseReference: "SG", policy: ForcePolicy(), now: Self.friday)
        #expect(breach.map(\.kind) == [.reassessRisk, .safetyPlanReview, .tellVictim])
        #expect(breach[0].dueAt == Self.friday.addingTimeInterval(24 * 3600))
        for kind in [OrderEvent.Kind.varied, .ended] {
            #expect(
                TriggerRules.tasks(forOrder: Self.order(.policeBail), event: Self.event(kind), caseReference: "SG", policy: ForcePolicy(), now: Self.friday)
                    .map(\.kind) == [.safetyPlanReview, .tellVictim])
        }
    }

    @Test("Rule 25: an order or bail ending fires within the notice period, not before, and not once it has ended")
    func orderEndingTrigger() {
        let policy = ForcePolicy()  // 7 days' notice
        #expect(TriggerRules.endingTasks(order: Self.order(.dvpo, endsOn: "2026-12-10"), caseReference: "SG", policy: policy, now: Self.friday) == nil)
        let soon = TriggerRules.endingTasks(order: Self.order(.policeBail, endsOn: "2026-11-25"), caseReference: "SG", policy: policy, now: Self.friday)
        #expect(soon?.map(\.kind) == [.safetyPlanReview, .tellVictim])
        #expect(soon?.allSatisfy { $0.dueAt <= CalendarDate.date("2026-11-25")! } == true)
        var ended = Self.order(.policeBail, endsOn: "2026-11-25")
        ended.endedOn = "2026-11-20"
        #expect(TriggerRules.endingTasks(order: ended, caseReference: "SG", policy: policy, now: Self.friday) == nil)
        #expect(TriggerRules.endingTasks(order: Self.order(.restraining), caseReference: "SG", policy: policy, now: Self.friday) == nil)
    }

    @Test("A DVPN with no court hearing booked within 48 hours fires; with a hearing, or before 48 hours, it does not")
    func noticeWithoutHearing() {
        let made = Self.friday
        let policy = ForcePolicy()
        #expect(
            TriggerRules.noticeWithoutHearingTasks(
                order: Self.order(.dvpn), madeAt: made, caseReference: "SG", policy: policy,
                now: made.addingTimeInterval(47 * 3600)) == nil)
        let lapsed = TriggerRules.noticeWithoutHearingTasks(
            order: Self.order(.dvpn), madeAt: made, caseReference: "SG", policy: policy, now: made.addingTimeInterval(48 * 3600))
        #expect(lapsed?.map(\.kind) == [.reassessRisk, .safetyPlanReview, .tellVictim])
        #expect(
            TriggerRules.noticeWithoutHearingTasks(
                order: Self.order(.dvpn, hearingAt: made.addingTimeInterval(86_400)), madeAt: made, caseReference: "SG",
                policy: policy, now: made.addingTimeInterval(72 * 3600)) == nil)
        #expect(
            TriggerRules.noticeWithoutHearingTasks(
                order: Self.order(.dvpo, endsOn: "2026-12-10"), madeAt: made, caseReference: "SG", policy: policy,
                now: made.addingTimeInterval(72 * 3600)) == nil)
    }

    @Test("Rule 18: a repeat pattern on a standard or medium case — 3 incidents in 12 months by default — reopens the level; never on high")
    func repeatPatternThreshold() {
        let day = 86_400.0
        let two = [Self.friday.addingTimeInterval(-30 * day), Self.friday]
        let three = two + [Self.friday.addingTimeInterval(-200 * day)]
        let old = two + [Self.friday.addingTimeInterval(-400 * day)]
        #expect(TriggerRules.repeatPattern(incidentDates: two, level: .standard, caseReference: "SG", policy: ForcePolicy(), now: Self.friday) == nil)
        #expect(
            TriggerRules.repeatPattern(incidentDates: three, level: .medium, caseReference: "SG", policy: ForcePolicy(), now: Self.friday)?.first?.kind
                == .reassessRisk)
        #expect(TriggerRules.repeatPattern(incidentDates: three, level: nil, caseReference: "SG", policy: ForcePolicy(), now: Self.friday) != nil)
        #expect(TriggerRules.repeatPattern(incidentDates: old, level: .standard, caseReference: "SG", policy: ForcePolicy(), now: Self.friday) == nil)
        #expect(TriggerRules.repeatPattern(incidentDates: three, level: .high, caseReference: "SG", policy: ForcePolicy(), now: Self.friday) == nil)
        var low = ForcePolicy()
        low.repeatPatternIncidents = 2
        #expect(TriggerRules.repeatPattern(incidentDates: two, level: .standard, caseReference: "SG", policy: low, now: Self.friday) != nil)
        // "The threshold must be low": a policy may not set it above five.
        var lax = ForcePolicy()
        lax.repeatPatternIncidents = 9
        #expect(throws: DomainError.self) { try lax.validate() }
    }

    @Test("Lancashire recommendation 9: a repeat victim not heard from for longer than the quiet period is checked on; a one-off victim is not")
    func quietRepeatVictim() {
        let policy = ForcePolicy()  // 3 incidents, 90 days
        let longAgo = Self.friday.addingTimeInterval(-91 * 86_400)
        let task = TriggerRules.quietVictim(incidentCount: 3, lastContact: longAgo, caseReference: "SG", policy: policy, now: Self.friday)
        #expect(task?.map(\.kind) == [.checkOnVictim])
        #expect(task?.first?.title.contains("safe contact") == true)
        #expect(TriggerRules.quietVictim(incidentCount: 2, lastContact: longAgo, caseReference: "SG", policy: policy, now: Self.friday) == nil)
        #expect(
            TriggerRules.quietVictim(
                incidentCount: 5, lastContact: Self.friday.addingTimeInterval(-30 * 86_400), caseReference: "SG",
                policy: policy, now: Self.friday) == nil)
        // Each quiet spell is its own event: a later contact starts a new one.
        #expect(
            TriggerRules.source(quiet: "c", lastContact: longAgo, now: Self.friday, policy: policy)
                != TriggerRules.source(quiet: "c", lastContact: Self.friday, now: Self.friday, policy: policy))
        // The same spell, a period later, is checked on again; a day later it is not.
        let later = Self.friday.addingTimeInterval(Double(policy.quietPeriodDays) * 86_400)
        #expect(
            TriggerRules.source(quiet: "c", lastContact: longAgo, now: later, policy: policy)
                != TriggerRules.source(quiet: "c", lastContact: longAgo, now: Self.friday, policy: policy))
        #expect(
            TriggerRules.source(quiet: "c", lastContact: longAgo, now: Self.friday.addingTimeInterval(86_400), policy: policy)
                == TriggerRules.source(quiet: "c", lastContact: longAgo, now: Self.friday, policy: policy))
    }

    @Test("Bad input: an order needs its kind, the person protected and its terms; a DVPO lasts 14–28 days; events are checked against the order")
    func orderDrafts() {
        func fields(_ body: () throws -> Void) -> [String] {
            do { try body(); return [] } catch let DomainError.invalid(errors) { return errors.map(\.field) } catch { return ["unexpected"] }
        }
        #expect(fields { _ = try OrderDraft().validated(now: Self.friday) } == ["kind", "protected_person_id", "terms"])
        #expect(
            fields {
                _ = try OrderDraft(kind: "dvpo", protectedPersonID: "v", terms: "t", startsOn: "2026-11-20", endsOn: "2026-12-30").validated(now: Self.friday)
            } == ["ends_on"])
        #expect(
            fields {
                _ = try OrderDraft(kind: "restraining", protectedPersonID: "v", terms: "t", startsOn: "2026-11-20", endsOn: "2026-11-01").validated(
                    now: Self.friday)
            } == ["ends_on"])
        #expect(
            fields {
                _ = try OrderDraft(kind: "dvpo", protectedPersonID: "v", terms: "t", startsOn: "2026-11-20", endsOn: "2026-12-10").validated(now: Self.friday)
            } == [])
        // Bail is recorded on the custody record, whose triggers tell her the conditions.
        #expect(fields { _ = try OrderDraft(kind: "court_bail", protectedPersonID: "v", terms: "t").validated(now: Self.friday) } == ["kind"])
        let order = Self.order(.dvpn)
        #expect(fields { _ = try OrderEventDraft(kind: "hearing_booked").validated(order: order, now: Self.friday) } == ["hearing_at"])
        #expect(fields { _ = try OrderEventDraft(kind: "breached").validated(order: order, now: Self.friday) } == ["note"])
        #expect(fields { _ = try OrderEventDraft(kind: "varied").validated(order: order, now: Self.friday) } == ["terms"])
        var ended = order
        ended.endedOn = "2026-11-20"
        #expect(fields { _ = try OrderEventDraft(kind: "breached", note: "came to the house").validated(order: ended, now: Self.friday) } == ["kind"])
    }

    @Test("An order's history changes what is in force: a variation moves the end, an ending stops it, a breach is counted")
    func orderHistoryApplies() {
        var order = Self.order(.restraining, endsOn: "2027-11-20")
        order = order.applying(
            OrderEvent(
                id: "1", orderID: "o1", kind: .varied, at: Self.friday, note: nil, terms: "Not to contact her by any means",
                endsOn: "2027-12-31", recordedBy: "pc", recordedAt: Self.friday))
        #expect(order.terms == "Not to contact her by any means" && order.endsOn == "2027-12-31")
        order = order.applying(Self.event(.breached))
        #expect(order.breaches == 1 && order.isActive(on: "2026-11-21"))
        order = order.applying(
            OrderEvent(
                id: "2", orderID: "o1", kind: .ended, at: Self.friday.addingTimeInterval(86_400), note: "discharged",
                recordedBy: "pc", recordedAt: Self.friday))
        #expect(!order.isActive(on: "2026-11-22") && order.history.count == 3)
    }
}
