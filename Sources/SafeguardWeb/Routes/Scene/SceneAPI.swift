import Foundation
import Hummingbird
import SafeguardDomain

/// The JSON API for what the officer records at the scene (rules 9–14), under `/api/v1`: the scene record, evidence
/// gathered later, both parties' histories on a counter-allegation, and the no-arrest queue. Mirrors `ScenePages`.
struct SceneAPI {
    let dependencies: WebDependencies
    var service: SafeguardService { dependencies.service }

    struct ChildInput: Decodable {
        var personId: String?; var firstName: String?; var surname: String?; var dateOfBirth: String?; var presence: String?; var school: String?
    }
    struct SceneInput: Decodable {
        var children: [ChildInput]?
        var evidence: [String: String]?
        var victimSupportsAction: String?
        var counterAllegation: String?
        var crimeRecorded: String?
        var crimeClassification: String?
        var suspectIdentified: String?
        var arrested: String?
        var noArrestRationale: String?
        var interpreterNeeded: String?
        var interpreterLanguage: String?
        var interpreterKind: String?
        var interpreterPersonId: String?
        var safetyActions: [String]?

        var draft: SceneDraft {
            SceneDraft(
                children: (children ?? []).map {
                    ChildDraft(
                        personID: $0.personId, firstName: $0.firstName, surname: $0.surname, dateOfBirth: $0.dateOfBirth,
                        presence: $0.presence, school: $0.school)
                },
                evidence: APIJSON.snakeCasedKeys(evidence ?? [:]), victimSupportsAction: victimSupportsAction, counterAllegation: counterAllegation,
                crimeRecorded: crimeRecorded, suspectIdentified: suspectIdentified, arrested: arrested, noArrestRationale: noArrestRationale,
                interpreterNeeded: interpreterNeeded, interpreterLanguage: interpreterLanguage, interpreterKind: interpreterKind,
                interpreterPersonID: interpreterPersonId, safetyActions: safetyActions ?? [], crimeClassification: crimeClassification)
        }
    }
    struct NoArrestQueue: Encodable { let items: [NoArrestItem] }
    struct EvidenceInput: Decodable {
        var evidence: [String: String]?
        var victimSupportsAction: String?
        var counterAllegation: String?
        var note: String?
    }

    func register(on api: RouterGroup<AppRequestContext>) {
        api.post("incidents/:id/scene") { request, context -> Response in
            let input = try await APIJSON.decode(SceneInput.self, from: request, context: context)
            let scene = try await service.recordScene(try context.actor(), incidentID: try context.parameters.require("id"), draft: input.draft)
            return try APIJSON.response(scene, status: .created)
        }

        api.post("incidents/:id/evidence") { request, context -> Response in
            let input = try await APIJSON.decode(EvidenceInput.self, from: request, context: context)
            let draft = EvidenceUpdateDraft(
                evidence: APIJSON.snakeCasedKeys(input.evidence ?? [:]), victimSupportsAction: input.victimSupportsAction,
                counterAllegation: input.counterAllegation, note: input.note)
            return try APIJSON.response(try await service.updateEvidence(try context.actor(), incidentID: try context.parameters.require("id"), draft: draft))
        }

        api.get("incidents/:id/counter-allegation") { request, context -> Response in
            try APIJSON.response(
                try await service.counterAllegation(
                    try context.actor(), incidentID: try context.parameters.require("id"),
                    reason: request.queryFields["reason"]))
        }

        api.get("reviews/no-arrest") { _, context -> Response in
            try APIJSON.response(NoArrestQueue(items: try await service.noArrestQueue(try context.actor())))
        }
    }
}
