import Foundation
import Hummingbird
import SafeguardDomain

/// The MARAC coordinator's list of referrals, repeats marked, and the repeat windows lapsing soon (rule 21). The
/// referral itself is made on the case page.
struct MaracPages {
    let dependencies: WebDependencies

    struct ReferralsPage: PageModel {
        var referrals: [MaracSectionModel.Referral]
        var lapsingSoon: [MaracSectionModel.Referral]
        var noticeDays: Int
    }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get("marac/referrals") { _, context -> Response in
            do {
                let found = try await dependencies.service.maracReferrals(try context.actor())
                let page = ReferralsPage(
                    referrals: found.recent.map(MaracSectionModel.Referral.init), lapsingSoon: found.lapsingSoon.map(MaracSectionModel.Referral.init),
                    noticeDays: dependencies.service.policy.maracWindowNoticeDays)
                return dependencies.templates.page("marac-referrals", title: "MARAC referrals", context: ModelValues.values(page), request: context)
            } catch let error as DomainError {
                return dependencies.errorPage(error, context: context)
            }
        }
    }
}
