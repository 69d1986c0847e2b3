import Foundation
import SafeguardDomain

/// The coordinator's list of meetings and the form that schedules one (rule 21).
struct MaracMeetingListModel: PageModel {
    struct Row: PageModel {
        var id: String
        var heldOn: String
        var area: String
        var chair: String
        var agencies: String
        var minutes: String
    }
    var meetings: [Row]
    var canRun: Bool
    var areaChoices: [OptionModel]
    var agencyChoices: [OptionModel]
    /// A refused form keeps what was typed.
    var heldOn: String
    var chair: String

    init(_ meetings: [MaracMeeting], actor: Actor, areas: [Area], form: FormBody?) {
        self.meetings = meetings.map { m in
            Row(
                id: m.id, heldOn: m.heldOn, area: AreaRules.name(of: m.areaID, among: areas), chair: m.chair,
                agencies: m.agencies.map(\.label).joined(separator: ", "),
                minutes: m.minutesSentAt.map { "Minutes sent \(Display.time($0))" } ?? "Minutes not sent")
        }
        canRun = actor.role.can(.runMarac)
        let chosenArea = form?["area"] ?? areas.first { $0.id == actor.user.areaID }?.code
        areaChoices = areas.map { OptionModel(value: $0.code, label: $0.name, selected: $0.code == chosenArea) }
        // A coordinator with no area of her own chooses one: the domain refuses a meeting that names none.
        if !areas.isEmpty && !areaChoices.contains(where: \.selected) {
            areaChoices.insert(OptionModel(value: "", label: "Choose the area", selected: true), at: 0)
        }
        let ticked = Set(form?.list("agencies") ?? [])
        agencyChoices = Agency.allCases.filter { $0 != .police }.map {
            OptionModel(value: $0.rawValue, label: $0.label, selected: ticked.contains($0.rawValue))
        }
        heldOn = form?["held_on"] ?? ""
        chair = form?["chair"] ?? ""
    }
}

/// One meeting: its agenda with the research, attendance, the actions carried and agreed, and the forms each
/// account may use.
struct MaracMeetingPageModel: PageModel {
    struct Meeting: PageModel {
        var id: String
        var heldOn: String
        var chair: String
        var area: String
        var agencies: String
        var minutes: String
    }
    struct Note: PageModel {
        var agency: String
        var text: String
        var by: String
        var when: String
    }
    /// One case on the agenda (a case referred twice before the meeting is heard once, with both referrals' criteria
    /// and research).
    struct Item: PageModel {
        var caseID: String
        var caseReference: String
        var isRepeat: Bool
        var criteria: String
        var agency: String
        var when: String
        var research: String
        var outcome: String
        var notes: [Note]
    }
    struct Attendance: PageModel {
        var agency: String
        var kind: String
    }
    struct Action: PageModel {
        var id: String
        var caseID: String
        var reference: String
        var agency: String
        var owner: String
        var description: String
        var dueOn: String
        var status: String
        var note: String
        var overdue: Bool
        var open: Bool
        /// Whether this account may report it back (the coordinator, or the action's own agency).
        var mayReport: Bool
        var chased: String
        var statuses: [OptionModel]
    }
    var meeting: Meeting
    var minutesDueOn: String
    var minutesSent: Bool
    var canRun: Bool
    var canAddResearch: Bool
    var agenda: [Item]
    var attendance: [Attendance]
    var carried: [Action]
    var actions: [Action]
    var agencyChoices: [OptionModel]
    var caseChoices: [OptionModel]

    init(_ view: MaracMeetingView, actor: Actor, areas: [Area], today: String) {
        let m = view.meeting
        meeting = Meeting(
            id: m.id, heldOn: m.heldOn, chair: m.chair, area: AreaRules.name(of: m.areaID, among: areas),
            agencies: m.agencies.map(\.label).joined(separator: ", "), minutes: m.minutesSentAt.map { "Minutes sent \(Display.time($0))" } ?? "")
        minutesDueOn = view.minutesDueOn
        minutesSent = m.minutesSentAt != nil
        canRun = actor.role.can(.runMarac)
        canAddResearch = MaracMeetingRules.mayAddResearch(m, actor)
        let byCase = Dictionary(grouping: view.agenda, by: \.referral.caseID)
        var heard: Set<String> = []
        agenda = view.agenda.compactMap { first in
            guard heard.insert(first.referral.caseID).inserted, let items = byCase[first.referral.caseID] else { return nil }
            let referrals = items.map(\.referral)
            var criteria: [MaracCriterion] = []
            for criterion in referrals.flatMap(\.criteria) where !criteria.contains(criterion) { criteria.append(criterion) }
            return Item(
                caseID: first.referral.caseID, caseReference: first.referral.caseReference, isRepeat: referrals.contains(where: \.isRepeat),
                criteria: criteria.map(\.label).joined(separator: ", "), agency: first.referral.referringAgency.label,
                when: Display.time(first.referral.referredAt), research: referrals.map(\.research).joined(separator: "\n\n"), outcome: first.outcome ?? "",
                notes: first.research.map { Note(agency: $0.agency.label, text: $0.text, by: $0.by, when: Display.time($0.at)) })
        }
        attendance = view.attendance.map { a in
            Attendance(
                agency: a.agency.label,
                kind: a.kind == .attended
                    ? "Attended: \(a.attendee ?? "")\(a.confidentialitySigned ? ", confidentiality statement signed" : "")"
                    : "Apologies; information \(a.informationSent ? "sent" : "not sent")")
        }
        let statuses = MaracActionStatus.allCases.filter { $0 != .open }.map { OptionModel(value: $0.rawValue, label: $0.label) }
        func action(_ a: MaracAction) -> Action {
            Action(
                id: a.id, caseID: a.caseID, reference: a.caseReference, agency: a.agency.label, owner: a.owner, description: a.description, dueOn: a.dueOn,
                status: a.status.label, note: a.statusNote ?? "", overdue: a.overdue(on: today), open: a.status == .open,
                mayReport: a.status == .open && MaracMeetingRules.mayReportBack(a, actor), chased: a.chasedAt.map(Display.time) ?? "",
                statuses: statuses)
        }
        carried = view.carried.map(action)
        actions = view.actions.map(action)
        agencyChoices = m.agencies.map { OptionModel(value: $0.rawValue, label: $0.label) }
        var seen: Set<String> = []
        caseChoices = view.agenda.filter { seen.insert($0.referral.caseID).inserted }.map {
            OptionModel(value: $0.referral.caseID, label: $0.referral.caseReference)
        }
    }
}
