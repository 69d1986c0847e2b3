import Foundation

/// One dated event from a force's past, read from a line of the history file (`safeguard import history`). People are
/// read as legacy person records (`LegacyPersonRules`); everything else becomes one of these, staged, and applied in
/// time order whatever order the file held it in.
public struct HistoryEvent: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case incident, arrest, outcome
        case riskLevel = "risk_level"
        case caseClosed = "case_closed"
        case warning

        /// Applied after the cases, in the second pass: arrests and outcomes join incidents, warnings a person or a place.
        public var attachesToIncidentOrRecord: Bool { self == .arrest || self == .outcome || self == .warning }

        /// Among events at the same moment: the incident first, then what it led to.
        var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }
    }

    public var kind: Kind
    public var at: Date
    /// The incident's ref (incident, arrest, outcome).
    public var ref: String?
    /// The victim's record id (incident, risk level, case closed).
    public var victim: String?
    public var suspect: String?
    public var channel: Channel?
    public var relationship: Relationship?
    /// The crime recorded, if any (nil: no crime, or not known).
    public var crime: CrimeClassification?
    public var abuseTypes: [AbuseType] = []
    public var addressLine: String?
    public var postcode: String?
    public var outcome: CrimeOutcome.Kind?
    public var level: RiskLevel?
    public var reason: String?
    /// A warning's subject: a person's record id, or an address (`addressLine` and `postcode`).
    public var person: String?
    /// A warning's kind (checked against the policy when applied) and note.
    public var warningKind: String?
    public var note: String?

    public init(kind: Kind, at: Date) {
        self.kind = kind
        self.at = at
    }

    /// What makes a line the same line again, so a re-run loads nothing twice.
    public var key: String {
        let time = String(Int64(at.timeIntervalSince1970.rounded(.down)))
        switch kind {
        case .incident: return "incident:\(ref ?? "")"
        case .arrest: return "arrest:\(ref ?? ""):\(time)"
        case .outcome: return "outcome:\(ref ?? ""):\(outcome?.rawValue ?? ""):\(time)"
        case .riskLevel: return "risk_level:\(victim ?? ""):\(time)"
        case .caseClosed: return "case_closed:\(victim ?? ""):\(time)"
        case .warning:
            let subject = person.map { "person:\($0)" } ?? "address:\(postcode ?? "")|\(addressLine ?? "")"
            return "warning:\(subject):\(warningKind ?? ""):\(time)"
        }
    }

    /// The order events are applied in: by moment, then incident before what it led to, then key.
    public static func applyOrder(_ a: HistoryEvent, _ b: HistoryEvent) -> Bool {
        if a.at != b.at { return a.at < b.at }
        if a.kind.order != b.kind.order { return a.kind.order < b.kind.order }
        return a.key < b.key
    }
}

/// What the import makes of one line of the history file.
public enum HistoryLineOutcome: Sendable {
    case person(LegacyPerson, issues: [DataQualityIssue])
    case event(HistoryEvent)
    /// The line cannot be used; the words say why (they go in the report, and the rest loads).
    case unusable(String)
}

/// Reads lines of a force's history (JSON, one object a line). People are as tolerant as the people CSV; an event needs
/// its type, its ref or people, and a time with a zone — anything else may be absent (unknown), but a value that is
/// there must be one the API takes.
public enum HistoryLineRules {
    public static let personFields = PersonImportRow.columns

