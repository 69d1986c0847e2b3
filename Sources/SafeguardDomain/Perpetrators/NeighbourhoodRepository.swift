import Foundation

/// Storage for the area briefing: hotspot addresses found from incidents, neighbourhood tasks and who was briefed.
public protocol NeighbourhoodRepository: Sendable {
    /// Addresses (never a confidential one) with at least `minIncidents` DA incidents since `since`, most first.
    func hotspotCandidates(since: Date, minIncidents: Int) async throws -> [(
        addressID: String, line1: String, postcode: String, incidents: Int, latestAt: Date
    )]
    /// Keeps the hotspots a run found (most incidents first), replacing the last run's.
    func saveHotspots(runID: String, _ hotspots: [Hotspot]) async throws
    /// The latest run's hotspots in an area (nil: the force), most incidents first, at most `limit`.
    func hotspots(areaID: String?, limit: Int) async throws -> [Hotspot]
    /// Open high-risk cases placed in an area, newest first, at most `limit`.
    func highRiskCases(areaID: String, limit: Int) async throws -> [HighRiskCaseFacts]
    func createTask(_ task: NeighbourhoodTask, byUserID: String) async throws
    func task(id: String) async throws -> NeighbourhoodTask?
    /// Records a task's result if it has none yet; false when someone recorded one first.
    func recordResult(taskID: String, result: String, by username: String, at: Date) async throws -> Bool
    /// An area's tasks still open, and those done since `doneSince`, due first.
    func tasks(areaID: String, doneSince: Date) async throws -> [NeighbourhoodTask]
    func recordBriefed(areaID: String, user: User, runID: String?, at: Date) async throws
    /// Who was briefed on an area's list since `since`, earliest first.
    func briefed(areaID: String, since: Date) async throws -> [BriefedRecord]
}
