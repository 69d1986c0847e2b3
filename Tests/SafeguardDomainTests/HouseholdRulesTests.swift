import Foundation
import SafeguardDomain
import Testing

@Suite("Children in the household, as rules")
struct HouseholdRulesTests {
    let now = ISO8601DateFormatter().date(from: "2026-11-22T10:00:00Z")!

    @Test("Rule 9: a child is an existing record or a new one with a name; an adult's date of birth, a future start and an unknown role are named, all at once")
    func rule9ChildDraftChecked() throws {
        let checked = try HouseholdRules.check(HouseholdChildDraft(firstName: "Tayo", surname: "Okafor", dateOfBirth: "2016-03-02"), now: now)
        #expect(checked.role == .householdMember && checked.from == "2026-11-22")
        let existing = try HouseholdRules.check(
            HouseholdChildDraft(personID: "p-1", role: "parent", from: "2020-01-01", note: "On a child protection plan"), now: now)
        #expect(existing.child == .existing("p-1") && existing.role == .parent && existing.note == "On a child protection plan")
        do {
            _ = try HouseholdRules.check(
                HouseholdChildDraft(firstName: "Dale", surname: "Okafor", dateOfBirth: "1990-01-01", role: "uncle", from: "2027-01-01"), prefix: "children[0].",
                now: now)
            Issue.record("an adult, an unknown role and a future date were accepted")
        } catch DomainError.invalid(let errors) {
            #expect(Set(errors.map(\.field)) == ["children[0].date_of_birth", "children[0].role", "children[0].from"])
        }
        #expect(throws: DomainError.self) { try HouseholdRules.check(HouseholdChildDraft(dateOfBirth: "2016-03-02"), now: now) }
    }

    @Test("Rule 9: school age is policy — a child of school age, one with a school named, or of unknown age is notified; a baby is not")
    func rule9SchoolAgeIsPolicy() {
        var policy = ForcePolicy()
        #expect(HouseholdRules.needsSchoolNotification(dateOfBirth: "2016-03-02", school: nil, at: now, policy: policy))
        #expect(!HouseholdRules.needsSchoolNotification(dateOfBirth: "2025-07-09", school: nil, at: now, policy: policy))
        #expect(HouseholdRules.needsSchoolNotification(dateOfBirth: "2025-07-09", school: "Little Acorns Nursery", at: now, policy: policy))
        #expect(HouseholdRules.needsSchoolNotification(dateOfBirth: nil, school: nil, at: now, policy: policy))
        #expect(HouseholdRules.needsSchoolNotification(dateOfBirth: "2009-01-01", school: nil, at: now, policy: policy))
        policy.schoolAgeTo = 16
        #expect(!HouseholdRules.needsSchoolNotification(dateOfBirth: "2009-01-01", school: nil, at: now, policy: policy))
        policy.schoolAgeFrom = 9
        do {
            try policy.validate()
            Issue.record("a school age starting at 9 was accepted")
        } catch DomainError.invalid(let errors) {
            #expect(errors.contains { $0.field == "schoolAgeFrom" })
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
