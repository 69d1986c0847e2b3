import Foundation
import SafeguardMatching

/// What a call handler knows about a person, to find every record that may be them.
public struct PersonMatchQuery: Sendable, Equatable, Codable {
    public var firstName: String?
    public var surname: String?
    public var dateOfBirth: String?
    public var phone: String?
    public var postcode: String?
    public var email: String?

    public init(
        firstName: String? = nil, surname: String? = nil, dateOfBirth: String? = nil, phone: String? = nil, postcode: String? = nil, email: String? = nil
    ) {
        self.firstName = firstName
        self.surname = surname
        self.dateOfBirth = dateOfBirth
        self.phone = phone
        self.postcode = postcode
        self.email = email
    }

    /// Leaves out the named terms (by their field names), e.g. ones still being typed.
    public mutating func drop(_ fields: Set<String>) {
        if fields.contains("first_name") { firstName = nil }
        if fields.contains("surname") { surname = nil }
        if fields.contains("date_of_birth") { dateOfBirth = nil }
        if fields.contains("phone") { phone = nil }
        if fields.contains("postcode") { postcode = nil }
        if fields.contains("email") { email = nil }
    }

    /// The terms as one line for the audit log.
    public var auditTerms: String {
        [("first_name", firstName), ("surname", surname), ("date_of_birth", dateOfBirth), ("phone", phone), ("postcode", postcode), ("email", email)]
            .compactMap { key, value in value.flatMap { $0.isEmpty ? nil : "\(key)=\($0)" } }
            .joined(separator: "&")
    }

    /// Checks each term and turns the query into comparable form; at least one usable term is needed.
    public func validated() throws -> MatchRecord { try readable().record }

    /// The terms in comparable form, and the details set aside. A caller gives what she can and a handler types what
    /// she hears, so a detail that cannot be read (a partial postcode, a phone a digit short, a name with no letters)
    /// is set aside with the reason and the rest is used; the lookup is refused only when nothing usable is left, or
    /// when a value is longer than anyone could mean or holds control characters (that is not a caller's detail).
    public func readable() throws -> ReadableMatchQuery {
        var refused: [FieldError] = []
        for (field, value, limit) in [
            ("first_name", firstName, InputLimits.name), ("surname", surname, InputLimits.name),
            ("date_of_birth", dateOfBirth, InputLimits.date), ("phone", phone, InputLimits.phone),
            ("postcode", postcode, InputLimits.postcode), ("email", email, InputLimits.email)
        ] {
            TextInput.checkLine(value, field, limit: limit, &refused)
        }
        guard refused.isEmpty else { throw DomainError.invalid(refused) }
        var terms = SearchTerms()
        let dob = terms.date(dateOfBirth)
        let phones = [terms.phone(phone)].compactMap { $0 }
        let postcodes = [terms.postcode(postcode)].compactMap { $0 }
        let emails = [terms.email(email)].compactMap { $0 }
        let first = terms.name(firstName, field: "first_name"), last = terms.name(surname, field: "surname")
        let record = MatchRecord(
            firstNames: [first].compactMap { $0 }, surnames: [last].compactMap { $0 },
            dateOfBirth: dob, phones: phones, postcodes: postcodes, emails: emails)
        if record.isEmpty {
            throw DomainError.invalid(
                terms.errors.isEmpty
                    ? [FieldError("surname", "Enter at least one of first name, surname, date of birth, phone, postcode or email.")]
                    : terms.errors.map { FieldError($0.field, $0.message + " Nothing else was given to search on.") })
        }
        return ReadableMatchQuery(record: record, setAside: terms.errors)
    }
}

/// A lookup's terms in comparable form, with the details that could not be read and were left out.
public struct ReadableMatchQuery: Sendable, Equatable {
    public var record: MatchRecord
    /// Each detail set aside, naming the field and why: shown to the handler so she can ask again.
    public var setAside: [FieldError]
}

