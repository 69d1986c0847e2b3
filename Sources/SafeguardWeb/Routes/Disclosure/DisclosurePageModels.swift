import Foundation
import SafeguardDomain

/// The Clare's Law list: every application (open first) with its clocks, the scheme's figures for the last year, and
/// the form to receive a new application.
struct DisclosureListPageModel: PageModel {
    struct Row: PageModel {
        var id: String
        var reference: String
        var route: String
        var received: String
        var stage: String
        var decisionDue: String
        var overdue: String?
    }
    var rows: [Row]
    var applications: Int
    var disclosed: Int
    var rate: String
    var medianDays: String
    var within28: Int
    var routeChoices: [OptionModel]
    var typed: [String: String]

    init(_ applications: [DisclosureApplication], figures: DisclosureFigures, now: Date, form: FormBody?) {
        rows = applications.map { a in
            let late = a.overdue(at: now)
            return Row(
                id: a.id, reference: a.reference, route: a.route.label, received: Display.time(a.receivedAt), stage: a.steps.last?.kind.label ?? "Received",
                decisionDue: Display.time(a.decisionDueAt), overdue: late.isEmpty ? nil : "Late: \(late.joined(separator: " and "))")
        }
        self.applications = figures.applications
        disclosed = figures.disclosed
        rate = figures.disclosureRate.map { "\(Int(($0 * 100).rounded()))%" } ?? "none decided"
        medianDays = figures.medianDaysToDecision.map { "\($0) days" } ?? "none decided"
        within28 = figures.decidedWithin28Days
        routeChoices = DisclosureRoute.allCases.map { OptionModel(value: $0.rawValue, label: $0.label, selected: form?["route"] == $0.rawValue) }
        typed = [
            "applicant_name": form?["applicant_name"] ?? "", "applicant_relationship": form?["applicant_relationship"] ?? "",
            "applicant_contact": form?["applicant_contact"] ?? "", "subject_person_id": form?["subject_person_id"] ?? "",
            "at_risk_person_id": form?["at_risk_person_id"] ?? ""
        ]
    }
}

/// One application: who applied (seen only by those who run the scheme), about whom, its clocks, its steps, and the
/// form for the next step.
struct DisclosurePageModel: PageModel {
    struct Step: PageModel {
        var label: String
        var when: String
        var by: String
        var detail: String
    }
    struct HistoryIncident: PageModel {
        var id: String
        var reference: String
        var when: String
        var role: String
        var kind: String
        var record: String
    }
    var id: String
    var reference: String
    var route: String
    var applicant: String
    var applicantContact: String
    var subjectID: String
    var subject: String
    var atRisk: String
    var received: String
    var checksDue: String
    var decisionDue: String
    var overdue: String?
    var steps: [Step]
    /// His history for the research, from every record confirmed to be him.
    var history: String
    var incidents: [HistoryIncident]
    var orders: [String]
    var open: Bool
    var kindChoices: [OptionModel]
    var methodChoices: [OptionModel]

    init(_ view: DisclosureView) {
        let a = view.application
        id = a.id
        reference = a.reference
        route = a.route.label
        applicant = "\(a.applicantName) (\(a.applicantRelationship))"
        applicantContact = a.applicantContact ?? ""
        subjectID = a.subjectPersonID
        subject = view.subject.map { "\($0.firstName) \($0.surname)" } ?? a.subjectPersonID
        atRisk = view.atRisk.map { "\($0.firstName) \($0.surname)" } ?? "Not on record"
        received = Display.time(a.receivedAt)
        checksDue = Display.time(a.initialChecksDueAt)
        decisionDue = Display.time(a.decisionDueAt)
        overdue = view.overdue.isEmpty ? nil : "Late: \(view.overdue.joined(separator: " and "))"
        steps = a.steps.map { s in
            let forum = s.forum.map { f in
                "pressing need \(f.pressingNeed ? "yes" : "no"), lawful \(f.lawful ? "yes" : "no"), necessary \(f.necessary ? "yes" : "no"), proportionate \(f.proportionate ? "yes" : "no"): \(f.disclose ? "disclose" : "do not disclose") — \(f.reasons)"
            }
            let detail = [
                s.immediateRisk.map { $0 ? "immediate risk: acted on at once" : "no immediate risk" }, forum,
                s.method.map { $0 == .video ? "told by video" : "told in person" }, s.safetyPlan.map { "safety plan: \($0)" }, s.note
            ].compactMap { $0 }
            return Step(label: s.kind.label, when: Display.time(s.at), by: s.by, detail: detail.joined(separator: "; "))
        }
        let h = view.subjectHistory
        let lists = h.lists.map(\.label).joined(separator: ", ")
        history =
            "\(h.incidents.count) incident(s) on \(h.recordIDs.count) record(s) confirmed to be him, \(h.asSuspect) as suspect, against \(h.victims) different victim(s)"
            + (lists.isEmpty ? "; on no cross-victim list now." : "; on the \(lists) list(s) now.")
        incidents = h.incidents.map {
            HistoryIncident(
                id: $0.id, reference: $0.reference, when: Display.time($0.occurredAt), role: $0.role.rawValue.capitalized,
                kind: $0.isCrime ? "Crime" : "Non-crime", record: $0.linkedRecordID == nil ? "This record" : "A record confirmed to be him")
        }
        orders = h.orders.map { o in
            "\(o.kind.label)\(o.subjectPersonID == a.subjectPersonID || h.recordIDs.contains(o.subjectPersonID) ? " binding him" : " protecting him")"
                + (o.endsOn.map { ", to \($0)" } ?? "") + (o.history.contains { $0.kind == .breached } ? ", breached" : "")
        }
        open = !a.isClosed
        kindChoices = DisclosureStepKind.allCases.map { OptionModel(value: $0.rawValue, label: $0.label) }
        methodChoices = DisclosureMethod.allCases.map { OptionModel(value: $0.rawValue, label: $0 == .video ? "By video" : "In person") }
    }
}
