import Foundation

extension SafeguardService {
    /// Records a call and opens an incident (rules 4–6): parties chosen from matches or entered new, the structured
    /// answers, the victim's repeat and vulnerable status under policy, the potential-high-risk flag, and the grade.
    /// A grade below the recommended one, or a scheduled appointment, waits for a supervisor; until then the
    /// recommended grade stands. One transaction, audited.
    public func openIncident(_ actor: Actor, draft: CallDraft) async throws -> IncidentRecord {
        try actor.require(.recordCall)
        let now = clock.now()
        let call = try draft.validated(now: now)
        // Rule 1: a new person nobody has confirmed is new is first matched against the records on file.
        for (index, party) in draft.parties.enumerated() where !party.confirmedNew && trimmedNonEmpty(party.personID) == nil {
            if let person = party.newPerson { try await refuseLikelyDuplicates(actor, person, field: "parties[\(index)].new_person") }
        }
        let policy = policy
        let incidentID = Self.newID(at: now)
        let partyIDs = call.parties.map { _ in Self.newID(at: now) }
        let childIDs = call.children.map { _ in Self.newID(at: now) }

        // Calls about one victim at the same moment (several 999 callers) cannot both open a case: numbering the incident
        // takes the counter's row lock before the case is looked for, so the second waits and then joins the first's case.
        let (id, tasks) = try await repositories.transaction { tx in
            var parties: [IncidentParty] = []
            var victimPeople: [Person] = []
            for (index, party) in call.parties.enumerated() {
                let person: Person
                switch party {
                case .existing(_, let personID):
                    guard let found = try await tx.people.find(id: personID) else {
                        throw DomainError.invalid([
                            FieldError("parties[\(index)].person_id", "No person record with id \(personID): choose again from the matches.")
                        ])
                    }
                    person = found
                case .new(_, let valid):
                    person = try await tx.people.create(try await self.restrictingStaff(tx, valid), id: partyIDs[index], at: now)
                    try await tx.audit.append(AuditEntry(at: now, user: actor.user, action: .createPerson, recordType: "person", recordID: person.id))
                }
                if parties.contains(where: { $0.personID == person.id && $0.role == party.role }) { continue }
                parties.append(IncidentParty(personID: person.id, role: party.role, displayName: person.fullName))
                if party.role == .victim { victimPeople.append(person) }
            }

            var victims: [VictimOnIncident] = []
            var confirmedRecords: [String: [String]] = [:]
            for person in victimPeople {
                let personID = person.id
                let (status, history) = try await self.victimStatus(tx, person: person, at: call.occurredAt, excluding: nil)
                confirmedRecords[personID] = history.records.filter { $0.status == "confirmed" }.map(\.personID)
                victims.append(VictimOnIncident(personID: personID, displayName: person.fullName, status: status))
            }
            let reasons = PotentialHighRisk.reasons(
                answers: call.answers, abuseTypes: call.abuseTypes,
                victimIsRepeat: victims.contains { $0.status.isRepeat }, handlerConcern: call.handlerConcern)
            let recommended = GradingRules.recommended(answers: call.answers, potentialHighRisk: !reasons.isEmpty, channel: call.channel)
            let requested = call.requestedGrade ?? recommended
            let belowRecommended = GradingRules.needsAuthorisation(requested: requested, current: recommended)
            // The recommended grade depends on the victim's history, so the reason is checked here; throwing rolls back.
            if belowRecommended, call.requestedGrade != nil {
                let errors = GradingRules.checkReason(call.gradeReason, field: "grade_reason")
                if !errors.isEmpty { throw DomainError.invalid(errors) }
            }
            // A control-room supervisor's own lower grade is its own authorisation (still with a reason, still recorded).
            let decided = GradingRules.outcome(requested: requested, standing: recommended, requesterSupervises: actor.role.can(.superviseControlRoom))
            let supervisorDecides = decided == .authorisedByRequester
            let needsAuthorisation = decided == .waitsForSupervisor
            let grade = needsAuthorisation ? recommended : requested
            let reference = try await tx.incidents.nextReference(year: Calendar.utc.component(.year, from: now))
            var address: Address?
            if let place = call.address {
                // An address is one place (issue 20): a call to a known one joins it, its warnings and its history.
                if let key = AddressKey.key(line1: place.line1, town: place.town, postcode: place.postcode) {
                    address = try await tx.people.addresses(key: key, prefix: false, limit: 1).first
                }
                address =
                    address
                    ?? Address(id: Self.newID(at: now), line1: place.line1, town: place.town, postcode: place.postcode, confidential: false, markers: [])
            }
            let incident = Incident(
                id: incidentID, reference: reference, occurredAt: call.occurredAt, reportedAt: now, channel: call.channel,
                address: address, relationship: call.relationship, abuseTypes: call.abuseTypes,
                isCrime: false, summary: call.summary, parties: parties)
            var response = IncidentResponse(
                incidentID: incidentID, reference: reference, grade: grade, recommendedGrade: recommended, setting: call.setting, gradedAt: now,
                targetAt: GradingRules.targetMinutes(grade, setting: call.setting, policy: policy).map { now.addingTimeInterval(Double($0) * 60) },
                potentialHighRisk: !reasons.isEmpty, highRiskReasons: reasons)
            if needsAuthorisation {
                response.pending = PendingGrade(grade: requested, reason: call.gradeReason ?? "", requestedBy: actor.user.username, requestedAt: now)
            }
            // The appointment belongs to a scheduled grade, whether in force or waiting for authorisation.
            if requested == .scheduled { response.appointmentAt = call.appointmentAt }
            let details = CallDetails(caller: call.caller, answers: call.answers, handlerConcern: call.handlerConcern, recordedBy: actor.user.username)
            try await tx.incidents.create(incident, call: details, response: response, createdBy: actor.user.id, at: now)
            try await tx.incidents.addGradingDecision(
                GradingDecision(
                    id: Self.newID(at: now), fromGrade: nil, toGrade: grade, outcome: supervisorDecides ? .authorised : .applied,
                    reason: needsAuthorisation ? "recommended grade stands until authorised" : call.gradeReason,
                    byUsername: actor.user.username, at: now), incidentID: incidentID, byUserID: actor.user.id)
            if let pending = response.pending {
                try await tx.incidents.addGradingDecision(
                    GradingDecision(
                        id: Self.newID(at: now), fromGrade: grade, toGrade: pending.grade, outcome: .requested,
                        reason: pending.reason, byUsername: actor.user.username, at: now),
                    incidentID: incidentID, byUserID: actor.user.id)
            }
            try await tx.audit.append(
                AuditEntry(
                    at: now, user: actor.user, action: .openIncident, recordType: "incident", recordID: incidentID,
                    detail: "\(reference); grade=\(grade.rawValue); flagged=\(!reasons.isEmpty)"))
            // Rule 15: the victim's case is opened or joined in the same transaction, so no victim is ever without an owner.
            var joined: [SafeguardingCase] = []
            var opened: [SafeguardingCase] = []
            for person in victimPeople {
                let linked = confirmedRecords[person.id] ?? []
                let lastLevel = try await tx.incidents.riskLevels(ofPeople: [person.id] + linked).first?.level
                let found = try await joinOrOpenCase(
                    tx, victim: person, linkedRecordIDs: linked, incidentID: incidentID,
                    allocationLevel: reasons.isEmpty ? lastLevel : .high, actor: actor, at: now)
                if found.joined { joined.append(found.safeguardingCase) } else { opened.append(found.safeguardingCase) }
            }
            // Rule 9: the children the caller names join the victims' household and the incident, each referred on her case.
            for (index, child) in call.children.enumerated() {
                let person = try await self.linkChild(
                    tx, actor, child.child, newID: childIDs[index], adults: victimPeople.map(\.id), role: child.role, from: child.from,
                    note: child.note, at: now)
                try await tx.incidents.addParty(incidentID: incidentID, personID: person.id, role: .child)
                if let victimCase = (opened + joined).first {
                    try await self.setChildTasks(
                        tx, actor, child: person, present: call.answers.childrenPresent == .yes ? true : nil, school: child.school,
                        caseID: victimCase.id, incidentID: incidentID, owner: victimCase.owner, at: now, policy: policy)
                }
            }
            // Rule 18: a new incident re-opens the risk on her case, and on the case of every other victim of the suspect.
            var tasks = try await fireIncidentTriggers(
                tx, incidentID: incidentID, reference: reference, joined: joined, opened: opened,
                suspectIDs: incident.suspects.map(\.personID), at: now)
            // Rule 25: an incident between him and her while an order or bail condition is in force may be a breach.
            tasks += try await self.detectBreaches(tx, incident: incident, actor: actor, at: now)
            // Rule 21: an escalation or a repeat may now meet a MARAC criterion; the owner is asked to refer.
            for found in opened + joined { try await self.setMultiAgencyTasks(tx, caseID: found.id, actor: actor, at: now) }
            return (incidentID, tasks)
        }
        // The caller sees what they have just written, which the write's own audit entry covers.
        var record = try await openIncidentRecord(actor, id: id, reason: nil, audit: false)
        record.tasksSetByCall = tasks
        return record
    }

