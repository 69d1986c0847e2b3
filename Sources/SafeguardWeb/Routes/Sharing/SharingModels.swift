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
    var agencies: [[String: Any]]
    var groups: [[String: Any]]
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
        agencies = Agency.allCases.filter { $0 != .police }.map { ["value": $0.rawValue, "label": $0.label, "selected": $0.rawValue == agency] }
        let ticked = Set(posted?.list("field_groups") ?? [])
        groups = FieldGroup.allCases.map { ["value": $0.rawValue, "label": $0.label, "checked": ticked.contains($0.rawValue)] }
        overridden = posted?["consent"] == ShareConsent.overridden.rawValue
        overrideReason = posted?["override_reason"] ?? ""
        endsOn = posted?["ends_on"] ?? ""
    }
}
