import Foundation

/// How a force finds and ranks the people who harm (rule 24): the window looked across, the serial rule, and the
/// harm weights. Read from the policy file's `perpetrators` object; missing keys take Lancashire's rule and the
/// default weights below.
public struct PerpetratorPolicy: Sendable, Equatable, Codable {
    /// Which incidents count towards the "against N victims" half of the serial rule.
    public enum VictimCount: String, Sendable, Codable, CaseIterable {
        /// Recorded crimes against N different victims (Lancashire).
        case crimes
        /// Any DA incident against N different victims (a MATAC-style force, with `serialVictims` 2).
        case incidents
    }

    /// Days looked back from today (default three years, as MATAC programmes do).
    public var windowDays: Int = 1095
    /// Serial: this many DA incidents as suspect within the window, or more (Lancashire: 5).
    public var serialIncidents: Int = 5
    /// Serial: against this many different victims within the window, or more (Lancashire: 3 — of recorded crimes).
    public var serialVictims: Int = 3
    /// Whether the victims count is of recorded crimes (Lancashire) or of any DA incident (MATAC).
    public var serialVictimsFrom: VictimCount = .crimes
    /// How many of an area's most harmful go on its daily briefing.
    public var briefingTop: Int = 10
    /// A hotspot: an address with this many DA incidents or more within `hotspotWindowDays`.
    public var hotspotIncidents: Int = 3
    public var hotspotWindowDays: Int = 365
    /// The harm weights, published on the page.
    public var weights: HarmWeights = HarmWeights()

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = PerpetratorPolicy()
        windowDays = try c.decodeIfPresent(Int.self, forKey: .windowDays) ?? d.windowDays
        serialIncidents = try c.decodeIfPresent(Int.self, forKey: .serialIncidents) ?? d.serialIncidents
        serialVictims = try c.decodeIfPresent(Int.self, forKey: .serialVictims) ?? d.serialVictims
        serialVictimsFrom = try c.decodeIfPresent(VictimCount.self, forKey: .serialVictimsFrom) ?? d.serialVictimsFrom
        briefingTop = try c.decodeIfPresent(Int.self, forKey: .briefingTop) ?? d.briefingTop
        hotspotIncidents = try c.decodeIfPresent(Int.self, forKey: .hotspotIncidents) ?? d.hotspotIncidents
        hotspotWindowDays = try c.decodeIfPresent(Int.self, forKey: .hotspotWindowDays) ?? d.hotspotWindowDays
        weights = try c.decodeIfPresent(HarmWeights.self, forKey: .weights) ?? d.weights
    }

    /// Settings that would list nobody, everybody or nonsense.
    func problems() -> [FieldError] {
        var errors: [FieldError] = []
        if !(30...3650).contains(windowDays) { errors.append(FieldError("perpetrators.windowDays", "must be between 30 and 3650 days")) }
        if !(2...100).contains(serialIncidents) { errors.append(FieldError("perpetrators.serialIncidents", "must be between 2 and 100")) }
        if !(2...100).contains(serialVictims) { errors.append(FieldError("perpetrators.serialVictims", "must be between 2 and 100")) }
        if !(1...100).contains(briefingTop) { errors.append(FieldError("perpetrators.briefingTop", "must be between 1 and 100")) }
        if !(2...50).contains(hotspotIncidents) { errors.append(FieldError("perpetrators.hotspotIncidents", "must be between 2 and 50")) }
        if !(30...1095).contains(hotspotWindowDays) { errors.append(FieldError("perpetrators.hotspotWindowDays", "must be between 30 and 1095 days")) }
        return errors + weights.problems()
    }
}

