import Foundation
import NIOHTTP1
import SafeguardDomain
import SafeguardSynthetic

/// The simulated MARAC year behind `bench marac`: who works it, what happens each day, and what the bench measured.
/// Everything a person does goes through the API (or, for the partner's page, the signed-in page); only the clocks
/// are run directly, as the server's scheduler would run them, at fixed hours of the simulated day.
final class MaracYear {
    /// The force's areas: code, name, postcode area, adult women (policy data).
    static let areas: [(code: String, name: String, postcode: String, adultWomen: Int)] = [
        ("NTH", "Northern division", "PR", 180_000), ("CEN", "Central division", "BB", 220_000), ("STH", "Southern division", "LA", 150_000)
    ]
    static let partnerAgencies: [Agency] = [.idva, .childrensSocialCare, .adultSocialCare, .health, .housing, .probation]
    /// What the IDVA sees of every referred case; children's social care sees the children and incidents of some.
    static let idvaGroups = ["safe_contact", "risk", "safety_plan", "marac"]
    static let childrenGroups = ["children", "incidents"]
    /// Each field group and the key of the shared-case JSON that carries it.
    static let groupKeys: [String: String] = [
        "safe_contact": "safe_contact", "risk": "risk_level", "safety_plan": "safety_plan", "marac": "marac_referrals", "children": "children",
        "incidents": "incidents", "address_needs": "addresses"
    ]

    struct Figures {
        var requests = 0
        var errors: [String] = []
        var stories: [String: Int] = [:]
        var tasksActedOn = 0
        var meetings = 0
        var agendaSizes: [Int] = []
        var researchNotes = 0
        var agendaMilliseconds: [Double] = []
        var partnerPageMilliseconds: [Double] = []
        var partnerAPIMilliseconds: [Double] = []
        var sharedReads = 0
        var probes = 0
        var readsOutsideShares = 0
        var fieldsOutsideShare = 0
        /// Referrals on an agenda of another area's MARAC.
        var misrouted = 0
        /// "Refer to MARAC" tasks set when the bench knew of no criterion met and unanswered.
        var tasksNotCalledFor = 0
    }

    struct Checks {
        var referrals = 0, repeats = 0, actions = 0
        var lateActions = 0, chasedOnTime = 0, chasedWrongly = 0
        var missedReferrals = 0, unauditedReads = 0
        /// What each missed referral's case did have, to find why.
        var missed: [String] = []
    }

    /// A victim the bench follows: her record, his, her case, her area, and when (and why) the bench knows a
    /// criterion was met.
    struct Victim {
        var personID: String
        var suspectID: String
        var caseID: String
        var area: Int
        var calls = 1
        /// When the bench knows a criterion was met, and which: the referral must follow within two days.
        var expected: [(at: Date, criterion: MaracCriterion)] = []
        var referredAt: Date?
    }

    enum Event {
        case highRisk(area: Int)
        case escalationCall(key: Int, first: Bool, area: Int)
        case repeatCall(victim: Int)
        case noise(area: Int)
        case report(actionID: String, agency: Agency, status: String)
    }

    private let runtime: Runtime
    private let server: BenchServer
    private let clock: FixedClock
    private let start: Date
    private let agenda: Int
    private let clockStep: TimeInterval
    private var random: SeededGenerator
    private(set) var figures = Figures()

    private var tokens: [String: String] = [:]
    private var userIDs: [String: String] = [:]
    private var areaIDs: [String] = []
    private var owners: [String] = []
    private var victims: [Victim] = []
    private var events: [Int: [Event]] = [:]
    /// Escalating victims waiting for their next call, by the bench's own index (nil until the first call).
    private var escalating: [Int: Int] = [:]
    private var nextEscalation = 0
    /// Until when each case is shared with each agency (YYYY-MM-DD).
    private var shared: [String: [Agency: String]] = [:]
    private var offered: Set<String> = []
    private var highRiskCases: Set<String> = []
    private var meetingIDs: [(area: Int, id: String)] = []
    private var openMeeting: [Int: (id: String, heldOn: Int, areaID: String?)] = [:]
    /// Actions the bench leaves open, by id: they must be chased on time; the others must never be.
    private var leftOpen: Set<String> = []
    private var tasksSeen: Set<String> = []