/// A record that may be the person sought, with how likely and why.
public struct PersonMatchCandidate: Sendable, Equatable, Codable {
    public var person: PersonSummary
    /// 0…1: the Fellegi–Sunter match probability.
    public var probability: Double
    /// At or above the force's proposal threshold: shown as "likely the same person" (a human still confirms).
    public var proposed: Bool
    /// Why, in words a call handler can read.
    public var reasons: [String]
    /// The ids the records it stands for had in the systems they were imported from: this record's and those of
    /// the records confirmed to be the same person.
    public var sourceRecordIDs: [String]
    /// The other records confirmed to be the same person (a maiden name, an alias): one candidate, not several.
    public var sameAs: [PersonSummary]
    /// Incidents across every record the candidate stands for, each counted once.
    public var incidentCount: Int

    // "IDs" would become "i_ds" under snake_case conversion; spelt so it becomes `source_record_ids`.
    enum CodingKeys: String, CodingKey {
        case person, probability, proposed, reasons, sameAs, incidentCount
        case sourceRecordIDs = "sourceRecordIds"
    }
}

/// The answer to a lookup: the records that may be the person, and what of the caller's details was not used.
public struct PersonLookup: Sendable, Equatable, Codable {
    public var candidates: [PersonMatchCandidate]
    /// Details that could not be read and were left out, each naming the field and why.
    public var setAside: [FieldError]
    /// True when the lookup ran out of its time budget and shows what it had scored by then.
    public var cutShort: Bool
}

extension SafeguardService {
    /// How long one lookup may spend scoring before it answers with what it has: the handler is on the phone, and no
    /// one lookup may hold the matcher. Lookups at a million records take a few milliseconds (docs/matching.md).
    public static let lookupTimeBudget = Duration.milliseconds(1500)

    /// Finds the records that may be the person described, ranked, with probabilities and reasons.
    /// The system proposes; it never merges. The terms are audited like any search.
    public func matchPeople(_ actor: Actor, query: PersonMatchQuery, limit: Int = 10, reason: String? = nil) async throws -> [PersonMatchCandidate] {
        try await lookUpPeople(actor, query: query, limit: limit, reason: reason).candidates
    }

