import Foundation

/// A count as it is shown to leaders and in anything leaving the force (rule 32).
public enum ShownCount: Sendable, Equatable, Encodable {
    /// The exact count: none, or more than the threshold.
    case count(Int)
    /// From 1 up to the threshold: "fewer than" the next number.
    case fewerThan(Int)
    /// Hidden though not small, so that a small cell cannot be worked out from a total or its neighbours
    /// (secondary suppression).
    case withheld

    /// As the page and the CSV print it.
    public var text: String {
        switch self {
        case .count(let n): String(n)
        case .fewerThan(let bound): "fewer than \(bound)"
        case .withheld: "withheld"
        }
    }

    /// The exact count when it is shown.
    public var exact: Int? {
        if case .count(let n) = self { return n }
        return nil
    }

    /// A number when shown, otherwise the words: the API's contract (`oneOf` integer, string).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        if let exact { try c.encode(exact) } else { try c.encode(text) }
    }
}

/// Cells that add up to a total: knowing all but one of them, the last can be worked out.
public struct SumGroup: Sendable, Equatable {
    public var total: String
    public var members: [String]

    public init(total: String, members: [String]) { (self.total, self.members) = (total, members) }
}

/// Small-number suppression (rule 32), cell by cell. Primary: a count from 1 to the threshold is hidden. Secondary:
/// wherever cells add up to a total, no sum may be left with exactly one hidden cell — else that cell is the total
/// less the others — nor with small hidden cells the total pins (two "fewer than 10" adding up to 2 are both 1), so
/// one more is hidden (the smallest other, a count before a none), over and over until no sum gives one away. The
/// sums can run across categories, areas and periods at once: hiding a cell for one sum is then seen by all the sums
/// it is in.
public enum SuppressionRules {
    /// `values` keyed by cell; `groups` the sums that bind them. Cells not in `values` are known to be absent.
    public static func suppress(_ values: [String: Int], groups: [SumGroup], threshold: Int) -> [String: ShownCount] {
        var hidden: [String: ShownCount] = [:]
        for (key, value) in values where SmallNumbers.isSmall(value, threshold: threshold) { hidden[key] = primary(value, threshold: threshold) }
        // Groups a cell is in, so a change re-examines only the sums it touches.
        var groupsOf: [String: [Int]] = [:]
        for (index, group) in groups.enumerated() {
            for key in [group.total] + group.members { groupsOf[key, default: []].append(index) }
        }
        var pending = Array(groups.indices)
        var queued = Set(pending)
        while let index = pending.popLast() {
            queued.remove(index)
            let group = groups[index]
            let cells = ([group.total] + group.members).filter { values[$0] != nil }
            let hiddenCells = cells.filter { hidden[$0] != nil }
            guard hiddenCells.count == 1 || pinned(group, values: values, hidden: hidden, threshold: threshold) else { continue }
            let visible = group.members.filter { values[$0] != nil && hidden[$0] == nil }
            // The smallest count hides least; a none only when nothing else is left, and then the total.
            let pick =
                visible.filter { values[$0] != 0 }.min { (values[$0, default: 0], $0) < (values[$1, default: 0], $1) }
                ?? (hidden[group.total] == nil ? group.total : nil)
                ?? visible.min()
            guard let pick else { continue }
            hidden[pick] = .withheld
            for touched in groupsOf[pick] ?? [] where !queued.contains(touched) {
                pending.append(touched)
                queued.insert(touched)
            }
        }
        var shown: [String: ShownCount] = [:]
        for (key, value) in values { shown[key] = hidden[key] ?? .count(value) }
        return shown
    }

    /// Whether the shown total and members pin every hidden member to one value although two or more are hidden: when
    /// each is known to be from 1 to the threshold ("fewer than 10") and they must add up to their least (all 1) or
    /// their most (all at the threshold). A withheld cell could be anything, so its sum pins nothing.
    static func pinned(_ group: SumGroup, values: [String: Int], hidden: [String: ShownCount], threshold: Int) -> Bool {
        guard hidden[group.total] == nil, let total = values[group.total] else { return false }
        let hiddenMembers = group.members.filter { values[$0] != nil && hidden[$0] != nil }
        guard hiddenMembers.count >= 2, hiddenMembers.allSatisfy({ hidden[$0] == .fewerThan(threshold + 1) }) else { return false }
        let shownSum = group.members.filter { values[$0] != nil && hidden[$0] == nil }.map { values[$0, default: 0] }.reduce(0, +)
        let left = total - shownSum
        return left == hiddenMembers.count || left == hiddenMembers.count * threshold
    }

    /// One count under the primary rule alone (a count no sum binds): "fewer than" the next number when small.
    public static func primary(_ count: Int, threshold: Int) -> ShownCount {
        SmallNumbers.isSmall(count, threshold: threshold) ? .fewerThan(threshold + 1) : .count(count)
    }

    /// A share of two shown counts, as a fraction; nil (suppressed) when either is hidden or the whole is small.
    public static func share(_ part: ShownCount?, of whole: ShownCount?, threshold: Int) -> Double? {
        guard let part = part?.exact, let whole = whole?.exact, whole > threshold else { return nil }
        return FigureRules.share(part, of: whole)
    }
}
