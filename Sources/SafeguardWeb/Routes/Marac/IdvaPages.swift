import Foundation
import Hummingbird
import SafeguardDomain

/// The IDVA service's page (rule 22): each IDVA's caseload and referrals this year against capacity, who is over,
/// accepted offers waiting for an IDVA, and the share of high-risk cases offered one. Capacity is shown, never used
/// to refuse.
struct IdvaPages {
    let dependencies: WebDependencies

    struct ServicePage: PageModel {
        struct Row: PageModel {
            var name: String
            var caseload: Int
            var referrals: Int
            var over: Bool
        }
        var idvas: [Row]
        var caseloadCapacity: Int
        var referralCapacity: Int
        var waiting: Int
        var highRiskOpen: Int
        var highRiskOffered: Int
        var offeredPercent: String
    }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get("idva") { _, context -> Response in
            do {
                let service = try await dependencies.service.idvaService(try context.actor())
                let policy = dependencies.service.policy
                let page = ServicePage(
                    idvas: service.idvas.map { .init(name: $0.idva.displayName, caseload: $0.caseload, referrals: $0.referralsThisYear, over: $0.over) },
                    caseloadCapacity: policy.idvaCaseloadCapacity, referralCapacity: policy.idvaReferralsPerYear, waiting: service.waitingForAnIdva,
                    highRiskOpen: service.highRiskOpen, highRiskOffered: service.highRiskOffered,
                    offeredPercent: service.highRiskOpen == 0
                        ? "–" : String(format: "%.0f%%", Double(service.highRiskOffered) * 100 / Double(service.highRiskOpen)))
                return dependencies.templates.page("idva", title: "IDVA service", context: ModelValues.values(page), request: context)
            } catch let error as DomainError {
                return dependencies.errorPage(error, context: context)
            }
        }
    }
}
