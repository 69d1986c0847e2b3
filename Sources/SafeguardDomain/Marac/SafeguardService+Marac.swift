import Foundation

/// Her case as MARAC sees it: the criteria the record meets now, her referrals, and her repeat window.
public struct MaracCaseView: Sendable, Equatable, Codable {
    public var caseID: String
    public var criteriaMet: [MaracCriterion]
    /// Her referrals (across her confirmed records), newest first.
    public var referrals: [MaracReferral]
    /// Until when further abuse makes her a repeat case; nil if she was never referred or the window has passed.
    public var repeatWindowEnds: Date?
    /// Whether the record now calls for a referral (a criterion met and none made since it was).
    public var referralDue: Bool
}

extension SafeguardService {
    /// The MARAC section of her case (rule 21).
    public func maracView(_ actor: Actor, caseID: String, reason: String? = nil) async throws -> MaracCaseView {
        let why = try caseReadReason(actor, reason)
        let now = clock.now()
        return try await repositories.transaction { tx in
            guard let found = try await tx.cases.find(id: caseID) else { throw DomainError.notFound(kind: "case", id: caseID) }
            let (facts, referrals) = try await self.maracFacts(tx, found, now: now)
            try await tx.audit.append(
                AuditEntry(at: now, user: actor.user, action: .viewCase, recordType: "case", recordID: caseID, reason: why, detail: "marac"))
            return self.maracView(found, facts: facts, referrals: try await self.maskedResearch(tx, referrals, visibility: Visibility(actor.role)), now: now)
        }
    }

    /// The research may say where a restricted victim is living: it stays with the roles that may see her (rule 33).
    func maskedResearch(_ tx: any RepositoryTransaction, _ referrals: [MaracReferral], visibility: Visibility) async throws -> [MaracReferral] {
        guard !visibility.seesRestricted else { return referrals }
        // One read for every victim on the list, not one per referral (an agenda holds dozens).
        let victims = try await tx.people.summaries(ids: Array(Set(referrals.map(\.victimPersonID))))
        return referrals.map { referral in
            var shown = referral
            if victims[referral.victimPersonID]?.restricted == true { shown.research = "Restricted record: ask a DA specialist for the research." }
            return shown
        }
    }

    func maracView(_ c: SafeguardingCase, facts: MaracFacts, referrals: [MaracReferral], now: Date) -> MaracCaseView {
        let met = MaracRules.criteriaMet(facts, now: now, policy: policy)
        let window = referrals.first.map { MaracRules.repeatWindowEnds(from: $0.referredAt, policy: policy) }.flatMap { $0 > now ? $0 : nil }
        return MaracCaseView(
            caseID: c.id, criteriaMet: met, referrals: referrals, repeatWindowEnds: window,
            referralDue: c.status == .open && Self.referralDue(met: met, facts: facts, now: now, policy: policy))
    }

    /// A criterion is met and no referral answers it: never referred, referred so long ago the window has passed, or
    /// abused again since the last referral (a repeat).
    static func referralDue(met: [MaracCriterion], facts: MaracFacts, now: Date, policy: ForcePolicy) -> Bool {
        guard !met.isEmpty else { return false }
        guard let last = facts.lastReferral else { return true }
        return met.contains(.repeatReferral) || MaracRules.repeatWindowEnds(from: last.referredAt, policy: policy) <= now
    }

