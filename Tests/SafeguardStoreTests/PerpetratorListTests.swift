import Foundation
import SafeguardDomain
import SafeguardStore
import SafeguardSynthetic
import SafeguardTestSupport
import Testing

/// Rule 24's lists found from a force's incidents on both databases: serial by crimes against three victims and by
/// five incidents on two records of one man, ranked with published, versioned weights; an area's list; a
/// neighbourhood officer held to their own area; the lists kept as people go on and come off them.
@Suite("Perpetrator lists", .serialized)
struct PerpetratorListTests {
    static let line = SampleHistory.line

    /// S1: assaults on three women in the north (serial by crimes against 3 victims). S2: four incidents in the south,
    /// three against V4 and one against V1 (repeat, two victims), and one too old to count. S3 and S3B, two records of
    /// one man: five incidents against V5 in the north (serial by incidents once the records are confirmed as one).
    static let history: [String] =
        ["S1", "S2", "S3", "S3B", "V1", "V2", "V3", "V4", "V5"].map {
            line(["type": "person", "record_id": $0, "first_name": "P\($0)", "surname": "Lister", "sex": $0.hasPrefix("S") ? "M" : "F"])
        }
        + ["V1", "V2", "V3"].enumerated().map { n, victim in
            line([
                "type": "incident", "ref": "P-S1-\(n)", "at": "2026-11-0\(n + 1)T20:00:00Z", "victim": victim, "suspect": "S1",
                "crime": "assault_with_injury", "address_line": "\(n + 1) North Road", "postcode": "PR1 1AB"
            ])
        }
        + ["V4", "V4", "V4", "V1"].enumerated().map { n, victim in
            line([
                "type": "incident", "ref": "P-S2-\(n)", "at": "2026-11-0\(n + 1)T20:00:00Z", "victim": victim, "suspect": "S2", "address_line": "South Street",
                "postcode": "LA1 1AA"
            ])
        }
        + [
            line([
                "type": "incident", "ref": "P-S2-old", "at": "2020-01-01T20:00:00Z", "victim": "V4", "suspect": "S2", "postcode": "LA1 1AA",
                "address_line": "South Street"
            ])
        ]
        + ["S3", "S3", "S3", "S3B", "S3B"].enumerated().map { n, suspect in
            line([
                "type": "incident", "ref": "P-S3-\(n)", "at": "2026-11-0\(n + 1)T20:00:00Z", "victim": "V5", "suspect": suspect, "address_line": "Mill Lane",
                "postcode": "PR2 2AB"
            ])
        }

