import Foundation

/// HMIC's data collection (national report, Annex D) as a CSV for a period: DA calls for assistance and those from
/// repeat victims, DA crimes in HMIC's six groups, arrests, charges, cautions, out-of-court disposals, active cases by
/// risk level on the period's last day, and MARAC referrals. It leaves the force, so every count is shown under the
/// small-numbers rule (`SmallNumbers`).
public enum AnnexDReturn {
    /// HMIC's crime groups besides "all crime": sexual offences, assault with intent to cause serious harm, assault with
    /// injury, assault without injury, harassment (stalking is recorded under harassment, as the Home Office counted
    /// it in 2013). Other classifications count in all crime only.
    public static func group(_ crime: CrimeClassification) -> String? {
        switch crime {
        case .sexualOffence: "sexual_offences"
        case .assaultWithIntent: "assault_with_intent"
        case .assaultWithInjury: "assault_with_injury"
        case .assaultWithoutInjury: "assault_without_injury"
        case .harassment, .stalking: "harassment"
        case .coerciveControl, .nonFatalStrangulation, .criminalDamage, .other: nil
        }
    }

    /// The out-of-court disposals HMIC counted beside charges and cautions.
    static let outOfCourt: [CrimeOutcome.Kind] = [.communityResolution, .restorativeJustice, .otherOutOfCourt]

    /// The return as `measure,value` lines.
    public static func csv(_ f: ForceFigures, threshold: Int) -> String {
        var groups: [String: Int] = ["sexual_offences": 0, "assault_with_intent": 0, "assault_with_injury": 0, "assault_without_injury": 0, "harassment": 0]
        for (raw, count) in f.crimesByType {
            if let name = CrimeClassification(rawValue: raw).flatMap(group) { groups[name, default: 0] += count }
        }
        func shown(_ count: Int) -> String { SmallNumbers.shown(count, threshold: threshold) }
        let outOfCourtCount = outOfCourt.map { f.outcomes[$0.rawValue] ?? 0 }.reduce(0, +)
        var rows: [(String, String)] = [("period_from", f.from), ("period_to_exclusive", f.to), ("area", f.area ?? "force")]
        rows.append(("calls_for_assistance_with_da_marker", shown(f.daIncidents)))
        rows.append(("calls_from_repeat_da_victims", shown(f.repeatVictimIncidents)))
        rows.append(("da_crimes_all", shown(f.daCrimes)))
        for name in ["sexual_offences", "assault_with_intent", "assault_with_injury", "assault_without_injury", "harassment"] {
            rows.append(("da_crimes_\(name)", shown(groups[name] ?? 0)))
        }
        rows.append(("da_arrests", shown(f.arrests)))
        rows.append(("charges", shown(f.outcomes[CrimeOutcome.Kind.charge.rawValue] ?? 0)))
        rows.append(("cautions", shown(f.outcomes[CrimeOutcome.Kind.caution.rawValue] ?? 0)))
        rows.append(("out_of_court_disposals", shown(outOfCourtCount)))
        rows.append(("active_cases_on", f.caseload.on))
        rows.append(("active_cases_high", shown(f.caseload.high)))
        rows.append(("active_cases_medium", shown(f.caseload.medium)))
        rows.append(("active_cases_standard", shown(f.caseload.standard)))
        rows.append(("marac_referrals", shown(f.marac.referrals)))
        return "measure,value\n" + rows.map { "\(CSVText.cell($0.0)),\(CSVText.cell($0.1))" }.joined(separator: "\n") + "\n"
    }
}

extension SafeguardService {
    /// Annex D's return for a period (force-wide), from the same figures as `figures`. Audited with them.
    public func annexDReturn(_ actor: Actor, from: String?, to: String?) async throws -> String {
        AnnexDReturn.csv(try await figures(actor, from: from, to: to, area: nil), threshold: policy.smallNumberThreshold)
    }
}