    init(runtime: Runtime, server: BenchServer, clock: FixedClock, seed: UInt64, agenda: Int, clockStep: TimeInterval) async throws {
        self.runtime = runtime
        self.server = server
        self.clock = clock
        self.start = clock.now()
        self.agenda = agenda
        self.clockStep = clockStep
        self.random = SeededGenerator(seed: seed)
        let service = runtime.service
        for (code, name, postcode, _) in Self.areas {
            areaIDs.append(try await service.createArea(code: code, name: name, postcodes: [postcode]).id)
        }
        func account(_ username: String, _ role: Role, area: String? = nil, agency: Agency? = nil) async throws {
            let user = try await service.createUser(
                username: username, displayName: "Bench \(username)", role: role, password: "\(username)-bench-password", areaCode: area,
                agency: agency?.rawValue)
            userIDs[username] = user.id
        }
        try await account("handler", .callHandler, area: "NTH")
        try await account("sergeant", .sergeant, area: "NTH")
        try await account("marac", .maracCoordinator, area: "NTH")
        for (code, _, _, _) in Self.areas {
            for n in 1...2 {
                try await account("officer-\(code.lowercased())-\(n)", .responseOfficer, area: code)
                try await account("specialist-\(code.lowercased())-\(n)", .daSpecialist, area: code)
                owners += ["officer-\(code.lowercased())-\(n)", "specialist-\(code.lowercased())-\(n)"]
            }
        }
        for agency in Self.partnerAgencies { try await account("partner-\(agency.rawValue)", .partnerAgency, agency: agency) }
        try await reissueTokens()
    }

    /// Tokens last `apiTokenDays`: the simulated year outlives them, so everyone gets new ones each fortnight.
    private func reissueTokens() async throws {
        for username in userIDs.keys { tokens[username] = try await runtime.service.issueToken(username: username).secret }
    }

    private func at(day: Int, hour: Double) {
        let target = start.addingTimeInterval(Double(day) * 86_400 + hour * 3600)
        clock.advance(by: target.timeIntervalSince(clock.now()))
    }

    func play(days: Int) async throws {
        let hours = Int(clockStep / 3600)
        for day in 0..<days {
            if day % 14 == 0 { try await reissueTokens() }
            plan(day: day, lastDay: days - 1)
            for hour in 0..<24 {
                at(day: day, hour: Double(hour))
                if hour % hours == 0 { _ = try await runtime.service.runClocks() }
                switch hour {
                case 8: try await calls(day: day)
                case 9: try await meetings(day: day)
                case 11: try await reports(day: day)
                case 17: try await ownersRefer()
                default: break
                }
            }
            if day % 7 == 6 { Progress.bar(day + 1, of: days, label: "days") }
        }
    }

    // MARK: - The day's plan

    private func plan(day: Int, lastDay: Int) {
        let rate = Double(agenda) / 14
        for area in Self.areas.indices {
            let stories = Int(rate + Double.random(in: 0..<1, using: &random))
            for _ in 0..<stories {
                let draw = Double.random(in: 0..<1, using: &random)
                if draw < 0.15, let again = repeatCandidate(area: area, day: day) {
                    events[day, default: []].append(.repeatCall(victim: again))
                    figures.stories["repeat", default: 0] += 1
                } else if draw < 0.30 {
                    // Three incidents over nine days: the third meets potential escalation.
                    let key = nextEscalation
                    nextEscalation += 1
                    for offset in [0, 4, 9] where day + offset <= lastDay {
                        events[day + offset, default: []].append(.escalationCall(key: key, first: offset == 0, area: area))
                    }
                    figures.stories["escalation", default: 0] += 1
                } else {
                    events[day, default: []].append(.highRisk(area: area))
                    figures.stories["high", default: 0] += 1
                }
            }
            events[day, default: []].append(.noise(area: area))
            figures.stories["noise", default: 0] += 1
        }
    }