    /// Refers her case to MARAC (rule 21): the criteria named must be met on the record (professional judgement always
    /// may be given), with the referring agency and the research to share. A further referral within the window of her
    /// last one is a repeat. Nothing counts or caps referrals (rule 16). Completes the owner's "refer to MARAC" task.
    public func referToMarac(_ actor: Actor, caseID: String, draft: MaracReferralDraft) async throws -> MaracReferral {
        try actor.require(.referToMarac)
        let now = clock.now()
        return try await repositories.transaction { tx in
            guard let found = try await tx.cases.find(id: caseID) else { throw DomainError.notFound(kind: "case", id: caseID) }
            guard found.status == .open else {
                throw DomainError.invalid([FieldError("case", "This case is closed: reopen it (a new incident does) before referring.")])
            }
            let (facts, _) = try await self.maracFacts(tx, found, now: now)
            let perpetrators = try await self.suspects(tx, of: found)
            let met = MaracRules.criteriaMet(facts, now: now, policy: self.policy)
            let checked = try MaracRules.validated(draft, met: met)
            let areaID = MaracRules.area(
                victimPostcode: try await tx.people.find(id: found.victimPersonID)?.currentAddress?.postcode,
                ownerAreaID: try await tx.users.find(id: found.owner.id)?.areaID, referrerAreaID: actor.user.areaID, areas: try await tx.areas.all())
            var referral = MaracReferral(
                id: Self.newID(at: now), caseID: found.id, caseReference: found.reference, victimPersonID: found.victimPersonID,
                perpetratorIDs: perpetrators, criteria: checked.criteria, referringAgency: checked.agency, research: checked.research,
                referredBy: actor.user.username, referredAt: now, isRepeat: met.contains(.repeatReferral),
                repeatWindowEnds: MaracRules.repeatWindowEnds(from: now, policy: self.policy), areaID: areaID)
            referral.victimLGBT = checked.lgbt
            try await tx.marac.create(referral, byUserID: actor.user.id)
            for task in try await tx.tasks.open(source: Self.maracTaskSource(caseID: found.id)) {
                _ = try await tx.tasks.complete(id: task.id, at: now, by: actor.user.username, outcome: "Referred to MARAC.")
            }
            try await tx.audit.append(
                AuditEntry(
                    at: now, user: actor.user, action: .referToMarac, recordType: "case", recordID: found.id,
                    detail:
                        "criteria=\(checked.criteria.map(\.rawValue).joined(separator: ",")); agency=\(checked.agency.rawValue); repeat=\(referral.isRepeat)"))
            return referral
        }
    }

    /// Every referral, newest first, and the repeat windows ending within `maracWindowNoticeDays` (the coordinator's list).
    public func maracReferrals(_ actor: Actor, limit: Int = 200) async throws -> (recent: [MaracReferral], lapsingSoon: [MaracReferral]) {
        try actor.require(.viewMaracReferrals)
        let now = clock.now()
        let notice = now.addingTimeInterval(Double(policy.maracWindowNoticeDays) * 86_400)
        return try await repositories.transaction { tx in
            let recent = try await self.maskedResearch(tx, try await tx.marac.recent(limit: limit), visibility: Visibility(actor.role))
            // Only her newest referral's window counts: an older one's is superseded.
            var lapsing: [MaracReferral] = []
            for referral in try await tx.marac.windowsEnding(after: now, before: notice, limit: limit) {
                if try await tx.marac.referrals(victimPersonIDs: [referral.victimPersonID]).first?.id == referral.id { lapsing.append(referral) }
            }
            try await tx.audit.append(
                AuditEntry(at: now, user: actor.user, action: .viewMaracReferrals, detail: "referrals=\(recent.count); lapsing=\(lapsing.count)"))
            return (recent, try await self.maskedResearch(tx, lapsing, visibility: Visibility(actor.role)))
        }
    }

