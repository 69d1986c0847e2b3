import Foundation

/// When a custody or court event brings bail conditions in the orders register to an end (rule 25). Without this a
/// charge, a remand or fresh bail left the old conditions showing "in force" on the case, the person page and the
/// officer's briefing, and the bail-ending clock later told her of an end date that no longer meant anything.
public enum BailRules {
    /// Whether `event` ends `bail`, an entry of the suspect's that has not ended:
    /// - remanded: he is in custody, so every bail of his ends;
    /// - released without charge or under investigation, or charged: police bail on that matter ends;
    /// - fresh police bail replaces police bail on the matter; court bail replaces police and court bail on it;
    /// - sentenced: bail on that matter ends.
    /// "That matter" is the event's incident; an entry or event with no incident is taken to be the same matter.
    public static func ends(_ bail: ProtectiveOrder, by event: CustodyEvent) -> Bool {
        guard bail.kind.isBail, bail.endedOn == nil else { return false }
        let sameMatter = event.incidentID == nil || bail.incidentID == nil || bail.incidentID == event.incidentID
        switch event.kind {
        case .remanded: return true
        case .releasedNoCharge, .releasedUnderInvestigation, .charged, .policeBail: return sameMatter && bail.kind == .policeBail
        case .courtBail, .sentenced: return sameMatter
        case .arrest, .interview, .courtResult, .prisonReleaseExpected, .prisonReleased: return false
        }
    }

    /// The register's record of the ending: dated when the event happened, saying which event ended it.
    public static func ending(_ bail: ProtectiveOrder, by event: CustodyEvent, id: String, recordedBy: String, at now: Date) -> OrderEvent {
        OrderEvent(
            id: id, orderID: bail.id, kind: .ended, at: event.at, note: "Ended by the custody record: \(event.kind.label.lowercased()).",
            incidentID: event.incidentID, recordedBy: recordedBy, recordedAt: now)
    }
}
