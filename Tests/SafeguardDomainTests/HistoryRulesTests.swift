import Foundation
import SafeguardDomain
import Testing

@Suite("History import rules")
struct HistoryRulesTests {
    static let now = Date(timeIntervalSince1970: 1_780_000_000)
    static func event(_ kind: HistoryEvent.Kind, _ at: String, ref: String? = nil, level: RiskLevel? = nil) -> HistoryEvent {
        var event = HistoryEvent(kind: kind, at: HistoryLineRules.parseTime(at)!)
        event.ref = ref
        event.victim = "V"
        event.level = level
        return event
    }

    @Test("Rule 15 in the past: an incident joins her open case, reopens one closed within the window, or opens a new one; levels and closures date each spell")
    func caseWalk() {
        let events = [
            Self.event(.incident, "2017-01-01T10:00:00Z", ref: "a"),
            Self.event(.riskLevel, "2017-01-02T10:00:00Z", level: .high),
            Self.event(.incident, "2017-02-01T10:00:00Z", ref: "b"),
            Self.event(.caseClosed, "2017-06-01T10:00:00Z"),
            Self.event(.incident, "2018-01-01T10:00:00Z", ref: "c"),  // seven months later: reopens
            Self.event(.caseClosed, "2018-02-01T10:00:00Z"),
            Self.event(.incident, "2019-06-01T10:00:00Z", ref: "d"),  // sixteen months later: a new case
            Self.event(.riskLevel, "2019-07-01T10:00:00Z", level: .medium)
        ]
        let (cases, unusable) = HistoryCaseWalk.walk(events.reversed(), from: nil, policy: ForcePolicy())
        #expect(unusable.isEmpty)
        #expect(cases.count == 2)
        #expect(cases[0].incidentRefs == ["a", "b", "c"])
        #expect(cases[0].events.map(\.kind) == [.levelChanged, .closed, .reopened, .closed])
        #expect(cases[0].spells.map(\.level) == [nil, .high, .high])
        #expect(!cases[0].isOpen && cases[0].level == .high)
        #expect(cases[1].incidentRefs == ["d"] && cases[1].isOpen && cases[1].level == .medium)
        #expect(cases[1].spells.map(\.level) == [nil, .medium])
    }

    @Test("A level or closure with no case of hers open at that moment cannot apply, and says why")
    func walkRefusesWhatCannotApply() {
        let (cases, unusable) = HistoryCaseWalk.walk(
            [Self.event(.riskLevel, "2017-01-02T10:00:00Z", level: .high), Self.event(.caseClosed, "2017-01-03T10:00:00Z")], from: nil,
            policy: ForcePolicy())
        #expect(cases.isEmpty)
        #expect(unusable.count == 2 && unusable.allSatisfy { $0.problem.contains("no case open") })
    }