    @Test(
        "Rule 24: serial and repeat perpetrators found across confirmed records, ranked by harm with its components, per area and force-wide",
        arguments: TestEngine.available)
    func rule24ListsFoundAndRanked(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            _ = try await store.service.createArea(code: "NTH", name: "North", postcodes: ["PR"])
            _ = try await store.service.createArea(code: "STH", name: "South", postcodes: ["LA"])
            let sergeant = try await store.actor(.sergeant)
            let handler = try await store.actor(.callHandler)
            _ = try await SampleHistory.run(store, Self.history)
            let ids = try await store.repositories.read { tx in
                try await tx.history.personIDs(sourceIDs: ["S1", "S2", "S3", "S3B", "V1"])
            }
            let (s1, s2, s3, s3b, v1) = (ids["S1"]!, ids["S2"]!, ids["S3"]!, ids["S3B"]!, ids["V1"]!)
            try await store.service.decideLink(handler, personID: s3, otherPersonID: s3b, decision: .confirm, reason: "same man, custody photograph")
            let run = try await store.service.runPerpetratorLists(sergeant)
            #expect(run.perpetrators == 3 && run.serial == 2 && run.weightsVersion == 1)

            let force = try await store.service.perpetratorList(sergeant, area: nil, list: nil, limit: nil, reason: nil)
            let man3 = min(s3, s3b)
            // S1: 3 × 10 + 0.1 × 3 × 182 = 84.6, × 2.0 for three victims; S2: 4 × 10 + 0.4 = 40.4, × 1.5; S3: 5 × 10 + 0.5.
            #expect(force.items.map(\.finding.personID) == [s1, s2, man3])
            let first = try #require(force.items.first)
            #expect(first.finding.lists == [.repeatPerpetrator, .serial, .manyVictims] && first.finding.crimes == 3 && first.finding.victims == 3)
            #expect(first.finding.harm.victimMultiplier == 2.0 && abs(first.finding.harm.gravity - 546) < 1e-9 && first.areaCodes == ["NTH"])
            let third = force.items[2]
            #expect(third.finding.recordIDs == [s3, s3b].sorted() && third.sourceRecordIDs == ["S3", "S3B"] && third.finding.incidents == 5)
            #expect(third.finding.lists.contains(.serial))
            #expect(force.items[1].finding.incidents == 4 && force.items[1].finding.lists == [.repeatPerpetrator, .manyVictims])
            #expect(force.victims.map(\.entry.personID) == [v1] && force.victims.first?.entry.enteredReason.contains("2 different perpetrators") == true)

            let serial = try await store.service.perpetratorList(sergeant, area: nil, list: "serial", limit: nil, reason: nil)
            #expect(serial.items.map(\.finding.personID) == [s1, man3])
            let north = try await store.service.perpetratorList(sergeant, area: "nth", list: "ranked", limit: nil, reason: nil)
            #expect(north.items.map(\.finding.personID) == [s1, man3] && north.area?.code == "NTH")
            let south = try await store.service.perpetratorList(sergeant, area: "STH", list: nil, limit: 1, reason: nil)
            #expect(south.items.map(\.finding.personID) == [s2])
            do {
                _ = try await store.service.perpetratorList(sergeant, area: "XX", list: "worst", limit: 0, reason: nil)
                Issue.record("an unknown list was accepted")
            } catch DomainError.invalid(let errors) {
                #expect(Set(errors.map(\.field)) == ["list", "limit"])
            }
            #expect(try await store.count("SELECT COUNT(*) AS n FROM perpetrator_list_entries WHERE left_at IS NULL") == 3 + 2 + 2 + 1)
        }
    }

    @Test("Rule 24: a neighbourhood officer sees their own area's list, says why, and cannot open another area's", arguments: TestEngine.available)
    func rule24NeighbourhoodOfficerOwnArea(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            _ = try await store.service.createArea(code: "NTH", name: "North", postcodes: ["PR"])
            _ = try await store.service.createArea(code: "STH", name: "South", postcodes: ["LA"])
            let sergeant = try await store.actor(.sergeant)
            let officer = Actor(
                try await store.service.createUser(
                    username: "pcsouth", displayName: "PC South", role: .neighbourhoodOfficer, password: "pcsouth-test-password", areaCode: "STH"))
            _ = try await SampleHistory.run(store, Self.history)
            _ = try await store.service.runPerpetratorLists(sergeant)
            let mine = try await store.service.perpetratorList(officer, area: nil, list: nil, limit: nil, reason: "Morning briefing, South")
            #expect(mine.area?.code == "STH" && mine.items.count == 1 && mine.victims.isEmpty)
            await #expect(throws: DomainError.self) {
                _ = try await store.service.perpetratorList(officer, area: "NTH", list: nil, limit: nil, reason: "Morning briefing, South")
            }
            do {
                _ = try await store.service.perpetratorList(officer, area: nil, list: nil, limit: nil, reason: nil)
                Issue.record("a look-back role opened the list without saying why")
            } catch DomainError.reasonRequired {}
            let responder = try await store.actor(.responseOfficer)
            await #expect(throws: DomainError.self) { _ = try await store.service.perpetratorList(responder, area: nil, list: nil, limit: nil, reason: nil) }
            #expect(
                try await store.count("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'view_perpetrators' AND reason = 'Morning briefing, South'") == 1)
        }
    }

    @Test(
        "Rule 24: a change of weights re-ranks and each run records its weights' version; people come off the lists by rule with the reason; the clocks run the lists once a day",
        arguments: TestEngine.available)
    func rule24WeightsVersionedAndListsKept(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let sergeant = try await store.actor(.sergeant)
            _ = try await SampleHistory.run(store, Self.history)
            let ids = try await store.repositories.read { tx in try await tx.history.personIDs(sourceIDs: ["S1", "S2", "S3"]) }
            _ = try await store.service.runPerpetratorLists(sergeant)
            // S3's two records are not linked here: three incidents on one, two on the other.
            #expect(
                try await store.service.perpetratorList(sergeant, area: nil, list: nil, limit: 3, reason: nil).items.map(\.finding.personID) == [
                    ids["S1"]!, ids["S2"]!, ids["S3"]!
                ])
            // Frequency only: S2's four incidents first; S1 (three crimes against three women) no longer leads.
            var changed = store.service.policy
            changed.perpetrators.weights.pointsPerHarmDay = 0
            changed.perpetrators.weights.perExtraVictim = 0
            let other = SafeguardService(repositories: store.repositories, hasher: BcryptCredentialHasher(cost: 4), clock: store.clock, policy: changed)
            let before = try await store.service.perpetratorList(sergeant, area: nil, list: nil, limit: nil, reason: nil)
            #expect(try await other.perpetratorList(sergeant, area: nil, list: nil, limit: nil, reason: nil).weightsChanged && !before.weightsChanged)
            let rerun = try await other.runPerpetratorLists(sergeant)
            #expect(rerun.weightsVersion == 2)
            let after = try await other.perpetratorList(sergeant, area: nil, list: nil, limit: nil, reason: nil)
            let top = try #require(after.items.first)
            #expect(top.finding.personID == ids["S2"]! && abs(top.finding.harm.score - top.finding.harm.recency * 40) < 1e-9)
            #expect(after.weightsVersion == 2 && after.items.map(\.finding.personID).firstIndex(of: ids["S1"]!) != 0)
            // The same weights again are the same version.
            #expect(try await store.service.runPerpetratorLists(sergeant).weightsVersion == 1)

            // Four years on nothing is in the window: everyone comes off every list, saying why; nothing is deleted.
            let open = try await store.count("SELECT COUNT(*) AS n FROM perpetrator_list_entries WHERE left_at IS NULL")
            store.clock.advance(by: 4 * 365 * 86_400)
            let daily = try await store.service.runClocks()
            _ = daily
            #expect(try await store.count("SELECT COUNT(*) AS n FROM perpetrator_runs WHERE trigger_by = 'daily'") == 1)
            _ = try await store.service.runClocks()
            #expect(try await store.count("SELECT COUNT(*) AS n FROM perpetrator_runs WHERE trigger_by = 'daily'") == 1)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM perpetrator_list_entries WHERE left_at IS NULL") == 0)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM perpetrator_list_entries WHERE left_reason LIKE 'No longer meets the rule%'") == open)
        }
    }
}

