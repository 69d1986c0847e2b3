import Foundation

/// An agency round the victim: the police, and the partners a MARAC brings to the table (rules 21–23).
public enum Agency: String, Sendable, Codable, CaseIterable {
    case police, idva
    case childrensSocialCare = "childrens_social_care"
    case adultSocialCare = "adult_social_care"
    case health, housing, probation

    public var label: String {
        switch self {
        case .police: "Police"
        case .idva: "IDVA service"
        case .childrensSocialCare: "Children's social care"
        case .adultSocialCare: "Adult social care"
        case .health: "Health"
        case .housing: "Housing"
        case .probation: "Probation"
        }
    }
}
