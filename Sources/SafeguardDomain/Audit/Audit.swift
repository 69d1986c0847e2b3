import Foundation

/// What an audited action was. Reads are audited as well as writes (rule 33).
public enum AuditAction: String, Sendable, Codable, CaseIterable {
    case signIn = "sign_in"
    case signInFailed = "sign_in_failed"
    case signOut = "sign_out"
    case searchPeople = "search_people"
    case viewPerson = "view_person"
    case viewIncident = "view_incident"
    case createPerson = "create_person"
    case editPerson = "edit_person"
    case createUser = "create_user"
    case createArea = "create_area"
    case issueToken = "issue_token"
    case revokeToken = "revoke_token"
    case generateDemo = "generate_demo"
    case viewAudit = "view_audit"
    case searchAudit = "search_audit"
    case exportAudit = "export_audit"
    case importPeople = "import_people"
    /// The force's staff list loaded (rule 33: police employees' records are restricted).
    case importStaffList = "import_staff_list"
    /// A record restricted because its person is on the staff list.
    case restrictStaffRecord = "restrict_staff_record"
    case decideLink = "decide_link"
    case reviewLinks = "review_links"
    case openIncident = "open_incident"
    case requestGrade = "request_grade"
    case decideGrade = "decide_grade"
    case recordDispatch = "record_dispatch"
    case recordArrival = "record_arrival"
    case acknowledgeHighRisk = "acknowledge_high_risk"
    case closeCall = "close_call"
    case referToMarac = "refer_to_marac"
    case viewMaracReferrals = "view_marac_referrals"
    case recordIdvaOffer = "record_idva_offer"
    case viewIdvaService = "view_idva_service"
    case shareCase = "share_case"
    case viewSharedCases = "view_shared_cases"
    case viewSharedCase = "view_shared_case"
    case scheduleMarac = "schedule_marac"
    case viewMaracMeeting = "view_marac_meeting"
    case recordMaracAction = "record_marac_action"
    case recordMaracOutcome = "record_marac_outcome"
    case sendMaracMinutes = "send_marac_minutes"
    case viewMaracFigures = "view_marac_figures"
    case viewPerpetrators = "view_perpetrators"
    case runPerpetratorLists = "run_perpetrator_lists"
    case viewAreaBriefing = "view_area_briefing"
    case setNeighbourhoodTask = "set_neighbourhood_task"
    case recordNeighbourhoodResult = "record_neighbourhood_result"
    case markBriefed = "mark_briefed"
    case applyDisclosure = "apply_disclosure"
    case viewDisclosure = "view_disclosure"
    case recordDisclosureStep = "record_disclosure_step"
    case recordHomicideReview = "record_homicide_review"
    case updateHomicideReviewRecommendation = "update_homicide_review_recommendation"
    case viewHomicideReviews = "view_homicide_reviews"
    case recordSurveyAttempt = "record_survey_attempt"
    case enterReferenceFigures = "enter_reference_figures"
    case drawQualitySamples = "draw_quality_samples"
    case recordQualityFindings = "record_quality_findings"
    case viewControlRoomQueue = "view_control_room_queue"
    case viewBriefing = "view_briefing"
    case recordRiskAssessment = "record_risk_assessment"
    case reviewRiskAssessment = "review_risk_assessment"
    case viewReviewQueue = "view_review_queue"
    case openCase = "open_case"
    case viewCase = "view_case"
    case viewMyWork = "view_my_work"
    case offerHandover = "offer_handover"
    case acceptHandover = "accept_handover"
    case declineHandover = "decline_handover"
    case assignInvestigator = "assign_investigator"
    case setAvailability = "set_availability"
    case setSupervisor = "set_supervisor"
    case reallocateCase = "reallocate_case"
    case createTask = "create_task"
    case completeTask = "complete_task"
    case escalateTask = "escalate_task"
    case reassignTask = "reassign_task"
    case recordScene = "record_scene"
    case linkHouseholdChild = "link_household_child"
    case endHouseholdLink = "end_household_link"
    case recordCustodyEvent = "record_custody_event"
    case fireTrigger = "fire_trigger"
    case recordOrder = "record_order"
    case saveSafeContact = "save_safe_contact"
    case logContact = "log_contact"
    case viewContacts = "view_contacts"
    case viewOrders = "view_orders"
    case viewCustody = "view_custody"
    case recordOutcome = "record_outcome"
    case updateEvidence = "update_evidence"
    /// An attempt the system refused: a read by a role that may not, of a restricted record, or with no reason
    /// given where one is required. Written in its own transaction, so the refusal does not roll it back.
    case refused
    case viewOutcomes = "view_outcomes"
    case closeCase = "close_case"
    case reopenCase = "reopen_case"
    case viewFigures = "view_figures"
    case importHistory = "import_history"
    case allocateCase = "allocate_case"
    case classifyCrime = "classify_crime"
    case addWarning = "add_warning"
    case endWarning = "end_warning"
    case viewAddress = "view_address"
    case findAddresses = "find_addresses"
    case setAddressConfidential = "set_address_confidential"
    /// The retention review queue, or one record's standing, read (rule 34).
    case viewRetention = "view_retention"
    /// A review decision: retained, marked for disposal, disposal approved or refused.
    case decideRetention = "decide_retention"
    /// A record's identifying details removed under an approved disposal.
    case disposeRecord = "dispose_record"
    case viewInformationRequests = "view_information_requests"
    case logInformationRequest = "log_information_request"
    /// A subject access or disclosure request answered: what was disclosed, to whom, about whom.
    case answerInformationRequest = "answer_information_request"
}