    /// A lookup with what was set aside. It reads from a snapshot, never holding the writer (a create or a contact
    /// logged meanwhile does not wait for it), and its audit entry is written once the answer is ready. Roles that
    /// look back must say why they search, as they must say why they open a record (rule 33).
    public func lookUpPeople(_ actor: Actor, query: PersonMatchQuery, limit: Int = 10, reason: String? = nil) async throws -> PersonLookup {
        try await recordingRefusal(actor, .searchPeople, recordType: "person", recordID: nil, reason: reason) {
            try actor.require(.searchPeople)
            let why = try statedReason(actor, reason)
            guard (1...50).contains(limit) else { throw DomainError.invalid([FieldError("limit", "must be between 1 and 50.")]) }
            let readable = try query.readable()
            let record = readable.record
            let keys = BlockingKeys().queryKeys(for: record)
            let scorer = MatchScorer.caller
            let now = clock.now()
            let deadline = ContinuousClock.now + Self.lookupTimeBudget
            let show = policy.matchShowThreshold, propose = policy.matchProposeThreshold
            let (candidates, cutShort) = try await readAudited(
                { tx -> ([PersonMatchCandidate], Bool) in
                    var records = try await tx.people.matchRecords(forKeys: keys)
                    // Every record above the show line, not just `limit`: records of one person fold into one entry below.
                    var ranked = scorer.rank(record, against: records, minimumProbability: show, limit: records.count, deadline: deadline)
                    // Nobody likely yet: a name may have been mistyped ("Bursn"). Look again under the names on record one
                    // slip from those typed; a strong match by phone or date of birth never pays for this second look.
                    if !ranked.cutShort && (ranked.scores.first?.probability ?? 0) < propose {
                        let near = try await tx.people.knownNames(oneSlipFrom: record.firstNames + record.surnames)
                        let corrections = NameVariants.worthTrying(near, nothingFound: ranked.scores.isEmpty)
                        let more = BlockingKeys().correctionKeys(for: record, corrections: corrections, except: Set(keys))
                        if !more.isEmpty {
                            let seen = Set(records.map(\.personID))
                            records += try await tx.people.matchRecords(forKeys: more).filter { !seen.contains($0.personID) }
                            ranked = scorer.rank(record, against: records, minimumProbability: show, limit: records.count, deadline: deadline)
                        }
                    }
                    let scored = ranked.scores
                    // Partners of the first 3 × limit records: a record ranked lower than its partner is folded from the
                    // partner's side, so this is short only if more than 2 × limit records fold away (one read, bounded binds).
                    let confirmed = ConfirmedRecords(partners: try await tx.links.confirmedPartners(of: scored.prefix(limit * 3).map(\.personID)))
                    let entries = confirmed.fold(scored, limit: limit)
                    let ids = entries.flatMap { [$0.lead.personID] + $0.sameAs }
                    let summaries = try await tx.people.summaries(ids: ids)
                    let sources = try await tx.people.sourceIDs(ofPeople: ids)
                    var candidates: [PersonMatchCandidate] = []
                    for (score, sameAs) in entries {
                        guard let summary = summaries[score.personID] else { continue }
                        let records = [score.personID] + sameAs
                        let incidents = sameAs.isEmpty ? summary.incidentCount : try await tx.people.incidentCount(acrossPeople: records)
                        candidates.append(
                            PersonMatchCandidate(
                                person: summary, probability: score.probability, proposed: score.probability >= propose,
                                reasons: score.reasons, sourceRecordIDs: records.flatMap { sources[$0] ?? [] },
                                sameAs: sameAs.compactMap { summaries[$0] }, incidentCount: incidents))
                    }
                    return (candidates, ranked.cutShort)
                },
                audit: { found in
                    AuditEntry(
                        at: now, user: actor.user, action: .searchPeople, recordType: "person", reason: why,
                        detail: "match: \(query.auditTerms); results=\(found.0.count)\(found.1 ? "; cut short" : "")")
                })
            let visibility = Visibility(actor.role)
            let visible = candidates.map { candidate in
                var visible = candidate
                visible.person = visibility.summary(candidate.person)
                visible.sameAs = candidate.sameAs.map(visibility.summary)
                // A restricted record's reasons would describe it; its existence and score are enough to act on.
                if candidate.person.restricted && !actor.role.can(.viewRestricted) { visible.reasons = ["restricted record: ask a DA specialist"] }
                return visible
            }
            return PersonLookup(candidates: visible, setAside: readable.setAside, cutShort: cutShort)
        }
    }
}

/// What to ask the caller when the details given fit several records exactly as well and none is likely: those
/// records cannot be told apart from what was said (two people of one name, and nothing else given that either
/// record holds), so the handler asks for what would tell them apart rather than pick one.
public struct MatchAdvice: Sendable, Equatable, Codable {
    /// How many of the records shown fit the details given exactly as well as the first.
    public var tied: Int
    /// The details not given yet that would tell them apart, in words.
    public var askFor: [String]
    /// The advice as one sentence, as the page shows it.
    public var message: String
}

extension PersonMatchQuery {
    /// Advice when the first two or more candidates are tied and none is likely the same person; nil otherwise.
    public func advice(for candidates: [PersonMatchCandidate]) -> MatchAdvice? {
        guard let first = candidates.first, !first.proposed else { return nil }
        let tied = candidates.prefix { $0.probability == first.probability }.count
        guard tied >= 2 else { return nil }
        let blank = { (value: String?) in (value ?? "").trimmingCharacters(in: .whitespaces).isEmpty }
        let askFor = [("date of birth", dateOfBirth), ("phone number", phone), ("postcode", postcode)].filter { blank($0.1) }.map(\.0)
        let ask =
            askFor.isEmpty
            ? "check the details with the caller"
            : "ask for " + (askFor.count == 1 ? askFor[0] : askFor.dropLast().joined(separator: ", ") + " or " + askFor.last!)
        return MatchAdvice(tied: tied, askFor: askFor, message: "\(tied) of these records fit the details given equally well: \(ask) to tell them apart.")
    }
}
