import Foundation
import SafeguardDomain
import SafeguardSynthetic
import Testing

/// Rule 32: small numbers suppressed cell by cell, secondary suppression across every sum that binds the cells, and
/// leaders held to fixed periods so two views cannot be subtracted.
@Suite("Small-number suppression")
struct SuppressionRulesTests {
    /// No sum may be left with exactly one hidden cell: that cell would be the total less the others.
    static func noSumGivesOneAway(_ shown: [String: ShownCount], _ groups: [SumGroup]) -> Bool {
        groups.allSatisfy { group in ([group.total] + group.members).filter { shown[$0] != nil && shown[$0]?.exact == nil }.count != 1 }
    }

    @Test("Rule 32: a count from 1 to the threshold shows as 'fewer than 10'; none shows as 0 and 10 as 10")
    func rule32SmallNumbersCellByCell() {
        let shown = SuppressionRules.suppress(["none": 0, "one": 1, "nine": 9, "ten": 10], groups: [], threshold: 9)
        #expect(shown["none"] == .count(0) && shown["one"] == .fewerThan(10) && shown["nine"] == .fewerThan(10) && shown["ten"] == .count(10))
        #expect(shown["one"]?.text == "fewer than 10" && shown["ten"]?.text == "10")
        // The threshold is the force's: at 4, five shows.
        let five = SuppressionRules.suppress(["five": 5, "four": 4], groups: [], threshold: 4)
        #expect(five["five"] == .count(5) && five["four"] == .fewerThan(5))
        #expect(
            SmallNumbers.shown(0, threshold: 9) == "0" && SmallNumbers.shown(9, threshold: 9) == "fewer than 10" && SmallNumbers.shown(5, threshold: 4) == "5")
        #expect(SmallNumbers.shown(4, threshold: 4) == "fewer than 5" && SmallNumbers.shown(percent: 50, of: 10, in: 9, threshold: 9) == "suppressed")
    }

    @Test("Rule 32: a hidden cell cannot be worked out from its total — the smallest other cell is withheld with it")
    func rule32SecondarySuppression() {
        let groups = [SumGroup(total: "crimes", members: ["assault", "harassment", "stalking", "other"])]
        let shown = SuppressionRules.suppress(["crimes": 25, "assault": 3, "harassment": 12, "stalking": 10, "other": 0], groups: groups, threshold: 9)
        #expect(shown["assault"] == .fewerThan(10) && shown["stalking"] == .withheld)
        #expect(shown["harassment"] == .count(12) && shown["other"] == .count(0) && shown["crimes"] == .count(25))
        #expect(Self.noSumGivesOneAway(shown, groups))
        // Two "fewer than 10" that the total pins (they add up to 2, so each is 1) are not enough: one more is withheld.
        let sexes = [SumGroup(total: "victims", members: ["female", "male", "unknown", "other"])]
        let pinned = SuppressionRules.suppress(["victims": 152, "female": 150, "male": 1, "unknown": 1, "other": 0], groups: sexes, threshold: 9)
        #expect(pinned["male"] == .fewerThan(10) && pinned["unknown"] == .fewerThan(10) && pinned["female"] == .withheld)
        let atTheTop = SuppressionRules.suppress(["victims": 48, "female": 30, "male": 9, "unknown": 9, "other": 0], groups: sexes, threshold: 9)
        #expect(atTheTop["female"] == .withheld)
        // Two small cells already hide each other: nothing more is withheld.
        let two = SuppressionRules.suppress(["t": 30, "a": 3, "b": 4, "c": 23], groups: [SumGroup(total: "t", members: ["a", "b", "c"])], threshold: 9)
        #expect(two["c"] == .count(23) && two["t"] == .count(30))
    }

    @Test("Rule 32: across areas and categories at once — withholding a cell for one sum is seen by every sum it is in")
    func rule32SecondaryAcrossTwoDimensions() {
        // North and South by two kinds of crime, with their totals and the force's.
        let values = [
            "N.p": 3, "N.q": 20, "N": 23, "S.p": 15, "S.q": 30, "S": 45, "F.p": 18, "F.q": 50, "F": 68
        ]
        let groups = [
            SumGroup(total: "N", members: ["N.p", "N.q"]), SumGroup(total: "S", members: ["S.p", "S.q"]),
            SumGroup(total: "F", members: ["F.p", "F.q"]), SumGroup(total: "F.p", members: ["N.p", "S.p"]),
            SumGroup(total: "F.q", members: ["N.q", "S.q"]), SumGroup(total: "F", members: ["N", "S"])
        ]
        let shown = SuppressionRules.suppress(values, groups: groups, threshold: 9)
        #expect(shown["N.p"] == .fewerThan(10))
        #expect(Self.noSumGivesOneAway(shown, groups))
        // North's own total still shows; its small cell does not come back through South or the force.
        #expect(shown.values.filter { $0.exact == nil }.count >= 4)
    }

    @Test("Rule 32: on many random tables every small cell is hidden and no sum is left with one hidden cell")
    func rule32NoSumGivesOneAwayOnRandomTables() {
        var generator = SeededGenerator(seed: 32)
        for _ in 0..<200 {
            // Rows by columns with margins, counts skewed small.
            let rows = Int.random(in: 2...5, using: &generator), columns = Int.random(in: 2...6, using: &generator)
            var values: [String: Int] = [:]
            for r in 0..<rows {
                for c in 0..<columns { values["\(r).\(c)"] = [0, 1, 2, 5, 9, 10, 14, 40, 120].randomElement(using: &generator) ?? 0 }
            }
            var groups: [SumGroup] = []
            for r in 0..<rows {
                values["\(r).*"] = (0..<columns).map { values["\(r).\($0)"] ?? 0 }.reduce(0, +)
                groups.append(SumGroup(total: "\(r).*", members: (0..<columns).map { "\(r).\($0)" }))
            }
            for c in 0..<columns {
                values["*.\(c)"] = (0..<rows).map { values["\($0).\(c)"] ?? 0 }.reduce(0, +)
                groups.append(SumGroup(total: "*.\(c)", members: (0..<rows).map { "\($0).\(c)" }))
            }
            values["*.*"] = (0..<rows).map { values["\($0).*"] ?? 0 }.reduce(0, +)
            groups.append(SumGroup(total: "*.*", members: (0..<rows).map { "\($0).*" }))
            groups.append(SumGroup(total: "*.*", members: (0..<columns).map { "*.\($0)" }))
            let shown = SuppressionRules.suppress(values, groups: groups, threshold: 9)
            #expect(values.allSatisfy { !(1...9).contains($0.value) || shown[$0.key] == .fewerThan(10) })
            #expect(values.allSatisfy { shown[$0.key]?.exact == nil || shown[$0.key]?.exact == $0.value })
            #expect(Self.noSumGivesOneAway(shown, groups))
        }
    }

    @Test("Rule 32: a share is suppressed when either count is hidden or its denominator is small")
    func rule32SharesOfTooFewSuppressed() {
        #expect(SuppressionRules.share(.count(12), of: .count(40), threshold: 9) == 0.3)
        #expect(SuppressionRules.share(.count(0), of: .count(9), threshold: 9) == nil)
        #expect(SuppressionRules.share(.fewerThan(10), of: .count(40), threshold: 9) == nil)
        #expect(SuppressionRules.share(.count(12), of: .withheld, threshold: 9) == nil)
    }

    @Test("Rule 32: leaders choose a year, quarter or month — arbitrary dates, which two views could subtract, are refused")
    func rule32FixedPeriodsOnly() throws {
        let year = try FixedPeriod.parse("2025"), quarter = try FixedPeriod.parse("2025-q3"), month = try FixedPeriod.parse("2025-12")
        #expect(year.from == "2025-01-01" && year.to == "2026-01-01" && year.months.count == 12)
        #expect(quarter.code == "2025-Q3" && quarter.from == "2025-07-01" && quarter.to == "2025-10-01" && quarter.calendarYear == year)
        #expect(month.from == "2025-12-01" && month.to == "2026-01-01")
        for bad in ["2025-01-01", "2025-01-15..2025-02-01", "2025-Q5", "2025-13", "25", "", "2025-W10"] {
            do {
                _ = try FixedPeriod.parse(bad)
                Issue.record("\(bad) was taken as a leader's period")
            } catch DomainError.invalid(let errors) {
                #expect(errors.map(\.field) == ["period"])
            } catch { Issue.record("\(error)") }
        }
    }
}
