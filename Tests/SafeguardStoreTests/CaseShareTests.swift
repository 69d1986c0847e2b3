import Foundation
import SafeguardDomain
import SafeguardStore
import SafeguardSynthetic
import SafeguardTestSupport
import Testing

/// Rule 23 on both databases: partners see exactly what is shared with them, and every view is logged.
@Suite("Cases shared with partners", .serialized)
struct CaseShareTests {
    static func partner(_ store: TestStore, _ agency: String) async throws -> Actor {
        Actor(
            try await store.service.createUser(
                username: agency.replacingOccurrences(of: "_", with: "-"), displayName: "Partner \(agency)", role: .partnerAgency,
                password: "\(agency)-test-password-long", agency: agency))
    }

    @Test(
        "Rule 23: a partner sees only the cases shared with their agency, only the groups shared, until the end date; another agency sees none; every view and refusal is audited",
        arguments: TestEngine.available)
    func rule23PartnersSeeOnlyWhatIsShared(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let specialist = try await store.actor(.daSpecialist, username: "das")
            let officer = try await store.actor(.responseOfficer, username: "pc")
            let idva = try await Self.partner(store, "idva"), housing = try await Self.partner(store, "housing")
            let her = try await store.service.createPerson(officer, draft: sampleDraft())
            let (incidentID, caseA) = try await MaracReferralTests.call(store, victimID: her.id, suspectID: nil)
            _ = try await store.service.recordRiskAssessment(officer, incidentID: incidentID, draft: try dashDraft(victimID: her.id, yes: 15, level: "high"))
            let other = try await store.service.createNewPerson(
                officer, draft: PersonDraft(firstName: "Other", surname: "Victim", dateOfBirth: "1980-05-05"), confirmedNew: true)
            let (_, caseB) = try await MaracReferralTests.call(store, victimID: other.id, suspectID: nil)
            let tenDays = CalendarDate.string(store.clock.now().addingTimeInterval(10 * 86_400))
            _ = try await store.service.shareCase(
                specialist, caseID: caseA, draft: CaseShareDraft(agency: "idva", fieldGroups: ["risk", "safe_contact"], consent: "given", endsOn: tenDays))
            _ = try await store.service.shareCase(
                specialist, caseID: caseB,
                draft: CaseShareDraft(
                    agency: "housing", fieldGroups: ["address_needs"], consent: "overridden",
                    overrideReason: "He knows the address; she must be moved before he is released tomorrow.", endsOn: tenDays))

            #expect(try await store.service.sharedCases(idva).map(\.caseID) == [caseA])
            let seen = try await store.service.sharedCase(idva, caseID: caseA)
            #expect(seen.riskLevel == .high && seen.fieldGroups == [.safeContact, .risk])
            #expect(seen.safetyPlan == nil && seen.incidents == nil && seen.children == nil && seen.maracReferrals == nil && seen.addresses == nil)
            await #expect(throws: DomainError.self) { _ = try await store.service.sharedCase(idva, caseID: caseB) }
            await #expect(throws: DomainError.self) { _ = try await store.service.sharedCase(housing, caseID: caseA) }
            #expect(try await store.service.sharedCase(housing, caseID: caseB).addresses != nil)
            // Police roles read cases their own way; the partners' door is for partners.
            await #expect(throws: DomainError.self) { _ = try await store.service.sharedCases(specialist) }
            #expect(try await store.count("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'view_shared_case'") == 2)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'refused' AND record_id IN ('\(caseA)', '\(caseB)')") == 2)

            // After the end date, nothing.
            store.clock.advance(by: 11 * 86_400)
            #expect(try await store.service.sharedCases(idva).isEmpty)
            await #expect(throws: DomainError.self) { _ = try await store.service.sharedCase(idva, caseID: caseA) }
        }
    }

    @Test("Rule 19 and 23: a partner's contact goes into her one contact log as their agency, and keeps to her safe route", arguments: TestEngine.available)
    func rule23PartnerContactInHerOneLog(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let specialist = try await store.actor(.daSpecialist, username: "das")
            let idva = try await Self.partner(store, "idva"), housing = try await Self.partner(store, "housing")
            let her = try await store.service.createPerson(specialist, draft: sampleDraft())
            let (_, caseID) = try await MaracReferralTests.call(store, victimID: her.id, suspectID: nil)
            _ = try await store.service.saveSafeContact(
                specialist, personID: her.id, draft: SafeContactDraft(safeNumber: "07700 900999", mayLeaveMessage: "no", viaIDVAOnly: "yes"))
            let ends = CalendarDate.string(store.clock.now().addingTimeInterval(30 * 86_400))
            for agency in ["idva", "housing"] {
                _ = try await store.service.shareCase(
                    specialist, caseID: caseID, draft: CaseShareDraft(agency: agency, fieldGroups: ["safe_contact"], consent: "given", endsOn: ends))
            }
            // Contact goes only through her IDVA: housing's phone call is refused; the IDVA's is logged as the IDVA's.
            do {
                _ = try await store.service.logPartnerContact(
                    housing, caseID: caseID, draft: ContactDraft(method: "phone", reached: "yes", summary: "Rang about the move."))
                Issue.record("a contact breaking her safe route was logged")
            } catch DomainError.invalid(let errors) {
                #expect(errors.map(\.field) == ["method"])
            }
            let entry = try await store.service.logPartnerContact(
                idva, caseID: caseID,
                draft: ContactDraft(team: "police", method: "phone", reached: "yes", summary: "Safety plan gone through; she is at her sister's."))
            #expect(entry.team == .idva && entry.caseID == caseID)
            #expect(try await store.service.contactLog(specialist, personID: her.id).entries.map(\.id) == [entry.id])
        }
    }
}
