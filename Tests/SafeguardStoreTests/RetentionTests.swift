import Foundation
import SafeguardDomain
import SafeguardStore
import SafeguardTestSupport
import Testing

/// Rule 34 on both databases: records fall due for review under the force's retention policy, each decision is kept,
/// disposal is proposed by one reviewer and approved by another, and a disposed record names nobody while the
/// figures and the audit chain still hold; subject access and disclosure requests are logged with what was disclosed.
@Suite("Retention, disposal and disclosure", .serialized)
struct RetentionTests {
    @Test(
        "Rule 34: a record clear of notice for its group's period is due; retained with a reason it is due again a period later; disposal needs a second person, removes what identifies her and keeps the figures and the audit chain",
        arguments: TestEngine.available)
    func rule34RetentionReviewAndSupervisedDisposal(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let start = CalendarDate.string(store.clock.now())
            // Ada: a victim whose case closed. Stan: a suspect of a serious-harm crime against Bea, whose case stays open.
            let (ada, _) = try await store.closedCase(
                name: "Ada", safe: SafeContactDraft(safeNumber: "07700 900456", safeTimes: "Mornings", mayLeaveMessage: "no"))
            let handler = try await store.actor(.callHandler)
            let officer = try await store.actor(.responseOfficer)
            let bea = try await store.service.createPerson(officer, draft: PersonDraft(firstName: "Bea", surname: "Holt", dateOfBirth: "1990-02-03"))
            let stan = try await store.service.createPerson(officer, draft: PersonDraft(firstName: "Stan", surname: "Crane", dateOfBirth: "1978-05-06"))
            let incident = try await store.service.openIncident(
                handler,
                draft: CallDraft(
                    channel: "999", relationship: "ex_partner",
                    parties: [CallPartyDraft(role: "victim", personID: bea.id), CallPartyDraft(role: "suspect", personID: stan.id)],
                    immediateDanger: "no", suspectLocation: "left", injuries: "yes", weapons: "no", childrenPresent: "no", fear: "very")
            ).incident
            _ = try await store.service.classifyCrime(officer, incidentID: incident.id, classification: "assault_with_intent", reason: nil)
            let specialist = try await store.actor(.daSpecialist, username: "das-retention")
            _ = try await store.service.logContact(
                specialist, personID: ada,
                draft: ContactDraft(team: "police", method: "phone", reached: "yes", summary: "Ada is staying at her aunt's in Leyland"))
            let reviewer = try await store.actor(.auditor, username: "reviewer")
            let approver = try await store.actor(.auditor, username: "approver")
            let analyst = try await store.actor(.analyst)
            let end = CalendarDate.string(store.clock.now().addingTimeInterval(86_400))
            let before = try await store.service.figures(analyst, from: start, to: end, area: nil)

            // Nothing is due yet.
            #expect(try await store.service.retentionQueue(reviewer).due.isEmpty)

            // Seven years on: Ada (a victim, six years clear) is due; Stan (group 1, ten years) is not; Bea has a case open.
            store.clock.advance(by: 7 * 366 * 86_400)
            var queue = try await store.service.retentionQueue(reviewer)
            #expect(queue.due.map(\.personID) == [ada])
            #expect(queue.due[0].group.key == "other_records")
            let stanNow = try await store.service.retentionStanding(reviewer, personID: stan.id)
            #expect(stanNow.status == .notDue && stanNow.group.key == "certain_public_protection")
            let beaNow = try await store.service.retentionStanding(reviewer, personID: bea.id)
            #expect(beaNow.status == .notDue && beaNow.disposalBlockedBy.contains { $0.contains("case still open") })

            // A decision needs its reason; marked for disposal, it waits for someone else.
            do {
                _ = try await store.service.reviewRetention(reviewer, personID: ada, decision: "mark_for_disposal", reason: "no")
                Issue.record("a decision without a reason was accepted")
            } catch DomainError.invalid(let errors) {
                #expect(errors.map(\.field) == ["reason"])
            }
            var standing = try await store.service.reviewRetention(
                reviewer, personID: ada, decision: "mark_for_disposal", reason: "No contact with police for seven years; case closed safely.")
            #expect(standing.status == .awaitingApproval)
            #expect(try await store.service.retentionQueue(reviewer).awaitingApproval.map(\.personID) == [ada])
            await #expect(throws: DomainError.forbidden("You marked this record for disposal; a second person must approve or refuse it.")) {
                _ = try await store.service.decideDisposal(reviewer, personID: ada, approve: true, reason: "Agreed, nothing further needed.")
            }
            await #expect(throws: DomainError.self) {
                _ = try await store.service.decideDisposal(officer, personID: ada, approve: true, reason: "Agreed, nothing further needed.")
            }
            standing = try await store.service.decideDisposal(approver, personID: ada, approve: true, reason: "Agreed: no policing purpose remains.")
            #expect(standing.status == .disposed && standing.decisions.map(\.kind) == [.markForDisposal, .approveDisposal])

            // Nothing of hers identifies her now: no name, date of birth, phone, safe contact, earlier versions or match keys.
            let person = try await store.repositories.read { tx in try await tx.people.find(id: ada) }
            #expect(person?.fullName == "Disposed record" && person?.dateOfBirth == nil && person?.phones.isEmpty == true && person?.disposedAt != nil)
            for table in ["person_names", "person_phones", "safe_contacts", "match_keys", "match_records"] {
                #expect(try await store.count("SELECT COUNT(*) AS n FROM \(table) WHERE person_id = '\(ada)'") == 0, "\(table)")
            }
            #expect(try await store.count("SELECT COUNT(*) AS n FROM record_history WHERE record_type = 'person' AND record_id = '\(ada)'") == 0)
            // Her contacts stay counted, without their words; her incident (she its only party) keeps its facts, not its story.
            #expect(try await store.count("SELECT COUNT(*) AS n FROM contacts WHERE person_id = '\(ada)' AND summary = ''") == 1)
            #expect(
                try await store.count(
                    "SELECT COUNT(*) AS n FROM incidents i JOIN incident_parties ip ON ip.incident_id = i.id WHERE ip.person_id = '\(ada)' AND i.summary <> ''")
                    == 0)
            let found = try await store.service.searchPeople(
                reviewer, query: PersonSearchQuery(name: "Ada Survey"), reason: "Checking the disposal took effect")
            #expect(!found.contains { $0.id == ada })
            await #expect(throws: DomainError.self) {
                _ = try await store.service.editPerson(
                    officer, id: ada, expectedVersion: person?.version, draft: PersonDraft(firstName: "Ada", surname: "Survey"))
            }
            // The figures of the period are as they were; the audit chain still holds and records the disposal.
            #expect(try await store.service.figures(analyst, from: start, to: end, area: nil) == before)
            if case .broken(let at, let why) = try await store.repositories.verifyAuditChain() { Issue.record("chain broken at \(at): \(why)") }
            #expect(try await store.count("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'dispose_record' AND record_id = '\(ada)'") == 1)
            #expect(try await store.service.retentionQueue(reviewer).due.isEmpty)

            // Eleven years on: Stan is due, but group 1 keeps him until he is 100 — he may only be retained, and is
            // then not due again for ten years.
            store.clock.advance(by: 4 * 366 * 86_400)
            queue = try await store.service.retentionQueue(reviewer)
            #expect(queue.due.map(\.personID).contains(stan.id))
            do {
                _ = try await store.service.reviewRetention(reviewer, personID: stan.id, decision: "mark_for_disposal", reason: "Quiet for eleven years now.")
                Issue.record("a group 1 record was marked for disposal")
            } catch DomainError.invalid(let errors) {
                #expect(errors.map(\.field) == ["decision"] && errors[0].message.contains("until the person is 100"))
            }
            standing = try await store.service.reviewRetention(
                reviewer, personID: stan.id, decision: "retain", reason: "Serious harm offence against an ex-partner: public protection.")
            let today = CalendarDate.string(store.clock.now())
            #expect(standing.status == .notDue && standing.decisions.last?.nextReviewOn == RetentionRules.adding(years: 10, to: today))
            #expect(!(try await store.service.retentionQueue(reviewer).due.map(\.personID).contains(stan.id)))
        }
    }

    @Test(
        "Rule 34: a record is reviewed as the person — her old record is not due while a record confirmed to be her is in police notice",
        arguments: TestEngine.available)
    func rule34ReviewedAsThePersonAcrossConfirmedRecords(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let (old, _) = try await store.closedCase(name: "Bea", safe: nil)
            let reviewer = try await store.actor(.auditor, username: "reviewer")
            store.clock.advance(by: 7 * 366 * 86_400)
            #expect(try await store.service.retentionQueue(reviewer).due.map(\.personID) == [old])
            // She calls again under her married name; the records are confirmed to be one woman.
            let handler = try await store.actor(.callHandler, username: "handler-now")
            let married = try await store.service.createPerson(handler, draft: PersonDraft(firstName: "Bea", surname: "Marsh"))
            _ = try await store.service.openIncident(
                handler,
                draft: CallDraft(
                    channel: "101", relationship: "intimate_partner", parties: [CallPartyDraft(role: "victim", personID: married.id)], immediateDanger: "no",
                    suspectLocation: "left", injuries: "no", weapons: "no", childrenPresent: "no", fear: "quite"))
            let specialist = try await store.actor(.daSpecialist, username: "das-now")
            try await store.service.decideLink(specialist, personID: old, otherPersonID: married.id, decision: .confirm, reason: "Maiden name; same woman")
            let standing = try await store.service.retentionStanding(reviewer, personID: old)
            #expect(standing.status == .notDue && standing.lastNoticeOn == CalendarDate.string(store.clock.now()))
            #expect(try await store.service.retentionQueue(reviewer).due.isEmpty)
        }
    }

    @Test(
        "Rule 34: a subject access or disclosure request is logged, due in a calendar month, and answered with what was disclosed and what withheld; the access log records it against her",
        arguments: TestEngine.available)
    func rule34InformationRequestsLoggedWithWhatWasDisclosed(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let officer = try await store.actor(.responseOfficer)
            let auditor = try await store.actor(.auditor)
            let her = try await store.service.createPerson(officer, draft: PersonDraft(firstName: "Cara", surname: "Lane"))
            let today = CalendarDate.string(store.clock.now())
            do {
                _ = try await store.service.logInformationRequest(
                    auditor, draft: InformationRequestDraft(kind: "gossip", personID: "nobody", requester: "", basis: nil, receivedOn: "2999-01-01"))
                Issue.record("a bad request was logged")
            } catch DomainError.invalid(let errors) {
                #expect(Set(errors.map(\.field)) == ["kind", "requester", "basis", "received_on"])
            }
            await #expect(throws: DomainError.self) {
                _ = try await store.service.logInformationRequest(
                    officer,
                    draft: InformationRequestDraft(kind: "subject_access", personID: her.id, requester: "Herself", basis: "DPA 2018 s.45", receivedOn: today))
            }
            let request = try await store.service.logInformationRequest(
                auditor,
                draft: InformationRequestDraft(
                    kind: "subject_access", personID: her.id, requester: "Cara Lane (herself)", basis: "DPA 2018 s.45", receivedOn: today))
            #expect(request.status == .open && request.dueOn == InformationRequestRules.dueOn(received: today) && request.personName == "Cara Lane")
            do {
                _ = try await store.service.answerInformationRequest(auditor, id: request.id, outcome: "disclosed", disclosed: nil, withheld: nil)
                Issue.record("a disclosure without saying what was accepted")
            } catch DomainError.invalid(let errors) {
                #expect(errors.map(\.field) == ["disclosed"])
            }
            let answered = try await store.service.answerInformationRequest(
                auditor, id: request.id, outcome: "disclosed", disclosed: "Incident log of 2026-12-01; her risk assessment",
                withheld: "Her former partner's details (third party)")
            #expect(answered.status == .disclosed && answered.answeredBy == auditor.user.username)
            await #expect(throws: DomainError.self) {
                _ = try await store.service.answerInformationRequest(auditor, id: request.id, outcome: "refused", disclosed: nil, withheld: "Again")
            }
            #expect(try await store.service.informationRequests(auditor, personID: her.id).requests.map(\.status) == [.disclosed])
            let csv = try await store.service.informationRequestsCSV(auditor)
            #expect(csv.contains("subject_access,\(her.id),Cara Lane (herself)") && csv.contains(",disclosed,no,"))
            #expect(
                try await store.count(
                    "SELECT COUNT(*) AS n FROM audit_events WHERE action = 'answer_information_request' AND record_type = 'person' AND record_id = '\(her.id)'")
                    == 1)
        }
    }
}