    /// Sets the owner's "refer to MARAC" task when her case meets a criterion that no referral answers (rule 21: the
    /// system asks; a person refers). Once per case while it is open.
    func setMaracTask(_ tx: any RepositoryTransaction, _ found: SafeguardingCase, actor: Actor?, at now: Date) async throws {
        guard found.status == .open else { return }
        let (facts, _) = try await maracFacts(tx, found, now: now)
        let met = MaracRules.criteriaMet(facts, now: now, policy: policy)
        guard Self.referralDue(met: met, facts: facts, now: now, policy: policy) else { return }
        let source = Self.maracTaskSource(caseID: found.id)
        guard try await tx.tasks.open(source: source).isEmpty else { return }
        try await createTask(
            tx,
            CaseTask(
                id: Self.newID(at: now), caseID: found.id, incidentID: nil, kind: .referToMarac,
                // No name in a title: task lists are read by colleagues who may not see a restricted victim (rule 33).
                title: "Refer case \(found.reference) to MARAC: \(met.map(\.label).joined(separator: ", "))", owner: found.owner,
                dueAt: now.addingTimeInterval(Double(policy.maracReferralTaskHours) * 3600), createdAt: now, source: source),
            actor: actor, at: now)
    }

    static func maracTaskSource(caseID: String) -> String { "marac:\(caseID)" }

    /// The suspects on her case's incidents: a new referral's perpetrators. Read only when she is referred.
    func suspects(_ tx: any RepositoryTransaction, of c: SafeguardingCase) async throws -> [String] {
        var perpetrators: [String] = []
        for incidentID in c.incidentIDs {
            for suspect in try await tx.incidents.find(id: incidentID)?.suspects ?? [] where !perpetrators.contains(suspect.personID) {
                perpetrators.append(suspect.personID)
            }
        }
        return perpetrators
    }

    /// What the record says about her for the criteria, and her referrals, newest first.
    func maracFacts(_ tx: any RepositoryTransaction, _ c: SafeguardingCase, now: Date) async throws -> (MaracFacts, [MaracReferral]) {
        let history = try await repeatHistory(tx, personID: c.victimPersonID)
        let referrals = try await tx.marac.referrals(victimPersonIDs: [c.victimPersonID] + history.records.map(\.personID))
        var yesCount: Int?
        var threshold: Int?
        if let newest = try await tx.assessments.newestID(forPerson: c.victimPersonID), let assessment = try await tx.assessments.find(id: newest) {
            yesCount = assessment.yesCount
            threshold = (try? riskInstrument(assessment.instrumentID))?.visibleHighRiskYesCount
        }
        // Further abuse since her last referral: by one of its perpetrators, or by anyone when it named none.
        var further: [Date] = []
        if let last = referrals.first {
            for incident in history.incidents where incident.role == .victim && incident.occurredAt > last.referredAt {
                let suspects = try await tx.incidents.find(id: incident.id)?.suspects.map(\.personID) ?? []
                if last.perpetratorIDs.isEmpty || suspects.contains(where: last.perpetratorIDs.contains) { further.append(incident.occurredAt) }
            }
        }
        let facts = MaracFacts(
            level: c.riskLevel, yesCount: yesCount, visibleHighRiskAt: threshold, incidentDates: history.victimDates(excluding: nil),
            lastReferral: referrals.first, furtherAbuseSinceLastReferral: further)
        return (facts, referrals)
    }
}

