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

    func register(on api: RouterGroup<AppRequestContext>) {
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
                    items: view.items.map { item in
                        let f = item.finding
                        return Item(
                            rank: f.rank, personId: f.personID, name: item.name, sourceRecordIds: item.sourceRecordIDs, recordIds: f.recordIDs,
                            lists: f.lists.map(\.rawValue), areas: item.areaCodes, incidents: f.incidents, crimes: f.crimes, victims: f.victims,
                            latestIncidentAt: f.latestAt, score: f.harm.score, components: f.harm)
                    },
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