    /// Opens an incident with its call record, response and victims' status. Audited like a person record, every
    /// time, with no switch to turn it off (rule 33): a page redrawn after a refused form shows her details again.
    public func viewIncidentRecord(_ actor: Actor, id: String, reason: String? = nil) async throws -> IncidentRecord {
        try await recordingRefusal(actor, .viewIncident, recordType: "incident", recordID: id, reason: reason) {
            try await openIncidentRecord(actor, id: id, reason: reason, audit: true)
        }
    }

    private func openIncidentRecord(_ actor: Actor, id: String, reason: String?, audit: Bool) async throws -> IncidentRecord {
        try actor.require(.viewIncident)
        let why = try statedReason(actor, reason)
        let now = clock.now()
        let visibility = Visibility(actor.role)
        let body: @Sendable (any RepositoryTransaction) async throws -> IncidentRecord = { tx in
            guard let incident = try await tx.incidents.find(id: id) else { throw DomainError.notFound(kind: "incident", id: id) }
            try await self.requireInArea(tx, actor, incident: incident)
            var victims: [VictimOnIncident] = []
            for victim in incident.victims {
                guard let person = try await tx.people.find(id: victim.personID) else { continue }
                let status = try await self.victimStatus(tx, person: person, at: incident.occurredAt, excluding: id).status
                victims.append(VictimOnIncident(personID: victim.personID, displayName: visibility.party(victim).displayName, status: status))
            }
            if audit {
                try await tx.audit.append(AuditEntry(at: now, user: actor.user, action: .viewIncident, recordType: "incident", recordID: id, reason: why))
            }
            return IncidentRecord(
                incident: visibility.incident(incident), call: try await tx.incidents.call(incidentID: id),
                response: try await tx.incidents.response(incidentID: id), victims: victims,
                assessments: try await tx.assessments.forIncident(id),
                cases: try await tx.cases.forIncident(id).map(visibility.safeguardingCase),
                scene: try await tx.scenes.find(incidentID: id).map(visibility.scene), outcomes: try await tx.outcomes.forIncidents([id]),
                crimeClassifications: try await tx.incidents.crimeClassifications(incidentID: id),
                atSamePlace: try await self.atSamePlace(tx, visibility.incident(incident), visibility: visibility),
                possibleBreaches: try await self.breachFlags(tx, incident: incident))
        }
        // Unaudited (re-showing what the caller just wrote) it writes nothing, so it need not wait for the writer.
        return audit ? try await repositories.transaction(body) : try await repositories.read(body)
    }