extension SafeguardService {
    /// The MARAC's figures for the days `from` to `to` (YYYY-MM-DD, both included), for one area's MARAC (`area`, its
    /// code) or the force: referrals, repeats, by agency, the meetings held and their cases, per 10,000 adult women,
    /// victims' characteristics, young perpetrators, IDVA offers and engagement; force-wide, a line per MARAC too.
    /// Computed from the records each time. For the MARAC roles and analysts (audited).
    public func maracFigures(_ actor: Actor, from rawFrom: String?, to rawTo: String?, area rawArea: String? = nil) async throws -> MaracFigures {
        try requireMaracFigures(actor)
        var errors: [FieldError] = []
        let from = trimmedNonEmpty(rawFrom).flatMap(CalendarDate.normalise)
        let to = trimmedNonEmpty(rawTo).flatMap(CalendarDate.normalise)
        if from == nil { errors.append(FieldError("from", "Give the first day, like 2026-07-01.")) }
        if to == nil { errors.append(FieldError("to", "Give the last day, like 2026-09-30.")) }
        guard errors.isEmpty, let from, let to, let start = CalendarDate.date(from), let last = CalendarDate.date(to) else {
            throw DomainError.invalid(errors.isEmpty ? [FieldError("from", "Give the period's days.")] : errors)
        }
        guard start <= last else { throw DomainError.invalid([FieldError("to", "The last day is before the first.")]) }
        let end = last.addingTimeInterval(86_400)
        let now = clock.now()
        let policy = policy
        return try await repositories.transaction { tx in
            let areas = try await tx.areas.all()
            let area = try trimmedNonEmpty(rawArea).map { try AreaRules.area(code: $0, among: areas) }
            let all = try await tx.marac.referrals(from: start, to: end)
            let referrals = area.map { a in all.filter { $0.areaID == a.id } } ?? all
            var figures = MaracFigures(
                from: from, to: to, referrals: referrals.count, repeats: referrals.filter(\.isRepeat).count, repeatPercent: nil, byAgency: [:],
                meetings: [], per10kWomenPerYear: nil, withChildrenInHousehold: 0, minoritised: 0, ethnicityNotRecorded: 0, disabled: 0, male: 0,
                aged16to17: 0, perpetrators17OrUnder: 0, idvaOffered: 0, idvaAccepted: 0)
            figures.area = area?.code
            figures.areaName = area?.name
            figures.repeatPercent = MaracFigureRules.percent(figures.repeats, of: referrals.count)
            for referral in referrals { figures.byAgency[referral.referringAgency.rawValue, default: 0] += 1 }
            let days = end.timeIntervalSince(start) / 86_400
            figures.per10kWomenPerYear = MaracFigureRules.per10kWomenPerYear(
                referrals.count, women: MaracFigureRules.adultWomen(area: area, areas: areas, policy: policy), days: days)
            for meeting in try await tx.marac.meetings(limit: 10_000)
            where meeting.heldOn >= from && meeting.heldOn <= to && (area == nil || meeting.areaID == area?.id) {
                figures.meetings.append(.init(heldOn: meeting.heldOn, cases: try await tx.marac.agenda(meetingID: meeting.id).count))
            }
            figures.meetings.sort { $0.heldOn < $1.heldOn }
            var perpetrators = Set<String>()
            // The perpetrators' dates of birth in one read, not one per referral.
            let perpetratorBirthDates = try await tx.people.summaries(ids: Array(Set(referrals.flatMap(\.perpetratorIDs)))).mapValues(\.dateOfBirth)
            for referral in referrals {
                let day = CalendarDate.string(referral.referredAt)
                if let victim = try await tx.people.find(id: referral.victimPersonID) {
                    switch MaracFigureRules.isMinoritised(victim.ethnicity) {
                    case .some(true): figures.minoritised += 1
                    case .some(false): break
                    case .none: figures.ethnicityNotRecorded += 1
                    }
                    if MaracFigureRules.isDisabled(victim.vulnerabilities) { figures.disabled += 1 }
                    if victim.sex == .male { figures.male += 1 }
                    switch referral.victimLGBT {
                    case .yes: figures.lgbt += 1
                    case .no: break
                    case .declined, .notAsked: figures.lgbtNotKnown += 1
                    }
                    if let age = MaracFigureRules.age(victim.dateOfBirth, on: day), (16...17).contains(age) { figures.aged16to17 += 1 }
                }
                let records = try await self.recordsOfSamePerson(tx, referral.victimPersonID)
                if !(try await self.householdChildren(tx, adults: records, today: day, visibility: Visibility(.daSpecialist), now: now).isEmpty) {
                    figures.withChildrenInHousehold += 1
                }
                for perpetratorID in referral.perpetratorIDs where perpetrators.insert("\(referral.id):\(perpetratorID)").inserted {
                    if let age = MaracFigureRules.age(perpetratorBirthDates[perpetratorID] ?? nil, on: day), age <= 17 {
                        figures.perpetrators17OrUnder += 1
                    }
                }
            }
            // IDVA engagement: the referred cases whose newest offer around the referral was accepted.
            var offersByCase: [String: [IdvaOffer]] = [:]
            func offers(_ caseID: String) async throws -> [IdvaOffer] {
                if let known = offersByCase[caseID] { return known }
                let found = try await tx.idva.offers(caseID: caseID)
                offersByCase[caseID] = found
                return found
            }
            func engaged(_ referrals: [MaracReferral]) async throws -> Int {
                var cases: Set<String> = []
                for referral in referrals
                where MaracFigureRules.engagedWithIdva(try await offers(referral.caseID), referredAt: referral.referredAt, by: end) {
                    cases.insert(referral.caseID)
                }
                return cases.count
            }
            figures.engagedWithIdva = try await engaged(referrals)
            if let area {
                // One MARAC's offers: those recorded in the period on the cases it has heard, up to the period's end.
                var offered = 0, accepted = 0
                let heard = Set(try await tx.marac.referrals(from: Date(timeIntervalSince1970: 0), to: end).filter { $0.areaID == area.id }.map(\.caseID))
                for caseID in heard {
                    for offer in try await offers(caseID) where offer.recordedAt >= start && offer.recordedAt < end {
                        offered += 1
                        if offer.outcome == .accepted { accepted += 1 }
                    }
                }
                figures.idvaOffered = offered
                figures.idvaAccepted = accepted
            } else {
                let offers = try await tx.idva.offers(from: start, to: end)
                figures.idvaOffered = offers.offered
                figures.idvaAccepted = offers.accepted
                // Per MARAC: each area's line, and one for referrals no area claims (made before the force had areas),
                // so the lines add up to the force.
                var lines: [(code: String, name: String, referrals: [MaracReferral], women: Int?)] = areas.map { a in
                    (a.code, a.name, all.filter { $0.areaID == a.id }, MaracFigureRules.adultWomen(area: a, areas: areas, policy: policy))
                }
                let unclaimed = all.filter { referral in referral.areaID == nil || !areas.contains { $0.id == referral.areaID } }
                if !unclaimed.isEmpty { lines.append(("", "No area (heard by any MARAC)", unclaimed, nil)) }
                for line in lines {
                    let repeats = line.referrals.filter(\.isRepeat).count
                    figures.perMarac.append(
                        MaracFigures.AreaLine(
                            area: line.code, name: line.name, referrals: line.referrals.count, repeats: repeats,
                            repeatPercent: MaracFigureRules.percent(repeats, of: line.referrals.count),
                            per10kWomenPerYear: MaracFigureRules.per10kWomenPerYear(line.referrals.count, women: line.women, days: days),
                            engagedWithIdva: try await engaged(line.referrals)))
                }
            }
            try await tx.audit.append(
                AuditEntry(at: now, user: actor.user, action: .viewMaracFigures, detail: "from=\(from); to=\(to); area=\(area?.code ?? "force")"))
            return figures
        }
    }

    /// SafeLives' quarterly MARAC return (`YYYY-Qn`) as CSV, small numbers suppressed: it leaves the force.
    public func maracReturn(_ actor: Actor, quarter: String?, area: String? = nil) async throws -> String {
        try requireMaracFigures(actor)
        let (from, to) = try MaracFigureRules.quarter(quarter)
        return MaracFigureRules.returnCSV(try await maracFigures(actor, from: from, to: to, area: area), threshold: policy.smallNumberThreshold)
    }

    /// The MARAC's figures are for the MARAC roles and analysts: asked before anything else is read or checked.
    private func requireMaracFigures(_ actor: Actor) throws {
        guard actor.role.can(.viewMaracReferrals) || actor.role.can(.viewCaseload) else {
            throw DomainError.forbidden("The MARAC's figures are for the MARAC roles and analysts.")
        }
    }
}