    /// A victim of this area referred within the last eleven months and not already called about today.
    private func repeatCandidate(area: Int, day: Int) -> Int? {
        let now = start.addingTimeInterval(Double(day) * 86_400)
        let candidates = victims.indices.filter { i in
            guard victims[i].area == area, let referred = victims[i].referredAt else { return false }
            return now.timeIntervalSince(referred) < 330 * 86_400 && now.timeIntervalSince(referred) > 86_400
        }
        return candidates.isEmpty ? nil : candidates[Int.random(in: 0..<candidates.count, using: &random)]
    }

    // MARK: - Calls

    private func calls(day: Int) async throws {
        for event in events[day] ?? [] {
            switch event {
            case .highRisk(let area): try await highRisk(area: area)
            case .escalationCall(let key, let first, let area): try await escalationCall(key: key, first: first, area: area)
            case .repeatCall(let index): try await furtherCall(index)
            case .noise(let area): _ = try await newVictimCall(area: area)
            case .report: break
            }
            clock.advance(by: 120)
        }
    }

    /// A new person, unlike every other the bench makes: names of random letters and a random date of birth, so the
    /// match check never proposes two of them as one (that would join their histories).
    private func party(_ role: String, area: Int) -> [String: Any] {
        func word(_ length: Int) -> String {
            String((0..<length).map { i in Character(UnicodeScalar(UInt8(i == 0 ? 65 : 97) + UInt8.random(in: 0..<26, using: &random))) })
        }
        let n = Int.random(in: 1...299, using: &random)
        let born = String(
            format: "%04d-%02d-%02d", Int.random(in: 1960...2004, using: &random), Int.random(in: 1...12, using: &random),
            Int.random(in: 1...28, using: &random))
        return [
            "role": role,
            "new_person": [
                "first_name": word(7), "surname": word(9), "date_of_birth": born, "sex": role == "victim" ? "female" : "male",
                "address_line1": "\(n) \(word(6)) Road", "postcode": "\(Self.areas[area].postcode)\(n % 9 + 1) \(n % 9 + 1)AB", "confirmed_new": true
            ]
        ]
    }

    private func callBody(_ parties: [[String: Any]], area: Int) -> [String: Any] {
        [
            "channel": "999", "caller": "victim", "setting": "urban", "relationship": "intimate_partner", "abuse_types": ["physical"],
            "summary": "Bench MARAC year.", "address_line1": "1 Market Street", "postcode": "\(Self.areas[area].postcode)1 1AA", "parties": parties,
            "immediate_danger": "no",
            "suspect_location": "left", "injuries": "no", "weapons": "no", "children_present": "no", "fear": "quite"
        ]
    }

    /// A call with a new victim and suspect; the bench's victim (not yet followed) and the incident id.
    private func newVictimCall(area: Int) async throws -> (Victim, String)? {
        let body = callBody([party("victim", area: area), party("suspect", area: area)], area: area)
        guard let record = try await send(.POST, "/incidents", as: "handler", body: body, expect: 201) else { return nil }
        let parties = (record["incident"] as? [String: Any])?["parties"] as? [[String: Any]] ?? []
        guard let incidentID = try? jsonField(record, "incident", "id"), let caseID = try? jsonField(record, "cases", 0, "id"),
            let victimID = parties.first(where: { $0["role"] as? String == "victim" })?["person_id"] as? String,
            let suspectID = parties.first(where: { $0["role"] as? String == "suspect" })?["person_id"] as? String
        else {
            figures.errors.append("call: no incident, case or parties in the answer")
            return nil
        }
        return (Victim(personID: victimID, suspectID: suspectID, caseID: caseID, area: area), incidentID)
    }