    /// Asks for a new grade. A more urgent grade applies at once; a less urgent one or a scheduled appointment needs a
    /// reason that stands on its own and waits for a control-room supervisor — unless the actor is one, whose
    /// request is its own authorisation (still with a reason, still recorded).
    public func requestGrade(_ actor: Actor, incidentID: String, grade rawGrade: String?, reason: String?, appointmentAt rawAppointment: String? = nil)
        async throws -> IncidentResponse
    {
        try actor.require(.recordCall)
        var errors: [FieldError] = []
        let grade: Grade? = choice(rawGrade, "grade", &errors, what: "the response grade")
        var appointment: Date?
        if let raw = trimmedNonEmpty(rawAppointment) {
            appointment = TypedDateTime.parse(raw)
            if appointment == nil { errors.append(FieldError("appointment_at", "\"\(raw)\" is not a date and time like 2026-11-23T10:00.")) }
        }
        if grade == .scheduled && appointment == nil { errors.append(FieldError("appointment_at", "A scheduled appointment needs its date and time.")) }
        guard errors.isEmpty, let grade else { throw DomainError.invalid(errors) }
        let appointmentTime = appointment
        let now = clock.now()
        let policy = policy
        return try await repositories.transaction { tx in
            guard var response = try await tx.incidents.response(incidentID: incidentID) else { throw DomainError.notFound(kind: "incident", id: incidentID) }
            try Self.refuseIfClosed(response, field: "grade")
            if grade == response.grade && response.pending == nil {
                throw DomainError.invalid([FieldError("grade", "The incident is already graded \(grade.label.lowercased()).")])
            }
            let needs = GradingRules.needsAuthorisation(requested: grade, current: response.grade)
            let why = trimmedNonEmpty(reason)
            if needs {
                let reasonErrors = GradingRules.checkReason(reason)
                if !reasonErrors.isEmpty { throw DomainError.invalid(reasonErrors) }
            }
            let from = response.grade
            if grade == response.grade {
                // Asking for the grade already in force withdraws the waiting request; the clock keeps running from
                // the original grading, so withdrawing can never push back a target or the 30-minute alert.
                response.pending = nil
                try await tx.incidents.updateResponse(response)
                try await tx.incidents.addGradingDecision(
                    GradingDecision(
                        id: Self.newID(at: now), fromGrade: from, toGrade: grade, outcome: .withdrawn,
                        reason: why, byUsername: actor.user.username, at: now),
                    incidentID: incidentID, byUserID: actor.user.id)
                try await tx.audit.append(
                    AuditEntry(
                        at: now, user: actor.user, action: .requestGrade, recordType: "incident", recordID: incidentID,
                        reason: why, detail: "request withdrawn; \(from.rawValue) stands"))
                return try await tx.incidents.response(incidentID: incidentID) ?? response
            }
            if GradingRules.outcome(requested: grade, standing: from, requesterSupervises: actor.role.can(.superviseControlRoom)) == .waitsForSupervisor {
                response.pending = PendingGrade(grade: grade, reason: why ?? "", requestedBy: actor.user.username, requestedAt: now)
                response.appointmentAt = appointmentTime
            } else {
                response.pending = nil
                Self.apply(grade, to: &response, appointment: appointmentTime, at: now, policy: policy)
            }
            try await tx.incidents.updateResponse(response)
            let outcome: GradingDecision.Outcome = response.pending != nil ? .requested : (needs ? .authorised : .applied)
            try await tx.incidents.addGradingDecision(
                GradingDecision(
                    id: Self.newID(at: now), fromGrade: from, toGrade: grade, outcome: outcome,
                    reason: why, byUsername: actor.user.username, at: now),
                incidentID: incidentID, byUserID: actor.user.id)
            try await tx.audit.append(
                AuditEntry(
                    at: now, user: actor.user, action: .requestGrade, recordType: "incident", recordID: incidentID,
                    reason: why, detail: "\(from.rawValue)→\(grade.rawValue) \(outcome.rawValue)"))
            return try await tx.incidents.response(incidentID: incidentID) ?? response
        }
    }

