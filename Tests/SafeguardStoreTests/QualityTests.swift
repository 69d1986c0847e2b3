import Foundation
import SafeguardDomain
import SafeguardStore
import SafeguardTestSupport
import Testing

/// Rule 29 on both databases: dip samples drawn from the week's calls and no-arrest decisions for named reviewers,
/// each a task with a due date; findings recorded by the reviewer alone; the results by team.
@Suite("Dip samples", .serialized)
struct QualityTests {
    @Test(
        "Rule 29: the week's DA calls and no-arrest decisions are drawn for named reviewers as tasks due by policy; only the reviewer records the findings; the results count by team",
        arguments: TestEngine.available)
    func rule29SamplesDrawnReviewedAndReported(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let team = try await Team.make(store)
            try await store.service.setSupervisor(userID: team.handler.user.id, supervisorID: team.sergeant.user.id, by: nil)
            var incidents: [String] = []
            for n in 0..<3 {
                let victim = try await store.service.createPerson(team.handler, draft: PersonDraft(firstName: "Dip\(n)", surname: "Sample"))
                let record = try await store.service.openIncident(
                    team.handler,
                    draft: CallDraft(
                        channel: "999", relationship: "intimate_partner", parties: [CallPartyDraft(role: "victim", personID: victim.id)],
                        immediateDanger: "no", suspectLocation: "left", injuries: "no", weapons: "no", childrenPresent: "no", fear: "quite"))
                incidents.append(record.incident.id)
            }
            _ = try await store.service.recordScene(
                team.officer, incidentID: incidents[0], draft: sceneDraft(arrested: false, rationale: "She asked for no arrest; he had left and was not found"))
            store.clock.advance(by: 3600)
            let controller = try await store.actor(.controlRoomSupervisor, username: "crs")
            let drawn = try await store.service.drawQualitySamples(
                team.specialist, reviewers: ["control_room_call": "crs", "no_arrest": team.sergeant.user.username, "case_file": ""])
            #expect(drawn.filter { $0.kind == .controlRoomCall }.count == 3 && drawn.filter { $0.kind == .noArrest }.map(\.incidentID) == [incidents[0]])
            // Drawn again, nothing is drawn twice.
            #expect(try await store.service.drawQualitySamples(team.specialist, reviewers: ["control_room_call": "crs"]).isEmpty)
            let tasks = try await store.service.myWork(controller).tasks.filter { $0.kind == .qualitySampleReview }
            #expect(tasks.count == 3 && tasks.allSatisfy { $0.dueAt == store.clock.now().addingTimeInterval(7 * 86_400) })

            let call = try #require(drawn.first { $0.kind == .controlRoomCall })
            #expect(call.worker == team.handler.user.username && call.team == team.sergeant.user.username)
            await #expect(throws: DomainError.self) {
                _ = try await store.service.recordQualityFindings(team.specialist, sampleID: call.id, answers: [:], note: nil)
            }
            let answers = Dictionary(uniqueKeysWithValues: QualitySampleKind.controlRoomCall.measures.map { ($0.key, "yes") })
            var partly = answers
            partly["children_asked"] = "no"
            let found = try await store.service.recordQualityFindings(
                controller, sampleID: call.id, answers: partly, note: "Children were heard but not asked about; the rest was done well")
            #expect(found.reviewedAt != nil && found.answers["children_asked"] == .no)
            #expect(try await store.service.myWork(controller).tasks.filter { $0.kind == .qualitySampleReview }.count == 2)
            await #expect(throws: DomainError.self) {
                _ = try await store.service.recordQualityFindings(controller, sampleID: call.id, answers: answers, note: nil)
            }

            let day = CalendarDate.string(store.clock.now())
            let next = CalendarDate.string(store.clock.now().addingTimeInterval(86_400))
            let report = try await store.service.qualityReport(team.specialist, from: day, to: next).report
            let calls = try #require(report.kinds.first { $0.kind == .controlRoomCall })
            #expect(calls.drawn == 3 && calls.reviewed == 1 && calls.byTeam.map(\.label) == [team.sergeant.user.username] && calls.byTeam[0].share == 0.8)
            await #expect(throws: DomainError.self) { _ = try await store.service.qualityReport(team.officer, from: day, to: next) }
        }
    }
}