    private func highRisk(area: Int) async throws {
        guard let (victim, incidentID) = try await newVictimCall(area: area) else { return }
        let instrument = try RiskInstruments.named("dash-2009")
        var answers: [String: String] = [:]
        let yes = Int.random(in: 8...18, using: &random)
        for (position, question) in instrument.questions.enumerated() { answers[question.id] = position < yes ? "yes" : "no" }
        for prompt in instrument.supplementary.flatMap(\.questions) { answers[prompt.id] = "no" }
        let officer = "officer-\(Self.areas[area].code.lowercased())-1"
        guard
            let assessment = try await send(
                .POST, "/incidents/\(incidentID)/risk-assessments", as: officer,
                body: [
                    "victim_person_id": victim.personID, "answers": answers, "level": "high",
                    "rationale": "High: his threats to kill, her fear, and the escalation she describes."
                ], expect: 201),
            let assessmentID = try? jsonField(assessment, "id")
        else { return }
        _ = try await send(
            .POST, "/risk-assessments/\(assessmentID)/review", as: "sergeant", body: ["quality_note": "Agreed: high."], expect: 200)
        var followed = victim
        followed.expected.append((clock.now(), .professionalJudgement))
        victims.append(followed)
        highRiskCases.insert(victim.caseID)
        try await acceptHandover(caseID: victim.caseID)
    }

    /// A high-risk case moves to a DA specialist: the one offered it accepts.
    private func acceptHandover(caseID: String) async throws {
        guard let view = try await send(.GET, "/cases/\(caseID)", as: "sergeant", body: nil, expect: 200, reason: "Bench: allocation"),
            let offeredTo = try? jsonField(view, "safeguarding_case", "pending_handover", "to", "id"),
            let username = userIDs.first(where: { $0.value == offeredTo })?.key
        else { return }
        _ = try await send(.POST, "/cases/\(caseID)/handover/accept", as: username, body: nil, expect: 200)
    }

    private func escalationCall(key: Int, first: Bool, area: Int) async throws {
        if first {
            // The first of three: a new victim, no assessment.
            guard let (victim, _) = try await newVictimCall(area: area) else { return }
            escalating[key] = victims.count
            victims.append(victim)
        } else if let index = escalating[key] {
            try await furtherCall(index)
        }
    }

    /// Another incident between the same victim and suspect: the third within the window meets potential escalation;
    /// one after her referral, within its window, meets repeat MARAC.
    private func furtherCall(_ index: Int) async throws {
        let v = victims[index]
        let body = callBody([["role": "victim", "person_id": v.personID], ["role": "suspect", "person_id": v.suspectID]], area: v.area)
        guard try await send(.POST, "/incidents", as: "handler", body: body, expect: 201) != nil else { return }
        victims[index].calls += 1
        if let referred = v.referredAt, clock.now().timeIntervalSince(referred) < 330 * 86_400 {
            victims[index].expected.append((clock.now(), .repeatReferral))
        } else if v.referredAt == nil && victims[index].calls >= 3 {
            victims[index].expected.append((clock.now(), .potentialEscalation))
        }
    }

    // MARK: - Owners act on their tasks