    public static func read(_ line: Data, number: Int, now: Date) -> HistoryLineOutcome {
        guard let object = try? JSONSerialization.jsonObject(with: line), let fields = object as? [String: Any] else {
            return .unusable("not a JSON object")
        }
        guard let type = fields["type"] as? String else { return .unusable("no \"type\"") }
        func text(_ name: String) -> String? {
            switch fields[name] {
            case let value as String: return trimmedNonEmpty(value)
            case let value as NSNumber: return value.stringValue
            default: return nil
            }
        }
        if type == "person" {
            var cells: [String: String] = [:]
            for name in personFields { cells[name] = text(name) }
            guard cells["record_id"] != nil else { return .unusable("a person needs a \"record_id\"") }
            switch LegacyPersonRules.read(PersonImportRow(cells: cells), line: number, now: now) {
            case .load(let sourceID, let person, let issues):
                return .person(LegacyPerson(sourceID: sourceID, person: person, issues: issues), issues: issues)
            case .refuse(let reason): return .unusable(reason)
            }
        }
        guard let kind = HistoryEvent.Kind(rawValue: type) else {
            return .unusable("\"type\" is \"\(type)\"; it must be one of person, \(HistoryEvent.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let rawAt = text("at") else { return .unusable("no \"at\" (an ISO 8601 time with a zone)") }
        guard let at = parseTime(rawAt) else { return .unusable("\"at\" is \"\(rawAt)\", not an ISO 8601 time with a zone") }
        guard at <= now else { return .unusable("\"at\" is in the future") }
        var event = HistoryEvent(kind: kind, at: at)
        var problems: [String] = []
        func choice<E: RawRepresentable>(_ name: String, _ type: E.Type) -> E? where E.RawValue == String, E: CaseIterable {
            guard let raw = text(name) else { return nil }
            guard let value = E(rawValue: raw) else {
                problems.append("\"\(name)\" is \"\(raw)\"; it must be one of \(E.allCases.map(\.rawValue).joined(separator: ", "))")
                return nil
            }
            return value
        }
        func require(_ name: String) -> String? {
            guard let value = text(name) else {
                problems.append("a \(kind.rawValue) needs \"\(name)\"")
                return nil
            }
            return value
        }
        switch kind {
        case .incident:
            event.ref = require("ref")
            event.victim = require("victim")
            event.suspect = text("suspect")
            event.channel = choice("channel", Channel.self)
            event.relationship = choice("relationship", Relationship.self)
            event.crime = choice("crime", CrimeClassification.self)
            event.addressLine = text("address_line").map { String($0.prefix(InputLimits.line)) }
            event.postcode = text("postcode")
            if let list = fields["abuse_types"] as? [Any] {
                for item in list {
                    guard let raw = item as? String, let value = AbuseType(rawValue: raw) else {
                        problems.append("\"abuse_types\" holds \(item); each must be one of \(AbuseType.allCases.map(\.rawValue).joined(separator: ", "))")
                        continue
                    }
                    event.abuseTypes.append(value)
                }
            }
        case .arrest:
            event.ref = require("incident")
        case .outcome:
            event.ref = require("incident")
            event.outcome = choice("outcome", CrimeOutcome.Kind.self)
            if event.outcome == nil && text("outcome") == nil { problems.append("an outcome needs \"outcome\"") }
        case .riskLevel:
            event.victim = require("victim")
            event.level = choice("level", RiskLevel.self)
            if event.level == nil && text("level") == nil { problems.append("a risk_level needs \"level\"") }
        case .caseClosed:
            event.victim = require("victim")
            event.reason = text("reason").map { String($0.prefix(InputLimits.line)) }
        case .warning:
            event.person = text("person")
            event.addressLine = text("address_line").map { String($0.prefix(InputLimits.line)) }
            event.postcode = text("postcode")
            if event.person == nil && (event.addressLine == nil || event.postcode == nil) {
                problems.append("a warning needs \"person\", or \"address_line\" and \"postcode\"")
            }
            if event.person != nil && event.addressLine != nil { problems.append("a warning is on a \"person\" or an address, not both") }
            event.warningKind = require("kind")
            event.note = require("note").map { String($0.prefix(2000)) }
        }
        return problems.isEmpty ? .event(event) : .unusable(problems.joined(separator: "; "))
    }

    /// ISO 8601 with a zone (`2019-03-02T23:15:00Z`, `…+01:00`, with or without fractions of a second).
    public static func parseTime(_ text: String) -> Date? {
        // The usual form is read by hand: Foundation's formatter was a fifth of a history import's time.
        if let fast = InternetTime.parse(text) { return fast }
        // Formatters are costly to make and a history file has millions of lines; each thread keeps its own pair.
        let formatters = Thread.current.threadDictionary
        let plain: ISO8601DateFormatter, fractional: ISO8601DateFormatter
        if let cached = formatters["safeguard.iso8601"] as? [ISO8601DateFormatter] {
            (plain, fractional) = (cached[0], cached[1])
        } else {
            plain = ISO8601DateFormatter()
            plain.formatOptions = [.withInternetDateTime]
            fractional = ISO8601DateFormatter()
            fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            formatters["safeguard.iso8601"] = [plain, fractional]
        }
        return plain.date(from: text) ?? fractional.date(from: text)
    }
}

/// RFC 3339 times (`2019-03-02T23:15:00Z`, `2019-03-02T23:15:00.250+01:00`) read without Foundation's formatter: the
/// date must exist, the clock be in range and the zone be given. Anything else is nil, and `parseTime` then asks the
/// formatter, so nothing it accepted is refused.
public enum InternetTime {
    public static func parse(_ text: String) -> Date? {
        let b = Array(text.utf8)
        guard b.count >= 20 else { return nil }
        func digits(_ at: Int, _ count: Int) -> Int? {
            var value = 0
            for i in at..<(at + count) {
                guard i < b.count, b[i] >= 48, b[i] <= 57 else { return nil }
                value = value * 10 + Int(b[i] - 48)
            }
            return value
        }
        guard let year = digits(0, 4), b[4] == 45, let month = digits(5, 2), b[7] == 45, let day = digits(8, 2), b[10] == 84,
            let hour = digits(11, 2), b[13] == 58, let minute = digits(14, 2), b[16] == 58, let second = digits(17, 2)
        else { return nil }
        guard (1...12).contains(month), hour < 24, minute < 60, second < 60, year >= 1 else { return nil }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard day >= 1, day <= lengths[month - 1] else { return nil }
        var index = 19
        var fraction = 0.0
        if b[index] == 46 {  // "."
            var scale = 0.1
            index += 1
            let start = index
            while index < b.count, b[index] >= 48, b[index] <= 57 {
                fraction += Double(b[index] - 48) * scale
                scale /= 10
                index += 1
            }
            guard index > start else { return nil }
        }
        guard index < b.count else { return nil }
        var offset = 0
        if b[index] == 90, index == b.count - 1 {  // "Z"
            offset = 0
        } else if b[index] == 43 || b[index] == 45, index + 6 == b.count, let h = digits(index + 1, 2), b[index + 3] == 58, let m = digits(index + 4, 2),
            h < 24, m < 60
        {
            offset = (h * 60 + m) * 60 * (b[index] == 43 ? 1 : -1)
        } else {
            return nil
        }
        // Days from 1970-01-01 to the date (Howard Hinnant's days_from_civil).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }
}
