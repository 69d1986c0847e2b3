import Foundation

/// Immediate safety actions at the scene (rule 12). The default is the Cambridgeshire toolkit the national report
/// describes, in our words; a force replaces it with `safetyToolkit` in its policy file.
public enum SafetyToolkit {
    /// The action that sets warnings itself (the policy's default `toolkitWarningAction`).
    public static let warningMarker = "Put a warning marker on the address and the phone number"

    public static let cambridgeshire: [String] = [
        "Locate and arrest the suspect",
        "Help the victim relocate to a safe place",
        "Secure the property (locks, lighting, door and window security)",
        "Fit a panic alarm or personal attack alarm",
        warningMarker,
        "Brief on-coming shifts",
        "Refer to partner agencies (IDVA, housing, social care)",
        "Give the victim helpline details",
        "Log the victim's mobile number for silent 999 calls",
        "Arrange neighbourhood officer visits"
    ]
}
