import ArgumentParser
import Foundation
import SafeguardDomain
import SafeguardMatching
import SafeguardStore
import SafeguardSynthetic

/// `safeguard bench …`: figures measured by running the real thing, printed; never timed in unit tests.
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure Safeguard on a generated force.",
        subcommands: [
            BenchMatch.self, BenchJourney.self, BenchTriggers.self, BenchMigrate.self, BenchControlRoom.self, BenchMarac.self, BenchPerpetrators.self,
            BenchFigures.self, BenchSoak.self, BenchRetention.self
        ]
    )
}

/// `safeguard bench match`: online matching latency and accuracy, and the batch clean-up's quality, on a fresh force.
struct BenchMatch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Generate a force into a fresh database, then time lookups of known and never-seen people and run the batch clean-up.",
        discussion: "The last line printed is one JSON object with every figure.")

    @Option(help: "Person records to generate (about; duplicates come on top of individuals).") var records = 100_000
    @Option(help: "Seed of the force and of the lookups.") var seed: UInt64 = 2014
    @Option(help: "Lookups of people who are in the database.") var lookups = 1_000
    @Option(help: "Lookups of people who are not.") var unseen = 200
    @Option(help: "Database to use: must be empty. Default: a new SQLite file in a temporary folder.") var databaseURL: String?
    @Flag(help: "Skip the batch clean-up.") var skipDedupe = false
    @Option(help: "Force policy JSON file (thresholds to try).") var policy: String?
    @Flag(
        help:
            "Instead of measuring, print each comparison level's m and u probabilities and log2(m/u) weight over the pairs the clean-up blocks, counted against the generator's truth (how the weights in MatchWeights.swift were fitted)."
    )
    var fitWeights = false
    @Option(
        help:
            "With --fit-weights: also write every blocked pair scoring above -6 bits (ids, truth, levels, name-frequency bits) to this TSV file, to try weights offline."
    )
    var dumpPairs: String?
    @Flag(
        help:
            "Measure again on the force an earlier run left in --database-url, without generating it (for tuning: the lookups are a fresh sample, so figures differ slightly from a fresh run's)."
    )
    var reuse = false
    @Option(
        help:
            "Also write every lookup to this CSV file (kind, the caller's record and identity, what the caller said, the record ranked first and its probability), to measure another linkage tool on the same callers."
    )
    var dumpLookups: String?

    func run() async throws {
        do {
            try await measure()
        } catch {
            Terminal.fail(error)
        }
    }

    private func measure() async throws {
        let (url, temporaryFolder) = try BenchDatabase.fresh(databaseURL)
        // A million-record database is gigabytes: the one made here goes when the bench ends, however it ends.
        defer { if let temporaryFolder { try? FileManager.default.removeItem(at: temporaryFolder) } }
        let runtime = try await Runtime.open(policyFile: policy, url: url)
        let empty = try await SyntheticForceLoader(pool: runtime.pool).isEmpty()
        if reuse && (databaseURL == nil || empty) { throw DomainError.conflict("--reuse needs --database-url naming a database an earlier bench filled.") }
        if !reuse && !empty { throw DomainError.conflict("The bench database must be empty.") }

        // 1. The force, with its ground truth kept apart (in memory here, and in synthetic_truth).
        var identityOf: [String: String] = [:]
        var sample = LookupSample(capacity: lookups, seed: seed)
        let actor: Actor
        if reuse {
            (identityOf, sample.people) = try await Self.reused(runtime, lookups: lookups, seed: seed)
            guard let handler = try await runtime.store.read({ tx in try await tx.users.credentials(username: "bench-handler") })?.user else {
                throw DomainError.notFound(kind: "user", id: "bench-handler")
            }
            actor = Actor(handler)
        } else {
            let individuals = max(100, records * 100 / 102)
            try await DemoForce.fill(runtime: runtime, people: individuals, years: 5, seed: seed, endDate: CalendarDate.date("2026-11-01")!, quiet: false) {
                batch in
                for (record, identity) in batch.truth { identityOf[record] = identity }
                for person in batch.people { sample.offer(person) }
            }
            actor = Actor(
                try await runtime.service.createUser(
                    username: "bench-handler", displayName: "Benchmark", role: .callHandler, password: "bench-handler-password"))
        }

        if fitWeights {
            try await Self.fitWeights(runtime: runtime, truth: identityOf, dump: dumpPairs)
            try await runtime.close()
            return
        }

        // 2. Callers: known people as a caller would describe them, and strangers from a force never loaded.
        var noise = SeededGenerator(seed: seed ^ 0xCA11)
        let known = sample.people.map { CallerNoise.query(for: $0, using: &noise) }
        let strangers = SyntheticForceGenerator(spec: SyntheticForceSpec(people: max(unseen * 3, 100), years: 5, seed: seed ^ 0x5EED_0001, endDate: Date()))
            .generateAll().flatMap(\.people).prefix(unseen).map { CallerNoise.query(for: $0, using: &noise) }

        // As `serve` does at start: a running server has its matching index in memory, and the bench measures that
        // server, not a cold disk (on some machines the pages just written are not kept in the page cache).
        let warming = ContinuousClock.now
        let indexKeys = try await runtime.pool.warmMatchIndex()
        print("Read the matching index (\(indexKeys) keys) into memory in \(Progress.seconds(ContinuousClock.now - warming)), as serve does at start.")

        var latencies: [Double] = []
        var lookupRows: [LookupRow] = []
        var correct = 0, ties = 0
        let callerScorer = MatchScorer.caller
        for (person, query) in zip(sample.people, known) {
            let started = ContinuousClock.now
            let found = try await runtime.service.matchPeople(actor, query: query, limit: 5)
            latencies.append(Self.milliseconds(ContinuousClock.now - started))
            lookupRows.append(LookupRow(kind: "known", recordID: person.id, identity: identityOf[person.id] ?? "", query: query, top: found.first))
            if let top = found.first, identityOf[top.person.id] == identityOf[person.id] {
                correct += 1
            } else {
                // A miss where the caller's details fit someone else exactly as well (two people of one name, and
                // nothing else given that either record holds): no ranking can pick the right one from those details.
                if let top = found.first, let asked = try? query.validated(),
                    abs(callerScorer.score(asked, against: MatchRecord(person: person)).probability - top.probability) < 1e-9
                {
                    ties += 1
                }
                guard ProcessInfo.processInfo.environment["SAFEGUARD_BENCH_EXPLAIN"] != nil else { continue }
                // Which lookups fail, for tuning (synthetic data only, so printing it is harmless).
                print(
                    "MISS query=\(query.auditTerms) record=\(person.firstName) \(person.surname) \(person.dateOfBirth ?? "-") top=\(found.first.map { "\($0.person.firstName) \($0.person.surname) \($0.person.dateOfBirth ?? "-") \(Int($0.probability * 100))% \($0.reasons)" } ?? "none")"
                )
            }
        }
        var falseMatches = 0
        for query in strangers {
            let started = ContinuousClock.now
            let found = try await runtime.service.matchPeople(actor, query: query, limit: 5)
            latencies.append(Self.milliseconds(ContinuousClock.now - started))
            lookupRows.append(LookupRow(kind: "stranger", recordID: "", identity: "", query: query, top: found.first))
            if let top = found.first, top.proposed {
                falseMatches += 1
                if ProcessInfo.processInfo.environment["SAFEGUARD_BENCH_EXPLAIN"] != nil {
                    print(
                        "STRANGER query=\(query.auditTerms) proposed=\(top.person.firstName) \(top.person.surname) \(top.person.dateOfBirth ?? "-") \(Int(top.probability * 100))% \(top.reasons)"
                    )
                }
            }
        }
        latencies.sort()
        if let dumpLookups { try LookupRow.write(lookupRows, to: dumpLookups) }
        let accuracy = known.isEmpty ? 0 : Double(correct) / Double(known.count)
        let falseRate = strangers.isEmpty ? 0 : Double(falseMatches) / Double(strangers.count)
        let recordCount = identityOf.count
        print(
            String(
                format: "Online: %d lookups over %d records: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms; accuracy@1 %.4f; never-seen proposed as someone %.4f",
                latencies.count, recordCount, Self.percentile(latencies, 0.50), Self.percentile(latencies, 0.95), Self.percentile(latencies, 0.99), accuracy,
                falseRate))
        print(
            "  of the \(known.count - correct) known people not ranked first, \(ties) were tied with someone else on every detail the caller gave (ties go by record id)"
        )
        // Shown now, not when the clean-up ends: stdout to a file is buffered, and the clean-up can take minutes.
        fflush(nil)

        // 3. The batch clean-up, scored against the truth at cluster level. It runs as `safeguard dedupe` itself, in a
        // process of its own, so its time and peak memory are the command's: measured inside this process, the peak
        // also held the bench's own truth table and what generating the force left on the heap (2975 MB against the
        // command's 1231 MB at 1,000,000 records).
        var dedupeSeconds: Double?, peakMB: Double?, quality: PairwiseQuality?
        if !skipDedupe {
            let run = try ChildCommand.run(["dedupe"] + (policy.map { ["--policy", $0] } ?? []), databaseURL: url)
            print(run.output, terminator: "")
            dedupeSeconds = run.seconds
            peakMB = run.peakMB
            let pairs = try await runtime.pool.withConnection { db in
                try await db.raw("SELECT person_id, other_person_id FROM match_proposals").all().map {
                    (try $0.decode(column: "person_id", as: String.self), try $0.decode(column: "other_person_id", as: String.self))
                }
            }
            quality = PairwiseQuality(proposedLinks: pairs, truth: identityOf)
            if ProcessInfo.processInfo.environment["SAFEGUARD_BENCH_EXPLAIN"] != nil {
                try await Self.explainMissedPairs(runtime: runtime, proposed: pairs, truth: identityOf)
            }
            print(
                String(
                    format:
                        "Batch: %d records, %d links proposed by `safeguard dedupe` in %.1f s (peak %.0f MB); cluster pairwise precision %.4f, recall %.4f, F1 %.4f",
                    recordCount, pairs.count, dedupeSeconds!, peakMB ?? 0, quality!.precision, quality!.recall, quality!.f1))
        }
        let engine = runtime.pool.engine.rawValue
        try await runtime.close()

        let json: [String: Any] = [
            "records": recordCount, "lookups": latencies.count,
            "p50_ms": Self.round(Self.percentile(latencies, 0.50)), "p95_ms": Self.round(Self.percentile(latencies, 0.95)),
            "p99_ms": Self.round(Self.percentile(latencies, 0.99)),
            "accuracy_at_1": Self.round(accuracy, 4), "new_person_false_match": Self.round(falseRate, 4),
            "dedupe_seconds": dedupeSeconds.map { Self.round($0, 1) } ?? NSNull(), "dedupe_peak_rss_mb": peakMB.map { Self.round($0, 0) } ?? NSNull(),
            "dedupe_precision": quality.map { Self.round($0.precision, 4) } ?? NSNull(), "dedupe_recall": quality.map { Self.round($0.recall, 4) } ?? NSNull(),
            "dedupe_f1": quality.map { Self.round($0.f1, 4) } ?? NSNull(), "database": engine
        ]
        let data = try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys])
        print(String(decoding: data, as: UTF8.self))
    }

    /// A force an earlier run left behind: its truth from `synthetic_truth`, a seeded sample of its records to look up,
    /// and the clean-up's earlier proposals and cursor cleared so it runs again from the start.
    static func reused(_ runtime: Runtime, lookups: Int, seed: UInt64) async throws -> (truth: [String: String], people: [Person]) {
        let truth: [String: String] = try await runtime.pool.withConnection { db in
            var truth: [String: String] = [:]
            for row in try await db.raw("SELECT record_id, identity_id FROM synthetic_truth").all() {
                truth[try row.decode(column: "record_id", as: String.self)] = try row.decode(column: "identity_id", as: String.self)
            }
            return truth
        }
        var random = SeededGenerator(seed: seed ^ 0x5A3F)
        var ids = truth.keys.sorted()
        random.shuffle(&ids)
        let chosen = Array(ids.prefix(lookups))
        let people = try await runtime.store.read { tx in
            var people: [Person] = []
            for id in chosen { if let person = try await tx.people.find(id: id) { people.append(person) } }
            return people
        }
        try await runtime.pool.transaction { db in
            try await db.raw("DELETE FROM match_proposals").run()
            try await db.raw("DELETE FROM dedupe_progress").run()
        }
        return (truth, people)
    }

    /// Fellegi–Sunter fitting from the truth: over every pair the clean-up blocks, how often each field's level is
    /// seen between records of one person (m) and of different people (u). Postcode agreement is counted apart by how
    /// far the names agree, because households share both.
    static func fitWeights(runtime: Runtime, truth: [String: String], dump: String?) async throws {
        let scorer = MatchScorer()
        var matches = 0, others = 0
        var counts: [String: (m: Int, u: Int)] = [:]
        // Whole patterns too (every field's level at once, and the common-name adjustment in whole bits): where the
        // clean-up's decisions go wrong, and what the pattern's own odds say it should have decided.
        var patterns: [String: (m: Int, u: Int, linked: Bool)] = [:]
        let dumpFile = dump.flatMap { fopen($0, "w") }
        defer { if let dumpFile { fclose(dumpFile) } }
        let line = log2(runtime.service.policy.dedupeProposeThreshold / (1 - runtime.service.policy.dedupeProposeThreshold))
        try await runtime.service.forEachBlockedPair { a, b, adjustment in
            let same = truth[a.personID] != nil && truth[a.personID] == truth[b.personID]
            if same { matches += 1 } else { others += 1 }
            let g = scorer.agreement(a, b)
            let logOdds = scorer.logOdds(a, against: b) + adjustment
            let pattern =
                "\(g.first.rawValue)/\(g.last.rawValue)/\(g.dateOfBirth.rawValue) ph=\(g.phone.map { $0 ? "Y" : "N" } ?? "-") em=\(g.email.map { $0 ? "Y" : "N" } ?? "-") pc=\(g.postcode?.rawValue ?? "-") sex=\(g.sexAgrees.map { $0 ? "Y" : "N" } ?? "-") freq=\(Int(adjustment.rounded()))"
            if logOdds >= -6, let out = dumpFile {
                let fields = [
                    a.personID, b.personID, same ? "1" : "0", g.first.rawValue, g.last.rawValue, g.dateOfBirth.rawValue,
                    g.phone.map { $0 ? "Y" : "N" } ?? "-", g.email.map { $0 ? "Y" : "N" } ?? "-", g.postcode?.rawValue ?? "-",
                    g.sexAgrees.map { $0 ? "Y" : "N" } ?? "-", String(format: "%.3f", adjustment)
                ]
                fputs(fields.joined(separator: "\t") + "\n", out)
            }
            var p = patterns[pattern] ?? (0, 0, logOdds >= line)
            if same { p.m += 1 } else { p.u += 1 }
            patterns[pattern] = p
            let names =
                (g.last == .exact || g.last == .otherName)
                ? ((g.first == .exact || g.first == .variant || g.first == .typo) ? "full-name" : "surname") : "other"
            let levels = [
                "first=\(g.first.rawValue)", "surname=\(g.last.rawValue)", "dob=\(g.dateOfBirth.rawValue)",
                "phone=\(g.phone.map { $0 ? "agree" : "disagree" } ?? "-")", "email=\(g.email.map { $0 ? "agree" : "disagree" } ?? "-")",
                "postcode=\(g.postcode.map { $0 == .same ? "same+\(names)" : $0.rawValue } ?? "-")",
                "sex=\(g.sexAgrees.map { $0 ? "agree" : "disagree" } ?? "-")"
            ]
            for level in levels {
                var count = counts[level] ?? (0, 0)
                if same { count.m += 1 } else { count.u += 1 }
                counts[level] = count
            }
        }
        var truePairs = 0
        var sizes: [String: Int] = [:]
        for identity in truth.values { sizes[identity, default: 0] += 1 }
        for n in sizes.values { truePairs += n * (n - 1) / 2 }
        print(
            "FIT blocked pairs: \(matches) of one person (of \(truePairs) true pairs), \(others) of different people; prior log2 odds \(String(format: "%.2f", log2(Double(matches) / Double(max(1, others)))))"
        )
        for (level, count) in counts.sorted(by: { $0.key < $1.key }) {
            let m = Double(count.m) / Double(max(1, matches)), u = Double(count.u) / Double(max(1, others))
            print(String(format: "FIT %-28@ m %.5f  u %.7f  weight %6.2f", level as NSString, m, u, log2(max(m, 1e-9) / max(u, 1e-12))))
        }
        let wrong = patterns.filter { $0.value.linked && $0.value.u > 0 }.sorted { $0.value.u > $1.value.u }.prefix(30)
        let missed = patterns.filter { !$0.value.linked && $0.value.m > 0 }.sorted { $0.value.m > $1.value.m }.prefix(30)
        for (label, list) in [("LINKED", wrong), ("UNLINKED", missed)] {
            for (pattern, p) in list { print("PATTERN \(label) same \(p.m) different \(p.u) | \(pattern)") }
        }
    }

    /// For tuning: samples of true pairs the clean-up did not link and of links it made between different people,
    /// with their score and the keys they share.
    static func explainMissedPairs(runtime: Runtime, proposed: [(String, String)], truth: [String: String]) async throws {
        let linked = Set(proposed.map { "\($0.0)|\($0.1)" })
        var byIdentity: [String: [String]] = [:]
        for (record, identity) in truth { byIdentity[identity, default: []].append(record) }
        var missed: [(String, String)] = []
        for records in byIdentity.values where records.count > 1 {
            let sorted = records.sorted()
            for i in sorted.indices {
                for j in sorted.indices where j > i && !linked.contains("\(sorted[i])|\(sorted[j])") { missed.append((sorted[i], sorted[j])) }
            }
        }
        let wrong = proposed.filter { truth[$0.0] != truth[$0.1] }
        print("MISSED-PAIRS \(missed.count) WRONG-LINKS \(wrong.count)")
        let sample = Array(missed.prefix(40)) + Array(wrong.prefix(40))
        let ids = Array(Set(sample.flatMap { [$0.0, $0.1] }))
        let records = try await runtime.store.transaction { tx in try await tx.dedupe.matchRecords(ids: ids) }
        var byID: [String: MatchRecord] = [:]
        for r in records { byID[r.personID] = r }
        let keys = BlockingKeys()
        let scorer = MatchScorer()
        for (a, b) in sample {
            guard let ra = byID[a], let rb = byID[b] else { continue }
            let shared = Set(keys.keys(for: ra).filter { !BlockingKeys.isBroad($0) }).intersection(keys.keys(for: rb))
            let score = scorer.score(ra, against: rb)
            let describe = { (r: MatchRecord) in "\(r.firstNames) \(r.surnames) \(r.dateOfBirth ?? "-") \(r.sex ?? "-") ph=\(r.phones) pc=\(r.postcodes)" }
            let label = truth[a] == truth[b] ? "MISSED" : "WRONG"
            print(
                "\(label) p=\(String(format: "%.4f", score.probability)) shared=\(shared.sorted()) | \(describe(ra)) | \(describe(rb)) | \(score.reasons.joined(separator: "; "))"
            )
        }
    }

    static func milliseconds(_ d: Duration) -> Double { Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15 }
    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
    }
    static func round(_ value: Double, _ places: Int = 2) -> Double {
        let factor = pow(10, Double(places))
        return (value * factor).rounded() / factor
    }
}

