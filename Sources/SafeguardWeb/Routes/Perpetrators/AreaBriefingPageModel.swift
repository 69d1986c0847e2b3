import Foundation
import SafeguardDomain

/// An area's daily briefing page: the most harmful perpetrators, high-risk victims, hotspots (street level only — the
/// page is printed), the neighbourhood tasks taken from it with their results, and who has been briefed.
struct AreaBriefingPageModel: PageModel {
    struct Perpetrator: PageModel {
        var rank: Int
        var personID: String
        var name: String?
        var lists: String
        var score: String
        var incidents: Int
        var victims: Int
        var latest: String
    }
    struct Victim: PageModel {
        var caseID: String
        var caseReference: String
        var name: String?
        var owner: String
        var district: String
    }
    struct Place: PageModel {
        var addressID: String
        var street: String
        var incidents: Int
        var latest: String
    }
    struct Task: PageModel {
        var id: String
        var kind: String
        var about: String
        var note: String
        var assignee: String
        var dueOn: String
        var result: String?
        var done: String?
        /// The viewer may record its result.
        var canRecord: Bool
    }
    struct Briefed: PageModel {
        var who: String
        var at: String
    }

    var areaCode: String
    var areaName: String
    var generatedAt: String
    var run: String?
    var perpetrators: [Perpetrator]
    var victims: [Victim]
    var hotspots: [Place]
    var tasks: [Task]
    var briefed: [Briefed]
    var canSetTasks: Bool
    var setsForOthers: Bool
    var kindChoices: [OptionModel]
    var aboutChoices: [OptionModel]
    var placeChoices: [OptionModel]

    init(_ b: AreaBriefing, actor: Actor) {
        areaCode = b.area.code
        areaName = b.area.name
        generatedAt = Display.time(b.generatedAt)
        run = b.run.map { "Ranked by the run of \(Display.time($0.at)), weights version \($0.weightsVersion)." }
        perpetrators = b.perpetrators.map { item in
            let f = item.finding
            return Perpetrator(
                rank: f.rank, personID: f.personID, name: item.name, lists: f.lists.map(\.label).joined(separator: ", "),
                score: PerpetratorPageModel.number(f.harm.score), incidents: f.incidents, victims: f.victims, latest: "\(f.harm.daysSinceLatest) days ago")
        }
        victims = b.highRiskVictims.map {
            Victim(caseID: $0.caseID, caseReference: $0.caseReference, name: $0.name, owner: $0.owner, district: $0.district ?? "")
        }
        hotspots = b.hotspots.map { Place(addressID: $0.addressID, street: $0.street, incidents: $0.incidents, latest: Display.time($0.latestAt)) }
        var names: [String: String] = [:]
        for p in b.perpetrators { names[p.finding.personID] = p.name ?? "Restricted record" }
        for v in b.highRiskVictims { names[v.personID] = v.name ?? "Restricted record" }
        let streets = Dictionary(b.hotspots.map { ($0.addressID, $0.street) }, uniquingKeysWith: { a, _ in a })
        tasks = b.tasks.map { t in
            let about = [t.personID.map { names[$0] ?? "A person" }, t.addressID.map { streets[$0] ?? "An address" }].compactMap { $0 }
            return Task(
                id: t.id, kind: t.kind.label, about: about.joined(separator: "; "), note: t.note, assignee: t.assignee.displayName, dueOn: t.dueOn,
                result: t.result, done: t.doneAt.map { "\(t.doneBy ?? "") \(Display.time($0))" },
                canRecord: t.result == nil && AreaBriefingRules.mayRecordResult(t, by: actor.user))
        }
        briefed = b.briefedToday.map { Briefed(who: $0.displayName, at: Display.time($0.at)) }
        canSetTasks = AreaBriefingRules.maySetTasks(actor.role)
        setsForOthers = actor.role.can(.manageCases)
        kindChoices = NeighbourhoodTask.Kind.allCases.map { OptionModel(value: $0.rawValue, label: $0.label) }
        aboutChoices =
            [OptionModel(value: "", label: "Nobody in particular")]
            + b.perpetrators.map { OptionModel(value: $0.finding.personID, label: "\($0.name ?? "Restricted record") (perpetrator, rank \($0.finding.rank))") }
            + b.highRiskVictims.map { OptionModel(value: $0.personID, label: "\($0.name ?? "Restricted record") (high-risk victim)") }
        placeChoices = [OptionModel(value: "", label: "No particular address")] + b.hotspots.map { OptionModel(value: $0.addressID, label: $0.street) }
    }
}
