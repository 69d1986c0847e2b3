import Foundation

/// Storage of the cross-victim lists: the incidents they are found from, each run's findings and every entry onto
/// and off a list.
public protocol PerpetratorRepository: Sendable {
    /// Every DA incident that occurred from `from` to `to` (both included), with its victims and suspects and its
    /// address's postcode (none for a confidential address: a refuge places nobody in an area's list).
    func daIncidents(from: Date, to: Date) async throws -> [DAIncidentFacts]
    /// Every pair of records confirmed to be one person.
    func confirmedPairs() async throws -> [(String, String)]
    /// The number of this set of weights (canonical JSON), a set never seen before taking the next number.
    func weightsVersion(_ json: String, at: Date) async throws -> Int
    /// The weights a version number stands for.
    func weights(version: Int) async throws -> String?
    /// Entries still open (people on a list now).
    func openEntries() async throws -> [PerpetratorListEntry]
    /// A person's entries onto and off the lists, newest first.
    func entries(personID: String) async throws -> [PerpetratorListEntry]
    /// Entries open now on one list, newest first, at most `limit`.
    func openEntries(list: PerpetratorList, limit: Int) async throws -> [PerpetratorListEntry]
    /// Whether the daily run of `day` (YYYY-MM-DD) is done (or under way on another server).
    func dailyRunDone(day: String) async throws -> Bool
    /// Claims the daily run of `day` (YYYY-MM-DD) for `runID`: false when another server's clock already has it.
    func claimDaily(day: String, runID: String) async throws -> Bool
    /// Keeps a run: its findings replace the last run's, entries are opened and closed.
    func save(run: PerpetratorRun, findings: [PerpetratorFinding], entered: [PerpetratorListEntry], left: [PerpetratorListEntry]) async throws
    func latestRun() async throws -> PerpetratorRun?
    /// The latest run's perpetrators, most harmful first: those with an incident in `areaID` when given, on `list`
    /// when given, at most `limit`.
    func ranked(areaID: String?, list: PerpetratorList?, limit: Int) async throws -> [PerpetratorFinding]
}
