import Foundation
import Hummingbird
import SafeguardDomain

/// The JSON API for incidents and the control room, under `/api/v1`, described in `Resources/openapi.json`.
struct IncidentAPI {
    let dependencies: WebDependencies
    var service: SafeguardService { dependencies.service }

    /// One party to a new call: `person_id` of a record chosen from the matches, or `new_person` details.
    struct PartyInput: Decodable {
        var role: String?
        var personId: String?
        var newPerson: PeopleAPI.PersonInput?
    }

    /// A call as the API accepts it (snake_case keys). Choices are strings so a wrong one is named in the reply.
    struct CallInput: Decodable {
        var channel: String?
        var caller: String?
        var setting: String?
        var occurredAt: String?
        var addressLine1: String?
        var town: String?
        var postcode: String?
        var relationship: String?
        var abuseTypes: [String]?
        var summary: String?
        var parties: [PartyInput]?
        var immediateDanger: String?
        var suspectLocation: String?
        var injuries: String?
        var injuriesDetail: String?
        var weapons: String?
        var weaponsDetail: String?
        var childrenPresent: String?
        var childrenCount: Int?
        var fear: String?
        var fearInTheirWords: String?
        var handlerConcern: Bool?
        var grade: String?
        var gradeReason: String?
        var appointmentAt: String?