/// An audit entry before it joins the chain: who, when, what, which record, and why.
public struct AuditEntry: Sendable, Equatable, Codable {
    public var at: Date
    public var userID: String?
    public var username: String?
    public var role: String?
    public var action: AuditAction
    public var recordType: String?
    public var recordID: String?
    /// The reason the user stated, where their role must give one.
    public var reason: String?
    /// Extra facts: search terms, fields changed. Stays in the audit store, never in logs.
    public var detail: String?

    public init(at: Date, user: User?, action: AuditAction, recordType: String? = nil, recordID: String? = nil, reason: String? = nil, detail: String? = nil) {
        self.at = at
        self.userID = user?.id
        self.username = user?.username
        self.role = user?.role.rawValue
        self.action = action
        self.recordType = recordType
        self.recordID = recordID
        self.reason = reason
        self.detail = detail
    }

    /// The exact text signed (with the previous event's hash inside it) to make this event's link in the chain.
    /// Any change to any field, or to the order of events, changes every later link. `keyID` names the key the
    /// link is made with; nil only for events written before the chain was keyed (plain SHA-256).
    public func chainInput(sequence: Int64, previousHash: String, keyID: String? = nil) -> String {
        var fields: [String] = [
            String(sequence), previousHash, String(Int64((at.timeIntervalSince1970 * 1000).rounded())),
            userID ?? "", username ?? "", role ?? "", action.rawValue, recordType ?? "", recordID ?? "",
            reason ?? "", detail ?? ""
        ]
        // The key's name is signed too, so an event cannot be relabelled as signed with another key (or none).
        if let keyID { fields.append("key:" + keyID) }
        // Length-prefixing each field means no choice of values can make two different events hash alike.
        return fields.map { "\($0.utf8.count):\($0)" }.joined(separator: "|")
    }
}

/// An audit entry in the chain.
public struct AuditEvent: Sendable, Equatable, Codable {
    public var sequence: Int64
    public var entry: AuditEntry
    public var previousHash: String
    public var hash: String
    /// The audit key the link was signed with; nil for an event written before the chain was keyed.
    public var keyID: String?
    public init(sequence: Int64, entry: AuditEntry, previousHash: String, hash: String, keyID: String? = nil) {
        self.sequence = sequence
        self.entry = entry
        self.previousHash = previousHash
        self.hash = hash
        self.keyID = keyID
    }
}

/// The first event in the chain links to this.
public let auditGenesisHash = String(repeating: "0", count: 64)

/// What checking the chain found.
public enum AuditVerification: Sendable, Equatable {
    case intact(events: Int64)
    /// The first event whose stored hash or link does not match what its contents give.
    case broken(atSequence: Int64, why: String)
}

