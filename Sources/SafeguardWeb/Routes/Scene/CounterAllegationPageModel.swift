import Foundation
import SafeguardDomain

/// A counter-allegation's two histories side by side: the victim's and the suspect's, each as the briefing draws them.
struct CounterAllegationPageModel: PageModel {
    var incident: IncidentReferenceModel
    var columns: [BriefingPersonModel]

    init(_ view: CounterAllegationView) {
        incident = IncidentReferenceModel(id: view.incident.id, reference: view.incident.reference)
        columns = [BriefingPersonModel(view.victim), BriefingPersonModel(view.suspect)]
    }
}
