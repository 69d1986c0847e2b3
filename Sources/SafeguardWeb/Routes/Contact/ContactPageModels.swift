import Foundation
import SafeguardDomain

/// A contact with her as the person page's log and the case page's last five show it.
struct ContactEntryModel: PageModel {
    var when: String
    var team: String
    var method: String
    var reached: Bool
    var summary: String
    var by: String

    init(_ entry: ContactEntry) {
        when = Display.time(entry.at)
        team = entry.team.label
        method = entry.method.label
        reached = entry.reached
        summary = entry.summary
        by = entry.madeBy
    }
}

/// The person page's contact section (rule 19): her safe route and its form, the log newest first, and the
/// log-a-contact form, each form with what was typed and its own errors after a refusal.
struct ContactSectionModel: PageModel {
    struct SafeTyped: PageModel {
        var safeNumber: String
        var safeTimes: String
        var language: String
        var notes: String
    }
    struct ContactTyped: PageModel {
        var at: String
        var summary: String
    }
    struct Safe: PageModel {
        var summary: String
        var by: String
        var when: String
        var notes: String
    }
    var canWork: Bool
    var entries: [ContactEntryModel]
    var lastContact: String
    var safeErrors: [String: String]
    var contactErrors: [String: String]
    var safeTyped: SafeTyped
    var messageYes: Bool
    var messageNo: Bool
    var viaIDVA: Bool
    var teams: [OptionModel]
    var methods: [OptionModel]
    var contactTyped: ContactTyped
    var safe: Safe?

    init(_ log: ContactLog, actor: Actor, refused: RefusedForm?) {
        let safe = log.safeContact
        let typed = { (name: String, section: String, fallback: String) in refused?.section == section ? refused!.typed(name, section: section) : fallback }
        canWork = actor.role.can(.workCases)
        entries = log.entries.map(ContactEntryModel.init)
        lastContact = ContactPages.lastContact(log.entries)
        safeErrors = refused?.fieldErrors(for: "safe-contact") ?? [:]
        contactErrors = refused?.fieldErrors(for: "contact") ?? [:]
        safeTyped = SafeTyped(
            safeNumber: typed("safe_number", "safe-contact", safe?.safeNumber ?? ""), safeTimes: typed("safe_times", "safe-contact", safe?.safeTimes ?? ""),
            language: typed("language", "safe-contact", safe?.language ?? ""), notes: typed("safe_notes", "safe-contact", safe?.notes ?? ""))
        let message = typed("may_leave_message", "safe-contact", safe.map { $0.mayLeaveMessage ? "yes" : "no" } ?? "")
        messageYes = message == "yes"
        messageNo = message == "no"
        viaIDVA = typed("via_idva_only", "safe-contact", safe?.viaIDVAOnly == true ? "yes" : "") == "yes"
        teams = ContactPages.teams(selected: refused?.typed("team", section: "contact"))
        methods = ContactPages.methods(selected: refused?.typed("method", section: "contact"))
        contactTyped = ContactTyped(at: refused?.typed("at", section: "contact") ?? "", summary: refused?.typed("summary", section: "contact") ?? "")
        self.safe = safe.map { Safe(summary: $0.summary, by: $0.updatedBy, when: Display.time($0.updatedAt), notes: $0.notes ?? "") }
    }
}
