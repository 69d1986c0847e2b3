import Foundation
import SafeguardDomain

/// The case page's "Shared with partners" section (rule 23): each share and the form to share.
struct ShareSectionModel: PageModel {
    struct Share: PageModel {
        var agency: String
        var groups: String
        var footing: String
        var endsOn: String
        var inForce: Bool
        var by: String
        var when: String
    }
    var shares: [Share]
    var agencies: [OptionModel]
    var groups: [CheckedOptionModel]
    var overridden: Bool
    var overrideReason: String
    var endsOn: String
}

extension ShareSectionModel {
    init(_ shares: [CaseShare], today: String, posted: FormBody?) {
        self.shares = shares.map {
            Share(
                agency: $0.agency.label, groups: $0.fieldGroups.map(\.label).joined(separator: ", "),
                footing: $0.consent == .given ? "Her consent" : "Consent overridden: \($0.overrideReason ?? "")", endsOn: $0.endsOn,
                inForce: $0.inForce(on: today), by: $0.sharedBy, when: Display.time($0.sharedAt))
        }
        let agency = posted?["agency"] ?? Agency.idva.rawValue
        agencies = Agency.allCases.filter { $0 != .police }.map { OptionModel(value: $0.rawValue, label: $0.label, selected: $0.rawValue == agency) }
        let ticked = Set(posted?.list("field_groups") ?? [])
        groups = FieldGroup.allCases.map { CheckedOptionModel(value: $0.rawValue, label: $0.label, checked: ticked.contains($0.rawValue)) }
        overridden = posted?["consent"] == ShareConsent.overridden.rawValue
        overrideReason = posted?["override_reason"] ?? ""
        endsOn = posted?["ends_on"] ?? ""
    }
}

/// A partner's view of one shared case (rule 23): only the groups shared with their agency, and the form that adds
/// their contact to her one log. A group not shared is absent, not empty.
struct SharedCasePageModel: PageModel {
    struct PlanItem: PageModel {
        var title: String
        var owner: String
        var due: String
        var done: Bool
    }
    struct Child: PageModel {
        var name: String
        var age: String
    }
    struct Incident: PageModel {
        var when: String
        var relationship: String
        var crime: String
    }
    var caseID: String
    var reference: String
    var name: String
    var endsOn: String
    var groups: String
    var methods: [OptionModel]
    /// A refused contact keeps what was typed.
    var summary: String
    var at: String
    var safeContact: String?
    var noSafeContact: Bool
    var riskLevel: String?
    var planShared: Bool
    var plan: [PlanItem]
    var maracShared: Bool
    var referrals: [MaracSectionModel.Referral]
    var childrenShared: Bool
    var children: [Child]
    var incidentsShared: Bool
    var incidents: [Incident]
    var addressesShared: Bool
    var addresses: [String]

    init(_ view: SharedCaseView, form: FormBody?) {
        caseID = view.caseID
        reference = view.reference
        name = view.victimName
        endsOn = view.endsOn
        groups = view.fieldGroups.map(\.label).joined(separator: ", ")
        methods = ContactEntry.Method.allCases.map { OptionModel(value: $0.rawValue, label: $0.label, selected: $0.rawValue == form?["method"]) }
        summary = form?["summary"] ?? ""
        at = form?["at"] ?? ""
        safeContact = view.safeContact?.summary
        noSafeContact = view.fieldGroups.contains(.safeContact) && view.safeContact == nil
        riskLevel = view.riskLevel?.rawValue.capitalized
        planShared = view.safetyPlan != nil
        plan = (view.safetyPlan ?? []).map { PlanItem(title: $0.title, owner: $0.owner, due: Display.time($0.dueAt), done: $0.done) }
        maracShared = view.maracReferrals != nil
        referrals = (view.maracReferrals ?? []).map { MaracSectionModel.Referral($0) }
        childrenShared = view.children != nil
        children = (view.children ?? []).map { Child(name: $0.name, age: $0.age.map { "aged \($0)" } ?? "age not known") }
        incidentsShared = view.incidents != nil
        incidents = (view.incidents ?? []).map {
            Incident(when: Display.time($0.occurredAt), relationship: Display.words($0.relationship.rawValue), crime: $0.isCrime ? "Recorded crime" : "")
        }
        addressesShared = view.addresses != nil
        addresses = view.addresses ?? []
    }
}