    /// Each case owner reads their work and refers every case a "refer to MARAC" task names, with the criteria the
    /// record shows; shares it with the IDVA (and some with children's social care) and records the IDVA offer.
    private func ownersRefer() async throws {
        for owner in owners {
            guard let work = try await send(.GET, "/my-work", as: owner, body: nil, expect: 200) else { continue }
            for task in work["tasks"] as? [[String: Any]] ?? [] where task["kind"] as? String == "refer_to_marac" {
                guard let taskID = task["id"] as? String, let caseID = task["case_id"] as? String, tasksSeen.insert(taskID).inserted else { continue }
                figures.tasksActedOn += 1
                // A task the bench expected: a criterion met since her last referral (or ever, if never referred).
                let now = clock.now()
                let expected = victims.first { $0.caseID == caseID }.map { v in
                    v.expected.contains { $0.at <= now && $0.at > (v.referredAt ?? .distantPast) }
                }
                if expected != true { figures.tasksNotCalledFor += 1 }
                guard let view = try await send(.GET, "/cases/\(caseID)/marac", as: owner, body: nil, expect: 200, reason: "Bench: MARAC referral"),
                    let met = view["criteria_met"] as? [String], !met.isEmpty
                else {
                    figures.errors.append("refer: a task named a case whose record meets no criterion")
                    continue
                }
                guard
                    let referral = try await send(
                        .POST, "/cases/\(caseID)/marac-referrals", as: owner,
                        body: [
                            "criteria": met, "referring_agency": "police",
                            "research": "Police research: incidents, the suspect's history, children, the safety plan."
                        ], expect: 201)
                else { continue }
                if let index = victims.firstIndex(where: { $0.caseID == caseID }) {
                    victims[index].referredAt = (referral["referred_at"] as? String).flatMap(Self.instant) ?? clock.now()
                }
                try await share(caseID: caseID, as: owner)
                if highRiskCases.contains(caseID), offered.insert(caseID).inserted {
                    let accepted = Double.random(in: 0..<1, using: &random) < 0.75
                    _ = try await send(
                        .POST, "/cases/\(caseID)/idva-offers", as: owner,
                        body: accepted
                            ? ["outcome": "accepted", "idva_user_id": userIDs["partner-idva"]!]
                            : ["outcome": "declined", "reason": "She has support from her sister and does not want another agency."], expect: 201)
                }
            }
        }
    }

    private func share(caseID: String, as owner: String) async throws {
        let endsOn = CalendarDate.string(clock.now().addingTimeInterval(180 * 86_400))
        // Shared again when the last share ends within two months: a repeat referral brings her back to the table.
        let soon = CalendarDate.string(clock.now().addingTimeInterval(60 * 86_400))
        if (shared[caseID]?[.idva] ?? "") < soon {
            if try await send(
                .POST, "/cases/\(caseID)/shares", as: owner,
                body: ["agency": "idva", "field_groups": Self.idvaGroups, "consent": "given", "ends_on": endsOn], expect: 201) != nil
            {
                shared[caseID, default: [:]][.idva] = endsOn
            }
        }
        if (shared[caseID]?[.childrensSocialCare] ?? "") < soon, Double.random(in: 0..<1, using: &random) < 0.3 {
            if try await send(
                .POST, "/cases/\(caseID)/shares", as: owner,
                body: [
                    "agency": "childrens_social_care", "field_groups": Self.childrenGroups, "consent": "overridden",
                    "override_reason": "The children's safety: she was told and disagreed.", "ends_on": endsOn
                ], expect: 201) != nil
            {
                shared[caseID, default: [:]][.childrensSocialCare] = endsOn
            }
        }
    }

    // MARK: - Meetings

    /// Each area's MARAC sits every 14 days from day 13 (one area a day apart): scheduled a week before, research two
    /// days before, the meeting at ten, the minutes the day after.
    private func meetings(day: Int) async throws {
        for area in Self.areas.indices {
            // Days since this area's first sitting (day 13 + area); a sitting every 14 days after it.
            let since = day - (13 + area)
            func sittingIn(_ days: Int) -> Bool { since + days >= 0 && (since + days) % 14 == 0 }
            if sittingIn(7) { try await schedule(area: area, heldOn: day + 7) }
            guard let open = openMeeting[area] else { continue }
            if sittingIn(2) && open.heldOn == day + 2 { try await research(open.id) }
            if sittingIn(0) && open.heldOn == day { try await sit(open.id, areaID: open.areaID, day: day) }
            if sittingIn(-1) && open.heldOn == day - 1 { _ = try await send(.POST, "/marac/meetings/\(open.id)/minutes", as: "marac", body: nil, expect: 200) }
        }
    }

    private func dayString(_ day: Int) -> String { CalendarDate.string(start.addingTimeInterval(Double(day) * 86_400)) }

