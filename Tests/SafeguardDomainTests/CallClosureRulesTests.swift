import Foundation
import SafeguardDomain
import Testing

/// Issue 20 part 8 as pure rules: how a call leaves the control room's hands, and which reports get emergency targets.
@Suite("Call closure rules")
struct CallClosureRulesTests {
    static let now = ControlRoomRulesTests.now
    static let substantive = "Caller rang back: she is at her mother's in Leeds with the children and he is in custody elsewhere."

    static func response(grade: Grade = .priority, flagged: Bool = false, acknowledged: Bool = false, arrived: Bool = false) -> IncidentResponse {
        var r = ControlRoomRulesTests.response(grade: grade, flagged: flagged)
        if acknowledged { r.highRiskAcknowledgedAt = now }
        if arrived {
            r.dispatchedAt = now
            r.arrivedAt = now
        }
        return r
    }

    static func fields(_ errors: [FieldError]) -> Set<String> { Set(errors.map(\.field)) }

    @Test("Rule 5: online and partner reports get no emergency target — at most priority by recommendation; live calls as before")
    func rule5OnlineAndPartnerReportsGetNoEmergencyTarget() {
        let urgent = ControlRoomRulesTests.answers(danger: .yes, suspect: .atScene, weapons: .yes, fear: .terrified)
        for channel in Channel.allCases {
            let grade = GradingRules.recommended(answers: urgent, potentialHighRisk: true, channel: channel)
            #expect(grade == (channel == .online || channel == .partnerAgency ? .priority : .immediate), "\(channel)")
        }
        let calm = ControlRoomRulesTests.answers(suspect: .left)
        #expect(GradingRules.recommended(answers: calm, potentialHighRisk: false, channel: .online) == .priority)
    }

    @Test("Rule 6: a closed call is neither watched nor alerting, whatever else stands on it")
    func rule6ClosedCallLeavesTheQueue() {
        var r = Self.response(grade: .immediate, flagged: true)
        r.gradedAt = Self.now.addingTimeInterval(-7_200)
        r.targetAt = Self.now.addingTimeInterval(-6_300)
        r.pending = PendingGrade(grade: .priority, reason: "r", requestedBy: "u", requestedAt: Self.now)
        #expect(ControlRoomQueue.watches(r))
        #expect(ControlRoomQueue.alerts([r], now: Self.now, policy: ForcePolicy()).count == 3)
        r.closure = CallClosure(kind: .cancelled, reason: Self.substantive, byUsername: "sup", at: Self.now)
        #expect(!ControlRoomQueue.watches(r))
        #expect(ControlRoomQueue.alerts([r], now: Self.now.addingTimeInterval(86_400), policy: ForcePolicy()).isEmpty)
    }

    @Test("Issue 20: a call is closed only once an officer has arrived; before that it is cancelled or resolved by phone")
    func callClosedOnlyAfterAttendance() {
        let waiting = Self.response()
        #expect(CallClosureRules.choices(for: waiting) == [.cancelled, .resolvedByPhone])
        #expect(Self.fields(CallClosureRules.check(.closed, reason: Self.substantive, response: waiting, bySupervisor: false)) == ["outcome"])
        #expect(CallClosureRules.check(.resolvedByPhone, reason: Self.substantive, response: waiting, bySupervisor: false).isEmpty)
        let attended = Self.response(arrived: true)
        #expect(CallClosureRules.choices(for: attended) == [.closed])
        #expect(CallClosureRules.check(.closed, reason: "Arrested, taken to custody.", response: attended, bySupervisor: false).isEmpty)
        #expect(Self.fields(CallClosureRules.check(.cancelled, reason: Self.substantive, response: attended, bySupervisor: true)) == ["outcome"])
        var ended = attended
        ended.closure = CallClosure(kind: .closed, reason: "done", byUsername: "ch", at: Self.now)
        #expect(CallClosureRules.choices(for: ended).isEmpty)
        let again = CallClosureRules.check(.closed, reason: "done", response: ended, bySupervisor: true)
        #expect(again.count == 1 && again.first?.message.contains("already closed") == true)
    }

    @Test("Rule 5: only a control-room supervisor stands down an immediate or potential high-risk call nobody has attended")
    func rule5OnlySupervisorStandsDownAnEmergency() {
        for r in [Self.response(grade: .immediate), Self.response(flagged: true, acknowledged: true)] {
            #expect(Self.fields(CallClosureRules.check(.cancelled, reason: Self.substantive, response: r, bySupervisor: false)) == ["outcome"])
            #expect(CallClosureRules.check(.cancelled, reason: Self.substantive, response: r, bySupervisor: true).isEmpty)
        }
    }

    @Test("Rule 6: a potential high-risk call is never resolved by phone, and no flag leaves the queue unseen by a supervisor")
    func rule6FlaggedCallNeedsAttendanceAndASupervisor() {
        let flagged = Self.response(flagged: true)
        #expect(CallClosureRules.choices(for: flagged) == [.cancelled])
        #expect(!CallClosureRules.check(.resolvedByPhone, reason: Self.substantive, response: flagged, bySupervisor: true).isEmpty)
        let attendedUnseen = Self.response(flagged: true, arrived: true)
        let refused = CallClosureRules.check(.closed, reason: "Arrested at the scene.", response: attendedUnseen, bySupervisor: false)
        #expect(refused.contains { $0.message.contains("must see this call's potential high-risk flag") })
        #expect(CallClosureRules.check(.closed, reason: "Arrested at the scene.", response: attendedUnseen, bySupervisor: true).isEmpty)
    }

    @Test("Rule 5: standing a call down needs a reason that stands without \"the suspect has left\"; closing needs a reason")
    func rule5StandingDownNeedsASubstantiveReason() {
        let waiting = Self.response()
        for weak in [nil, "  ", "suspect has left", "He has left."] {
            let errors = CallClosureRules.check(.resolvedByPhone, reason: weak, response: waiting, bySupervisor: true)
            #expect(Self.fields(errors) == ["reason"], "\(weak ?? "nil")")
        }
        #expect(Self.fields(CallClosureRules.check(.closed, reason: "", response: Self.response(arrived: true), bySupervisor: false)) == ["reason"])
        let long = String(repeating: "word ", count: 401)
        #expect(Self.fields(CallClosureRules.check(.cancelled, reason: long, response: waiting, bySupervisor: false)) == ["reason"])
    }
}
