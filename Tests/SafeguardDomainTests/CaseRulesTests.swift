import Foundation
import SafeguardDomain
import Testing

/// Rules 9, 15, 17 and 20 as pure domain rules, on a fixed clock.
@Suite("Cases, owners and clocks: the rules")
struct CaseRulesTests {
    /// Sunday 22 November 2026, 10:00 UTC.
    static let sunday = Date(timeIntervalSince1970: 1_795_341_600)

    static func user(_ id: String, _ role: Role, area: String? = "A", supervisor: String? = nil, available: Bool = true) -> User {
        User(id: id, username: id, displayName: id.capitalized, role: role, areaID: area, supervisorID: supervisor, available: available)
    }

    @Test("Rule 15: allocation follows the risk level through policy, never the offence; away users are skipped and load decides, own area first")
    func rule15AllocationFollowsRisk() {
        let policy = ForcePolicy()
        let officer = Self.user("officer", .responseOfficer)
        let busy = Self.user("busy", .daSpecialist)
        let free = Self.user("free", .daSpecialist)
        let away = Self.user("away", .daSpecialist, available: false)
        let elsewhere = Self.user("elsewhere", .daSpecialist, area: "B")
        let users = [officer, busy, free, away, elsewhere]
        let counts = ["busy": 9, "free": 2, "away": 0, "elsewhere": 0]
        #expect(
            CaseAllocationRules.chooseOwner(level: .high, policy: policy, users: users, openCases: counts, areaID: "A", preferred: officer, fallback: officer)
                .id == "free")
        #expect(
            CaseAllocationRules.chooseOwner(level: .medium, policy: policy, users: users, openCases: counts, areaID: "B", preferred: nil, fallback: officer).id
                == "elsewhere")
        #expect(
            CaseAllocationRules.chooseOwner(level: .standard, policy: policy, users: users, openCases: counts, areaID: "A", preferred: officer, fallback: busy)
                .id == "officer")
        // An unassessed case is allocated as standard until someone judges it.
        #expect(CaseAllocationRules.ownerRole(for: nil, policy: policy) == .responseOfficer)
        var lancashire = ForcePolicy()
        lancashire.caseOwnerRoleByRisk["medium"] = "response_officer"
        #expect(CaseAllocationRules.ownerRole(for: .medium, policy: lancashire) == .responseOfficer)
        // Nobody of the owning role here: a sergeant, then the fallback — never nobody.
        let sergeant = Self.user("sergeant", .sergeant)
        #expect(
            CaseAllocationRules.chooseOwner(
                level: .high, policy: policy, users: [officer, away, sergeant], openCases: [:], areaID: "A", preferred: nil, fallback: officer
            ).id == "sergeant")
        #expect(
            CaseAllocationRules.chooseOwner(level: .high, policy: policy, users: [away], openCases: [:], areaID: "A", preferred: nil, fallback: officer).id
                == "officer")
    }

    @Test("Rule 20: an away user's work goes up the supervisor chain to the first person here, then any sergeant")
    func rule20CoverIsTheSupervisorChain() {
        let inspector = Self.user("inspector", .sergeant)
        let sergeant = Self.user("sergeant", .sergeant, supervisor: "inspector", available: false)
        let officer = Self.user("officer", .responseOfficer, supervisor: "sergeant")
        let other = Self.user("other", .sergeant)
        var users = Dictionary(uniqueKeysWithValues: [inspector, sergeant, officer, other].map { ($0.id, $0) })
        #expect(CaseAllocationRules.cover(for: officer, users: users)?.id == "inspector")
        users["inspector"]?.available = false
        #expect(CaseAllocationRules.cover(for: officer, users: users)?.id == "other")
        // A supervisor loop never hangs.
        users["inspector"]?.supervisorID = "sergeant"
        users["other"]?.available = false
        #expect(CaseAllocationRules.cover(for: officer, users: users) == nil)
    }

    @Test("Rule 17: highRiskPlanReviewDueWithin24Hours — then every 14 days; standard within 7 days with no repeat; a raise brings a review forward")
    func highRiskPlanReviewDueWithin24Hours() throws {
        let policy = ForcePolicy()
        let incident = Self.sunday
        #expect(TaskClockRules.firstReviewDue(level: .high, incidentAt: incident, policy: policy) == incident.addingTimeInterval(24 * 3600))
        #expect(TaskClockRules.nextReviewDue(level: .high, completedAt: incident, policy: policy) == incident.addingTimeInterval(14 * 86_400))
        #expect(TaskClockRules.firstReviewDue(level: .standard, incidentAt: incident, policy: policy) == incident.addingTimeInterval(7 * 86_400))
        #expect(TaskClockRules.nextReviewDue(level: .standard, completedAt: incident, policy: policy) == nil)
        let standardDue = incident.addingTimeInterval(7 * 86_400)
        let raisedAt = incident.addingTimeInterval(5 * 86_400)
        #expect(TaskClockRules.tightened(existingDue: standardDue, level: .high, changedAt: raisedAt, policy: policy) == raisedAt.addingTimeInterval(24 * 3600))
        // Lancashire's floor cannot be configured away.
        var lax = ForcePolicy()
        lax.safetyPlanFirstReviewHours["high"] = 48
        lax.safetyPlanRepeatDays["high"] = 28
        #expect(throws: DomainError.self) { try lax.validate() }
    }

    @Test("Rule 9: the school is told before the next school day — over a weekend and a bank holiday")
    func rule9SchoolNotificationBeforeNextSchoolDay() {
        var policy = ForcePolicy()
        let calendar = WorkingCalendar(policy: policy)
        // Sunday 10:00 → Monday 08:00.
        #expect(calendar.nextSchoolDayStart(after: Self.sunday) == Self.sunday.addingTimeInterval(22 * 3600))
        // Monday 06:00 → Monday 08:00 the same day; Monday 09:00 → Tuesday 08:00.
        let monday6 = Self.sunday.addingTimeInterval(20 * 3600)
        #expect(calendar.nextSchoolDayStart(after: monday6) == monday6.addingTimeInterval(2 * 3600))
        #expect(calendar.nextSchoolDayStart(after: monday6.addingTimeInterval(3 * 3600)) == monday6.addingTimeInterval(26 * 3600))
        // With Monday a bank holiday, Sunday's incident is due Tuesday 08:00.
        policy.bankHolidays = ["2026-11-23"]
        #expect(WorkingCalendar(policy: policy).nextSchoolDayStart(after: Self.sunday) == Self.sunday.addingTimeInterval(46 * 3600))
        // One working day from Friday noon is Monday noon; with Monday a holiday, Tuesday noon.
        let friday = Self.sunday.addingTimeInterval(-2 * 86_400 + 2 * 3600)
        #expect(WorkingCalendar(policy: ForcePolicy()).adding(workingDays: 1, to: friday) == friday.addingTimeInterval(3 * 86_400))
        #expect(WorkingCalendar(policy: policy).adding(workingDays: 1, to: friday) == friday.addingTimeInterval(4 * 86_400))
        // In summer the school day starts at 08:00 London time, 07:00 UTC: Sunday 18 July 2027, 10:00 BST → Monday 07:00 UTC.
        let julySunday = Date(timeIntervalSince1970: 1_815_901_200)  // 2027-07-18T09:00:00Z, a Sunday
        #expect(WorkingCalendar(policy: ForcePolicy()).nextSchoolDayStart(after: julySunday) == julySunday.addingTimeInterval(22 * 3600))
    }

    @Test("Rule 20: a task's state on the clock; closing one needs words")
    func rule20TaskStateAndCompletion() {
        let owner = CaseUser(id: "u", displayName: "U", role: .daSpecialist)
        let task = CaseTask(
            id: "t", caseID: "c", incidentID: nil, kind: .safetyAction, title: "Fit an alarm", owner: owner,
            dueAt: Self.sunday.addingTimeInterval(3600), createdAt: Self.sunday, source: "safety plan")
        #expect(task.state(at: Self.sunday) == .dueToday)
        #expect(task.state(at: Self.sunday.addingTimeInterval(3600)) == .overdue)
        #expect(task.state(at: Self.sunday.addingTimeInterval(-2 * 86_400)) == .open)
        #expect(throws: DomainError.self) { try TaskClockRules.checkOutcome("   ") }
        #expect(throws: Never.self) { try TaskClockRules.checkOutcome("Alarm fitted by Chubb, tested with control room") }
    }

    @Test(
        "Rules 15 and 16: an officer's lower assessment never moves her case down to another role before a reviewer has looked; a raise, a first level or a review does"
    )
    func rule16LowerAssessmentKeepsTheOwner() {
        #expect(!CaseAllocationRules.levelMovesOwnership(from: .high, to: .standard, reviewed: false))
        #expect(CaseAllocationRules.levelMovesOwnership(from: .high, to: .standard, reviewed: true))
        #expect(CaseAllocationRules.levelMovesOwnership(from: .standard, to: .high, reviewed: false))
        #expect(CaseAllocationRules.levelMovesOwnership(from: nil, to: .standard, reviewed: false))
    }

    @Test(
        "Rule 15: a sergeant or specialist names any investigator; an investigator takes on only an open case with none, and only themself — the page offers exactly what the domain allows"
    )
    func rule15WhoMayNameTheInvestigator() {
        let owner = CaseUser(id: "spec", displayName: "Spec", role: .daSpecialist)
        let ian = Self.user("ian", .investigator), ivy = Self.user("ivy", .investigator), sgt = Self.user("sgt", .sergeant)
        let colleagues = [ian, ivy, sgt].map(CaseUser.init)
        let open = SafeguardingCase(
            id: "c", reference: "SG-1", victimPersonID: "v", victimName: "V", riskLevel: .high, owner: owner,
            openedAt: Self.sunday, incidentIDs: ["i"])
        var taken = open
        taken.investigator = CaseUser(ivy)
        var closed = open
        closed.status = .closed
        #expect(CaseAllocationRules.investigatorChoices(sgt, taken, among: colleagues).map(\.id) == ["ian", "ivy"])
        #expect(CaseAllocationRules.investigatorChoices(ian, open, among: colleagues).map(\.id) == ["ian"])
        #expect(CaseAllocationRules.investigatorChoices(ian, taken, among: colleagues).isEmpty)
        #expect(CaseAllocationRules.investigatorChoices(ian, closed, among: colleagues).isEmpty)
        #expect(CaseAllocationRules.investigatorChoices(Self.user("pc", .responseOfficer), open, among: colleagues).isEmpty)
        // The operation asks the same rule the page does.
        for actor in [ian, ivy, sgt, Self.user("pc", .responseOfficer)] {
            for c in [open, taken, closed] {
                for chosen in ["ian", "ivy"] {
                    let offered = CaseAllocationRules.investigatorChoices(actor, c, among: colleagues).contains { $0.id == chosen }
                    #expect(offered == CaseAllocationRules.mayNameInvestigator(actor, c, investigatorID: chosen), "\(actor.id) \(c.status) \(chosen)")
                }
            }
        }
    }

    @Test("Rule 15: closing asks that nothing on her safety is open, a reason in words (never capacity), and for a high-risk case a sergeant or specialist")
    func rule15ClosingRules() {
        let officer = Self.user("pc", .responseOfficer), sergeant = Self.user("sgt", .sergeant), other = Self.user("pc2", .responseOfficer)
        var c = SafeguardingCase(
            id: "c", reference: "SG-1", victimPersonID: "v", victimName: "V", riskLevel: .standard, owner: CaseUser(officer),
            openedAt: Self.sunday, incidentIDs: ["i"])
        let task = CaseTask(
            id: "t", caseID: "c", incidentID: "i", kind: .safetyPlanReview, title: "Review the plan", owner: CaseUser(officer),
            dueAt: Self.sunday, createdAt: Self.sunday, source: "s")
        #expect(CaseClosureRules.refusal(c, openTasks: [], actor: officer) == nil)
        #expect(CaseClosureRules.refusal(c, openTasks: [task], actor: officer) != nil)
        #expect(CaseClosureRules.refusal(c, openTasks: [], actor: other) != nil)
        #expect(CaseClosureRules.mayClose(c, actor: officer) && !CaseClosureRules.mayClose(c, actor: other))
        c.riskLevel = .high
        #expect(CaseClosureRules.refusal(c, openTasks: [], actor: officer) != nil)
        #expect(CaseClosureRules.refusal(c, openTasks: [], actor: sergeant) == nil)
        #expect(!CaseClosureRules.checkReason("Closed: caseload too high this week").isEmpty)
        #expect(!CaseClosureRules.checkReason("done").isEmpty)
        #expect(CaseClosureRules.checkReason("She has moved to a refuge and is supported by the IDVA.").isEmpty)
    }

    @Test("Rule 15: a new incident within the policy's window reopens her case; after it, a new case opens")
    func rule15ReopenWindow() {
        let policy = ForcePolicy()
        #expect(CaseClosureRules.reopens(closedAt: Self.sunday, now: Self.sunday.addingTimeInterval(30 * 86_400), policy: policy))
        #expect(!CaseClosureRules.reopens(closedAt: Self.sunday, now: Self.sunday.addingTimeInterval(400 * 86_400), policy: policy))
    }

    @Test("Rule 31: the caseload on a date is taken at the end of that day on London's clock, and an unassessed case counts as standard")
    func rule31CaseloadDay() {
        // 1 July 2026 is in British Summer Time: the day ends at 23:00 UTC.
        #expect(Caseload.endOfDay("2026-07-01") == Date(timeIntervalSince1970: 1_782_946_800))
        // 1 December 2026 is in Greenwich Mean Time: the day ends at midnight UTC.
        #expect(Caseload.endOfDay("2026-12-01") == Date(timeIntervalSince1970: 1_796_169_600))
        #expect(Caseload.endOfDay("2026-02-30") == nil)
        let load = Caseload(on: "2026-12-01", counts: [.high: 2, .medium: 1, .standard: 3, nil: 4])
        #expect(load.standard == 7 && load.total == 10)
    }

    @Test("Rule 15: a place's area is the one covering its postcode district, else its postcode area; postcodes given to an area are checked")
    func rule15AreaOfAPlace() throws {
        let north = Area(id: "n", code: "NTH", name: "North", postcodes: ["PR", "BB"])
        let carved = Area(id: "c", code: "CEN", name: "Central", postcodes: ["PR6"])
        #expect(AreaRules.area(covering: "PR1 2AB", among: [north, carved])?.code == "NTH")
        #expect(AreaRules.area(covering: "PR6 9ZZ", among: [north, carved])?.code == "CEN")
        #expect(AreaRules.area(covering: "NR1 1AA", among: [north, carved]) == nil)
        #expect(AreaRules.area(covering: nil, among: [north]) == nil)
        #expect(try AreaRules.postcodes([" pr ", "bb10", "LA1"]) == ["PR", "BB10", "LA1"])
        #expect(throws: DomainError.self) { _ = try AreaRules.postcodes(["PRESTON"]) }
        #expect(throws: DomainError.self) { _ = try AreaRules.postcodes(["1PR"]) }
    }
}
