import Foundation
import SafeguardDomain

/// The person page's orders register (rule 25): orders newest first with their history, and the forms for roles that
/// record, each with what was typed and its own errors after a refusal.
struct OrderSectionModel: PageModel {
    struct Typed: PageModel {
        var terms: String
        var startsOn: String
        var endsOn: String
        var servedAt: String
    }
    struct Order: PageModel {
        struct Event: PageModel {
            var label: String
            var when: String
            var by: String
            var detail: String
        }
        struct Typed: PageModel {
            var at: String
            var note: String
            var terms: String
            var endsOn: String
            var hearingAt: String
        }
        struct Requirement: PageModel {
            var id: String
            var text: String
            var dueOn: String
            var status: String
            var overdue: Bool
            var pending: Bool
            var note: String?
            var fieldErrors: [String: String]
        }
        var id: String
        var label: String
        var terms: String
        var startsOn: String
        var endsOn: String
        var active: Bool
        var ended: String
        var breaches: String
        var protects: String
        var served: String
        var hearing: String
        var noticeWithoutHearing: Bool
        var history: [Event]
        var requirements: [Requirement]
        /// A DAPO in force takes positive requirements.
        var takesRequirements: Bool
        var requirementErrors: [String: String]
        var canRecord: Bool
        var eventKinds: [OptionModel]
        var fieldErrors: [String: String]
        var typed: Typed
    }
    var personID: String
    var canRecord: Bool
    var isSuspect: Bool
    var fieldErrors: [String: String]
    var kinds: [OptionModel]
    var victims: [ChoiceModel]
    var suspectIncidents: [IncidentReferenceModel]
    var typed: Typed
    var orders: [Order]
    /// How many tasks the last save set, when the page follows one.
    var triggered: String?

    init(
        _ orders: [ProtectiveOrder], personID: String, victims: [PersonSummary], incidents: [IncidentSummary], actor: Actor,
        refused: RefusedForm?, triggered: String?, now: Date
    ) {
        let today = CalendarDate.string(now)
        let names = Dictionary(victims.map { ($0.id, "\($0.firstName) \($0.surname)") }, uniquingKeysWith: { first, _ in first })
        let canRecord = actor.role.can(.recordCustody)
        let typed = { (name: String, section: String) in refused?.typed(name, section: section) ?? "" }
        self.personID = personID
        self.canRecord = canRecord
        isSuspect = !victims.isEmpty
        fieldErrors = refused?.fieldErrors(for: "order") ?? [:]
        kinds = ProtectiveOrder.Kind.allCases.filter { !$0.isBail }.map {
            OptionModel(value: $0.rawValue, label: $0.label, selected: refused?.typed("kind", section: "order") == $0.rawValue)
        }
        self.victims = victims.map {
            ChoiceModel(id: $0.id, name: "\($0.firstName) \($0.surname)", selected: refused?.typed("protected_person_id", section: "order") == $0.id)
        }
        suspectIncidents = incidents.filter { $0.role == .suspect }.map { IncidentReferenceModel(id: $0.id, reference: $0.reference) }
        self.typed = Typed(
            terms: typed("terms", "order"), startsOn: typed("starts_on", "order"), endsOn: typed("ends_on", "order"), servedAt: typed("served_at", "order"))
        self.orders = orders.map { o in
            let section = "order-\(o.id)"
            return Order(
                id: o.id, label: o.kind.label, terms: o.terms, startsOn: o.startsOn, endsOn: o.endsOn ?? "", active: o.isActive(on: today),
                ended: o.endedOn ?? "", breaches: o.breaches > 0 ? "\(o.breaches) breach(es)" : "",
                protects: o.protectedPersonID.map {
                    o.subjectPersonID == personID ? "protects \(names[$0] ?? "the victim")" : "binds the suspect; protects this person"
                } ?? "",
                served: o.servedAt.map(Display.time) ?? "", hearing: o.hearingAt.map(Display.time) ?? "",
                noticeWithoutHearing: o.kind.isNotice && o.hearingAt == nil && o.endedOn == nil,
                history: o.history.map { e in
                    Order.Event(
                        label: e.kind.label, when: Display.time(e.at), by: e.recordedBy,
                        detail: [e.terms.map { "terms: \($0)" }, e.endsOn.map { "until \($0)" }, e.hearingAt.map { "hearing \(Display.time($0))" }, e.note]
                            .compactMap { $0 }.joined(separator: "; "))
                },
                requirements: o.requirements.map { r in
                    Order.Requirement(
                        id: r.id, text: r.text, dueOn: r.dueOn, status: r.status.label, overdue: r.overdue(on: today), pending: r.status == .pending,
                        note: r.note, fieldErrors: refused?.fieldErrors(for: "compliance-\(r.id)") ?? [:])
                },
                takesRequirements: o.kind == .dapo && o.endedOn == nil, requirementErrors: refused?.fieldErrors(for: "requirement-\(o.id)") ?? [:],
                canRecord: canRecord && o.endedOn == nil,
                eventKinds: OrderEvent.Kind.recordedByPeople.map {
                    OptionModel(value: $0.rawValue, label: $0.label, selected: refused?.typed("kind", section: section) == $0.rawValue)
                },
                fieldErrors: refused?.fieldErrors(for: section) ?? [:],
                typed: Order.Typed(
                    at: typed("at", section), note: typed("note", section), terms: typed("terms", section), endsOn: typed("ends_on", section),
                    hearingAt: typed("hearing_at", section)))
        }
        self.triggered = triggered.flatMap { Int($0) }.map {
            $0 == 0 ? "Saved. No victim's open case needed a new task." : "Saved. \($0) task(s) set on the victim's case."
        }
    }
}
