import Foundation
import Hummingbird
import SafeguardDomain

/// The JSON API for MARAC referrals (rule 21), under `/api/v1`.
struct MaracAPI {
    let dependencies: WebDependencies
    var service: SafeguardService { dependencies.service }

    struct ReferralInput: Decodable {
        var criteria: [String]?
        var referringAgency: String?
        var research: String?
    }
    struct OfferInput: Decodable {
        var outcome: String?
        var reason: String?
        var idvaUserId: String?
    }
    struct ReferralList: Encodable {
        let items: [MaracReferral]
        let lapsingSoon: [MaracReferral]
    }

    func register(on api: RouterGroup<AppRequestContext>) {
        api.post("cases/:id/marac-referrals") { request, context -> Response in
            let input = try await APIJSON.decode(ReferralInput.self, from: request, context: context)
            let referral = try await service.referToMarac(
                try context.actor(), caseID: try context.parameters.require("id"),
                draft: MaracReferralDraft(criteria: input.criteria ?? [], referringAgency: input.referringAgency, research: input.research))
            return try APIJSON.response(referral, status: .created)
        }
        api.get("cases/:id/marac") { request, context -> Response in
            try APIJSON.response(
                try await service.maracView(try context.actor(), caseID: try context.parameters.require("id"), reason: request.queryFields["reason"]))
        }
        api.post("cases/:id/idva-offers") { request, context -> Response in
            let input = try await APIJSON.decode(OfferInput.self, from: request, context: context)
            let offer = try await service.recordIdvaOffer(
                try context.actor(), caseID: try context.parameters.require("id"),
                draft: IdvaOfferDraft(outcome: input.outcome, reason: input.reason, idvaUserID: input.idvaUserId))
            return try APIJSON.response(offer, status: .created)
        }
        api.get("idva/caseloads") { _, context -> Response in
            try APIJSON.response(try await service.idvaService(try context.actor()))
        }
        api.get("marac/referrals") { _, context -> Response in
            let found = try await service.maracReferrals(try context.actor())
            return try APIJSON.response(ReferralList(items: found.recent, lapsingSoon: found.lapsingSoon))
        }
    }
}
