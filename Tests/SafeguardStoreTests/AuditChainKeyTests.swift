import Foundation
import SafeguardDomain
import SafeguardStore
import SafeguardTestSupport
import Testing

/// Issue 24, part 1: an insider with write access to the database alone, but not the audit key, cannot rewrite or cut
/// the chain undetected; the auditor's page checks from signed checkpoints; a chain from before the key is adopted.
@Suite("Audit chain under a key", .serialized)
struct AuditChainKeyTests {
    /// Five events: a person created and viewed four times.
    func fiveEvents(_ store: TestStore, officer name: String = "pc") async throws -> [AuditEvent] {
        let officer = try await store.actor(.responseOfficer, username: name)
        let person = try await store.service.createPerson(officer, draft: sampleDraft())
        for _ in 0..<3 { _ = try await store.service.viewPerson(officer, id: person.id) }
        return try await store.repositories.transaction { tx in try await tx.audit.recent(limit: 100) }.reversed()
    }

    /// What the insider does: changes event `at`, recomputes every later link with plain SHA-256 (all a database holds
    /// the means to do), and moves the head to the new end.
    func rewriteAndRelink(_ store: TestStore, _ events: [AuditEvent], at sequence: Int64, keepKeyLabel: Bool) async throws {
        var previous = events.first { $0.sequence == sequence - 1 }?.hash ?? auditGenesisHash
        for var event in events where event.sequence >= sequence {
            if event.sequence == sequence { event.entry.username = "someone-else" }
            let keyID = keepKeyLabel ? event.keyID : nil
            let hash = sha256Hex(event.entry.chainInput(sequence: event.sequence, previousHash: previous, keyID: keyID))
            let label = keyID.map { "'\($0)'" } ?? "NULL"
            try await store.execute(
                "UPDATE audit_events SET username = '\(event.entry.username ?? "")', previous_hash = '\(previous)', hash = '\(hash)', key_id = \(label) WHERE sequence = \(event.sequence)"
            )
            previous = hash
        }
        try await store.execute("UPDATE audit_chain_head SET sequence = \(events.last!.sequence), hash = '\(previous)' WHERE id = 1")
    }

    @Test("Rule 33: rewriting one event and recomputing every later SHA-256 and the head is caught at that event", arguments: TestEngine.available)
    func rule33RewriteAndRelinkIsCaught(engine: TestEngine) async throws {
        for keepKeyLabel in [true, false] {
            try await TestStore.with(engine) { store in
                let events = try await fiveEvents(store)
                #expect(try await store.repositories.verifyAuditChain() == .intact(events: 5))
                try await rewriteAndRelink(store, events, at: 3, keepKeyLabel: keepKeyLabel)
                guard case .broken(let at, _) = try await store.repositories.verifyAuditChain() else {
                    Issue.record("a rewritten, re-linked chain passed as intact (key label kept: \(keepKeyLabel))"); return
                }
                #expect(at == 3)
                guard case .broken = try await store.repositories.verifyAuditChainSinceCheckpoint().verification else {
                    Issue.record("the auditor's page passed a rewritten chain"); return
                }
            }
        }
    }