extension AuditVerification {
    /// Walks events in order and reports the first broken link. Each link must be the keyed hash (`signer`) of the
    /// event's contents and the link before it; an unkeyed SHA-256 link is accepted only up to `unkeyedThrough`, the
    /// signed checkpoint at which a chain written before keying was adopted (0 when there was none), so an insider who
    /// rewrites an event cannot pass it off as one from before the key.
    public static func check(
        _ events: [AuditEvent], startingAfter previous: (sequence: Int64, hash: String) = (0, auditGenesisHash), unkeyedThrough: Int64 = 0,
        signer: any AuditSigner
    ) -> AuditVerification {
        var expectedPrevious = previous.hash
        var expectedSequence = previous.sequence + 1
        for event in events {
            if event.sequence != expectedSequence {
                return .broken(atSequence: expectedSequence, why: "event \(expectedSequence) is missing (next found is \(event.sequence))")
            }
            if event.previousHash != expectedPrevious {
                return .broken(atSequence: event.sequence, why: "its link to event \(event.sequence - 1) does not match")
            }
            let recomputed: String
            if let keyID = event.keyID {
                guard let mac = signer.mac(event.entry.chainInput(sequence: event.sequence, previousHash: event.previousHash, keyID: keyID), keyID: keyID)
                else {
                    return .broken(
                        atSequence: event.sequence, why: "it is signed with audit key \(keyID), which this installation does not hold (see docs/operations.md)")
                }
                recomputed = mac
            } else {
                guard event.sequence <= unkeyedThrough else {
                    return .broken(atSequence: event.sequence, why: "it is not signed with the audit key (only events from before the key may be unsigned)")
                }
                recomputed = signer.unkeyedHash(event.entry.chainInput(sequence: event.sequence, previousHash: event.previousHash))
            }
            if recomputed != event.hash {
                return .broken(atSequence: event.sequence, why: "its contents were changed after it was written")
            }
            expectedPrevious = event.hash
            expectedSequence += 1
        }
        return .intact(events: expectedSequence - 1)
    }
}

/// Makes the chain's links: a keyed hash (HMAC-SHA256) under a key held outside the database, so someone who can
/// write to the database but does not hold the key cannot rewrite an event and recompute the links after it.
public protocol AuditSigner: Sendable {
    /// The key new events, the head and checkpoints are signed with.
    var currentKeyID: String { get }
    /// The keyed hash of `text` under the key `keyID` (hex); nil when this installation does not hold that key.
    func mac(_ text: String, keyID: String) -> String?
    /// The plain SHA-256 (hex) of `text`: the links of events written before the chain was keyed.
    func unkeyedHash(_ text: String) -> String
}

/// A signed statement of where the chain stood: the head (rewritten on every append) or a checkpoint (kept).
/// Deleting the last events and moving the head back needs a new signature the database alone cannot make; a
/// checkpoint lets the auditor's page check only the events written since it.
public struct AuditSeal: Sendable, Equatable {
    public enum Kind: String, Sendable { case head, checkpoint }
    public var sequence: Int64
    public var hash: String
    public var keyID: String?
    public var mac: String?

    public init(sequence: Int64, hash: String, keyID: String? = nil, mac: String? = nil) {
        self.sequence = sequence
        self.hash = hash
        self.keyID = keyID
        self.mac = mac
    }

    static func text(_ kind: Kind, sequence: Int64, hash: String, keyID: String) -> String { "\(kind.rawValue)|\(sequence)|\(hash)|key:\(keyID)" }

    /// This position signed with the signer's current key.
    public static func signed(_ kind: Kind, sequence: Int64, hash: String, by signer: any AuditSigner) -> AuditSeal {
        let keyID = signer.currentKeyID
        return AuditSeal(sequence: sequence, hash: hash, keyID: keyID, mac: signer.mac(text(kind, sequence: sequence, hash: hash, keyID: keyID), keyID: keyID))
    }

    /// Whether the signature is one the signer's keys make. The unsigned empty chain (a new database before its first
    /// event) is the one unsigned seal accepted.
    public func isValid(_ kind: Kind, signer: any AuditSigner) -> Bool {
        guard let keyID, let mac else { return kind == .head && sequence == 0 && hash == auditGenesisHash }
        return signer.mac(Self.text(kind, sequence: sequence, hash: hash, keyID: keyID), keyID: keyID) == mac
    }
}