    /// A control-room supervisor authorises or refuses a waiting grade request. Refusing keeps the current grade.
    public func decideGrade(_ actor: Actor, incidentID: String, authorise asked: Bool?, note: String?) async throws -> IncidentResponse {
        try actor.require(.superviseControlRoom)
        guard let authorise = asked else { throw DomainError.invalid([FieldError("decision", "must be authorise or refuse.")]) }
        let now = clock.now()
        let policy = policy
        let text = trimmedNonEmpty(note)
        if !authorise && (text?.count ?? 0) < 5 {
            throw DomainError.invalid([FieldError("note", "Say why the request is refused (at least 5 characters), so the call handler knows what to do.")])
        }
        return try await repositories.transaction { tx in
            guard var response = try await tx.incidents.response(incidentID: incidentID) else { throw DomainError.notFound(kind: "incident", id: incidentID) }
            guard let pending = response.pending else {
                throw DomainError.invalid([FieldError("decision", "There is no grade request waiting on this incident.")])
            }
            let from = response.grade
            response.pending = nil
            if authorise {
                Self.apply(pending.grade, to: &response, appointment: response.appointmentAt, at: now, policy: policy)
            } else {
                response.appointmentAt = nil
            }
            try await tx.incidents.updateResponse(response)
            let reason = [pending.reason, text.map { "supervisor: \($0)" }].compactMap { $0 }.joined(separator: " — ")
            try await tx.incidents.addGradingDecision(
                GradingDecision(
                    id: Self.newID(at: now), fromGrade: from, toGrade: pending.grade,
                    outcome: authorise ? .authorised : .refused, reason: reason,
                    byUsername: actor.user.username, at: now),
                incidentID: incidentID, byUserID: actor.user.id)
            try await tx.audit.append(
                AuditEntry(
                    at: now, user: actor.user, action: .decideGrade, recordType: "incident", recordID: incidentID,
                    reason: text, detail: "\(authorise ? "authorised" : "refused") \(from.rawValue)→\(pending.grade.rawValue)"))
            return try await tx.incidents.response(incidentID: incidentID) ?? response
        }
    }

