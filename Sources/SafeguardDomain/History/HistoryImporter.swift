import Foundation

/// What a history import did, for the command line and the audit trail.
public struct HistoryImportSummary: Sendable, Equatable {
    public var read = 0
    public var peopleLoaded = 0
    public var staged = 0
    public var incidents = 0
    public var cases = 0
    public var warnings = 0
    public var unusable = 0
    /// Seconds spent reading and staging the file, and in all.
    public var readSeconds = 0.0
    public var seconds = 0.0
}

/// Drives one history import: reads every line (people load at once; events are staged), then applies the staged
/// events victim by victim in time order, then arrests and outcomes. The command line and the tests run the same
/// driver; only where the lines come from and where the report goes differ.
public struct HistoryImporter: Sendable {
    public let service: SafeguardService
    public var owner: User?
    /// Lines per transaction.
    public var chunk: Int

    public init(service: SafeguardService, owner: User?, chunk: Int = 2_000) {
        self.service = service
        self.owner = owner
        self.chunk = max(1, chunk)
    }

    /// `next` gives each line's bytes and number until the end; `report` hears each line that could not be used (and
    /// each person's value kept as given); `progress` hears (done, of, what) now and then.
    public func run(
        next: () throws -> (bytes: Data, line: Int)?, report: (Int, String) throws -> Void,
        progress: (Int, Int, String) -> Void = { _, _, _ in }
    ) async throws -> HistoryImportSummary {
        var summary = HistoryImportSummary()
        let started = Date()
        let now = service.clock.now()
        var people: [LegacyPerson] = [], events: [StagedHistoryEvent] = []
        // One chunk is written while the next is read: parsing and the database's writing each keep a core.
        let service = self.service
        var writing: Task<(Int, Int), any Error>?
        func collect() async throws {
            guard let previous = writing else { return }
            let (loaded, staged) = try await previous.value
            summary.peopleLoaded += loaded
            summary.staged += staged
            writing = nil
        }
        func flush() async throws {
            try await collect()
            let (chunkPeople, chunkEvents) = (people, events)
            writing = Task { (try await service.importPeople(chunkPeople, by: nil), try await service.stageHistory(chunkEvents)) }
            people.removeAll(keepingCapacity: true)
            events.removeAll(keepingCapacity: true)
        }
        while let (bytes, line) = try next() {
            if bytes.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) { continue }
            summary.read += 1
            switch HistoryLineRules.read(bytes, number: line, now: now) {
            case .person(let person, let issues):
                people.append(person)
                for issue in issues { try report(line, "\(issue.field) \"\(issue.value)\": \(issue.problem) (kept as given)") }
            case .event(let event): events.append(StagedHistoryEvent(event: event, line: line))
            case .unusable(let problem):
                summary.unusable += 1
                try report(line, problem)
            }
            if people.count + events.count >= chunk {
                try await flush()
                progress(summary.read, 0, "lines read")
            }
        }
        try await flush()
        try await collect()
        summary.readSeconds = Date().timeIntervalSince(started)
        var applied = 0
        var cursor: String?
        repeat {
            let step = try await service.applyHistoryCases(after: cursor, owner: owner, limit: max(1, chunk / 4))
            cursor = step.next
            summary.incidents += step.incidents
            summary.cases += step.cases
            applied += step.applied
            summary.unusable += step.unusable.count
            for (line, problem) in step.unusable { try report(line, problem) }
            progress(applied, summary.staged, "lines applied")
        } while cursor != nil
        cursor = nil
        repeat {
            let step = try await service.applyHistoryAttachments(after: cursor, limit: chunk)
            cursor = step.next
            applied += step.applied
            summary.warnings += step.warnings
            summary.unusable += step.unusable.count
            for (line, problem) in step.unusable { try report(line, problem) }
            progress(applied, summary.staged, "lines applied")
        } while cursor != nil
        summary.seconds = Date().timeIntervalSince(started)
        try await service.recordHistoryImport(
            summary:
                "read=\(summary.read); people=\(summary.peopleLoaded); staged=\(summary.staged); incidents=\(summary.incidents); cases=\(summary.cases); warnings=\(summary.warnings); unusable=\(summary.unusable); owner=\(owner?.username ?? "reallocation queue")"
        )
        return summary
    }

    /// Imports lines held in memory (a demo's slice, a test's story), numbered from 1.
    public func run(lines: [String], report: (Int, String) throws -> Void = { _, _ in }) async throws -> HistoryImportSummary {
        var index = 0
        return try await run(
            next: {
                guard index < lines.count else { return nil }
                index += 1
                return (Data(lines[index - 1].utf8), index)
            }, report: report)
    }
}
