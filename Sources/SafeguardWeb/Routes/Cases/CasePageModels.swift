import Foundation
import SafeguardDomain

/// A case as every case list and the case page show it.
struct CaseSummaryModel: PageModel {
    struct Handover: PageModel {
        var to: String
        var by: String
        var at: String
        var note: String
    }
    var id: String
    /// Sent back by the case's forms, so a change made meanwhile is refused, not overwritten (409).
    var version: Int
    var reference: String
    var victim: String
    var victimID: String
    var level: String
    var high: Bool
    var owner: String
    var needsReallocation: Bool
    var investigator: String
    var opened: String
    var incidentCount: Int
    /// A refused decline's message, beside that case's own note field.
    var declineError: String?
    var handover: Handover?

    init(_ c: SafeguardingCase, errors: [FieldError] = []) {
        id = c.id
        version = c.version
        reference = c.reference
        victim = c.victimName
        victimID = c.victimPersonID
        level = c.riskLevel?.rawValue ?? "not yet assessed"
        high = c.riskLevel == .high
        owner = "\(c.owner.displayName) (\(c.owner.role.title))"
        needsReallocation = c.needsReallocation
        investigator = c.investigator.map { $0.displayName } ?? ""
        opened = Display.time(c.openedAt)
        incidentCount = c.incidentIDs.count
        declineError = errors.first { $0.field == "note_decline_\(c.id)" }?.message
        handover = c.pendingHandover.map { offer in
            Handover(to: "\(offer.to.displayName) (\(offer.to.role.title))", by: offer.offeredBy, at: Display.time(offer.offeredAt), note: offer.note)
        }
    }
}

/// A task as "my work" and the case page show it, with its own form.
struct TaskModel: PageModel {
    /// The "tell the victim" form: told or not, how, when, by which team, what was said — kept when refused.
    struct Tell: PageModel {
        var toldError: String
        var methodError: String
        var atError: String
        var noteError: String
        var methods: [OptionModel]
        var teams: [OptionModel]
        var toldYes: Bool
        var toldNo: Bool
        var typedAt: String
        var typedNote: String
    }
    var tell: Tell?
    var isTell: Bool
    var error: String
    var kindNote: String
    var id: String
    var title: String
    var kind: String
    var caseID: String
    var due: String
    var owner: String
    var state: String
    var overdue: Bool
    var done: Bool
    var escalated: String
    var escalatedToMe: Bool
    var completed: String

    init(_ t: CaseTask, now: Date, me: String, errors: [FieldError], posted: (id: String, form: FormBody)? = nil) {
        let state = t.state(at: now)
        let typed = posted?.id == t.id ? posted?.form : nil
        if t.kind == .tellVictim {
            func error(_ field: String) -> String { errors.first { $0.field == "\(field)_\(t.id)" }?.message ?? "" }
            tell = Tell(
                toldError: error("told"), methodError: error("method"), atError: error("at"), noteError: error("note"),
                methods: ContactPages.methods(selected: typed?["method"]), teams: ContactPages.teams(selected: typed?["team"]),
                toldYes: typed?["told"] == "yes", toldNo: typed?["told"] == "no", typedAt: typed?["at"] ?? "", typedNote: typed?["note"] ?? "")
        }
        isTell = t.kind == .tellVictim
        error = errors.first { $0.field == "outcome_\(t.id)" }?.message ?? ""
        // The kind only where the title does not already say it ("Fit an alarm (Safety action)").
        kindNote = t.title.hasPrefix(t.kind.title) ? "" : t.kind.title
        id = t.id
        title = t.title
        kind = t.kind.title
        caseID = t.caseID ?? ""
        due = Display.time(t.dueAt)
        owner = t.owner.displayName
        self.state = Display.words(state.rawValue)
        overdue = state == .overdue
        done = state == .done
        escalated = t.escalatedTo.map { "Escalated to \($0.displayName) at \(t.escalatedAt.map(Display.time) ?? "")" } ?? ""
        escalatedToMe = t.escalatedTo?.id == me && t.owner.id != me
        completed = t.completedAt.map { "Done by \(t.completedBy ?? "") at \(Display.time($0)): \(t.outcome ?? "")" } ?? ""
    }
}

/// A colleague offered in a form's list.
struct ChoiceModel: PageModel {
    var id: String
    var name: String
    var selected = false
}

/// The case page: its summary, plan and tasks, history, incidents, orders, contact and the forms each role may use.
struct CasePageModel: PageModel {
    struct Event: PageModel {
        var when: String
        var kind: String
        var from: String
        var to: String
        var by: String
        var note: String
    }
    struct TimelineEntry: PageModel {
        var when: String
        var kind: String
        var title: String
        var detail: String
        var incidentID: String
    }
    struct Order: PageModel {
        var label: String
        var terms: String
        var active: Bool
        var until: String
        var breaches: String
        var subjectID: String
        var id: String
    }
    struct Child: PageModel {
        var id: String
        var name: String
        var age: String
        var riskNotes: [String]
        var incidentCount: Int
    }
    var returnTo: String
    var onCasePage = true
    var plan: [TaskModel]
    var otherTasks: [TaskModel]
    var incidents: [IncidentRowModel]
    var scenes: [SceneSummaryModel]
    var events: [Event]
    var timeline: [TimelineEntry]
    var orders: [Order]
    var safeRoute: String?
    var contactEntries: [ContactEntryModel]
    var lastContact: String
    var outcomes: [OutcomeRowModel]
    /// The children of her household today (rule 9): name, age, any risk noted, their own incidents.
    var household: [Child]
    var colleagues: [ChoiceModel]
    var owners: [ChoiceModel]
    var investigators: [ChoiceModel]
    var toolkit: [String]
    var canHandOver: Bool
    var offeredToMe: Bool
    var canWork: Bool
    var canAssignInvestigator: Bool
    var canClose: Bool
    /// A refused close keeps what was typed.
    var closeReason: String
    var reopenMonths: Int
    var closed: String
    /// Rule 21: the criteria met, her referrals and the form; nil for a role that does not work cases.
    var marac: MaracSectionModel?
    /// Rule 22: her IDVA offers and the form; nil for a role that does not work cases.
    var idva: IdvaSectionModel?
    /// Rule 23: who it is shared with and the form; nil for a role that does not work cases.
    var sharing: ShareSectionModel?
}

/// "My work": the cases a user owns and is offered, their open tasks (each with its form), and their team.
struct MyWorkPageModel: PageModel {
    struct Me: PageModel {
        var id: String
        var available: Bool
    }
    struct Member: PageModel {
        var id: String
        var name: String
        var role: String
        var available: Bool
    }
    var me: Me
    var cases: [CaseSummaryModel]
    var offered: [CaseSummaryModel]
    var tasks: [TaskModel]
    var returnTo = "/my-work"
    var team: [Member]
    /// Only when there are any: a zero would still open the section.
    var overdueCount: Int?

    init(_ work: MyWork, me: String, now: Date, errors: [FieldError], posted: (id: String, form: FormBody)?) {
        self.me = Me(id: work.user.id, available: work.user.available)
        cases = work.cases.map { CaseSummaryModel($0) }
        offered = work.offered.map { CaseSummaryModel($0, errors: errors) }
        tasks = work.tasks.map { TaskModel($0, now: now, me: me, errors: errors, posted: posted) }
        team = work.team.map { Member(id: $0.id, name: $0.displayName, role: $0.role.title, available: $0.available) }
        let overdue = work.tasks.filter { $0.state(at: now) == .overdue }.count
        overdueCount = overdue > 0 ? overdue : nil
    }
}
