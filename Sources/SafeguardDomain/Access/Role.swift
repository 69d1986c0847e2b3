import Foundation

/// The people who use Safeguard, as product.md's users table lists them.
public enum Role: String, Sendable, Codable, CaseIterable {
    case callHandler = "call_handler"
    case controlRoomSupervisor = "control_room_supervisor"
    case responseOfficer = "response_officer"
    case sergeant
    case daSpecialist = "da_specialist"
    case investigator
    case maracCoordinator = "marac_coordinator"
    case partnerAgency = "partner_agency"
    case neighbourhoodOfficer = "neighbourhood_officer"
    case analyst
    case seniorLeader = "senior_leader"
    case auditor
    case administrator

    /// A name a person reads.
    public var title: String {
        switch self {
        case .callHandler: "Call handler"
        case .controlRoomSupervisor: "Control room supervisor"
        case .responseOfficer: "Response officer"
        case .sergeant: "Sergeant"
        case .daSpecialist: "DA specialist"
        case .investigator: "Investigator"
        case .maracCoordinator: "MARAC coordinator"
        case .partnerAgency: "IDVA / partner agency"
        case .neighbourhoodOfficer: "Neighbourhood officer"
        case .analyst: "Analyst"
        case .seniorLeader: "Senior leader / PCC"
        case .auditor: "Auditor"
        case .administrator: "System administrator"
        }
    }

    /// What this role may do. Held here, in the domain, so pages, API and CLI ask the same question.
    public var permissions: Set<Permission> {
        switch self {
        case .callHandler:
            [.searchPeople, .viewPerson, .viewIncident, .createPerson, .editPerson, .recordCall, .recordResponse, .recordWarning]
        case .controlRoomSupervisor:
            // Authorises scheduled appointments and downgrades, and watches the live queue (rules 5 and 6); dip-samples
            // the control room's calls, each sample a task of theirs (rule 29).
            [
                .searchPeople, .viewPerson, .viewIncident, .createPerson, .editPerson, .recordCall, .recordResponse, .superviseControlRoom, .recordWarning,
                .runQualitySamples, .ownTasks
            ]
        case .responseOfficer:
            [
                .searchPeople, .viewPerson, .viewIncident, .createPerson, .editPerson, .recordResponse, .assessRisk, .workCases, .ownTasks, .recordCustody,
                .recordWarning,
                .referToMarac
            ]
        case .sergeant:
            // Reviews every assessment and can change the level in place (rule 16).
            [
                .searchPeople, .viewPerson, .viewIncident, .createPerson, .editPerson, .recordResponse, .assessRisk, .reviewRisk, .workCases, .ownTasks,
                .manageCases,
                .recordCustody, .recordWarning, .referToMarac, .viewMaracReferrals, .viewPerpetrators
            ]
        case .investigator:
            [
                .searchPeople, .viewPerson, .viewIncident, .createPerson, .editPerson, .workCases, .ownTasks, .recordCustody, .recordWarning, .referToMarac,
                .viewPerpetrators
            ]
        case .daSpecialist:
            // Specialists own victims' safeguarding, refuge residents and police-employee cases included (rule 33).
            [
                .searchPeople, .viewPerson, .viewIncident, .createPerson, .editPerson, .viewRestricted, .assessRisk, .reviewRisk, .workCases, .ownTasks,
                .manageCases,
                .recordCustody, .viewCaseload, .viewFigures, .recordWarning, .referToMarac, .viewMaracReferrals, .viewPerpetrators, .handleDisclosure,
                .viewHomicideReviews, .manageHomicideReviews, .conductSurveys, .runQualitySamples
            ]
        case .maracCoordinator:
            [.searchPeople, .viewPerson, .viewIncident, .viewMaracReferrals, .runMarac, .ownTasks]
        case .neighbourhoodOfficer:
            // Knows the streets: the dogs, the weapons, the house nobody should visit alone.
            // Their own area's most harmful perpetrators, for the daily briefing (rule 24).
            [.searchPeople, .viewPerson, .viewIncident, .recordWarning, .viewPerpetrators]
        case .analyst:
            // Exact figures (audited), and the suppressed ones leaders see, to check what leaves the force.
            [
                .searchPeople, .viewPerson, .viewIncident, .viewCaseload, .viewFigures, .viewPerpetrators, .viewHomicideReviews,
                .enterReferenceFigures, .runQualitySamples
            ]
        case .partnerAgency:
            // Partners see only cases shared with them (rule 23); until sharing exists they see no person.
            []
        case .seniorLeader:
            // Aggregates only (rule 32): no personal details.
            [.viewFigures, .viewHomicideReviews]
        case .auditor:
            // Professional standards and information management: who looked, and what is kept, disposed of and
            // disclosed (rules 33 and 34). Disposal needs a second auditor's approval, never the proposer's.
            [.searchPeople, .viewPerson, .viewIncident, .viewAudit, .viewRestricted, .reviewRetention, .approveDisposal, .logInformationRequests]
        case .administrator:
            // Accounts only: the access log names whom people searched for and opened, which is for the auditor
            // (product.md's users), not for whoever keeps the accounts.
            [.manageUsers]
        }
    }