/// One lookup as `--dump-lookups` writes it: synthetic callers only, so writing their details to a file is harmless.
struct LookupRow {
    var kind: String
    var recordID: String
    var identity: String
    var query: PersonMatchQuery
    var top: PersonMatchCandidate?

    static let header = "kind,record_id,identity_id,first_name,surname,date_of_birth,phone,postcode,top_record_id,top_probability,top_proposed"

    var csv: String {
        [
            kind, recordID, identity, query.firstName ?? "", query.surname ?? "", query.dateOfBirth ?? "", query.phone ?? "", query.postcode ?? "",
            top?.person.id ?? "", top.map { String(format: "%.6f", $0.probability) } ?? "", top.map { $0.proposed ? "1" : "0" } ?? ""
        ]
        .map(LegacyCSV.cell).joined(separator: ",")
    }

    static func write(_ rows: [LookupRow], to path: String) throws {
        let text = ([header] + rows.map(\.csv)).joined(separator: "\n") + "\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
}

/// A fixed-size, seeded random sample of the records generated (reservoir sampling: one pass, bounded memory).
struct LookupSample {
    let capacity: Int
    var people: [Person] = []
    var seen = 0
    var random: SeededGenerator

    init(capacity: Int, seed: UInt64) {
        self.capacity = capacity
        random = SeededGenerator(seed: seed ^ 0x5A3F)
    }