    private func schedule(area: Int, heldOn: Int) async throws {
        guard
            let meeting = try await send(
                .POST, "/marac/meetings", as: "marac",
                body: [
                    "held_on": dayString(heldOn), "chair": "DI Chair \(Self.areas[area].code)", "agencies": Self.partnerAgencies.map(\.rawValue),
                    "area": Self.areas[area].code
                ], expect: 201),
            let id = meeting["id"] as? String
        else { return }
        openMeeting[area] = (id, heldOn, meeting["area_id"] as? String)
        meetingIDs.append((area, id))
        figures.meetings += 1
    }

    /// The cases on a meeting's agenda, once each (a case referred again before its meeting has two referrals on it).
    private func agendaCases(_ view: [String: Any]) -> [String] {
        var seen: Set<String> = []
        return (view["agenda"] as? [[String: Any]] ?? []).compactMap { ($0["referral"] as? [String: Any])?["case_id"] as? String }.filter {
            seen.insert($0).inserted
        }
    }

    private func research(_ meetingID: String) async throws {
        guard let view = try await send(.GET, "/marac/meetings/\(meetingID)", as: "marac", body: nil, expect: 200) else { return }
        for caseID in agendaCases(view) {
            for agency in Self.partnerAgencies {
                if try await send(
                    .POST, "/marac/meetings/\(meetingID)/research", as: "partner-\(agency.rawValue)",
                    body: ["case_id": caseID, "text": "\(agency.label): what we hold on her and the children, and our contact with her."], expect: 201)
                    != nil
                {
                    figures.researchNotes += 1
                }
            }
        }
    }

    private func sit(_ meetingID: String, areaID: String?, day: Int) async throws {
        // The agenda with its research, as the coordinator and each member agency open it on the day.
        var view: [String: Any] = [:]
        for reader in ["marac"] + Self.partnerAgencies.map({ "partner-\($0.rawValue)" }) {
            let started = ContinuousClock.now
            guard let read = try await send(.GET, "/marac/meetings/\(meetingID)", as: reader, body: nil, expect: 200) else { continue }
            figures.agendaMilliseconds.append(BenchMatch.milliseconds(ContinuousClock.now - started))
            if reader == "marac" { view = read }
        }
        let cases = agendaCases(view)
        figures.agendaSizes.append(cases.count)
        // Each MARAC hears its own area's referrals only.
        for item in view["agenda"] as? [[String: Any]] ?? [] where (item["referral"] as? [String: Any])?["area_id"] as? String != areaID {
            figures.misrouted += 1
        }
        for (n, agency) in Self.partnerAgencies.enumerated() {
            let apologies = n == (day / 14) % Self.partnerAgencies.count
            _ = try await send(
                .POST, "/marac/meetings/\(meetingID)/attendance", as: "marac",
                body: apologies
                    ? ["agency": agency.rawValue, "attendance": "apologies", "information_sent": true]
                    : ["agency": agency.rawValue, "attendance": "attended", "attendee": "\(agency.label) lead", "confidentiality_signed": true],
                expect: 200)
        }
        for caseID in cases {
            _ = try await send(
                .POST, "/marac/meetings/\(meetingID)/outcomes", as: "marac",
                body: ["case_id": caseID, "summary": "Discussed; the plan is agreed with the actions below."], expect: 204)
            for _ in 0..<Int.random(in: 1...2, using: &random) { try await addAction(meetingID, caseID: caseID, day: day) }
        }
        try await partnersRead(cases)
    }

