import Foundation

/// One part of a trigger's source key: fixed text, or a named value of the thing that fired it.
public enum TriggerKeyPart: Sendable, Equatable {
    case text(String)
    case value(String)
}

/// How each date-driven trigger's source key is spelt, part by part: the one definition that both the domain's
/// `TriggerRules.source(…)` and the store's "has this already fired?" question follow, so a key can never be spelt
/// one way when it fires and another way when the clocks ask (a second task every clock run, or none ever).
public enum TriggerKeys {
    /// An order or bail nearing its end date (values: `order_id`, `ends_on`).
    public static let orderEnding: [TriggerKeyPart] = [.text("order-ending:"), .value("order_id"), .text(":"), .value("ends_on")]
    /// A notice with no court hearing (values: `order_id`).
    public static let noticeWithoutHearing: [TriggerKeyPart] = [.text("notice-no-hearing:"), .value("order_id")]
    /// A quiet spell, and how many whole quiet periods into it (values: `case_id`, `last_seen` in epoch seconds,
    /// `periods`).
    public static let quiet: [TriggerKeyPart] = [.text("quiet:"), .value("case_id"), .text(":"), .value("last_seen"), .text(":"), .value("periods")]

    /// How long after a notice's hearing deadline the clocks still look for it: the alarm is long past after a week,
    /// and an older notice with no hearing has been dealt with or has lapsed on the record.
    public static let noticeLookBackDays = 7

    /// The key spelt with these values.
    public static func spell(_ parts: [TriggerKeyPart], _ values: [String: String]) -> String {
        parts.map { part in
            switch part {
            case .text(let text): text
            case .value(let name): values[name] ?? ""
            }
        }.joined()
    }
}