    /// Whether this role sees a person's self-defined ethnicity: those who record it (whoever may edit a person) and
    /// those who count it for monitoring (analysts, auditors). Nobody else needs it to protect her.
    public var seesEthnicity: Bool { can(.editPerson) || self == .analyst || self == .auditor }

    /// Roles that must say why they are opening a person's record (rule 33: "who, when and why").
    /// Operational roles work live incidents; these roles look back, so each look needs a stated purpose.
    public var mustStateReasonToViewPeople: Bool {
        switch self {
        case .analyst, .auditor, .neighbourhoodOfficer, .maracCoordinator: true
        default: false
        }
    }

    /// Whether this role may open a case: whoever works cases, and the roles that look back at incidents (each look
    /// with a stated reason). Asked by the case page, the API and the authorisation matrix alike.
    public var readsCases: Bool { can(.workCases) || (mustStateReasonToViewPeople && can(.viewIncident)) }

    /// Whether this role may do `permission`.
    public func can(_ permission: Permission) -> Bool { permissions.contains(permission) }
}

/// One thing a role may do.
public enum Permission: String, Sendable, Codable, CaseIterable {
    case searchPeople
    case viewPerson
    case viewIncident
    case createPerson
    case editPerson
    case viewRestricted
    case viewAudit
    case viewFigures
    /// Read domestic homicide reviews and how their recommendations stand (rule 30; no person in them).
    case viewHomicideReviews
    /// Record reviews and recommendations and their progress.
    case manageHomicideReviews
    /// Offer victims the satisfaction survey through their safe route and record their answers (rule 28).
    case conductSurveys
    /// Type in the force's totals for other crime, the figures' only typed-in numbers (rule 31's comparison).
    case enterReferenceFigures
    /// Draw dip samples, name their reviewers and read the results (rule 29).
    case runQualitySamples
    /// Work the retention review queue: retain a record with a reason, or mark it for disposal (rule 34).
    case reviewRetention
    /// Approve or refuse another reviewer's proposal to dispose of a record (rule 34: disposal is supervised).
    case approveDisposal
    /// Log subject access and disclosure requests and what was disclosed (rule 34).
    case logInformationRequests
    case manageUsers
    /// Record a call and open an incident; ask for a grade.
    case recordCall
    /// Record dispatch and arrival times.
    case recordResponse
    /// Authorise downgrades and scheduled appointments; see the live queue.
    case superviseControlRoom
    /// Complete a risk assessment (at the scene, or a specialist's secondary assessment).
    case assessRisk
    /// Review assessments and change a level in place with a reason (sergeant; a specialist's secondary assessment).
    case reviewRisk
    /// Own cases and tasks: see "my cases, my tasks", complete tasks, add safety actions, offer a case on.
    case workCases
    /// See and close the tasks set for you ("My work"): whoever works cases, and the MARAC coordinator, whom the
    /// clocks set the minutes and the chasing of late actions.
    case ownTasks
    /// Allocate for others: offer anyone's case on, name an investigator, mark a team member away.
    case manageCases
    /// Record custody and court events for a suspect (arrest, bail, charge, release, results).
    case recordCustody
    /// See how many cases were open at each risk level on any date (rule 31; no personal details).
    case viewCaseload
    /// Add an officer-safety warning to a person, an address or a phone, and end one with a reason (rule 3).
    case recordWarning
    /// Refer a case to MARAC with the research to share (rule 21): whoever works cases.
    case referToMarac
    /// See every MARAC referral and the repeat windows lapsing soon (the coordinator, specialists, sergeants).
    case viewMaracReferrals
    /// Schedule MARAC meetings, record outcomes and actions, send the minutes (the coordinator).
    case runMarac
    /// See the repeat and serial perpetrators ranked by harm, and ask for a fresh run (rule 24); a neighbourhood
    /// officer sees their own area's.
    case viewPerpetrators
    /// Handle Clare's Law applications and see who applied (rule 26): the DA specialists who run the scheme. Nobody
    /// else sees an application, or its applicant, through the subject's record.
    case handleDisclosure
}