    mutating func offer(_ person: Person) {
        seen += 1
        if people.count < capacity {
            people.append(person)
        } else {
            let slot = random.int(below: seen)
            if slot < capacity { people[slot] = person }
        }
    }
}

/// How a caller describes someone: the record's details, with the slips and changes real calls have.
enum CallerNoise {
    /// At most one slip in the name (a nickname, a misspelling, or a previous surname), as a call handler types
    /// what a caller says; the date of birth sometimes missing or garbled; a phone and postcode sometimes given,
    /// sometimes new (a friend's house, a new phone).
    static func query(for person: Person, using random: inout SeededGenerator) -> PersonMatchQuery {
        var first = person.firstName
        var surname = person.surname
        let nameRoll = random.unit()
        if nameRoll < 0.15, let nickname = SyntheticNames.nicknames(for: person.firstName).first {
            first = nickname
        } else if nameRoll < 0.25 {
            first = typo(person.firstName, &random)
        } else if nameRoll < 0.35 {
            surname = typo(person.surname, &random)
        } else if nameRoll < 0.42, let previous = person.otherNames.first(where: { $0.kind == .previous }) {
            surname = previous.surname
        }

        var dob = person.dateOfBirth
        let dobRoll = random.unit()
        if dobRoll < 0.10 {
            dob = nil
        } else if dobRoll < 0.15, let d = dob, let swapped = DateOfBirthAgreement.swapped(d) {
            dob = swapped
        } else if dobRoll < 0.20, let d = dob {
            dob = String(d.dropLast()) + String((Int(String(d.last!))! + 1) % 10)
        }
        if let d = dob, CalendarDate.normalise(d) == nil { dob = person.dateOfBirth }

        var phone: String?
        let phoneRoll = random.unit()
        if phoneRoll < 0.5 { phone = person.phones.first } else if phoneRoll < 0.65 { phone = "07700" + String(900_000 + random.int(below: 999)) }

        var postcode: String?
        let postcodeRoll = random.unit()
        if postcodeRoll < 0.45 { postcode = person.currentAddress?.postcode } else if postcodeRoll < 0.70 { postcode = "ZZ9 9ZZ" }

        return PersonMatchQuery(firstName: first, surname: surname, dateOfBirth: dob, phone: phone, postcode: postcode)
    }

