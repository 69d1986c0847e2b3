import Foundation

/// A risk-assessment instrument held as data (rule 7): its questions, and the supplementary prompts some answers
/// open. A force moves to the College of Policing's successor, or its own variant, by adding a file to
/// `Resources/instruments`, not by changing code.
public struct RiskInstrument: Sendable, Equatable, Codable {
    public struct Question: Sendable, Equatable, Codable {
        public var id: String
        public var text: String
        public var hint: String?
        /// Supplementary prompt sets a "yes" to this question opens.
        public var opens: [String]?
    }

    public struct PromptSet: Sendable, Equatable, Codable {
        public var id: String
        public var title: String
        public var questions: [Question]
    }

    public var id: String
    public var version: Int
    public var title: String
    public var guidance: String
    /// "Yes" answers to the main questions at which risk is visibly high: an assessment or a review may never set
    /// the level below high once they are reached (SafeLives: judgement may raise a case with fewer ticks, never
    /// lower one that meets the threshold). Each instrument sets its own: 14 of 27 on DASH.
    public var visibleHighRiskYesCount: Int
    public var questions: [Question]
    public var supplementary: [PromptSet]

    /// Whether `yesCount` yes answers reach this instrument's visible-high-risk count.
    public func meetsVisibleHighRisk(_ yesCount: Int) -> Bool { yesCount >= visibleHighRiskYesCount }

    /// The prompt sets opened by the given main answers.
    public func openedSets(by answers: [String: Answer]) -> [PromptSet] {
        let opened = Set(questions.filter { answers[$0.id] == .yes }.flatMap { $0.opens ?? [] })
        return supplementary.filter { opened.contains($0.id) }
    }

    /// Checks the file itself: ids unique, every opened set defined. A broken instrument stops the server at start.
    public func validate() throws {
        var errors: [FieldError] = []
        let ids = questions.map(\.id) + supplementary.flatMap { $0.questions.map(\.id) }
        if Set(ids).count != ids.count { errors.append(FieldError("instrument \(id)", "question ids must be unique")) }
        let sets = Set(supplementary.map(\.id))
        for question in questions {
            for set in question.opens ?? [] where !sets.contains(set) {
                errors.append(FieldError("instrument \(id)", "question \(question.id) opens unknown set \(set)"))
            }
        }
        if questions.isEmpty { errors.append(FieldError("instrument \(id)", "has no questions")) }
        if !(1...max(1, questions.count)).contains(visibleHighRiskYesCount) {
            errors.append(FieldError("instrument \(id)", "visibleHighRiskYesCount must be between 1 and its \(questions.count) main questions"))
        }
        if !errors.isEmpty { throw DomainError.invalid(errors) }
    }
}

/// The instruments this build carries, by id.
public enum RiskInstruments {
    /// Every instrument file in the bundle (loaded once; `serve` calls `loadAll` at start so a broken file stops it).
    public static let all: [String: RiskInstrument] = (try? loadAll()) ?? [:]

    /// Reads and checks every instrument file in the bundle.
    public static func loadAll() throws -> [String: RiskInstrument] {
        var found: [String: RiskInstrument] = [:]
        // Foundation on Linux reports the bundle's resource folder one level higher than on macOS.
        let candidates = [
            Bundle.module.bundleURL.appendingPathComponent("Resources/instruments"),
            Bundle.module.resourceURL?.appendingPathComponent("instruments"),
            Bundle.module.resourceURL?.appendingPathComponent("Resources/instruments")
        ].compactMap { $0 }
        for directory in candidates {
            guard let files = try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil) else { continue }
            for file in files.sorted(by: { $0.path < $1.path }) where file.pathExtension == "json" {
                let instrument = try JSONDecoder().decode(RiskInstrument.self, from: Data(contentsOf: file))
                try instrument.validate()
                found[instrument.id] = instrument
            }
            if !found.isEmpty { break }
        }
        if found.isEmpty { throw DomainError.notFound(kind: "risk instrument", id: "any (Resources/instruments is missing)") }
        return found
    }

    /// The instrument officers use unless the force says otherwise.
    public static let defaultID = "dash-2009"

    public static func named(_ id: String) throws -> RiskInstrument {
        guard let instrument = all[id] else { throw DomainError.notFound(kind: "risk instrument", id: id) }
        return instrument
    }
}
