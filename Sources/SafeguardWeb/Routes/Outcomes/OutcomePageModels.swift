import Foundation
import SafeguardDomain

/// A crime's outcome as the incident page and the case page list it.
struct OutcomeRowModel: PageModel {
    var incidentID: String
    var reference: String
    var label: String
    var decidedOn: String
    var decidedBy: String
    var reason: String
    var authorisedBy: String
    var recordedBy: String

    init(_ o: CrimeOutcome, reference: String) {
        incidentID = o.incidentID
        self.reference = reference
        label = o.kind.label
        decidedOn = o.decidedOn
        decidedBy = o.decidedBy.label
        reason = o.reason
        authorisedBy = o.authorisedBy ?? ""
        recordedBy = o.recordedBy
    }
}

/// The incident page's outcome section (rule 27): the outcomes recorded and the form for those who record them.
struct OutcomeSectionModel: PageModel {
    var list: [OutcomeRowModel]
    var isCrime: Bool
    var canRecord: Bool
    var evidenceLed: Bool
    var intimate: Bool
    var kinds: [OptionModel]
    var deciders: [OptionModel]
    var suspects: [ChoiceModel]

    init(_ record: IncidentRecord, actor: Actor) {
        list = record.outcomes.map { OutcomeRowModel($0, reference: record.incident.reference) }
        isCrime = record.incident.isCrime
        canRecord = actor.role.can(.recordCustody) && record.incident.isCrime
        evidenceLed = record.evidenceLed
        intimate = record.incident.relationship.isIntimate
        kinds = CrimeOutcome.Kind.allCases.map { OptionModel(value: $0.rawValue, label: $0.label) }
        deciders = CrimeOutcome.Decider.allCases.map { OptionModel(value: $0.rawValue, label: $0.label) }
        suspects = record.incident.suspects.map { ChoiceModel(id: $0.personID, name: $0.displayName) }
    }
}
