import Foundation
import SQLKit

/// How the store finds the spells that contain a moment without reading every spell begun before it: each ended
/// spell is filed in a class by how long it lasted (up to an hour, two, four, … about thirty years), so a spell of
/// class c that contains t began no earlier than t minus the class's bound. The caseload on a date then reads, per
/// class, only the spells begun within that window — about the answer itself, not half of ten years of spells.
/// Running spells (no end) have no class and are read from their own index. A storage device, not a rule: which
/// spells count stays `from_at < t <= to_at` (or still running).
enum CaseSpanClass {
    /// Each class's longest spell, in seconds: an hour, doubling.
    static let bounds: [Int64] = (0...18).map { Int64(3_600) << $0 }
    /// The class of spells longer than every bound (read with no lower limit on their start).
    static var unbounded: Int { bounds.count }

    static func of(from: Int64, to: Int64) -> Int { bounds.firstIndex { to - from <= $0 } ?? unbounded }

    /// The class as SQL text, for a spell that began at its `from_at` column and ends at `end`: a column name or a
    /// number (never typed input: the migration names the column, the store an epoch it computed).
    static func sqlText(end: String) -> String {
        "CASE " + bounds.enumerated().map { "WHEN \(end) - from_at <= \($1) THEN \($0)" }.joined(separator: " ") + " ELSE \(unbounded) END"
    }

    /// Every spell, ended or running, that contains `t`, as one query's rows (`level`), read through the indexes.
    static func containing(_ t: Int64) -> SQLQueryString {
        var parts: [SQLQueryString] = bounds.enumerated().map { index, bound in
            """
            SELECT level FROM case_spans WHERE span_class = \(unsafeRaw: String(index)) AND from_at >= \(bind: t - bound) AND from_at < \(bind: t) AND to_at >= \(bind: t)
            """
        }
        parts.append("SELECT level FROM case_spans WHERE span_class = \(unsafeRaw: String(unbounded)) AND from_at < \(bind: t) AND to_at >= \(bind: t)")
        parts.append("SELECT level FROM case_spans WHERE to_at IS NULL AND from_at < \(bind: t)")
        return parts.joined(separator: " UNION ALL ")
    }
}