    @Test("Rule 33: deleting the last event and moving the head back is caught", arguments: TestEngine.available)
    func rule33TailCutIsCaught(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let events = try await fiveEvents(store)
            try await store.execute("DELETE FROM audit_events WHERE sequence = 5")
            try await store.execute("UPDATE audit_chain_head SET sequence = 4, hash = '\(events[3].hash)' WHERE id = 1")
            guard case .broken(let at, let why) = try await store.repositories.verifyAuditChain() else {
                Issue.record("a cut tail with the head moved back passed as intact"); return
            }
            #expect(at == 4)
            #expect(why.contains("not signed"))
            // Clearing the signature to look like a new, empty database does not help either.
            try await store.execute("UPDATE audit_chain_head SET key_id = NULL, mac = NULL WHERE id = 1")
            #expect(try await store.repositories.verifyAuditChain() != .intact(events: 4))
        }
    }

    @Test("Rule 33: the auditor's check starts at the latest signed checkpoint; a forged checkpoint is reported", arguments: TestEngine.available)
    func rule33IncrementalFromCheckpoints(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            _ = try await fiveEvents(store)
            let first = try await store.repositories.verifyAuditChainSinceCheckpoint()
            #expect(first == AuditChainCheck(verification: .intact(events: 5), checkedFrom: 0))
            _ = try await fiveEvents(store, officer: "pc2")
            let second = try await store.repositories.verifyAuditChainSinceCheckpoint()
            #expect(second.checkedFrom == 5)
            #expect(second.verification == .intact(events: 10))
            #expect(try await store.count("SELECT COUNT(*) AS n FROM audit_checkpoints") == 2)
            // A checkpoint the database alone made (no key) is not believed by the page, and the full walk names it.
            try await store.execute("INSERT INTO audit_checkpoints (sequence, hash, key_id, mac, at_ms) VALUES (8, 'x', 'k', 'y', 0)")
            #expect(try await store.repositories.verifyAuditChainSinceCheckpoint().checkedFrom == 10)
            #expect(
                try await store.repositories.verifyAuditChain() == .broken(atSequence: 8, why: "the checkpoint at event 8 is not signed with the audit key"))
        }
    }

    @Test("Rule 33: a chain written before the audit key is adopted once; no event after it may be unkeyed", arguments: TestEngine.available)
    func rule33UnkeyedChainAdopted(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            // As the last release wrote it: plain SHA-256 links, an unsigned head.
            var previous = auditGenesisHash
            for sequence in Int64(1)...3 {
                let entry = AuditEntry(at: Date(timeIntervalSince1970: 1_700_000_000 + Double(sequence)), user: nil, action: .signIn)
                let hash = sha256Hex(entry.chainInput(sequence: sequence, previousHash: previous))
                try await store.execute(
                    "INSERT INTO audit_events (sequence, at_ms, action, previous_hash, hash) VALUES (\(sequence), \(Int64(entry.at.timeIntervalSince1970 * 1000)), 'sign_in', '\(previous)', '\(hash)')"
                )
                previous = hash
            }
            try await store.execute("UPDATE audit_chain_head SET sequence = 3, hash = '\(previous)' WHERE id = 1")
            #expect(try await store.repositories.verifyAuditChain() != .intact(events: 3))
            #expect(try await store.repositories.adoptUnkeyedAuditChain() == 3)
            #expect(try await store.repositories.adoptUnkeyedAuditChain() == 0)
            let officer = try await store.actor(.responseOfficer)
            _ = try await store.service.createPerson(officer, draft: sampleDraft())
            #expect(try await store.repositories.verifyAuditChain() == .intact(events: 5))
            // Event 4 rewritten unkeyed, links and head recomputed: after the adoption point, so caught.
            let events: [AuditEvent] = try await store.repositories.transaction { tx in try await tx.audit.recent(limit: 10) }.reversed()
            try await rewriteAndRelink(store, events, at: 4, keepKeyLabel: false)
            guard case .broken(let at, _) = try await store.repositories.verifyAuditChain() else { Issue.record("unkeyed rewrite passed"); return }
            #expect(at <= 4)
        }
    }

    @Test("Rule 33: after a key rotation both keys verify; without the old key the events it signed name it", arguments: TestEngine.available)
    func rule33KeyRotation(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            _ = try await fiveEvents(store)
            let old = "test-audit-key-not-for-any-real-force-0001"
            let rotated = try AuditKeyring(secrets: [old, "a-second-test-audit-key-made-up-for-rotation"])
            let after = SafeguardService(
                repositories: SQLRepositories(pool: store.pool, auditKeys: rotated), hasher: BcryptCredentialHasher(cost: 4), clock: store.clock,
                policy: store.service.policy)
            let officer = try await store.actor(.responseOfficer, username: "after-rotation")
            _ = try await after.createPerson(officer, draft: sampleDraft())
            #expect(try await after.verifyAuditChain() == .intact(events: 7))
            let newOnly = SQLRepositories(pool: store.pool, auditKeys: try AuditKeyring(secrets: ["a-second-test-audit-key-made-up-for-rotation"]))
            guard case .broken(1, let why) = try await newOnly.verifyAuditChain() else { Issue.record("events of an unknown key passed"); return }
            #expect(why.contains(testAuditKeys.currentKeyID))
        }
    }

    @Test("An audit key shorter than 32 characters, or none, is refused with a message")
    func shortKeysRefused() throws {
        #expect(throws: AuditKeyError.self) { try AuditKeyring(secrets: ["short"]) }
        #expect(throws: AuditKeyError.self) { try AuditKeyring(secrets: ["# a comment only", ""]) }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("audit-key-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        let made = try AuditKeyring.fromEnvironment([:], fallbackFile: file)
        #expect(made.created)
        let attributes = try FileManager.default.attributesOfItem(atPath: file)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let again = try AuditKeyring.fromEnvironment([:], fallbackFile: file)
        #expect(!again.created && again.keyring.currentKeyID == made.keyring.currentKeyID)
        #expect(throws: AuditKeyError.self) { try AuditKeyring.fromEnvironment(["SAFEGUARD_AUDIT_KEY_FILE": file + "-missing"], fallbackFile: file) }
    }
}