    @Test("History lines: times need a zone, values must be the API's, people are read as tolerantly as the people file")
    func lineReading() {
        func read(_ text: String) -> HistoryLineOutcome { HistoryLineRules.read(Data(text.utf8), number: 1, now: Self.now) }
        guard case .event(let incident) = read(#"{"type":"incident","ref":"R","at":"2019-03-02T23:15:00+01:00","victim":"V","crime":"stalking"}"#) else {
            Issue.record("a good incident line")
            return
        }
        #expect(incident.crime == .stalking && incident.at == HistoryLineRules.parseTime("2019-03-02T22:15:00Z"))
        guard case .unusable(let noZone) = read(#"{"type":"incident","ref":"R","at":"2019-03-02T23:15:00","victim":"V"}"#) else {
            Issue.record("a time without a zone")
            return
        }
        #expect(noZone.contains("with a zone"))
        guard case .unusable(let badLevel) = read(#"{"type":"risk_level","victim":"V","level":"severe","at":"2019-03-02T23:15:00Z"}"#) else {
            Issue.record("a level that is not one")
            return
        }
        #expect(badLevel.contains("\"level\""))
        guard case .unusable = read(#"{"type":"incident","at":"2019-03-02T23:15:00Z","victim":"V"}"#) else {
            Issue.record("an incident needs its ref")
            return
        }
        guard
            case .person(let person, let issues) = read(
                #"{"type":"person","record_id":"P","surname":"Khan","sex":"F","ethnicity":"Martian","date_of_birth":"2099-01-01"}"#)
        else {
            Issue.record("a person with dirt loads")
            return
        }
        #expect(person.person.sex == .female && person.person.dateOfBirth == nil)
        #expect(Set(issues.map(\.field)) == ["ethnicity", "date_of_birth"])
    }

    @Test("Rule 31's ethnicity: the 2021 Census's nineteen categories by code or words; not stated is no value; live entry refuses anything else")
    func ethnicity() throws {
        #expect(Ethnicity.allCases.count == 19)
        #expect(Ethnicity.read("w1") == .british && Ethnicity.read("Pakistani") == .pakistani && Ethnicity.read("White: Roma") == .roma)
        #expect(Ethnicity.read("O1") == .chinese)
        #expect(Ethnicity.legacy("Not stated").0 == nil && Ethnicity.legacy("Not stated").1 == nil)
        #expect(Ethnicity.legacy("Martian").1?.field == "ethnicity")
        #expect(try PersonDraft(firstName: "A", surname: "B", ethnicity: "Arab").validated(now: Self.now).ethnicity == "O2")
        #expect(throws: DomainError.self) { try PersonDraft(firstName: "A", surname: "B", ethnicity: "Martian").validated(now: Self.now) }
        // Those who record it and those who count it see it; nobody else needs it to protect her.
        #expect(Role.analyst.seesEthnicity && Role.callHandler.seesEthnicity && !Role.neighbourhoodOfficer.seesEthnicity)
        #expect(!Role.maracCoordinator.seesEthnicity && !Role.partnerAgency.seesEthnicity)
    }

    @Test("A crime's classification: one of the list; a correction says why; live calls never take not_recorded")
    func crimeClassification() throws {
        #expect(try CrimeClassificationRules.check("stalking", reason: nil, current: nil).0 == .stalking)
        #expect(throws: DomainError.self) { try CrimeClassificationRules.check("burglary", reason: nil, current: nil) }
        #expect(throws: DomainError.self) { try CrimeClassificationRules.check("harassment", reason: "no", current: .stalking) }
        #expect(try CrimeClassificationRules.check("harassment", reason: "CPS advice: harassment, not stalking", current: .stalking).0 == .harassment)
        let draft = CallDraft(channel: "not_recorded", relationship: "not_recorded")
        do {
            _ = try draft.validated(now: Self.now)
            Issue.record("not_recorded must be refused on a live call")
        } catch DomainError.invalid(let errors) {
            #expect(errors.contains { $0.field == "channel" } && errors.contains { $0.field == "relationship" })
        }
    }
}

/// The history import's hand-read times agree with Foundation's formatter, which they stand in for.
@Suite("Times in a history file")
struct InternetTimeTests {
    @Test("Rule 31's history: a time read by hand is the formatter's time, to the millisecond; a malformed or impossible one is refused")
    func handReadTimesMatchTheFormatter() {
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var random = SystemRandomNumberGenerator()
        var samples = [
            "2019-03-02T23:15:00Z", "2019-03-02T23:15:00+01:00", "2019-03-02T23:15:00-05:30", "2016-02-29T12:00:00Z", "2000-02-29T00:00:00Z",
            "1970-01-01T00:00:00Z", "2026-12-31T23:59:59.999Z", "2013-08-31T08:00:00.5+01:00"
        ]
        for _ in 0..<500 {
            let seconds = Double(UInt64.random(in: 0..<2_000_000_000, using: &random))
            samples.append(plain.string(from: Date(timeIntervalSince1970: seconds)))
        }
        for text in samples {
            let expected = plain.date(from: text) ?? fractional.date(from: text)
            let read = InternetTime.parse(text)
            #expect(read != nil && abs(read!.timeIntervalSince1970 - expected!.timeIntervalSince1970) < 0.001, "\(text)")
        }
        for bad in [
            "2019-02-29T12:00:00Z", "2019-13-01T00:00:00Z", "2019-03-02T24:00:00Z", "2019-03-02T23:15:00", "2019-03-02 23:15:00Z", "2019-03-02T23:15Z",
            "1900-02-29T00:00:00Z", "2019-03-02T23:15:00.Z", "2019-03-02T23:15:00+0100"
        ] {
            #expect(InternetTime.parse(bad) == nil, "\(bad)")
        }
        #expect(HistoryLineRules.parseTime("2019-03-02T23:15:00Z") == InternetTime.parse("2019-03-02T23:15:00Z"))
    }
}