        var draft: CallDraft {
            CallDraft(
                channel: channel, caller: caller, setting: setting, occurredAt: occurredAt, addressLine1: addressLine1, town: town,
                postcode: postcode, relationship: relationship, abuseTypes: abuseTypes ?? [], summary: summary,
                parties: (parties ?? []).map { CallPartyDraft(role: $0.role ?? "", personID: $0.personId, newPerson: $0.newPerson?.draft) },
                immediateDanger: immediateDanger, suspectLocation: suspectLocation, injuries: injuries, injuriesDetail: injuriesDetail,
                weapons: weapons, weaponsDetail: weaponsDetail, childrenPresent: childrenPresent, childrenCount: childrenCount.map(String.init),
                fear: fear, fearInTheirWords: fearInTheirWords, handlerConcern: handlerConcern ?? false, grade: grade,
                gradeReason: gradeReason, appointmentAt: appointmentAt)
        }
    }
    struct GradeInput: Decodable { var grade: String?; var reason: String?; var appointmentAt: String? }
    struct DecisionInput: Decodable { var decision: String?; var note: String? }
    struct TimeInput: Decodable { var at: String? }
    struct Queue: Encodable { let alerts: [ControlRoomAlert] }
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
        var belowThresholdRationale: String?
    }

    struct ChildInput: Decodable {
        var personId: String?; var firstName: String?; var surname: String?; var dateOfBirth: String?; var presence: String?; var school: String?
    }
    struct SceneInput: Decodable {
        var children: [ChildInput]?
        var evidence: [String: String]?
        var victimSupportsAction: String?
        var counterAllegation: String?
        var crimeRecorded: String?
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
                evidence: IncidentAPI.snakeCasedKeys(evidence ?? [:]), victimSupportsAction: victimSupportsAction, counterAllegation: counterAllegation,
                crimeRecorded: crimeRecorded, suspectIdentified: suspectIdentified, arrested: arrested, noArrestRationale: noArrestRationale,
                interpreterNeeded: interpreterNeeded, interpreterLanguage: interpreterLanguage, interpreterKind: interpreterKind,
                interpreterPersonID: interpreterPersonId, safetyActions: safetyActions ?? [])
        }
    }
    struct NoArrestQueue: Encodable { let items: [NoArrestItem] }
    struct EvidenceInput: Decodable {
        var evidence: [String: String]?
        var victimSupportsAction: String?
        var counterAllegation: String?
        var note: String?
    }

    static func snakeCasedKeys(_ map: [String: String]) -> [String: String] {
        Dictionary(
            map.map { key, value in
                (key.reduce(into: "") { out, c in if c.isUppercase { out += "_" + c.lowercased() } else { out.append(c) } }, value)
            }, uniquingKeysWith: { first, _ in first })
    }

    func register(on api: RouterGroup<AppRequestContext>) {
        api.post("incidents") { request, context -> Response in
            let input = try await APIJSON.decode(CallInput.self, from: request, context: context)
            let record = try await service.openIncident(try context.actor(), draft: input.draft)
            var response = try APIJSON.response(record, status: .created)
            response.headers[.location] = "/api/v1/incidents/\(record.incident.id)"
            return response
        }

        api.get("incidents/:id") { request, context -> Response in
            let record = try await service.viewIncidentRecord(
                try context.actor(), id: try context.parameters.require("id"), reason: request.queryFields["reason"])
            return try APIJSON.response(record)
        }

        api.get("incidents/:id/briefing") { request, context -> Response in
            let briefing = try await service.briefing(
                try context.actor(), incidentID: try context.parameters.require("id"), reason: request.queryFields["reason"])
            return try APIJSON.response(briefing)
        }

        api.post("incidents/:id/grade") { request, context -> Response in
            let input = try await APIJSON.decode(GradeInput.self, from: request, context: context)
            return try APIJSON.response(
                try await service.requestGrade(
                    try context.actor(), incidentID: try context.parameters.require("id"),
                    grade: input.grade, reason: input.reason, appointmentAt: input.appointmentAt))
        }

        api.post("incidents/:id/grade/decision") { request, context -> Response in
            let input = try await APIJSON.decode(DecisionInput.self, from: request, context: context)
            guard let decision = input.decision, ["authorise", "refuse"].contains(decision) else {
                throw DomainError.invalid([FieldError("decision", "must be authorise or refuse.")])
            }
            return try APIJSON.response(
                try await service.decideGrade(
                    try context.actor(), incidentID: try context.parameters.require("id"),
                    authorise: decision == "authorise", note: input.note))
        }

        for event in ResponseEvent.allCases {
            api.post("incidents/:id/\(event == .dispatched ? "dispatch" : "arrival")") { request, context -> Response in
                let input = try await APIJSON.decode(TimeInput.self, from: request, context: context)
                return try APIJSON.response(
                    try await service.recordResponseTime(
                        try context.actor(), incidentID: try context.parameters.require("id"),
                        event: event, at: input.at))
            }
        }

        api.post("incidents/:id/high-risk/acknowledge") { _, context -> Response in
            try APIJSON.response(try await service.acknowledgeHighRisk(try context.actor(), incidentID: try context.parameters.require("id")))
        }

        api.post("incidents/:id/risk-assessments") { request, context -> Response in
            let input = try await APIJSON.decode(AssessmentInput.self, from: request, context: context)
            // The decoder turns snake_case keys into camelCase, map keys included: question ids are snake_case again.
            let draft = RiskAssessmentDraft(
                victimPersonID: input.victimPersonId, instrumentID: input.instrumentId,
                answers: Self.snakeCasedKeys(input.answers ?? [:]), notes: Self.snakeCasedKeys(input.notes ?? [:]),
                level: input.level, rationale: input.rationale,
                belowThresholdRationale: input.belowThresholdRationale)
            let assessment = try await service.recordRiskAssessment(try context.actor(), incidentID: try context.parameters.require("id"), draft: draft)
            return try APIJSON.response(assessment, status: .created)
        }

        api.post("incidents/:id/scene") { request, context -> Response in
            let input = try await APIJSON.decode(SceneInput.self, from: request, context: context)
            let scene = try await service.recordScene(try context.actor(), incidentID: try context.parameters.require("id"), draft: input.draft)
            return try APIJSON.response(scene, status: .created)
        }

        api.post("incidents/:id/evidence") { request, context -> Response in
            let input = try await APIJSON.decode(EvidenceInput.self, from: request, context: context)
            let draft = EvidenceUpdateDraft(
                evidence: IncidentAPI.snakeCasedKeys(input.evidence ?? [:]), victimSupportsAction: input.victimSupportsAction,
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

        api.get("control-room/queue") { _, context -> Response in
            try APIJSON.response(Queue(alerts: try await service.controlRoomQueue(try context.actor())))
        }
    }
}