    /// One letter dropped or two swapped.
    static func typo(_ name: String, _ random: inout SeededGenerator) -> String {
        var chars = Array(name)
        guard chars.count > 3 else { return name }
        let at = 1 + random.int(below: chars.count - 2)
        if random.chance(0.5) { chars.remove(at: at) } else { chars.swapAt(at, at + 1 < chars.count ? at + 1 : at - 1) }
        return String(chars)
    }
}

/// Cluster-level pairwise precision and recall: proposals are joined into clusters (if A~B and B~C, all three are one
/// person), every pair inside a cluster counts as a predicted link, and is right when the truth says so.
struct PairwiseQuality {
    var precision: Double
    var recall: Double
    var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }

    init(proposedLinks: [(String, String)], truth: [String: String]) {
        var parent: [String: String] = [:]
        func find(_ x: String) -> String {
            var root = x
            while let p = parent[root], p != root { root = p }
            var node = x
            while let p = parent[node], p != root { parent[node] = root; node = p }
            return root
        }
        for (a, b) in proposedLinks {
            if parent[a] == nil { parent[a] = a }
            if parent[b] == nil { parent[b] = b }
            let ra = find(a), rb = find(b)
            if ra != rb { parent[ra] = rb }
        }
        var clusters: [String: [String]] = [:]
        for node in parent.keys { clusters[find(node), default: []].append(node) }
        func pairs(_ n: Int) -> Int { n * (n - 1) / 2 }
        var predicted = 0, correct = 0
        for members in clusters.values {
            predicted += pairs(members.count)
            var byIdentity: [String: Int] = [:]
            for m in members { byIdentity[truth[m] ?? m, default: 0] += 1 }
            correct += byIdentity.values.map(pairs).reduce(0, +)
        }
        var sizes: [String: Int] = [:]
        for identity in truth.values { sizes[identity, default: 0] += 1 }
        let actual = sizes.values.map(pairs).reduce(0, +)
        precision = predicted == 0 ? 1 : Double(correct) / Double(predicted)
        recall = actual == 0 ? 1 : Double(correct) / Double(actual)
    }
}

