import Foundation
import SafeguardDomain

/// The person page's custody section (issue 5 part 1): events newest first, and the form (typed values kept after a
/// refusal) for roles that record them.
struct CustodySectionModel: PageModel {
    struct Event: PageModel {
        var label: String
        var when: String
        var conditions: String
        var endsOn: String
        var note: String
        var by: String
        var release: Bool
    }
    struct IncidentChoice: PageModel {
        var id: String
        var reference: String
        var selected: Bool
    }
    struct Typed: PageModel {
        var at: String
        var conditions: String
        var endsOn: String
        var note: String
    }
    var fieldErrors: [String: String]
    var events: [Event]
    var canRecord: Bool
    var kinds: [OptionModel]
    var suspectIncidents: [IncidentChoice]
    var typed: Typed
    /// How many tasks the last save set, when the page follows one.
    var triggered: String?

    init(_ events: [CustodyEvent], incidents: [IncidentSummary], actor: Actor, refused: RefusedForm?, triggered: String?) {
        let form = refused?.form
        fieldErrors = refused?.fieldErrors(for: "custody") ?? [:]
        self.events = events.map { e in
            Event(
                label: e.kind.label, when: Display.time(e.at), conditions: e.conditions ?? "", endsOn: e.endsOn ?? "", note: e.note ?? "",
                by: e.recordedBy, release: e.kind.isRelease)
        }
        canRecord = actor.role.can(.recordCustody)
        kinds = CustodyEvent.Kind.allCases.map { OptionModel(value: $0.rawValue, label: $0.label, selected: form?["kind"] == $0.rawValue) }
        suspectIncidents = incidents.filter { $0.role == .suspect }.map {
            IncidentChoice(id: $0.id, reference: $0.reference, selected: form?["incident_id"] == $0.id)
        }
        typed = Typed(at: form?["at"] ?? "", conditions: form?["conditions"] ?? "", endsOn: form?["ends_on"] ?? "", note: form?["note"] ?? "")
        self.triggered = triggered.flatMap { Int($0) }.map {
            $0 == 0 ? "Saved. No victim's open case needed a new task." : "Saved. \($0) task(s) set on victims' cases."
        }
    }
}
