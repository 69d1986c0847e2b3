import Foundation
import Hummingbird
import SafeguardDomain

/// The JSON API for the cross-victim lists (rule 24), under `/api/v1`.
struct PerpetratorAPI {
    let dependencies: WebDependencies
    var service: SafeguardService { dependencies.service }

    /// One perpetrator: who, the records confirmed to be him, the lists he is on, and his score with its components.
    struct Item: Encodable {
        var rank: Int
        var personId: String
        var name: String?
        var sourceRecordIds: [String]
        var recordIds: [String]
        var lists: [String]
        var areas: [String]
        var incidents: Int
        var crimes: Int
        var victims: Int
        var latestIncidentAt: Date
        var score: Double
        var components: HarmScore
    }
    struct Victim: Encodable {
        var personId: String
        var name: String?
        var reason: String
        var onListSince: Date
    }
    struct ListOutput: Encodable {
        var run: PerpetratorRun?
        var area: String?
        var list: String
        var items: [Item]
        var victimsWithSeveralPerpetrators: [Victim]
        var weights: HarmWeights
        var weightsVersion: Int?
        var weightsChanged: Bool
    }

    /// An area's daily briefing as the API gives it.
    struct BriefingOutput: Encodable {
        var area: String
        var areaName: String
        var generatedAt: Date
        var run: PerpetratorRun?
        var perpetrators: [Item]
        var highRiskVictims: [HighRiskVictim]
        var hotspots: [Hotspot]
        var tasks: [NeighbourhoodTask]
        var briefedToday: [BriefedRecord]
    }
    struct TaskInput: Decodable {
        var kind: String?
        var personId: String?
        var addressId: String?
        var note: String?
        var assignee: String?
        var dueOn: String?
    }
    struct ResultInput: Decodable {
        var result: String?
    }
    struct HotspotList: Encodable {
        var items: [Hotspot]
    }

    static func item(_ item: PerpetratorItem) -> Item {
        let f = item.finding
        return Item(
            rank: f.rank, personId: f.personID, name: item.name, sourceRecordIds: item.sourceRecordIDs, recordIds: f.recordIDs, lists: f.lists.map(\.rawValue),
            areas: item.areaCodes, incidents: f.incidents, crimes: f.crimes, victims: f.victims, latestIncidentAt: f.latestAt, score: f.harm.score,
            components: f.harm)
    }

    func register(on api: RouterGroup<AppRequestContext>) {
        api.get("areas/:code/briefing") { request, context -> Response in
            let b = try await service.areaBriefing(try context.actor(), area: try context.parameters.require("code"), reason: request.queryFields["reason"])
            return try APIJSON.response(
                BriefingOutput(
                    area: b.area.code, areaName: b.area.name, generatedAt: b.generatedAt, run: b.run, perpetrators: b.perpetrators.map(Self.item),
                    highRiskVictims: b.highRiskVictims, hotspots: b.hotspots, tasks: b.tasks, briefedToday: b.briefedToday))
        }
        api.get("hotspots") { request, context -> Response in
            try APIJSON.response(
                HotspotList(items: try await service.hotspots(try context.actor(), area: request.queryFields["area"], reason: request.queryFields["reason"])))
        }
        api.post("areas/:code/briefed") { _, context -> Response in
            try APIJSON.response(try await service.markBriefed(try context.actor(), area: try context.parameters.require("code")), status: .created)
        }
        api.post("areas/:code/tasks") { request, context -> Response in
            let input = try await APIJSON.decode(TaskInput.self, from: request, context: context)
            let task = try await service.setNeighbourhoodTask(
                try context.actor(), area: try context.parameters.require("code"),
                draft: NeighbourhoodTaskDraft(
                    kind: input.kind, personID: input.personId, addressID: input.addressId, note: input.note, assignee: input.assignee, dueOn: input.dueOn))
            return try APIJSON.response(task, status: .created)
        }
        api.post("neighbourhood-tasks/:id/result") { request, context -> Response in
            let input = try await APIJSON.decode(ResultInput.self, from: request, context: context)
            return try APIJSON.response(
                try await service.recordNeighbourhoodResult(try context.actor(), taskID: try context.parameters.require("id"), result: input.result))
        }
        api.get("perpetrators") { request, context -> Response in
            let q = request.queryFields
            var limit: Int?
            if let raw = q["limit"] {
                guard let value = Int(raw) else { throw DomainError.invalid([FieldError("limit", "must be a whole number between 1 and 500.")]) }
                limit = value
            }
            let view = try await service.perpetratorList(try context.actor(), area: q["area"], list: q["list"], limit: limit, reason: q["reason"])
            return try APIJSON.response(
                ListOutput(
                    run: view.run, area: view.area?.code, list: view.list?.rawValue ?? "ranked",
                    items: view.items.map(Self.item),
                    victimsWithSeveralPerpetrators: view.victims.map {
                        Victim(personId: $0.entry.personID, name: $0.name, reason: $0.entry.enteredReason, onListSince: $0.entry.enteredAt)
                    },
                    weights: view.policy.weights, weightsVersion: view.weightsVersion, weightsChanged: view.weightsChanged))
        }
        api.post("perpetrators/runs") { _, context -> Response in
            try APIJSON.response(try await service.runPerpetratorLists(try context.actor()), status: .created)
        }
    }
}
