import Foundation
import SafeguardDomain

/// The MARAC section of the case page: the criteria her record meets, her referrals, and the referral form (rule 21).
struct MaracSectionModel: PageModel {
    struct Referral: PageModel {
        var id: String
        var caseID: String
        var caseReference: String
        var criteria: String
        var agency: String
        var research: String
        var by: String
        var when: String
        var isRepeat: Bool
        var windowEnds: String
        /// Which area's MARAC hears it, and whether a meeting has yet.
        var marac: String
        var waiting: Bool
    }
    struct Criterion: PageModel {
        var value: String
        var label: String
        var met: Bool
        var checked: Bool
    }
    var criteriaMet: String
    var referralDue: Bool
    var repeatWindowEnds: String
    var referrals: [Referral]
    var criteria: [Criterion]
    var agencies: [[String: Any]]
    /// Her own answer on whether she identifies as LGBT+ (kept when a referral is refused).
    var lgbtChoices: [OptionModel]
    var canRefer: Bool
    /// A refused referral keeps what was typed.
    var research: String
}

extension MaracSectionModel {
    init(_ view: MaracCaseView, canRefer: Bool, posted: FormBody?) {
        criteriaMet = view.criteriaMet.map(\.label).joined(separator: ", ")
        referralDue = view.referralDue
        repeatWindowEnds = view.repeatWindowEnds.map(Display.time) ?? ""
        referrals = view.referrals.map { Referral($0) }
        let ticked = Set(posted?.list("criteria") ?? view.criteriaMet.map(\.rawValue))
        criteria = MaracCriterion.allCases.map {
            Criterion(
                value: $0.rawValue, label: $0.label, met: MaracRules.mayClaim($0, met: view.criteriaMet), checked: ticked.contains($0.rawValue))
        }
        let agency = posted?["referring_agency"] ?? Agency.police.rawValue
        agencies = Agency.allCases.map { ["value": $0.rawValue, "label": $0.label, "selected": $0.rawValue == agency] }
        let lgbt = posted?["victim_lgbt"] ?? LGBTIdentity.notAsked.rawValue
        lgbtChoices = LGBTIdentity.allCases.map { OptionModel(value: $0.rawValue, label: $0.label, selected: $0.rawValue == lgbt) }
        self.canRefer = canRefer
        research = posted?["research"] ?? ""
    }
}

extension MaracSectionModel.Referral {
    init(_ r: MaracReferral, areas: [Area] = []) {
        marac = AreaRules.name(of: r.areaID, among: areas)
        waiting = r.meetingID == nil
        id = r.id
        caseID = r.caseID
        caseReference = r.caseReference
        criteria = r.criteria.map(\.label).joined(separator: ", ")
        agency = r.referringAgency.label
        research = r.research
        by = r.referredBy
        when = Display.time(r.referredAt)
        isRepeat = r.isRepeat
        windowEnds = Display.time(r.repeatWindowEnds)
    }
}

/// The IDVA section of the case page (rule 22): the offers made and the form to record one.
struct IdvaSectionModel: PageModel {
    struct Offer: PageModel {
        var outcome: String
        var reason: String
        var idva: String
        var by: String
        var when: String
    }
    var offers: [Offer]
    var offerDue: Bool
    var outcomes: [[String: Any]]
    var idvas: [ChoiceModel]
    var reason: String
}

extension IdvaSectionModel {
    init(_ view: IdvaCaseView, posted: FormBody?) {
        offers = view.offers.map {
            Offer(outcome: $0.outcome.label, reason: $0.reason ?? "", idva: $0.idva?.displayName ?? "", by: $0.recordedBy, when: Display.time($0.recordedAt))
        }
        offerDue = view.offerDue
        let chosen = posted?["outcome"] ?? IdvaOfferOutcome.accepted.rawValue
        outcomes = IdvaOfferOutcome.allCases.map { ["value": $0.rawValue, "label": $0.label, "checked": $0.rawValue == chosen] }
        idvas = view.idvas.map { ChoiceModel(id: $0.id, name: $0.displayName, selected: $0.id == posted?["idva_user_id"]) }
        reason = posted?["reason"] ?? ""
    }
}
