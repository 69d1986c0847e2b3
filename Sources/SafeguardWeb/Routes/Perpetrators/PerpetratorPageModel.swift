import Foundation
import SafeguardDomain

/// The perpetrators page: an area's or the force's list from the latest run, each score with its components, the
/// victims harmed by several perpetrators, and the weights published.
struct PerpetratorPageModel: PageModel {
    struct Row: PageModel {
        var rank: Int
        var personID: String
        /// Nil: a restricted record the viewer may not name (he is still ranked).
        var name: String?
        var dateOfBirth: String
        var lists: String
        var areas: String
        var incidents: Int
        var crimes: Int
        var victims: Int
        var latest: String
        var score: String
        var recency: String
        var gravity: String
        var victimMultiplier: String
    }
    struct VictimRow: PageModel {
        var personID: String
        var name: String?
        var reason: String
        var since: String
    }
    struct Weight: PageModel {
        var what: String
        var value: String
    }

    var areaChoices: [OptionModel]
    /// Each area's daily briefing.
    var briefings: [OptionModel]
    /// A neighbourhood officer's area is fixed: their own.
    var areaFixed: String?
    var listChoices: [OptionModel]
    var mustGiveReason: Bool
    var reason: String
    var reasonNeeded: String?
    var run: String?
    var weightsChanged: Bool
    var rows: [Row]
    var victims: [VictimRow]
    var serialRule: String
    var weightsVersion: String
    var weights: [Weight]

    init(actor: Actor, areas: [Area], area: String?, list: String?, reason: String?, ownAreaOnly: Bool, policy: PerpetratorPolicy) {
        let own = areas.first { $0.id == actor.user.areaID }
        areaFixed = ownAreaOnly ? (own?.name ?? "none set") : nil
        areaChoices = areas.map { OptionModel(value: $0.code, label: $0.name, selected: $0.code == area) }
        briefings = (ownAreaOnly ? areas.filter { $0.id == actor.user.areaID } : areas).map {
            OptionModel(value: $0.code, label: $0.name)
        }
        listChoices =
            [OptionModel(value: "ranked", label: "Everyone, ranked by harm", selected: list == nil || list == "ranked")]
            + PerpetratorList.allCases.map { OptionModel(value: $0.rawValue, label: $0.label, selected: $0.rawValue == list) }
        mustGiveReason = actor.role.mustStateReasonToViewPeople
        self.reason = reason ?? ""
        weightsChanged = false
        rows = []
        victims = []
        let victimsFrom = policy.serialVictimsFrom == .crimes ? "recorded crimes" : "DA incidents"
        serialRule =
            "Serial: \(policy.serialIncidents) or more DA incidents as suspect, or \(victimsFrom) against \(policy.serialVictims) or more different victims, in the last \(policy.windowDays) days. Repeat: more than one DA incident. Records confirmed to be one person are counted together."
        weightsVersion = ""
        let w = policy.weights
        weights =
            [
                Weight(what: "Recency: the score halves every", value: "\(Self.number(w.recencyHalfLifeDays)) days since his latest incident"),
                Weight(what: "Frequency: points per DA incident", value: Self.number(w.pointsPerIncident)),
                Weight(what: "Gravity: points per day of harm", value: Self.number(w.pointsPerHarmDay)),
                Weight(what: "Victims: multiplier per victim beyond the first", value: "+\(Self.number(w.perExtraVictim))"),
                Weight(what: "Days of harm: an incident with no crime recorded", value: Self.number(w.harmDaysNoCrime))
            ]
            + CrimeClassification.allCases.map {
                Weight(what: "Days of harm: \($0.title)", value: Self.number(w.harmDays(for: $0, isCrime: true)))
            }
    }

    mutating func show(_ view: PerpetratorListView) {
        if let run = view.run {
            self.run =
                "Found \(Display.time(run.at)) (\(run.trigger == "daily" ? "the daily run" : "asked for by \(run.trigger)")): \(run.perpetrators) perpetrators in the window, \(run.serial) serial; \(run.entered) went on a list and \(run.left) came off."
            weightsVersion = "Ranked with weights version \(run.weightsVersion)."
        }
        weightsChanged = view.weightsChanged
        rows = view.items.map { item in
            let f = item.finding
            return Row(
                rank: f.rank, personID: f.personID, name: item.name, dateOfBirth: Display.dateOfBirth(item.dateOfBirth),
                lists: f.lists.map(\.label).joined(separator: ", "), areas: item.areaCodes.joined(separator: ", "), incidents: f.incidents,
                crimes: f.crimes, victims: f.victims, latest: "\(f.harm.daysSinceLatest) days ago", score: Self.number(f.harm.score),
                recency: "×\(Self.number(f.harm.recency))", gravity: Self.number(f.harm.gravity), victimMultiplier: "×\(Self.number(f.harm.victimMultiplier))")
        }
        victims = view.victims.map {
            VictimRow(personID: $0.entry.personID, name: $0.name, reason: $0.entry.enteredReason, since: Display.time($0.entry.enteredAt))
        }
    }

    /// Up to two decimal places, without trailing zeros.
    static func number(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded()
            ? String(Int(rounded)) : String(format: "%.2f", rounded).replacingOccurrences(of: #"0$"#, with: "", options: .regularExpression)
    }
}
