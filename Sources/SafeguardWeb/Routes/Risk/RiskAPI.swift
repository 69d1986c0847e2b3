import Foundation
import Hummingbird
import SafeguardDomain

/// The JSON API for risk assessment and its supervision (rules 7, 8, 16, 17), under `/api/v1`: the instrument, an
/// officer's assessment, the review queue and a reviewer's decision. Mirrors `RiskAssessmentPages` and `ReviewPages`.
struct RiskAPI {
    let dependencies: WebDependencies
    var service: SafeguardService { dependencies.service }

    struct ReviewInput: Decodable {
        var qualityNote: String?; var newLevel: String?; var reason: String?; var explanation: String?; var newInformation: String?
    }
    struct Reviews: Encodable { let items: [SafeguardService.ReviewItem] }
    struct AssessmentInput: Decodable {
        var victimPersonId: String?
        var instrumentId: String?
        var answers: [String: String]?
        var notes: [String: String]?
        var level: String?
        var rationale: String?
    }

    func register(on api: RouterGroup<AppRequestContext>) {
        api.post("incidents/:id/risk-assessments") { request, context -> Response in
            let input = try await APIJSON.decode(AssessmentInput.self, from: request, context: context)
            // The decoder turns snake_case keys into camelCase, map keys included: question ids are snake_case again.
            let draft = RiskAssessmentDraft(
                victimPersonID: input.victimPersonId, instrumentID: input.instrumentId,
                answers: APIJSON.snakeCasedKeys(input.answers ?? [:]), notes: APIJSON.snakeCasedKeys(input.notes ?? [:]),
                level: input.level, rationale: input.rationale)
            let assessment = try await service.recordRiskAssessment(try context.actor(), incidentID: try context.parameters.require("id"), draft: draft)
            return try APIJSON.response(assessment, status: .created)
        }

        api.get("reviews") { _, context -> Response in
            try APIJSON.response(Reviews(items: try await service.reviewQueue(try context.actor())))
        }

        api.post("risk-assessments/:id/review") { request, context -> Response in
            let input = try await APIJSON.decode(ReviewInput.self, from: request, context: context)
            let draft = RiskReviewDraft(
                qualityNote: input.qualityNote, newLevel: input.newLevel, reason: input.reason,
                explanation: input.explanation, newInformation: input.newInformation)
            return try APIJSON.response(
                try await service.reviewRiskAssessment(try context.actor(), assessmentID: try context.parameters.require("id"), draft: draft))
        }

        api.get("risk-instruments/:id") { _, context -> Response in
            _ = try context.actor()
            return try APIJSON.response(try service.riskInstrument(try context.parameters.require("id")))
        }
    }
}