    /// Records when officers were dispatched or arrived (now, or a time typed for a late entry).
    /// An arrival with no dispatch on record (an officer who self-deployed) counts as dispatched at the same time.
    public func recordResponseTime(_ actor: Actor, incidentID: String, event: ResponseEvent, at raw: String? = nil) async throws -> IncidentResponse {
        try actor.require(.recordResponse)
        let now = clock.now()
        var when = now
        if let text = trimmedNonEmpty(raw) {
            guard let parsed = TypedDateTime.parse(text) else {
                throw DomainError.invalid([FieldError("at", "\"\(text)\" is not a date and time like 2026-11-22T17:05.")])
            }
            if parsed > now.addingTimeInterval(60) { throw DomainError.invalid([FieldError("at", "The time cannot be in the future.")]) }
            when = min(parsed, now)
        }
        let time = when
        return try await repositories.transaction { tx in
            guard var response = try await tx.incidents.response(incidentID: incidentID) else { throw DomainError.notFound(kind: "incident", id: incidentID) }
            try Self.refuseIfClosed(response, field: "event")
            guard let incident = try await tx.incidents.find(id: incidentID) else { throw DomainError.notFound(kind: "incident", id: incidentID) }
            if time < incident.reportedAt.addingTimeInterval(-60) {
                throw DomainError.invalid([FieldError("at", "The time cannot be before the call was recorded.")])
            }
            switch event {
            case .dispatched:
                if response.dispatchedAt != nil { throw DomainError.invalid([FieldError("event", "Dispatch is already recorded for this incident.")]) }
                response.dispatchedAt = time
            case .arrived:
                if response.arrivedAt != nil { throw DomainError.invalid([FieldError("event", "Arrival is already recorded for this incident.")]) }
                if let dispatched = response.dispatchedAt, time < dispatched {
                    throw DomainError.invalid([FieldError("at", "Arrival cannot be before dispatch.")])
                }
                if response.dispatchedAt == nil { response.dispatchedAt = time }
                response.arrivedAt = time
            }
            try await tx.incidents.updateResponse(response)
            try await tx.audit.append(
                AuditEntry(
                    at: now, user: actor.user, action: event == .dispatched ? .recordDispatch : .recordArrival,
                    recordType: "incident", recordID: incidentID))
            return response
        }
    }

    /// The supervisor has seen a potential-high-risk flag and taken charge; it leaves the live queue.
    public func acknowledgeHighRisk(_ actor: Actor, incidentID: String) async throws -> IncidentResponse {
        try actor.require(.superviseControlRoom)
        let now = clock.now()
        return try await repositories.transaction { tx in
            guard var response = try await tx.incidents.response(incidentID: incidentID) else { throw DomainError.notFound(kind: "incident", id: incidentID) }
            guard response.potentialHighRisk, response.highRiskAcknowledgedAt == nil else {
                throw DomainError.invalid([FieldError("incident", "This incident has no unacknowledged high-risk flag.")])
            }
            response.highRiskAcknowledgedAt = now
            response.highRiskAcknowledgedBy = actor.user.username
            try await tx.incidents.updateResponse(response)
            try await tx.audit.append(AuditEntry(at: now, user: actor.user, action: .acknowledgeHighRisk, recordType: "incident", recordID: incidentID))
            return response
        }
    }

    /// The control-room supervisor's live queue (rules 5 and 6), as of now on the injected clock.
    public func controlRoomQueue(_ actor: Actor) async throws -> [ControlRoomAlert] {
        try actor.require(.superviseControlRoom)
        let now = clock.now()
        let policy = policy
        return try await repositories.transaction { tx in
            let alerts = ControlRoomQueue.alerts(try await tx.incidents.openResponses(), now: now, policy: policy)
            try await tx.audit.append(AuditEntry(at: now, user: actor.user, action: .viewControlRoomQueue, detail: "alerts=\(alerts.count)"))
            return alerts
        }
    }

    /// Sets a grade and its target time, counted from the moment it is set.
    static func apply(_ grade: Grade, to response: inout IncidentResponse, appointment: Date?, at now: Date, policy: ForcePolicy) {
        response.grade = grade
        response.gradedAt = now
        response.targetAt = GradingRules.targetMinutes(grade, setting: response.setting, policy: policy).map { now.addingTimeInterval(Double($0) * 60) }
        response.appointmentAt = grade == .scheduled ? appointment : nil
    }
}

/// A moment in the response that the control room or the officer records.
public enum ResponseEvent: String, Sendable, Codable, CaseIterable {
    case dispatched, arrived
}