    /// An action with an agency at the table, due in one to four weeks, and its fate: most reported back before they
    /// are due; a fifth left open for the clocks to chase.
    private func addAction(_ meetingID: String, caseID: String, day: Int) async throws {
        let agency = ([Agency.police] + Self.partnerAgencies)[Int.random(in: 0...Self.partnerAgencies.count, using: &random)]
        let due = day + Int.random(in: 7...28, using: &random)
        guard
            let action = try await send(
                .POST, "/marac/meetings/\(meetingID)/actions", as: "marac",
                body: [
                    "case_id": caseID, "agency": agency.rawValue, "owner": "\(agency.label) lead", "description": "Visit her and review the plan.",
                    "due_on": dayString(due)
                ], expect: 201),
            let id = action["id"] as? String
        else { return }
        let fate = Double.random(in: 0..<1, using: &random)
        if fate < 0.2 {
            leftOpen.insert(id)
            return
        }
        let status = fate < 0.85 ? "done" : fate < 0.95 ? "not_possible" : "not_done"
        events[due - Int.random(in: 1...5, using: &random), default: []].append(.report(actionID: id, agency: agency, status: status))
    }

    private func reports(day: Int) async throws {
        for case .report(let id, let agency, let status) in events[day] ?? [] {
            _ = try await send(
                .POST, "/marac/actions/\(id)/status", as: agency == .police ? "marac" : "partner-\(agency.rawValue)",
                body: ["status": status, "note": status == "done" ? "Done." : "She moved out of the area before we could."], expect: 200)
        }
    }

    // MARK: - Partners read what is shared, and try what is not

    private func partnersRead(_ cases: [String]) async throws {
        let session = try await runtime.service.signIn(username: "partner-idva", password: "partner-idva-bench-password")
        let today = CalendarDate.string(clock.now())
        for agency in Self.partnerAgencies {
            let username = "partner-\(agency.rawValue)"
            _ = try await send(.GET, "/shared/cases", as: username, body: nil, expect: 200)
            for caseID in cases {
                if let ends = shared[caseID]?[agency], ends >= today {
                    let started = ContinuousClock.now
                    guard let view = try await send(.GET, "/shared/cases/\(caseID)", as: username, body: nil, expect: 200) else { continue }
                    figures.partnerAPIMilliseconds.append(BenchMatch.milliseconds(ContinuousClock.now - started))
                    figures.sharedReads += 1
                    let groups = Set(agency == .idva ? Self.idvaGroups : Self.childrenGroups)
                    for (group, key) in Self.groupKeys where !groups.contains(group) && Self.holds(view[key]) { figures.fieldsOutsideShare += 1 }
                    if agency == .idva {
                        let pageStarted = ContinuousClock.now
                        let page = try await server.page("/shared/cases/\(caseID)", session: session.sessionSecret)
                        figures.requests += 1
                        if page.status == 200 {
                            figures.partnerPageMilliseconds.append(BenchMatch.milliseconds(ContinuousClock.now - pageStarted))
                            figures.sharedReads += 1
                        } else {
                            figures.errors.append("partner page: HTTP \(page.status)")
                        }
                    }
                } else {
                    try await probe(username, "/shared/cases/\(caseID)")
                }
            }
            // Never the police's own records, people or lists.
            if let caseID = cases.first {
                try await probe(username, "/cases/\(caseID)")
                try await probe(username, "/cases/\(caseID)/marac")
            }
            if let victim = victims.last { try await probe(username, "/people/\(victim.personID)") }
            try await probe(username, "/people?name=Smith")
            try await probe(username, "/marac/referrals")
        }
    }

    /// Whether a JSON value holds anything (a shared-case key outside the share must not).
    static func holds(_ value: Any?) -> Bool {
        switch value {
        case nil, is NSNull: false
        case let array as [Any]: !array.isEmpty
        case let text as String: !text.isEmpty
        default: true
        }
    }

    private func probe(_ username: String, _ path: String) async throws {
        figures.probes += 1
        figures.requests += 1
        let response = try await server.send(.GET, path, token: tokens[username]!, body: nil)
        if (200..<300).contains(response.status) { figures.readsOutsideShares += 1 }
    }

    // MARK: - Requests

    /// An instant from the API's JSON (ISO 8601).
    static func instant(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }

    @discardableResult
    private func send(_ method: HTTPMethod, _ path: String, as username: String, body: [String: Any]?, expect: Int, reason: String? = nil)
        async throws -> [String: Any]?
    {
        figures.requests += 1
        let full = reason.map { "\(path)?reason=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" } ?? path
        let response = try await server.send(method, full, token: tokens[username]!, body: body)
        guard response.status == expect else {
            figures.errors.append(
                "\(method) \(path.split(separator: "/").prefix(2).joined(separator: "/")): HTTP \(response.status) \(response.text.prefix(160))")
            return nil
        }
        return response.json
    }

    // MARK: - What the year shows

    func check() async throws -> Checks {
        var checks = Checks()
        let referrals = try await runtime.pool.withConnection { db in
            try await db.raw(
                "SELECT case_id, referred_at, criteria, CAST(CASE WHEN is_repeat THEN 1 ELSE 0 END AS BIGINT) AS r FROM marac_referrals"
            ).all().map { row in
                (
                    caseID: try row.decode(column: "case_id", as: String.self), at: Double(try row.decode(column: "referred_at", as: Int64.self)),
                    criteria: try row.decode(column: "criteria", as: String.self), isRepeat: try row.decode(column: "r", as: Int64.self) == 1
                )
            }
        }
        checks.referrals = referrals.count
        checks.repeats = referrals.filter(\.isRepeat).count
        let byCase = Dictionary(grouping: referrals, by: \.caseID)
        let lastDay = clock.now()
        for victim in victims {
            // Answered: a referral within two days of the event, naming the criterion met (a repeat is marked one).
            for expected in victim.expected where expected.at.addingTimeInterval(2 * 86_400) < lastDay {
                let from = expected.at.timeIntervalSince1970.rounded(.down)
                let answered = (byCase[victim.caseID] ?? []).contains { referral in
                    guard referral.at >= from && referral.at <= from + 2 * 86_400 else { return false }
                    return expected.criterion == .repeatReferral
                        ? referral.isRepeat : referral.criteria.contains("\"\(expected.criterion.rawValue)\"")
                }
                if !answered {
                    checks.missedReferrals += 1
                    let seen = (byCase[victim.caseID] ?? []).map { r in
                        String(format: "%+.1f h %@%@", (r.at - from) / 3600, r.criteria, r.isRepeat ? " repeat" : "")
                    }
                    checks.missed.append(
                        "\(expected.criterion.rawValue) at \(expected.at) (case \(victim.caseID), \(victim.calls) calls): referrals \(seen)")
                }
            }
        }
        // Every late action chased by the first clock run of the day after its due date; none reported back in time chased.
        let today = CalendarDate.string(lastDay)
        for (_, meetingID) in meetingIDs {
            guard let view = try await send(.GET, "/marac/meetings/\(meetingID)", as: "marac", body: nil, expect: 200) else { continue }
            for action in view["actions"] as? [[String: Any]] ?? [] {
                checks.actions += 1
                guard let id = action["id"] as? String, let due = action["due_on"] as? String, let dueDay = CalendarDate.date(due) else { continue }
                let chased = (action["chased_at"] as? String).flatMap(Self.instant)
                if leftOpen.contains(id) {
                    guard due < today else { continue }
                    checks.lateActions += 1
                    // The clocks run at midnight: the first run after the due day is the day after's at 00:00.
                    if let chased, chased <= dueDay.addingTimeInterval(86_400 + 60) { checks.chasedOnTime += 1 }
                } else if chased != nil {
                    checks.chasedWrongly += 1
                }
            }
        }
        let partners = Self.partnerAgencies.map { "'\(userIDs["partner-\($0.rawValue)"]!)'" }.joined(separator: ", ")
        let audited = try await BenchServer.count(
            runtime, "SELECT COUNT(*) AS n FROM audit_events WHERE action = 'view_shared_case' AND user_id IN (\(partners))")
        checks.unauditedReads = max(0, figures.sharedReads - Int(audited))
        return checks
    }
}
