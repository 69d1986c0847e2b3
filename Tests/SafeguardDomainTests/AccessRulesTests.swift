import Foundation
import SafeguardDomain
import Testing

@Suite("Roles, sign-in and policy")
struct AccessRulesTests {
    let now = Date(timeIntervalSince1970: 1_795_341_600)

    @Test("Leaders and PCCs see aggregates only, never a person (rule 32)")
    func leadersSeeNoPersonalDetails() {
        #expect(Role.seniorLeader.can(.viewFigures))
        for permission in [Permission.searchPeople, .viewPerson, .viewIncident] { #expect(!Role.seniorLeader.can(permission)) }
    }

    @Test("Partners see nothing that has not been shared with them (rule 23)")
    func partnersSeeOnlyShared() {
        #expect(Role.partnerAgency.permissions.isEmpty)
    }

    @Test("Only named roles see restricted records (rule 33)")
    func onlyNamedRolesSeeRestricted() {
        #expect(Role.allCases.filter { $0.can(.viewRestricted) } == [.daSpecialist, .auditor])
    }

    @Test("Look-back roles must state a reason to open a person's record (rule 33)")
    func lookBackRolesGiveReasons() {
        #expect(Role.allCases.filter(\.mustStateReasonToViewPeople) == [.maracCoordinator, .neighbourhoodOfficer, .analyst, .auditor])
        #expect(!Role.callHandler.mustStateReasonToViewPeople)
    }

    @Test("The account locks at the policy's failure count, for the policy's time")
    func lockoutRule() {
        let policy = ForcePolicy()
        #expect(SignInRules.afterFailure(previousFailures: 0, now: now, policy: policy).lockedUntil == nil)
        let locked = SignInRules.afterFailure(previousFailures: policy.lockoutFailures - 1, now: now, policy: policy)
        #expect(locked.lockedUntil == now.addingTimeInterval(TimeInterval(policy.lockoutMinutes * 60)))
    }

    @Test("A session idle longer than the policy allows has expired (default 15 minutes)")
    func idleTimeout() {
        let policy = ForcePolicy()
        #expect(policy.sessionIdleMinutes == 15)
        let session = SessionRecord(userID: "u", csrfToken: "c", createdAt: now, lastSeenAt: now)
        #expect(!SignInRules.sessionExpired(session, now: now.addingTimeInterval(15 * 60), policy: policy))
        #expect(SignInRules.sessionExpired(session, now: now.addingTimeInterval(15 * 60 + 1), policy: policy))
    }

    @Test("Secrets are long, random and URL-safe")
    func secretsAreRandom() {
        let a = SignInRules.newSecret(), b = SignInRules.newSecret()
        #expect(a != b)
        #expect(a.count == 43)
        #expect(a.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
    }

    @Test("A policy file fills missing keys with defaults and refuses unsafe values")
    func policyFile() throws {
        let partial = try JSONDecoder().decode(ForcePolicy.self, from: Data(#"{"sessionIdleMinutes": 30, "repeatVictimWindowMonths": null}"#.utf8))
        #expect(partial.sessionIdleMinutes == 30)
        #expect(partial.lockoutFailures == ForcePolicy().lockoutFailures)
        var bad = ForcePolicy()
        bad.sessionIdleMinutes = 0
        bad.passwordHashCost = 2
        #expect(
            throws: DomainError.invalid([
                FieldError("sessionIdleMinutes", "must be between 1 and 480"), FieldError("passwordHashCost", "must be between 4 and 16")
            ])
        ) { try bad.validate() }
    }
}

@Suite("Sign-in limits per address")
struct AddressThrottleTests {
    @Test("Failed sign-ins from one address beyond the policy's limit block it until the window passes; other addresses are untouched")
    func addressLimit() {
        var policy = ForcePolicy()
        policy.addressFailureLimit = 5
        policy.addressWindowMinutes = 15
        let throttle = AddressThrottle()
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        for i in 0..<4 { throttle.recordFailure("a", at: start.addingTimeInterval(Double(i)), policy: policy) }
        #expect(throttle.blockedUntil("a", now: start.addingTimeInterval(10), policy: policy) == nil)
        throttle.recordFailure("a", at: start.addingTimeInterval(5), policy: policy)
        #expect(throttle.blockedUntil("a", now: start.addingTimeInterval(10), policy: policy) == start.addingTimeInterval(15 * 60))
        #expect(throttle.blockedUntil("b", now: start.addingTimeInterval(10), policy: policy) == nil)
        #expect(throttle.blockedUntil("a", now: start.addingTimeInterval(15 * 60 + 6), policy: policy) == nil)
    }
}

@Suite("Audit chain")
struct AuditChainTests {
    /// Not HMAC (the domain has no crypto), but any function that changes with its input and key shows the walk.
    struct FakeSigner: AuditSigner {
        var keys: [String: UInt64] = ["k1": 7, "k2": 11]
        var currentKeyID = "k2"
        static func hash(_ text: String, seed: UInt64) -> String {
            var h: UInt64 = 1469598103934665603 ^ seed
            for byte in text.utf8 { h = (h ^ UInt64(byte)) &* 1099511628211 }
            return String(h, radix: 16)
        }
        func mac(_ text: String, keyID: String) -> String? { keys[keyID].map { Self.hash(text, seed: $0) } }
        func unkeyedHash(_ text: String) -> String { Self.hash(text, seed: 0) }
    }
    let signer = FakeSigner()

    /// Events 1...`count`; those up to `unkeyed` carry a plain hash, as written before the chain was keyed.
    func chain(_ count: Int, unkeyed: Int = 0, keyID: String = "k2") -> [AuditEvent] {
        var previous = auditGenesisHash
        return (1...count).map { i in
            let entry = AuditEntry(at: Date(timeIntervalSince1970: Double(i)), user: nil, action: .viewPerson, recordType: "person", recordID: "p\(i)")
            let key: String? = i <= unkeyed ? nil : keyID
            let hash =
                key.map { signer.mac(entry.chainInput(sequence: Int64(i), previousHash: previous, keyID: $0), keyID: $0)! }
                ?? signer.unkeyedHash(entry.chainInput(sequence: Int64(i), previousHash: previous))
            defer { previous = hash }
            return AuditEvent(sequence: Int64(i), entry: entry, previousHash: previous, hash: hash, keyID: key)
        }
    }

    @Test("An untouched chain verifies")
    func intactChain() {
        #expect(AuditVerification.check(chain(5), signer: signer) == .intact(events: 5))
    }

    @Test("Changing any field of an event breaks the chain at that event")
    func changedEventBreaksChain() {
        var events = chain(5)
        events[2].entry.reason = "added later"
        #expect(AuditVerification.check(events, signer: signer) == .broken(atSequence: 3, why: "its contents were changed after it was written"))
    }

    @Test("Rule 33: an event rewritten with a plain hash after the chain was keyed is caught; one from before the key is accepted")
    func rule33UnkeyedLinksOnlyBeforeTheKey() {
        // An insider without the key rewrites event 3 and recomputes plain SHA-256 links from there on.
        var forged = chain(5)
        var previous = forged[1].hash
        for i in 2..<5 {
            forged[i].keyID = nil
            if i == 2 { forged[i].entry.username = "someone-else" }
            forged[i].previousHash = previous
            forged[i].hash = signer.unkeyedHash(forged[i].entry.chainInput(sequence: forged[i].sequence, previousHash: previous))
            previous = forged[i].hash
        }
        guard case .broken(let at, _) = AuditVerification.check(forged, signer: signer) else {
            Issue.record("a rewritten, re-linked event passed"); return
        }
        #expect(at == 3)
        // A chain written before the key and adopted at event 2 verifies.
        #expect(AuditVerification.check(chain(5, unkeyed: 2), unkeyedThrough: 2, signer: signer) == .intact(events: 5))
        #expect(AuditVerification.check(chain(5, unkeyed: 3), unkeyedThrough: 2, signer: signer) != .intact(events: 5))
    }

    @Test("Rule 33: events signed with a retired key still verify while the key is held, and name the key when it is not")
    func rule33RetiredKeys() {
        #expect(AuditVerification.check(chain(3, keyID: "k1"), signer: signer) == .intact(events: 3))
        var without = signer
        without.keys["k1"] = nil
        guard case .broken(1, let why) = AuditVerification.check(chain(3, keyID: "k1"), signer: without) else {
            Issue.record("an unknown key passed"); return
        }
        #expect(why.contains("k1"))
    }

    @Test("Rule 33: the head and checkpoints are signed; moving the head back without the key is caught")
    func rule33SealsAreSigned() {
        let events = chain(4)
        let head = AuditSeal.signed(.head, sequence: 4, hash: events[3].hash, by: signer)
        #expect(head.isValid(.head, signer: signer))
        // Deleting the last event and moving the head back: the insider can copy the hash but not sign it.
        var movedBack = head
        movedBack.sequence = 3
        movedBack.hash = events[2].hash
        #expect(!movedBack.isValid(.head, signer: signer))
        // A head seal is not a checkpoint seal.
        #expect(!head.isValid(.checkpoint, signer: signer))
        // Only the empty chain may be unsigned.
        #expect(AuditSeal(sequence: 0, hash: auditGenesisHash).isValid(.head, signer: signer))
        #expect(!AuditSeal(sequence: 3, hash: events[2].hash).isValid(.head, signer: signer))
    }

    @Test("Field boundaries cannot be shifted to forge the same hash")
    func fieldsAreLengthPrefixed() {
        let a = AuditEntry(at: Date(timeIntervalSince1970: 0), user: nil, action: .viewPerson, recordType: "ab", recordID: "c")
        let b = AuditEntry(at: Date(timeIntervalSince1970: 0), user: nil, action: .viewPerson, recordType: "a", recordID: "bc")
        #expect(a.chainInput(sequence: 1, previousHash: "x") != b.chainInput(sequence: 1, previousHash: "x"))
    }
}

@Suite("Record ids")
struct RecordIDTests {
    @Test("New ids are UUID version 7: unique, well formed, and later ids sort later")
    func idsAreTimeOrdered() {
        let early = SafeguardService.newID(at: Date(timeIntervalSince1970: 1_700_000_000))
        let late = SafeguardService.newID(at: Date(timeIntervalSince1970: 1_700_000_001))
        #expect(early < late)
        #expect(early.count == 36)
        #expect(Array(early)[14] == "7")
        #expect(Set((0..<1000).map { _ in SafeguardService.newID() }).count == 1000)
    }
}