/// Rule 24's daily briefing for an area on both databases: its most harmful, its high-risk victims, its hotspots at
/// street level, a neighbourhood task set from it and done, and who was briefed.
@Suite("The area briefing", .serialized)
struct AreaBriefingTests {
    @Test(
        "Rule 24: an area's briefing ranks its perpetrators, lists its high-risk victims and its hotspots no finer than a street; a task set from it is done and recorded; who was briefed is kept",
        arguments: TestEngine.available)
    func rule24AreaBriefingAndNeighbourhoodTask(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            _ = try await store.service.createArea(code: "NTH", name: "North", postcodes: ["PR"])
            _ = try await store.service.createArea(code: "STH", name: "South", postcodes: ["LA"])
            let sergeant = try await store.actor(.sergeant)
            let officer = Actor(
                try await store.service.createUser(
                    username: "pcnorth", displayName: "PC North", role: .neighbourhoodOfficer, password: "pcnorth-test-password", areaCode: "NTH"))
            let history =
                PerpetratorListTests.history
                + [
                    SampleHistory.line([
                        "type": "person", "record_id": "V9", "first_name": "Nia", "surname": "Lister", "sex": "F", "postcode": "PR1 4AB",
                        "address_line": "Flat 2, 14 Mill Lane"
                    ]),
                    SampleHistory.line([
                        "type": "incident", "ref": "P-V9", "at": "2026-11-10T20:00:00Z", "victim": "V9", "suspect": "S1", "postcode": "PR1 4AB",
                        "address_line": "Flat 2, 14 Mill Lane"
                    ]),
                    SampleHistory.line(["type": "risk_level", "victim": "V9", "level": "high", "at": "2026-11-11T09:00:00Z"])
                ]
            _ = try await SampleHistory.run(store, history)
            _ = try await store.service.runPerpetratorLists(sergeant)
            let briefing = try await store.service.areaBriefing(officer, area: nil, reason: nil)
            #expect(briefing.area.code == "NTH" && briefing.perpetrators.first?.finding.rank == 1)
            #expect(briefing.highRiskVictims.map(\.name) == ["Nia Lister"] && briefing.highRiskVictims.first?.district == "PR1")
            // S3's five incidents at one address in Mill Lane, PR2: a hotspot, shown as the street and district only.
            #expect(briefing.hotspots.map(\.street) == ["Mill Lane, PR2"] && briefing.hotspots.first?.incidents == 5)
            #expect(AreaBriefingRules.street(line1: "Flat 2, 14 Mill Lane", postcode: "PR1 4AB") == "Mill Lane, PR1")
            let south = try await store.service.hotspots(sergeant, area: "STH", reason: nil)
            #expect(south.map(\.street) == ["South Street, LA1"])
            await #expect(throws: DomainError.self) { _ = try await store.service.areaBriefing(officer, area: "STH", reason: nil) }

            let target = try #require(briefing.perpetrators.first?.finding.personID)
            do {
                _ = try await store.service.setNeighbourhoodTask(officer, area: nil, draft: NeighbourhoodTaskDraft(kind: "bail_check", note: " "))
                Issue.record("a bail check about nobody was set")
            } catch DomainError.invalid(let errors) {
                #expect(Set(errors.map(\.field)) == ["due_on", "note", "person_id"])
            }
            let task = try await store.service.setNeighbourhoodTask(
                officer, area: nil, draft: NeighbourhoodTaskDraft(kind: "visit", personID: target, note: "Check he is at his bail address", dueOn: "2026-11-23")
            )
            #expect(task.assignee.id == officer.user.id)
            let done = try await store.service.recordNeighbourhoodResult(officer, taskID: task.id, result: "Seen at home 19:40; conditions explained again")
            #expect(done.result != nil && done.doneBy == "pcnorth")
            await #expect(throws: DomainError.self) {
                _ = try await store.service.recordNeighbourhoodResult(officer, taskID: task.id, result: "Second result")
            }
            _ = try await store.service.markBriefed(officer, area: nil)
            let after = try await store.service.areaBriefing(sergeant, area: "NTH", reason: nil)
            #expect(after.tasks.first?.result == "Seen at home 19:40; conditions explained again" && after.briefedToday.map(\.username) == ["pcnorth"])
            #expect(
                try await store.count(
                    "SELECT COUNT(*) AS n FROM audit_events WHERE action = 'view_area_briefing' AND reason = 'Daily briefing of my area (NTH)'") == 1)
        }
    }

    @Test(
        "Rule 24: a case is placed where she lives — when her area is drawn after the import and when she moves — and only that area's briefing lists her",
        arguments: TestEngine.available)
    func rule24CasePlacedWhereSheLives(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let sergeant = try await store.actor(.sergeant)
            // Imported before the force had areas: her case is placed nowhere yet.
            _ = try await SampleHistory.run(
                store,
                [
                    SampleHistory.line([
                        "type": "person", "record_id": "V9", "first_name": "Nia", "surname": "Lister", "sex": "F", "postcode": "PR1 4AB",
                        "address_line": "14 Mill Lane"
                    ]),
                    SampleHistory.line(["type": "person", "record_id": "S9", "first_name": "Rob", "surname": "Lister", "sex": "M"]),
                    SampleHistory.line(["type": "incident", "ref": "P-V9", "at": "2026-11-10T20:00:00Z", "victim": "V9", "suspect": "S9"]),
                    SampleHistory.line(["type": "risk_level", "victim": "V9", "level": "high", "at": "2026-11-11T09:00:00Z"])
                ])
            #expect(try await store.count("SELECT COUNT(*) AS n FROM cases WHERE status = 'open' AND area_id IS NULL") == 1)
            _ = try await store.service.createArea(code: "NTH", name: "North", postcodes: ["PR"])
            _ = try await store.service.createArea(code: "STH", name: "South", postcodes: ["LA"])
            #expect(try await store.service.areaBriefing(sergeant, area: "NTH", reason: nil).highRiskVictims.map(\.name) == ["Nia Lister"])
            #expect(try await store.service.areaBriefing(sergeant, area: "STH", reason: nil).highRiskVictims.isEmpty)

            // She moves south: her record is corrected and her case follows her at once.
            let officer = try await store.actor(.responseOfficer)
            let her = try #require(try await store.service.findPeople(officer, query: PersonSearchQuery(name: "Nia Lister")).results.first)
            _ = try await store.service.editPerson(
                officer, id: her.id, expectedVersion: 1,
                draft: PersonDraft(
                    firstName: "Nia", surname: "Lister", sex: "female", addressLine1: "2 South Street", addressTown: "Lancaster", postcode: "LA1 1AA"))
            #expect(try await store.service.areaBriefing(sergeant, area: "NTH", reason: nil).highRiskVictims.isEmpty)
            #expect(try await store.service.areaBriefing(sergeant, area: "STH", reason: nil).highRiskVictims.map(\.district) == ["LA1"])

            #expect(try await store.count("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'create_area' AND detail = 'cases_placed=1'") == 1)
        }
    }

    @Test(
        "Rule 24: a place a DA specialist marks as a refuge leaves the hotspots at once, and a high-risk victim living there is not on the area's briefing; nobody else may mark it",
        arguments: TestEngine.available)
    func rule24RefugeNeverOnTheBriefing(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            _ = try await store.service.createArea(code: "NTH", name: "North", postcodes: ["PR"])
            let sergeant = try await store.actor(.sergeant)
            let specialist = try await store.actor(.daSpecialist)
            let officer = try await store.actor(.responseOfficer)
            // Three incidents at one house in Mill Lane, and the high-risk victim who lives there.
            _ = try await SampleHistory.run(
                store,
                [
                    SampleHistory.line([
                        "type": "person", "record_id": "V9", "first_name": "Nia", "surname": "Lister", "sex": "F", "postcode": "PR1 4AB",
                        "address_line": "14 Mill Lane"
                    ]),
                    SampleHistory.line(["type": "person", "record_id": "S9", "first_name": "Rob", "surname": "Lister", "sex": "M"])
                ]
                    + (1...3).map { n in
                        SampleHistory.line([
                            "type": "incident", "ref": "R-\(n)", "at": "2026-11-0\(n)T20:00:00Z", "victim": "V9", "suspect": "S9",
                            "address_line": "14 Mill Lane",
                            "postcode": "PR1 4AB"
                        ])
                    } + [SampleHistory.line(["type": "risk_level", "victim": "V9", "level": "high", "at": "2026-11-04T09:00:00Z"])])
            _ = try await store.service.runPerpetratorLists(sergeant)
            let before = try await store.service.areaBriefing(sergeant, area: "NTH", reason: nil)
            let place = try #require(before.hotspots.first)
            #expect(before.hotspots.map(\.street) == ["Mill Lane, PR1"] && before.highRiskVictims.count == 1)

            await #expect(throws: DomainError.self) {
                _ = try await store.service.setAddressConfidential(
                    officer, addressID: place.addressID, confidential: true, reason: "She has moved into a refuge")
            }
            do {
                _ = try await store.service.setAddressConfidential(specialist, addressID: place.addressID, confidential: true, reason: " ")
                Issue.record("a refuge was marked without a reason")
            } catch DomainError.invalid(let errors) {
                #expect(errors.map(\.field) == ["reason"])
            }
            let marked = try await store.service.setAddressConfidential(
                specialist, addressID: place.addressID, confidential: true, reason: "A refuge run by the county's DA service")
            #expect(marked.confidential)
            // Off the sheet at once — before the next run — and off the force's hotspot list.
            let after = try await store.service.areaBriefing(sergeant, area: "NTH", reason: nil)
            #expect(after.hotspots.isEmpty && after.highRiskVictims.isEmpty)
            #expect(try await store.service.hotspots(sergeant, area: nil, reason: nil).isEmpty)
            _ = try await store.service.runPerpetratorLists(sergeant)
            #expect(try await store.service.areaBriefing(sergeant, area: "NTH", reason: nil).hotspots.isEmpty)
            await #expect(throws: DomainError.self) { _ = try await store.service.viewAddress(officer, id: place.addressID) }
            #expect(try await store.count("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'set_address_confidential'") == 1)
        }
    }
}