/// The weights of the harm ranking (recency, frequency, gravity, victims: RFG as MATAC programmes use it, plus the
/// number of victims). Every score shows its components; a change of weights is a new version, recorded with each list.
public struct HarmWeights: Sendable, Equatable, Codable {
    /// Recency: the weight halves for every this many days since his latest incident (1 on the day).
    public var recencyHalfLifeDays: Double = 180
    /// Frequency: points per DA incident in the window.
    public var pointsPerIncident: Double = 10
    /// Gravity: points per day of harm (the days below, summed over his incidents in the window).
    public var pointsPerHarmDay: Double = 0.1
    /// Gravity: days of custody at a first offender's starting point, per crime classification — defaults in the
    /// spirit of the Cambridge Crime Harm Index (England and Wales sentencing guidelines); a force sets its own.
    public var harmDays: [String: Double] = HarmWeights.cambridgeDefaults
    /// Gravity of an incident with no crime recorded (still harm, and often the start).
    public var harmDaysNoCrime: Double = 1
    /// Victims: the score is multiplied by 1 + this for each victim beyond the first.
    public var perExtraVictim: Double = 0.5

    /// Starting points, in days, by crime classification (`CrimeClassification`'s raw values).
    public static let cambridgeDefaults: [String: Double] = [
        "assault_with_intent": 1825, "sexual_offence": 1825, "non_fatal_strangulation": 365, "assault_with_injury": 182,
        "coercive_control": 182, "stalking": 182, "harassment": 28, "assault_without_injury": 20, "criminal_damage": 10, "other": 10
    ]

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = HarmWeights()
        recencyHalfLifeDays = try c.decodeIfPresent(Double.self, forKey: .recencyHalfLifeDays) ?? d.recencyHalfLifeDays
        pointsPerIncident = try c.decodeIfPresent(Double.self, forKey: .pointsPerIncident) ?? d.pointsPerIncident
        pointsPerHarmDay = try c.decodeIfPresent(Double.self, forKey: .pointsPerHarmDay) ?? d.pointsPerHarmDay
        // A force's table replaces entries it names; the rest keep the defaults.
        harmDays = d.harmDays.merging(try c.decodeIfPresent([String: Double].self, forKey: .harmDays) ?? [:]) { $1 }
        harmDaysNoCrime = try c.decodeIfPresent(Double.self, forKey: .harmDaysNoCrime) ?? d.harmDaysNoCrime
        perExtraVictim = try c.decodeIfPresent(Double.self, forKey: .perExtraVictim) ?? d.perExtraVictim
    }

    /// Days of harm for one incident: its crime's starting point, or the no-crime weight.
    public func harmDays(for classification: CrimeClassification?, isCrime: Bool) -> Double {
        guard isCrime else { return harmDaysNoCrime }
        return harmDays[(classification ?? .other).rawValue] ?? harmDays[CrimeClassification.other.rawValue] ?? harmDaysNoCrime
    }

    /// The weights as one canonical text (keys sorted): the same weights always give the same text, so the store can
    /// number each distinct set as a version.
    public var canonicalJSON: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }

    func problems() -> [FieldError] {
        var errors: [FieldError] = []
        if !(1...3650).contains(recencyHalfLifeDays) { errors.append(FieldError("perpetrators.weights.recencyHalfLifeDays", "must be 1–3650 days")) }
        for (field, value) in [("pointsPerIncident", pointsPerIncident), ("pointsPerHarmDay", pointsPerHarmDay), ("perExtraVictim", perExtraVictim)]
        where !(0...1_000).contains(value) {
            errors.append(FieldError("perpetrators.weights.\(field)", "must be between 0 and 1000"))
        }
        if pointsPerIncident == 0 && pointsPerHarmDay == 0 {
            errors.append(FieldError("perpetrators.weights", "pointsPerIncident and pointsPerHarmDay cannot both be 0: every score would be 0"))
        }
        let unknown = harmDays.keys.filter { CrimeClassification(rawValue: $0) == nil }.sorted()
        if !unknown.isEmpty {
            errors.append(FieldError("perpetrators.weights.harmDays", "\(unknown.joined(separator: ", ")) is not a crime classification"))
        }
        if harmDays.values.contains(where: { !(0...36_500).contains($0) }) || !(0...36_500).contains(harmDaysNoCrime) {
            errors.append(FieldError("perpetrators.weights.harmDays", "each must be 0–36500 days"))
        }
        return errors
    }
}
