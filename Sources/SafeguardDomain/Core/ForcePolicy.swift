import Foundation

/// The force's own settings, read from a JSON file and checked at start-up. Missing keys take the defaults.
public struct ForcePolicy: Sendable, Equatable, Codable {
    /// Minutes of inactivity after which a signed-in session ends (issue 2: default 15).
    public var sessionIdleMinutes: Int = 15
    /// Failed sign-ins in a row before the account is locked.
    public var lockoutFailures: Int = 5
    /// How long a locked account stays locked.
    public var lockoutMinutes: Int = 15
    /// Failed sign-ins from one network address, across any accounts, within `addressWindowMinutes`, after which that
    /// address is refused until the window has passed (issue 24: guessing one password against many usernames).
    public var addressFailureLimit: Int = 20
    public var addressWindowMinutes: Int = 15
    /// Roles that see only their own area's records (issue 24, part 2): their area's briefing and perpetrators, and
    /// only the cases of their area. Every other role is force-wide. By default the neighbourhood officer, who works
    /// their own streets; a force may add others (a divisional analyst, say).
    public var areaScopedRoles: [Role] = [.neighbourhoodOfficer]
    /// How long an API bearer token lives unless revoked.
    public var apiTokenDays: Int = 30
    /// Shortest password accepted for a new account.
    public var passwordMinimumLength: Int = 12
    /// bcrypt work factor (2^cost rounds).
    public var passwordHashCost: Int = 12
    /// Repeat victim: a further incident within this many months; nil means any earlier incident (Lancashire).
    public var repeatVictimWindowMonths: Int? = 12
    /// Candidates at or above this match probability are shown to the call handler. Low, because the probability
    /// is of this record being the caller among everyone on record: a whole name alone, shared by a dozen people at
    /// a million records, is about 20% and is shown (see `MatchWeights.caller`).
    public var matchShowThreshold: Double = 0.03
    /// At or above this probability a candidate is proposed as the same person (a human still confirms).
    public var matchProposeThreshold: Double = 0.9
    /// The batch clean-up proposes only at or above this: its proposals join into clusters, so one wrong link
    /// wrongly joins two people's whole histories, and nobody is on the phone to add what the records lack.
    public var dedupeProposeThreshold: Double = 0.99
    /// Immediate response target in towns, minutes (rule 5).
    public var immediateUrbanMinutes: Int = 15
    /// Immediate response target in the country, minutes.
    public var immediateRuralMinutes: Int = 20
    /// Priority response target, minutes.
    public var priorityMinutes: Int = 60
    /// A priority call not dispatched this many minutes after grading alerts the control-room supervisor (Lancashire).
    public var priorityDispatchAlertMinutes: Int = 30
    /// Vulnerable victim: anyone with a recorded vulnerability (disability, mental health, …).
    public var vulnerableIfRecordedVulnerability: Bool = true
    /// Vulnerable victim: anyone younger than this age; nil for no age rule.
    public var vulnerableAgeUnder: Int? = 18
    /// Vulnerable victim: anyone this age or older; nil for no age rule.
    public var vulnerableAgeFrom: Int? = nil
    /// The risk instrument officers complete (a file in `Resources/instruments`).
    public var riskInstrument: String = "dash-2009"
    /// Share of standard-risk assessments drawn for a DA specialist's dip sample (West Mercia: 10%).
    public var dipSampleShare: Double = 0.1
    /// Which role owns a victim's safety at each risk level (rule 15: allocation follows risk, not the offence).
    /// Keys are `standard`, `medium`, `high`; values are role names.
    public var caseOwnerRoleByRisk: [String: String] = ["standard": "response_officer", "medium": "da_specialist", "high": "da_specialist"]
    /// Hours from the incident to the first safety-plan review, by risk level (rule 17: high 24, standard 7 days).
    public var safetyPlanFirstReviewHours: [String: Int] = ["high": 24, "medium": 72, "standard": 168]
    /// Days between later safety-plan reviews, by risk level; a level missing here has no repeat (Lancashire: high 14).
    public var safetyPlanRepeatDays: [String: Int] = ["high": 14, "medium": 28]
    /// Immediate safety actions an officer chooses from (rule 12; the Cambridgeshire list in the national report).
    public var safetyToolkit: [String] = SafetyToolkit.cambridgeshire
    /// Kinds of officer-safety warning that may be put on a person, an address or a phone (rule 3). A force adds its
    /// own; `refuge` is not among them (a refuge is a confidential address, not a warning).
    public var warningKinds: [String] = [
        "firearms", "weapons", "violence_towards_officers", "violence", "dogs", "self_harm", "mental_health", "drugs", "contagion",
        "victim_at_risk", "other"
    ]
    /// The toolkit action that, chosen at the scene, puts a warning of `toolkitWarningKind` on the incident's address
    /// and the victim's phones at once (rule 12: the marker is the action, not a task to remember). Nil: no action does.
    public var toolkitWarningAction: String? = SafetyToolkit.warningMarker
    /// The kind of warning that action sets.
    public var toolkitWarningKind: String = "victim_at_risk"
    /// Hours a sergeant has to review a new risk assessment, by its level (rule 16: a review that never happens is
    /// the failure the national report names). The task escalates, late, as any other does.
    public var assessmentReviewHours: [String: Int] = ["high": 24, "medium": 72, "standard": 72]
    /// Days a DA specialist has to dip-sample a standard-risk assessment chosen for the sample (rule 17).
    public var dipSampleReviewDays: Int = 7
    /// Hours an immediate safety action or a children's social care referral has before it is due.
    public var sceneActionDueHours: Int = 24
    /// Hours an escalated task may stay undone before it goes up again, to the next supervisor in the chain (rule 20:
    /// a late high-risk review the sergeant also lets slip must not stop there).
    public var escalateAgainAfterHours: Int = 24
    /// Ages (inclusive) at which a child of the household is of school age, so their school is told before the next
    /// school day (rule 9). A child of unknown age is treated as of school age: finding the school is then the task.
    public var schoolAgeFrom: Int = 4
    public var schoolAgeTo: Int = 17
    /// Hour of the day (force local time, Europe/London) by which a school must be told (rule 9: before the next school day).
    public var schoolDayStartHour: Int = 8
    /// Dates (YYYY-MM-DD) that are not working or school days: bank holidays, configurable per force.
    public var bankHolidays: [String] = []
    /// Seconds between runs of the clocks in `serve` (escalation and reassignment of tasks).
    public var clockIntervalSeconds: Int = 60
    /// Hours after a suspect's release by which the victim's risk is reassessed and her safety plan reviewed.
    public var reassessAfterReleaseHours: Int = 24
    /// Working days within which the victim is told of a Victims' Code event (arrest, charge, bail, release, results).
    public var victimNotificationWorkingDays: Int = 1
    /// Days before an expected prison release by which the plan is reviewed and the victim told.
    public var prisonReleaseNoticeDays: Int = 14
    /// Days before an order or bail ends by which the plan is reviewed and the victim told.
    public var orderEndingNoticeDays: Int = 7
    /// Hours within which a DVPN or DAPN must go before magistrates (48 in law; a force may not allow longer).
    public var noticeHearingHours: Int = 48
    /// Rule 18's repeat pattern: this many incidents within `repeatPatternMonths` on a standard or medium case reopens
    /// the level (low by default: SafeLives' "3 or more in 12 months").
    public var repeatPatternIncidents: Int = 3
    public var repeatPatternMonths: Int = 12
    /// Lancashire recommendation 9: a victim of at least this many incidents ...
    public var quietCheckMinIncidents: Int = 3
    /// ... not heard from for longer than this many days is checked on, safely.
    public var quietPeriodDays: Int = 90
    /// A new incident within this many months of her case closing reopens it; later, a new case opens (issue 19).
    public var caseReopenWindowMonths: Int = 12
    /// MARAC potential escalation (SafeLives): this many incidents ...
    public var maracEscalationIncidents: Int = 3
    /// ... within this many months.
    public var maracEscalationMonths: Int = 12
    /// Repeat MARAC: further abuse within this many months of her last referral.
    public var maracRepeatMonths: Int = 12
    /// Hours the case owner has to refer once a criterion is met (a task; the referral itself is a person's act).
    public var maracReferralTaskHours: Int = 24
    /// Days before a repeat window lapses within which the case is listed as lapsing soon.
    public var maracWindowNoticeDays: Int = 28
    /// An IDVA's caseload above which the service shows them as over capacity (SafeLives: 60–80 for a full-time IDVA).
    public var idvaCaseloadCapacity: Int = 80
    /// Referrals a year above which an IDVA is shown as over capacity (SafeLives: about 100 a year, full time).
    public var idvaReferralsPerYear: Int = 100
    /// Hours the case owner has to offer a high-risk victim an IDVA (a task; rule 22).
    public var idvaOfferTaskHours: Int = 24
    /// Working days after a MARAC within which its minutes go out (SafeLives: a few).
    public var maracMinutesWorkingDays: Int = 3
    /// Women aged 16 and over in the force's area, for MARAC cases per 10,000 adult women (national, Figure 5);
    /// population data a force sets from the census. Nil: the figure is not given.
    public var adultWomenPopulation: Int? = nil
    /// The same per area's MARAC, by area code (`{"NTH": 120000}`): population data, per area, for each MARAC's rate.
    public var adultWomenByArea: [String: Int] = [:]
    /// Clare's Law: initial checks within this many hours of an application (the guidance: 24).
    public var dvdsInitialChecksHours: Int = 24
    /// Clare's Law: a decision within this many days of an application (the guidance: 28).
    public var dvdsDecisionDays: Int = 28
    /// Finding and ranking the people who harm across victims (rule 24): window, serial rule, harm weights.
    public var perpetrators: PerpetratorPolicy = PerpetratorPolicy()
    /// The outcomes the force counts as positive in its figures (rule 31): a crime with any of them counts once.
    /// Default: a charge and the out-of-court disposals (a conviction follows a charge already counted).
    public var positiveOutcomes: [CrimeOutcome.Kind] = [.charge, .caution, .communityResolution, .restorativeJustice, .otherOutOfCourt]
    /// Counts from 1 up to this are shown to leaders, and in anything leaving the force, as "fewer than" the next
    /// number (rule 32; the ONS's and police.uk's practice: 9, so "fewer than 10").
    public var smallNumberThreshold: Int = 9
    /// The satisfaction survey's questions (rule 28), each answered on the five-point scale; default Table 2's.
    public var satisfactionQuestions: [SurveyQuestion] = SurveyQuestion.table2
    /// Calls made to offer the survey before it is left as not reached.
    public var surveyAttempts: Int = 3
    /// Dip samples drawn each time, by kind (rule 29): Essex drew 15 DA calls a week.
    public var qualitySampleSizes: [String: Int] = ["control_room_call": 15, "no_arrest": 5, "case_file": 5]
    /// When records fall due for review and which may be disposed of (rule 34): MoPI's groups unless the force says.
    public var retention: RetentionPolicy = RetentionPolicy()

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = ForcePolicy()
        sessionIdleMinutes = try c.decodeIfPresent(Int.self, forKey: .sessionIdleMinutes) ?? d.sessionIdleMinutes
        lockoutFailures = try c.decodeIfPresent(Int.self, forKey: .lockoutFailures) ?? d.lockoutFailures
        lockoutMinutes = try c.decodeIfPresent(Int.self, forKey: .lockoutMinutes) ?? d.lockoutMinutes
        addressFailureLimit = try c.decodeIfPresent(Int.self, forKey: .addressFailureLimit) ?? d.addressFailureLimit
        addressWindowMinutes = try c.decodeIfPresent(Int.self, forKey: .addressWindowMinutes) ?? d.addressWindowMinutes
        areaScopedRoles = try c.decodeIfPresent([Role].self, forKey: .areaScopedRoles) ?? d.areaScopedRoles
        apiTokenDays = try c.decodeIfPresent(Int.self, forKey: .apiTokenDays) ?? d.apiTokenDays
        passwordMinimumLength = try c.decodeIfPresent(Int.self, forKey: .passwordMinimumLength) ?? d.passwordMinimumLength
        passwordHashCost = try c.decodeIfPresent(Int.self, forKey: .passwordHashCost) ?? d.passwordHashCost
        // An explicit null means "no time limit" (Lancashire); only a missing key takes the default.
        repeatVictimWindowMonths =
            c.contains(.repeatVictimWindowMonths) ? try c.decodeIfPresent(Int.self, forKey: .repeatVictimWindowMonths) : d.repeatVictimWindowMonths
        matchShowThreshold = try c.decodeIfPresent(Double.self, forKey: .matchShowThreshold) ?? d.matchShowThreshold
        matchProposeThreshold = try c.decodeIfPresent(Double.self, forKey: .matchProposeThreshold) ?? d.matchProposeThreshold
        dedupeProposeThreshold = try c.decodeIfPresent(Double.self, forKey: .dedupeProposeThreshold) ?? d.dedupeProposeThreshold
        immediateUrbanMinutes = try c.decodeIfPresent(Int.self, forKey: .immediateUrbanMinutes) ?? d.immediateUrbanMinutes
        immediateRuralMinutes = try c.decodeIfPresent(Int.self, forKey: .immediateRuralMinutes) ?? d.immediateRuralMinutes
        priorityMinutes = try c.decodeIfPresent(Int.self, forKey: .priorityMinutes) ?? d.priorityMinutes
        priorityDispatchAlertMinutes = try c.decodeIfPresent(Int.self, forKey: .priorityDispatchAlertMinutes) ?? d.priorityDispatchAlertMinutes
        vulnerableIfRecordedVulnerability = try c.decodeIfPresent(Bool.self, forKey: .vulnerableIfRecordedVulnerability) ?? d.vulnerableIfRecordedVulnerability
        vulnerableAgeUnder = c.contains(.vulnerableAgeUnder) ? try c.decodeIfPresent(Int.self, forKey: .vulnerableAgeUnder) : d.vulnerableAgeUnder
        riskInstrument = try c.decodeIfPresent(String.self, forKey: .riskInstrument) ?? d.riskInstrument
        dipSampleShare = try c.decodeIfPresent(Double.self, forKey: .dipSampleShare) ?? d.dipSampleShare
        vulnerableAgeFrom = c.contains(.vulnerableAgeFrom) ? try c.decodeIfPresent(Int.self, forKey: .vulnerableAgeFrom) : d.vulnerableAgeFrom
        caseOwnerRoleByRisk = try c.decodeIfPresent([String: String].self, forKey: .caseOwnerRoleByRisk) ?? d.caseOwnerRoleByRisk
        safetyPlanFirstReviewHours = try c.decodeIfPresent([String: Int].self, forKey: .safetyPlanFirstReviewHours) ?? d.safetyPlanFirstReviewHours
        safetyPlanRepeatDays = try c.decodeIfPresent([String: Int].self, forKey: .safetyPlanRepeatDays) ?? d.safetyPlanRepeatDays
        safetyToolkit = try c.decodeIfPresent([String].self, forKey: .safetyToolkit) ?? d.safetyToolkit
        warningKinds = try c.decodeIfPresent([String].self, forKey: .warningKinds) ?? d.warningKinds
        toolkitWarningAction =
            c.contains(.toolkitWarningAction) ? try c.decodeIfPresent(String.self, forKey: .toolkitWarningAction) : d.toolkitWarningAction
        toolkitWarningKind = try c.decodeIfPresent(String.self, forKey: .toolkitWarningKind) ?? d.toolkitWarningKind
        sceneActionDueHours = try c.decodeIfPresent(Int.self, forKey: .sceneActionDueHours) ?? d.sceneActionDueHours
        assessmentReviewHours = try c.decodeIfPresent([String: Int].self, forKey: .assessmentReviewHours) ?? d.assessmentReviewHours
        dipSampleReviewDays = try c.decodeIfPresent(Int.self, forKey: .dipSampleReviewDays) ?? d.dipSampleReviewDays
        escalateAgainAfterHours = try c.decodeIfPresent(Int.self, forKey: .escalateAgainAfterHours) ?? d.escalateAgainAfterHours
        schoolDayStartHour = try c.decodeIfPresent(Int.self, forKey: .schoolDayStartHour) ?? d.schoolDayStartHour
        schoolAgeFrom = try c.decodeIfPresent(Int.self, forKey: .schoolAgeFrom) ?? d.schoolAgeFrom
        schoolAgeTo = try c.decodeIfPresent(Int.self, forKey: .schoolAgeTo) ?? d.schoolAgeTo
        bankHolidays = try c.decodeIfPresent([String].self, forKey: .bankHolidays) ?? d.bankHolidays
        clockIntervalSeconds = try c.decodeIfPresent(Int.self, forKey: .clockIntervalSeconds) ?? d.clockIntervalSeconds
        reassessAfterReleaseHours = try c.decodeIfPresent(Int.self, forKey: .reassessAfterReleaseHours) ?? d.reassessAfterReleaseHours
        victimNotificationWorkingDays = try c.decodeIfPresent(Int.self, forKey: .victimNotificationWorkingDays) ?? d.victimNotificationWorkingDays
        prisonReleaseNoticeDays = try c.decodeIfPresent(Int.self, forKey: .prisonReleaseNoticeDays) ?? d.prisonReleaseNoticeDays
        orderEndingNoticeDays = try c.decodeIfPresent(Int.self, forKey: .orderEndingNoticeDays) ?? d.orderEndingNoticeDays
        noticeHearingHours = try c.decodeIfPresent(Int.self, forKey: .noticeHearingHours) ?? d.noticeHearingHours
        repeatPatternIncidents = try c.decodeIfPresent(Int.self, forKey: .repeatPatternIncidents) ?? d.repeatPatternIncidents
        repeatPatternMonths = try c.decodeIfPresent(Int.self, forKey: .repeatPatternMonths) ?? d.repeatPatternMonths
        quietCheckMinIncidents = try c.decodeIfPresent(Int.self, forKey: .quietCheckMinIncidents) ?? d.quietCheckMinIncidents
        quietPeriodDays = try c.decodeIfPresent(Int.self, forKey: .quietPeriodDays) ?? d.quietPeriodDays
        caseReopenWindowMonths = try c.decodeIfPresent(Int.self, forKey: .caseReopenWindowMonths) ?? d.caseReopenWindowMonths
        maracEscalationIncidents = try c.decodeIfPresent(Int.self, forKey: .maracEscalationIncidents) ?? d.maracEscalationIncidents
        maracEscalationMonths = try c.decodeIfPresent(Int.self, forKey: .maracEscalationMonths) ?? d.maracEscalationMonths
        maracRepeatMonths = try c.decodeIfPresent(Int.self, forKey: .maracRepeatMonths) ?? d.maracRepeatMonths
        maracReferralTaskHours = try c.decodeIfPresent(Int.self, forKey: .maracReferralTaskHours) ?? d.maracReferralTaskHours
        maracWindowNoticeDays = try c.decodeIfPresent(Int.self, forKey: .maracWindowNoticeDays) ?? d.maracWindowNoticeDays
        idvaCaseloadCapacity = try c.decodeIfPresent(Int.self, forKey: .idvaCaseloadCapacity) ?? d.idvaCaseloadCapacity
        idvaReferralsPerYear = try c.decodeIfPresent(Int.self, forKey: .idvaReferralsPerYear) ?? d.idvaReferralsPerYear
        idvaOfferTaskHours = try c.decodeIfPresent(Int.self, forKey: .idvaOfferTaskHours) ?? d.idvaOfferTaskHours
        maracMinutesWorkingDays = try c.decodeIfPresent(Int.self, forKey: .maracMinutesWorkingDays) ?? d.maracMinutesWorkingDays
        adultWomenPopulation = try c.decodeIfPresent(Int.self, forKey: .adultWomenPopulation)
        adultWomenByArea = try c.decodeIfPresent([String: Int].self, forKey: .adultWomenByArea) ?? d.adultWomenByArea
        perpetrators = try c.decodeIfPresent(PerpetratorPolicy.self, forKey: .perpetrators) ?? d.perpetrators
        dvdsInitialChecksHours = try c.decodeIfPresent(Int.self, forKey: .dvdsInitialChecksHours) ?? d.dvdsInitialChecksHours
        dvdsDecisionDays = try c.decodeIfPresent(Int.self, forKey: .dvdsDecisionDays) ?? d.dvdsDecisionDays
        positiveOutcomes = try c.decodeIfPresent([CrimeOutcome.Kind].self, forKey: .positiveOutcomes) ?? d.positiveOutcomes
        smallNumberThreshold = try c.decodeIfPresent(Int.self, forKey: .smallNumberThreshold) ?? d.smallNumberThreshold
        satisfactionQuestions = try c.decodeIfPresent([SurveyQuestion].self, forKey: .satisfactionQuestions) ?? d.satisfactionQuestions
        surveyAttempts = try c.decodeIfPresent(Int.self, forKey: .surveyAttempts) ?? d.surveyAttempts
        qualitySampleSizes = try c.decodeIfPresent([String: Int].self, forKey: .qualitySampleSizes) ?? d.qualitySampleSizes
        retention = try c.decodeIfPresent(RetentionPolicy.self, forKey: .retention) ?? d.retention
    }

    /// Reads and checks a policy file.
    public static func load(from url: URL) throws -> ForcePolicy {
        let policy = try JSONDecoder().decode(ForcePolicy.self, from: Data(contentsOf: url))
        try policy.validate()
        return policy
    }

    /// Refuses settings that would make the system unsafe or unusable.
    /// Whether `role` sees only its own area's records.
    public func seesOwnAreaOnly(_ role: Role) -> Bool { areaScopedRoles.contains(role) }

    public func validate() throws {
        var errors: [FieldError] = []
        if !(1...480).contains(sessionIdleMinutes) { errors.append(FieldError("sessionIdleMinutes", "must be between 1 and 480")) }
        if !(1...20).contains(lockoutFailures) { errors.append(FieldError("lockoutFailures", "must be between 1 and 20")) }
        if lockoutMinutes < 1 { errors.append(FieldError("lockoutMinutes", "must be at least 1")) }
        if !(5...1000).contains(addressFailureLimit) { errors.append(FieldError("addressFailureLimit", "must be between 5 and 1000")) }
        if !(1...1440).contains(addressWindowMinutes) { errors.append(FieldError("addressWindowMinutes", "must be between 1 and 1440")) }
        if !(1...100).contains(smallNumberThreshold) { errors.append(FieldError("smallNumberThreshold", "must be between 1 and 100")) }
        if !(1...10).contains(surveyAttempts) { errors.append(FieldError("surveyAttempts", "must be between 1 and 10")) }
        for (kind, size) in qualitySampleSizes where QualitySampleKind(rawValue: kind) == nil || !(0...500).contains(size) {
            errors.append(FieldError("qualitySampleSizes", "\(kind): must be a kind of sample with 0 to 500 drawn"))
        }
        if satisfactionQuestions.isEmpty || Set(satisfactionQuestions.map(\.key)).count != satisfactionQuestions.count {
            errors.append(FieldError("satisfactionQuestions", "must hold at least one question, each with its own key"))
        }
        if !(1...365).contains(apiTokenDays) { errors.append(FieldError("apiTokenDays", "must be between 1 and 365")) }
        if passwordMinimumLength < 8 { errors.append(FieldError("passwordMinimumLength", "must be at least 8")) }
        if !(4...16).contains(passwordHashCost) { errors.append(FieldError("passwordHashCost", "must be between 4 and 16")) }
        if !(0.0..<1.0).contains(matchShowThreshold) { errors.append(FieldError("matchShowThreshold", "must be at least 0 and below 1")) }
        if !(0.5...1.0).contains(dedupeProposeThreshold) { errors.append(FieldError("dedupeProposeThreshold", "must be between 0.5 and 1")) }
        if !(matchShowThreshold...1.0).contains(matchProposeThreshold) {
            errors.append(FieldError("matchProposeThreshold", "must be between matchShowThreshold and 1"))
        }
        for (field, minutes) in [
            ("immediateUrbanMinutes", immediateUrbanMinutes), ("immediateRuralMinutes", immediateRuralMinutes),
            ("priorityMinutes", priorityMinutes), ("priorityDispatchAlertMinutes", priorityDispatchAlertMinutes)
        ]
        where !(1...1440).contains(minutes) {
            errors.append(FieldError(field, "must be between 1 and 1440 minutes"))
        }
        if let age = vulnerableAgeUnder, !(1...130).contains(age) { errors.append(FieldError("vulnerableAgeUnder", "must be between 1 and 130, or null")) }
        if let age = vulnerableAgeFrom, !(1...130).contains(age) { errors.append(FieldError("vulnerableAgeFrom", "must be between 1 and 130, or null")) }
        if !(0.0...1.0).contains(dipSampleShare) { errors.append(FieldError("dipSampleShare", "must be between 0 and 1")) }
        if RiskInstruments.all[riskInstrument] == nil { errors.append(FieldError("riskInstrument", "no instrument file named \(riskInstrument)")) }
        for level in RiskLevel.allCases {
            guard let name = caseOwnerRoleByRisk[level.rawValue] else {
                errors.append(FieldError("caseOwnerRoleByRisk", "must name the owning role for \(level.rawValue) risk")); continue
            }
            if Role(rawValue: name) == nil { errors.append(FieldError("caseOwnerRoleByRisk", "\(name) is not a role")) }
            if !(1...24 * 28).contains(safetyPlanFirstReviewHours[level.rawValue] ?? 0) {
                errors.append(FieldError("safetyPlanFirstReviewHours", "must give 1–672 hours for \(level.rawValue) risk"))
            }
            if let days = safetyPlanRepeatDays[level.rawValue], !(1...90).contains(days) {
                errors.append(FieldError("safetyPlanRepeatDays", "must be 1–90 days for \(level.rawValue) risk, or left out"))
            }
        }
        // Lancashire's floor: a high-risk plan is reviewed within 24 hours and then at least every 14 days.
        if (safetyPlanFirstReviewHours["high"] ?? 0) > 24 {
            errors.append(FieldError("safetyPlanFirstReviewHours", "high risk must be reviewed within 24 hours"))
        }
        if (safetyPlanRepeatDays["high"] ?? 99) > 14 { errors.append(FieldError("safetyPlanRepeatDays", "high risk must be reviewed at least every 14 days")) }
        if safetyToolkit.isEmpty || safetyToolkit.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            errors.append(FieldError("safetyToolkit", "must list at least one action, none blank"))
        }
        if warningKinds.isEmpty || warningKinds.contains(where: { $0.isEmpty || $0 == Marker.refuge || $0.contains(where: { !($0.isLowercase || $0 == "_") }) })
        {
            errors.append(FieldError("warningKinds", "must list at least one kind, each in lower_case_with_underscores, and not refuge"))
        }
        if let action = toolkitWarningAction, !safetyToolkit.contains(action) {
            errors.append(FieldError("toolkitWarningAction", "\"\(action)\" is not in safetyToolkit; name one of its actions, or null"))
        }
        if !warningKinds.contains(toolkitWarningKind) { errors.append(FieldError("toolkitWarningKind", "must be one of warningKinds")) }
        for level in RiskLevel.allCases where !(1...168).contains(assessmentReviewHours[level.rawValue] ?? 0) {
            errors.append(FieldError("assessmentReviewHours", "must give 1–168 hours for \(level.rawValue) risk"))
        }
        if (assessmentReviewHours["high"] ?? 0) > 24 {
            errors.append(FieldError("assessmentReviewHours", "a high-risk assessment must be reviewed within 24 hours"))
        }
        if !(1...90).contains(dipSampleReviewDays) { errors.append(FieldError("dipSampleReviewDays", "must be between 1 and 90")) }
        if !(1...168).contains(sceneActionDueHours) { errors.append(FieldError("sceneActionDueHours", "must be between 1 and 168")) }
        if !(1...168).contains(escalateAgainAfterHours) { errors.append(FieldError("escalateAgainAfterHours", "must be between 1 and 168")) }
        if !(0...6).contains(schoolAgeFrom) || !(schoolAgeFrom...19).contains(schoolAgeTo) {
            errors.append(FieldError("schoolAgeFrom", "school age must start between 0 and 6 and end at or after it, by 19"))
        }
        if !(0...23).contains(schoolDayStartHour) { errors.append(FieldError("schoolDayStartHour", "must be an hour from 0 to 23")) }
        for day in bankHolidays where CalendarDate.date(day) == nil { errors.append(FieldError("bankHolidays", "\(day) is not a date like 2026-12-25")) }
        if !(1...72).contains(reassessAfterReleaseHours) { errors.append(FieldError("reassessAfterReleaseHours", "must be between 1 and 72")) }
        if !(1...10).contains(victimNotificationWorkingDays) { errors.append(FieldError("victimNotificationWorkingDays", "must be between 1 and 10")) }
        if !(1...90).contains(prisonReleaseNoticeDays) { errors.append(FieldError("prisonReleaseNoticeDays", "must be between 1 and 90")) }
        if !(1...60).contains(orderEndingNoticeDays) { errors.append(FieldError("orderEndingNoticeDays", "must be between 1 and 60")) }
        if !(1...48).contains(noticeHearingHours) {
            errors.append(FieldError("noticeHearingHours", "must be between 1 and 48: a notice goes to court within 48 hours"))
        }
        // "The threshold must be low" (rule 18): a pattern of more than five incidents before anyone looks again is no safeguard.
        if !(2...5).contains(repeatPatternIncidents) { errors.append(FieldError("repeatPatternIncidents", "must be between 2 and 5")) }
        if !(1...36).contains(repeatPatternMonths) { errors.append(FieldError("repeatPatternMonths", "must be between 1 and 36")) }
        if !(2...20).contains(quietCheckMinIncidents) { errors.append(FieldError("quietCheckMinIncidents", "must be between 2 and 20")) }
        if !(14...730).contains(quietPeriodDays) { errors.append(FieldError("quietPeriodDays", "must be between 14 and 730")) }
        if !(2...10).contains(maracEscalationIncidents) { errors.append(FieldError("maracEscalationIncidents", "must be between 2 and 10")) }
        if !(1...36).contains(maracEscalationMonths) { errors.append(FieldError("maracEscalationMonths", "must be between 1 and 36")) }
        if !(1...36).contains(maracRepeatMonths) { errors.append(FieldError("maracRepeatMonths", "must be between 1 and 36")) }
        if !(1...168).contains(maracReferralTaskHours) { errors.append(FieldError("maracReferralTaskHours", "must be between 1 and 168")) }
        if !(1...500).contains(idvaCaseloadCapacity) { errors.append(FieldError("idvaCaseloadCapacity", "must be between 1 and 500")) }
        if !(1...1000).contains(idvaReferralsPerYear) { errors.append(FieldError("idvaReferralsPerYear", "must be between 1 and 1000")) }
        if let women = adultWomenPopulation, women < 1 { errors.append(FieldError("adultWomenPopulation", "must be a positive count, or absent")) }
        for (code, women) in adultWomenByArea.sorted(by: { $0.key < $1.key }) where women < 1 {
            errors.append(FieldError("adultWomenByArea", "\(code): must be a positive count"))
        }
        if !(1...10).contains(maracMinutesWorkingDays) { errors.append(FieldError("maracMinutesWorkingDays", "must be between 1 and 10")) }
        if !(1...168).contains(idvaOfferTaskHours) { errors.append(FieldError("idvaOfferTaskHours", "must be between 1 and 168")) }
        if !(1...180).contains(maracWindowNoticeDays) { errors.append(FieldError("maracWindowNoticeDays", "must be between 1 and 180")) }
        if !(0...60).contains(caseReopenWindowMonths) { errors.append(FieldError("caseReopenWindowMonths", "must be between 0 and 60")) }
        if !(5...3600).contains(clockIntervalSeconds) { errors.append(FieldError("clockIntervalSeconds", "must be between 5 and 3600")) }
        errors += perpetrators.problems()
        errors += retention.problems()
        if !(1...24).contains(dvdsInitialChecksHours) {
            errors.append(FieldError("dvdsInitialChecksHours", "must be between 1 and 24: the guidance's longest"))
        }
        if !(1...28).contains(dvdsDecisionDays) { errors.append(FieldError("dvdsDecisionDays", "must be between 1 and 28: the guidance's longest")) }
        if let months = repeatVictimWindowMonths, months < 1 {
            errors.append(FieldError("repeatVictimWindowMonths", "must be at least 1, or null for no limit"))
        }
        if !errors.isEmpty { throw DomainError.invalid(errors) }
    }
}
