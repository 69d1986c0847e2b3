import Foundation

/// One DA incident as the force's figures read it (rule 31): when it happened, whether it is a recorded crime and of
/// what kind, where (its postcode, for the area), its victims, and what followed it — arrests and outcomes, whenever
/// they were made.
public struct FigureIncident: Sendable, Equatable {
    public var id: String
    public var occurredAt: Date
    public var isCrime: Bool
    /// The crime's classification; nil for a crime not yet classified (and for a non-crime incident).
    public var crime: CrimeClassification?
    /// The postcode of the place it happened (a refuge's too: the figures are counts, never places).
    public var postcode: String?
    public var victims: [FigureVictim]
    /// Arrests made for it (custody records of an arrest naming this incident), whenever made.
    public var arrests: Int
    /// The outcomes reached for it so far, one per suspect and decision.
    public var outcomes: [CrimeOutcome.Kind]

    public init(
        id: String, occurredAt: Date, isCrime: Bool, crime: CrimeClassification?, postcode: String?, victims: [FigureVictim], arrests: Int,
        outcomes: [CrimeOutcome.Kind]
    ) {
        (self.id, self.occurredAt, self.isCrime, self.crime, self.postcode) = (id, occurredAt, isCrime, crime, postcode)
        (self.victims, self.arrests, self.outcomes) = (victims, arrests, outcomes)
    }
}

/// A victim of an incident as the figures count her: her record, and what it says of her sex and ethnicity.
public struct FigureVictim: Sendable, Equatable {
    public var personID: String
    public var sex: Sex
    /// The 2021 Census category as recorded; nil when not stated.
    public var ethnicity: String?

    public init(personID: String, sex: Sex, ethnicity: String?) {
        (self.personID, self.sex, self.ethnicity) = (personID, sex, ethnicity)
    }
}

/// Storage of the facts the figures are computed from: read fresh on every request, so a correction or an import
/// changes a figure at once (nothing is kept aside to go stale).
public protocol FiguresRepository: Sendable {
    /// Every DA incident that occurred in `[from, to)`, with its victims, arrests and outcomes.
    func incidents(from: Date, to: Date) async throws -> [FigureIncident]
    /// When each record was a victim of a DA incident in `[from, to)`: the history the repeat rule reads.
    func victimTimes(from: Date, to: Date) async throws -> [(personID: String, at: Date)]
}
