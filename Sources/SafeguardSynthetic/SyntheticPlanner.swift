import Foundation
import SafeguardDomain
import SafeguardMatching

/// Plans a whole synthetic force from its spec: population, abuse, incidents and record noise, in that order,
/// all drawn from one seeded generator so the same spec always gives the same force.
struct ForcePlanner {
    let spec: SyntheticForceSpec
    var rng: SeededGenerator
    /// The last day (exclusive) incidents may fall on, and the first; whole days since 1970.
    let endDay: Int
    let startDay: Int
    let endSecond: Int
    var plan: ForcePlan
    var pairs: [AbusePair] = []

    // Uniqueness guards. Sets are only asked "have we seen this?", never iterated, so their per-process
    // ordering cannot leak into the output.
    var usedAddressKeys = Set<String>()
    var usedEmails = Set<String>()
    var phoneCounter = 0
    let phoneSalt: UInt64
    var legacyCounter = 0
    let townWeights: [Double]
    /// Adults living alone, by sex (0 female, 1 male): the partners a serial perpetrator moves on to.
    var singles: [[Int]] = [[], []]
    var refuges: [Int] = []

    init(spec: SyntheticForceSpec) {
        self.spec = spec
        rng = SeededGenerator(seed: spec.seed)
        endSecond = Int(spec.endDate.timeIntervalSince1970.rounded(.down))
        endDay = CivilDay.day(of: spec.endDate)
        startDay = endDay - max(1, spec.years) * 365 - max(1, spec.years) / 4
        plan = ForcePlan(seed: spec.seed)
        plan.baseline = startDay * CivilDay.secondsPerDay
        phoneSalt = SeededGenerator.mix(spec.seed ^ 0x0770_0900) % 500_000_000
        townWeights = SyntheticNames.towns.map { Double($0.weight) }
    }

    /// Plans everything; the order matters (noise needs incidents, incident addresses need everyone's moves).
    mutating func build() -> ForcePlan {
        makePopulation()
        makeRefuges()
        planAbuse()
        makeIncidents()
        orderIncidents()
        markPerpetratorsAndVictims()
        addRecordNoise()
        moveSomeVictimsToRefuges()
        resolveIncidents()
        return plan
    }

    // MARK: Shared helpers

    /// Age in whole years on a day.
    func age(_ individual: Int, on day: Int) -> Int {
        (day - plan.individuals[individual].birthDay) * 4 / 1461
    }

    /// A new address, unique in the force, first emitted with `owner`'s household.
    mutating func newAddress(owner: Int, town fixedTown: Int? = nil, confidential: Bool = false, markers: [Marker] = []) -> Int {
        let towns = SyntheticNames.towns
        while true {
            let town = fixedTown ?? rng.index(weights: townWeights)
            let street = rng.int(below: SyntheticNames.streetNames.count)
            let type = min(SyntheticNames.streetTypes.count - 1, Int(Double(SyntheticNames.streetTypes.count) * rng.unit() * rng.unit()))
            let number = 1 + Int(Double(180) * rng.unit() * rng.unit())
            let flat = rng.chance(0.15) ? rng.int(in: 1...24) : 0
            let streetLine = "\(number) \(SyntheticNames.streetNames[street]) \(SyntheticNames.streetTypes[type])"
            let key = "\(flat)|\(streetLine)|\(town)"
            guard usedAddressKeys.insert(key).inserted else { continue }
            let postcode = Self.postcode(seed: spec.seed, town: town, street: street, type: type, block: number / 40)
            let index = plan.addresses.count
            let address = Address(
                id: plan.id(.address, index), line1: flat > 0 ? "Flat \(flat)" : streetLine, line2: flat > 0 ? streetLine : nil,
                town: towns[town].name, postcode: postcode, confidential: confidential, markers: markers)
            plan.addresses.append(PlannedAddress(address: address, owner: owner, town: town))
            return index
        }
    }

    /// The same street block always gets the same postcode, as on a real street.
    static func postcode(seed: UInt64, town: Int, street: Int, type: Int, block: Int) -> String {
        let place = SyntheticNames.towns[town]
        let h = SeededGenerator.mix(seed ^ UInt64(town << 40 | street << 24 | type << 16 | block))
        let district = place.firstDistrict + Int(h % UInt64(place.districts))
        let letters = SyntheticNames.postcodeUnitLetters
        let sector = Int((h >> 8) % 10)
        let first = letters[Int((h >> 16) % UInt64(letters.count))]
        let second = letters[Int((h >> 32) % UInt64(letters.count))]
        return "\(place.postcodeArea)\(district) \(sector)\(first)\(second)"
    }

    /// A UK mobile number no one else in the force has: an affine bijection of a counter over 07[4-5,7-9]xx xxxxxx.
    mutating func newPhone() -> String {
        let space: UInt64 = 500_000_000
        let n = (UInt64(phoneCounter) &* 314_159_269 &+ phoneSalt) % space
        phoneCounter += 1
        let prefix = [4, 5, 7, 8, 9][Int(n / 100_000_000)]
        let rest = String(n % 100_000_000)
        return "07\(prefix)" + String(repeating: "0", count: 8 - rest.count) + rest
    }

    /// An email address on the reserved example domains, made unique by a number when taken.
    mutating func newEmail(first: String, surname: String, birthYear: Int) -> String {
        let f = Self.emailPart(first), s = Self.emailPart(surname)
        let domain = ["example.com", "example.org", "example.net"][rng.int(below: 3)]
        let local: String
        switch rng.int(below: 5) {
        case 0: local = "\(f).\(s)"
        case 1: local = "\(f)\(s)"
        case 2: local = "\(f).\(s)\(birthYear % 100)"
        case 3: local = "\(f.prefix(1))\(s)"
        default: local = "\(f)\(rng.int(in: 1...999))"
        }
        var candidate = "\(local)@\(domain)"
        var suffix = 2
        while !usedEmails.insert(candidate).inserted {
            candidate = "\(local)\(suffix)@\(domain)"
            suffix += 1
        }
        return candidate
    }

    static func emailPart(_ name: String) -> String {
        String(String.UnicodeScalarView(name.lowercased().unicodeScalars.filter { $0.value >= 97 && $0.value <= 122 }))
    }
}
