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
        var children: [HouseholdAPI.ChildInput]?

        var draft: CallDraft {
            var draft = CallDraft(
                channel: channel, caller: caller, setting: setting, occurredAt: occurredAt, addressLine1: addressLine1, town: town,
                postcode: postcode, relationship: relationship, abuseTypes: abuseTypes ?? [], summary: summary,
                parties: (parties ?? []).map {
                    CallPartyDraft(
                        role: $0.role ?? "", personID: $0.personId, newPerson: $0.newPerson?.draft, confirmedNew: $0.newPerson?.confirmedNew ?? false)
                },
                immediateDanger: immediateDanger, suspectLocation: suspectLocation, injuries: injuries, injuriesDetail: injuriesDetail,
                weapons: weapons, weaponsDetail: weaponsDetail, childrenPresent: childrenPresent, childrenCount: childrenCount.map(String.init),
                fear: fear, fearInTheirWords: fearInTheirWords, handlerConcern: handlerConcern ?? false, grade: grade,
                gradeReason: gradeReason, appointmentAt: appointmentAt)
            draft.children = (children ?? []).map(\.draft)
            return draft
        }
    }
    struct GradeInput: Decodable { var grade: String?; var reason: String?; var appointmentAt: String? }
    struct DecisionInput: Decodable { var decision: String?; var note: String? }
    struct TimeInput: Decodable { var at: String? }
    struct ClosureInput: Decodable { var outcome: String?; var reason: String? }
    struct Queue: Encodable { let alerts: [ControlRoomAlert] }
    struct ClassificationInput: Decodable { var classification: String?; var reason: String? }

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

        api.post("incidents/:id/crime-classification") { request, context -> Response in
            let input = try await APIJSON.decode(ClassificationInput.self, from: request, context: context)
            return try APIJSON.response(
                try await service.classifyCrime(
                    try context.actor(), incidentID: try context.parameters.require("id"), classification: input.classification, reason: input.reason))
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
            let decision: Bool? = ["authorise": true, "refuse": false][input.decision ?? ""]
            return try APIJSON.response(
                try await service.decideGrade(try context.actor(), incidentID: try context.parameters.require("id"), authorise: decision, note: input.note))
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

        api.post("incidents/:id/close") { request, context -> Response in
            let input = try await APIJSON.decode(ClosureInput.self, from: request, context: context)
            return try APIJSON.response(
                try await service.closeCall(
                    try context.actor(), incidentID: try context.parameters.require("id"), outcome: input.outcome, reason: input.reason))
        }

        api.post("incidents/:id/high-risk/acknowledge") { _, context -> Response in
            try APIJSON.response(try await service.acknowledgeHighRisk(try context.actor(), incidentID: try context.parameters.require("id")))
        }

        api.get("control-room/queue") { _, context -> Response in
            try APIJSON.response(Queue(alerts: try await service.controlRoomQueue(try context.actor())))
        }
    }
}
