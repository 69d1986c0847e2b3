import Foundation
import SafeguardDomain

/// The access-log search page: the form as asked, and the events found.
struct AuditPageModel: PageModel {
    struct Choice: PageModel {
        var value: String
        var label: String
        var selected: Bool
    }
    struct Row: PageModel {
        var sequence: Int64
        var when: String
        var who: String
        var role: String
        var action: String
        var record: String
        var recordHref: String?
        var reason: String
    }
    // Named `…Term`: the layout's own context has a `user` (the signed-in account), which a blank `user` here would
    // let through into the form.
    var personTerm: String
    var userTerm: String
    var fromTerm: String
    var toTerm: String
    var actionChoices: [Choice]
    var searched: Bool
    var rows: [Row]
    var count: Int
    var olderHref: String?
    var csvHref: String

    init(query: AuditQuery, result: AuditSearchResult?) {
        personTerm = query.personID ?? ""
        userTerm = query.username ?? ""
        fromTerm = query.from ?? ""
        toTerm = query.to ?? ""
        actionChoices =
            [Choice(value: "", label: "Any action", selected: (query.action ?? "").isEmpty)]
            + AuditAction.allCases.map { Choice(value: $0.rawValue, label: Display.words($0.rawValue), selected: query.action == $0.rawValue) }
        searched = result != nil
        rows = (result?.events ?? []).map(Self.row)
        count = rows.count
        let terms = query.queryString
        olderHref = result?.nextBefore.map { "/audit?\(terms.isEmpty ? "" : terms + "&")before=\($0)" }
        csvHref = "/audit/export.csv" + (terms.isEmpty ? "" : "?" + terms)
    }

    static func row(_ event: AuditEvent) -> Row {
        let entry = event.entry
        let href: String? =
            switch (entry.recordType, entry.recordID) {
            case ("person", let id?): "/people/\(id)"
            case ("incident", let id?): "/incidents/\(id)"
            case ("case", let id?): "/cases/\(id)"
            default: nil
            }
        return Row(
            sequence: event.sequence, when: Display.time(entry.at), who: entry.username ?? "system",
            role: entry.role.flatMap(Role.init(rawValue:))?.title ?? "",
            action: Display.words(entry.action.rawValue),
            record: [entry.recordType.map(Display.words), entry.recordID].compactMap { $0 }.joined(separator: " "),
            recordHref: href, reason: entry.reason ?? "")
    }
}
