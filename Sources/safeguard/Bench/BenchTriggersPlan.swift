import Foundation
import SafeguardDomain
import SafeguardSynthetic

/// A generated force-year of domestic abuse events, day by day, from a seed: the incidents (with repeat victims, and
/// perpetrators who move on to new victims), what custody and the courts do with each suspect, and the orders made.
/// The plan names people by number; the bench learns their record ids from the API as it creates them.
struct ForceYearPlan {
    enum Event {
        /// A call about incident `n`.
        case call(Int)
        /// A custody or court event for incident `n`'s suspect.
        case custody(Int, CustodyEvent.Kind)
        /// An order against incident `n`'s suspect protecting its victim.
        case order(Int, ProtectiveOrder.Kind)
        /// Something happening to incident `n`'s order of that kind.
        case orderEvent(Int, ProtectiveOrder.Kind, OrderEvent.Kind)
    }

    struct Incident {
        var day: Int
        /// Victim and suspect by number; `newVictim`/`newSuspect` when this call is the first time the force meets them.
        var victim: Int
        var newVictim: Bool
        var suspect: Int
        var newSuspect: Bool
    }

    var days: Int
    var incidents: [Incident] = []
    /// Events by day, in the order they happen that day.
    var events: [[Event]]

    init(years: Int, incidentsPerYear: Int, seed: UInt64) {
        days = 365 * years
        events = Array(repeating: [], count: days + 200)
        var rng = SeededGenerator(seed: seed)
        let total = incidentsPerYear * years
        var victimsBefore: [Int] = []  // victims met on earlier days
        var victimsToday: [Int] = []
        var lastSuspectOf: [Int: Int] = [:]
        var suspectsBefore: [Int] = []
        var suspectsToday: [Int] = []
        var people = 0
        var day = -1
        for n in 0..<total {
            let today = n * days / total
            if today != day {
                victimsBefore += victimsToday; suspectsBefore += suspectsToday
                victimsToday = []; suspectsToday = []
                day = today
            }
            // About a third of calls are from victims the force has met before (the national report's repeat victims).
            var victim: Int
            var newVictim = false
            if !victimsBefore.isEmpty, rng.chance(0.35) {
                victim = victimsBefore[rng.int(below: victimsBefore.count)]
            } else {
                victim = people; people += 1; newVictim = true; victimsToday.append(victim)
            }
            var suspect: Int
            var newSuspect = false
            // Her usual abuser, unless the force met him only today (his record may not exist yet when this call is sent).
            if let last = lastSuspectOf[victim], !suspectsToday.contains(last), rng.chance(0.85) {
                suspect = last
            } else if !suspectsBefore.isEmpty, rng.chance(0.08) {
                suspect = suspectsBefore[rng.int(below: suspectsBefore.count)]  // a serial perpetrator with a new victim
            } else {
                suspect = people; people += 1; newSuspect = true; suspectsToday.append(suspect)
            }
            lastSuspectOf[victim] = suspect
            incidents.append(Incident(day: today, victim: victim, newVictim: newVictim, suspect: suspect, newSuspect: newSuspect))
            events[today].append(.call(n))
            planCustody(n, day: today, rng: &rng)
            planOrders(n, day: today, rng: &rng)
        }
    }

    /// Most DA crimes see an arrest; then release with no charge, under investigation, on police bail, or a charge
    /// with remand or court bail, a result, sometimes a sentence and a prison release months later.
    private mutating func planCustody(_ n: Int, day: Int, rng: inout SeededGenerator) {
        guard rng.chance(0.6) else { return }
        events[day].append(.custody(n, .arrest))
        if rng.chance(0.3) { events[day].append(.custody(n, .interview)) }
        let release = rng.index(weights: [0.25, 0.25, 0.25, 0.25])
        switch release {
        case 0: events[day + 1].append(.custody(n, .releasedNoCharge))
        case 1: events[day + 1].append(.custody(n, .releasedUnderInvestigation))
        case 2: events[day + 1].append(.custody(n, .policeBail))
        default:
            events[day + 1].append(.custody(n, .charged))
            if rng.chance(0.4) {
                events[day + 1].append(.custody(n, .remanded))
            } else {
                events[day + 1].append(.custody(n, .courtBail))
            }
            events[day + 30].append(.custody(n, .courtResult))
            if rng.chance(0.3) {
                events[day + 45].append(.custody(n, .sentenced))
                events[day + 46].append(.custody(n, .prisonReleaseExpected))
                events[day + 120].append(.custody(n, .prisonReleased))
            }
        }
    }

    /// Some incidents bring a DVPN, most of which go to court within 48 hours and become a DVPO; some are breached.
    private mutating func planOrders(_ n: Int, day: Int, rng: inout SeededGenerator) {
        guard rng.chance(0.08) else { return }
        events[day].append(.order(n, .dvpn))
        guard rng.chance(0.85) else { return }  // the rest lapse: the 48-hour trigger must find them
        events[day + 1].append(.orderEvent(n, .dvpn, .hearingBooked))
        events[day + 2].append(.order(n, .dvpo))  // which ends the DVPN it replaces
        if rng.chance(0.1) { events[day + 12].append(.orderEvent(n, .dvpo, .breached)) }
    }
}
