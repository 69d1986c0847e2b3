import Foundation
import Hummingbird
import SafeguardDomain

/// The JSON API for Clare's Law applications (rule 26), under `/api/v1`: only for those who run the scheme.
struct DisclosureAPI {
    let dependencies: WebDependencies
    var service: SafeguardService { dependencies.service }

    struct ApplicationInput: Decodable {
        var route: String?
        var applicantName: String?
        var applicantRelationship: String?
        var applicantContact: String?
        var atRiskPersonId: String?
        var subjectPersonId: String?
    }
    struct StepInput: Decodable {
        var kind: String?
        var note: String?
        var immediateRisk: Bool?
        var pressingNeed: Bool?
        var lawful: Bool?
        var necessary: Bool?
        var proportionate: Bool?
        var disclose: Bool?
        var reasons: String?
        var method: String?
        var safetyPlan: String?
    }
    struct ApplicationOutput: Encodable {
        var application: DisclosureApplication
        var subject: PersonSummary?
        var atRisk: PersonSummary?
        var overdue: [String]
        var subjectHistory: DisclosureSubjectHistory
        init(_ view: DisclosureView) {
            (application, subject, atRisk, overdue, subjectHistory) = (view.application, view.subject, view.atRisk, view.overdue, view.subjectHistory)
        }
    }
    struct ListOutput: Encodable {
        var items: [DisclosureApplication]
        var figures: DisclosureFigures
    }

    func register(on api: RouterGroup<AppRequestContext>) {
        api.post("disclosure-applications") { request, context -> Response in
            let input = try await APIJSON.decode(ApplicationInput.self, from: request, context: context)
            let view = try await service.applyForDisclosure(
                try context.actor(),
                draft: DisclosureApplicationDraft(
                    route: input.route, applicantName: input.applicantName, applicantRelationship: input.applicantRelationship,
                    applicantContact: input.applicantContact, atRiskPersonID: input.atRiskPersonId, subjectPersonID: input.subjectPersonId))
            return try APIJSON.response(ApplicationOutput(view), status: .created)
        }
        api.get("disclosure-applications") { _, context -> Response in
            let found = try await service.disclosureApplications(try context.actor())
            return try APIJSON.response(ListOutput(items: found.applications, figures: found.figures))
        }
        api.get("disclosure-applications/:id") { _, context -> Response in
            try APIJSON.response(ApplicationOutput(try await service.disclosureApplication(try context.actor(), id: try context.parameters.require("id"))))
        }
        api.post("disclosure-applications/:id/steps") { request, context -> Response in
            let input = try await APIJSON.decode(StepInput.self, from: request, context: context)
            let view = try await service.recordDisclosureStep(
                try context.actor(), applicationID: try context.parameters.require("id"),
                draft: DisclosureStepDraft(
                    kind: input.kind, note: input.note, immediateRisk: input.immediateRisk, pressingNeed: input.pressingNeed, lawful: input.lawful,
                    necessary: input.necessary, proportionate: input.proportionate, disclose: input.disclose, reasons: input.reasons,
                    method: input.method, safetyPlan: input.safetyPlan))
            return try APIJSON.response(ApplicationOutput(view), status: .created)
        }
    }
}
