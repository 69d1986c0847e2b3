import Foundation

/// What crime was recorded, for counting harm (the perpetrators issue weighs gravity by it) and for the figures. The
/// officer records it with the crime; it can be corrected later, with the old value kept (rule 34).
public enum CrimeClassification: String, Sendable, Codable, CaseIterable {
    /// Assault with intent to cause serious harm.
    case assaultWithIntent = "assault_with_intent"
    case assaultWithInjury = "assault_with_injury"
    case assaultWithoutInjury = "assault_without_injury"
    case harassment, stalking
    case coerciveControl = "coercive_control"
    case nonFatalStrangulation = "non_fatal_strangulation"
    case sexualOffence = "sexual_offence"
    case criminalDamage = "criminal_damage"
    case other

    public var title: String {
        switch self {
        case .assaultWithIntent: "Assault with intent to cause serious harm"
        case .assaultWithInjury: "Assault with injury"
        case .assaultWithoutInjury: "Assault without injury"
        case .harassment: "Harassment"
        case .stalking: "Stalking"
        case .coerciveControl: "Controlling or coercive behaviour"
        case .nonFatalStrangulation: "Non-fatal strangulation or suffocation"
        case .sexualOffence: "Sexual offence"
        case .criminalDamage: "Criminal damage"
        case .other: "Other crime"
        }
    }
}
