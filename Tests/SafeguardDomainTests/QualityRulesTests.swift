import Foundation
import SafeguardDomain
import SafeguardSynthetic
import Testing

/// Rule 29's rules: what each sample is drawn from, never twice, what findings must say, and the results.
@Suite("Dip-sample rules")
struct QualityRulesTests {
    static func candidate(_ id: String, arrested: Bool?, crime: Bool = false) -> QualityCandidate {
        QualityCandidate(
            incidentID: id, reference: "SG-\(id)", workerID: "u", at: .distantPast, arrested: arrested, hasRationale: arrested == false, crimeRecorded: crime)
    }

    @Test("Rule 29: calls, no-arrest decisions and case files are drawn each from its own work, at most the policy's number, never twice")
    func rule29DrawnFromTheirOwnWork() {
        let candidates = [
            Self.candidate("c1", arrested: nil), Self.candidate("c2", arrested: nil), Self.candidate("s1", arrested: false),
            Self.candidate("s2", arrested: true, crime: true), Self.candidate("s3", arrested: false, crime: true)
        ]
        var generator = SeededGenerator(seed: 29)
        #expect(Set(QualityRules.draw(.controlRoomCall, from: candidates, already: [], count: 15, using: &generator).map(\.incidentID)) == ["c1", "c2"])
        #expect(Set(QualityRules.draw(.noArrest, from: candidates, already: ["s1"], count: 5, using: &generator).map(\.incidentID)) == ["s3"])
        #expect(Set(QualityRules.draw(.caseFile, from: candidates, already: [], count: 5, using: &generator).map(\.incidentID)) == ["s2", "s3"])
        #expect(QualityRules.draw(.controlRoomCall, from: candidates, already: [], count: 1, using: &generator).count == 1)
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(QualityRules.window(.caseFile, now: now).to == now.addingTimeInterval(-7 * 86_400))
    }

    @Test("Rule 29: findings answer every measure of the kind, and say what was wrong whenever something was not done")
    func rule29FindingsComplete() throws {
        let all = Dictionary(uniqueKeysWithValues: QualitySampleKind.caseFile.measures.map { ($0.key, "yes") })
        #expect(try QualityRules.check(.caseFile, answers: all, note: nil).answers.count == 9)
        var missing = all
        missing["house_to_house"] = nil
        missing["photographs"] = "no"
        do {
            _ = try QualityRules.check(.caseFile, answers: missing, note: "short")
            Issue.record("incomplete findings were accepted")
        } catch DomainError.invalid(let errors) {
            #expect(Set(errors.map(\.field)) == ["answer_house_to_house", "note"])
        }
        #expect(QualitySampleKind.caseFile.measures.map(\.key).contains("body_worn_video") && QualitySampleKind.controlRoomCall.measures.count == 5)
    }

    @Test("Rule 29: results are the share of measures done (not applicable left out), by measure, by team and by month")
    func rule29ResultsByTeamAndMonth() {
        func sample(_ team: String, _ answers: [String: QualityAnswer], day: Double) -> QualitySample {
            QualitySample(
                id: UUID().uuidString, kind: .noArrest, incidentID: "i", reference: "SG", worker: "pc", team: team,
                drawnAt: Date(timeIntervalSince1970: 1_767_225_600 + day * 86_400), drawnBy: "das", reviewer: "sgt", dueAt: .distantFuture,
                reviewedAt: .distantPast, answers: answers)
        }
        let report = QualityRules.report([
            sample(
                "sgt-a", ["rationale_recorded": .yes, "necessity_considered": .no, "supervisor_consulted": .notApplicable, "decision_reasonable": .yes], day: 1),
            sample("sgt-b", ["rationale_recorded": .yes, "necessity_considered": .yes, "supervisor_consulted": .yes, "decision_reasonable": .yes], day: 40)
        ])
        let kind = try! #require(report.kinds.first { $0.kind == .noArrest })
        #expect(kind.reviewed == 2 && kind.measures.first { $0.label.hasPrefix("Does it weigh") }?.share == 0.5)
        #expect(kind.byTeam.map(\.label) == ["sgt-a", "sgt-b"] && kind.byTeam[0].share == 0.6667 && kind.byTeam[1].share == 1)
        #expect(kind.byMonth.map(\.label) == ["2026-01", "2026-02"])
    }
}
