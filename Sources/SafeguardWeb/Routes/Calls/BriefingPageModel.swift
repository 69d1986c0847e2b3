import Foundation
import SafeguardDomain

/// The officer's briefing (rule 3) as the page draws it: the place and its warnings and history, the call, the
/// response, then each person.
struct BriefingPageModel: PageModel {
    var incident: IncidentPageModel.Head
    var location: String
    var generated: String
    var locationMarkers: [MarkerModel]
    var locationHistory: [IncidentRowModel]
    var locationID: String
    var people: [BriefingPersonModel]
    var call: CallAnswersModel?
    var response: ResponseModel?
    /// Orders this incident may have breached (rule 25): the officer goes knowing.
    var possibleBreaches: [BreachFlagModel]

    init(_ b: Briefing) {
        incident = IncidentPageModel.Head(id: b.incident.id, reference: b.incident.reference, summary: b.incident.summary)
        location = b.incident.address?.singleLine ?? "Not recorded"
        generated = Display.time(b.generatedAt)
        locationMarkers = b.locationMarkers.map(MarkerModel.init)
        locationHistory = b.locationHistory.map(IncidentRowModel.init)
        locationID = b.incident.address?.id ?? ""
        people = b.people.map { BriefingPersonModel($0, incidentID: b.incident.id) }
        call = b.call.map(CallAnswersModel.init)
        response = b.response.map(ResponseModel.init)
        possibleBreaches = b.possibleBreaches.map(BreachFlagModel.init)
    }
}