/// A `safeguard` command run by a bench as a child process, so its wall time and peak memory are the command's own
/// (it reports its peak as "peak memory N MB"), not the bench's. The kernel's figure for a child
/// (`getrusage(RUSAGE_CHILDREN)`) will not do: a child's high-water mark survives its exec, so it starts at the bench's
/// own size (it read 2442 MB where `safeguard dedupe` alone peaks at about 1230 MB).
enum ChildCommand {
    static func run(_ arguments: [String], databaseURL: DatabaseURL) throws -> (seconds: Double, peakMB: Double, output: String) {
        let child = Process()
        // This very binary (found through /proc/self/exe, so it works however the bench was started, by PATH too).
        child.executableURL = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        child.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["SAFEGUARD_DATABASE_URL"] = databaseURL.text
        child.environment = environment
        let output = Pipe()
        child.standardOutput = output
        let started = ContinuousClock.now
        try child.run()
        // Read while it runs: a long report could fill the pipe's buffer and block it.
        let data = output.fileHandleForReading.readDataToEndOfFile()
        child.waitUntilExit()
        let seconds = BenchMatch.milliseconds(ContinuousClock.now - started) / 1000
        let said = String(decoding: data, as: UTF8.self)
        let name = arguments.prefix(2).joined(separator: " ")
        guard child.terminationStatus == 0 else { throw DomainError.conflict("safeguard \(name) failed (exit status \(child.terminationStatus)).") }
        guard let range = said.range(of: #"peak memory [0-9]+ MB"#, options: .regularExpression),
            let peak = Double(said[range].split(separator: " ")[2])
        else {
            throw DomainError.conflict("safeguard \(name) did not report its peak memory.")
        }
        return (seconds, peak, said)
    }
}
