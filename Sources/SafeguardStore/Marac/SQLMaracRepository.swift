import Foundation
import SafeguardDomain
import SQLKit

/// MARAC referrals in `marac_referrals`, with each case's reference read from `cases`.
struct SQLMaracRepository: MaracRepository {
    let db: any SQLDatabase

    static let select = "SELECT m.*, c.reference FROM marac_referrals m JOIN cases c ON c.id = m.case_id"

    func create(_ r: MaracReferral, byUserID: String) async throws {
        try await db.raw(
            """
            INSERT INTO marac_referrals (id, case_id, victim_person_id, perpetrator_ids, criteria, referring_agency, research, referred_by,
              referred_by_user_id, referred_at, is_repeat, window_ends, area_id, victim_lgbt)
            VALUES (\(bind: r.id), \(bind: r.caseID), \(bind: r.victimPersonID), \(bind: try Self.json(r.perpetratorIDs)),
              \(bind: try Self.json(r.criteria.map(\.rawValue))), \(bind: r.referringAgency.rawValue), \(bind: r.research), \(bind: r.referredBy),
              \(bind: byUserID), \(bind: r.referredAt.epoch), \(bind: r.isRepeat), \(bind: r.repeatWindowEnds.epoch), \(bind: r.areaID), \(bind: r.victimLGBT.rawValue))
            """
        ).run()
    }

    func referrals(victimPersonIDs ids: [String]) async throws -> [MaracReferral] {
        guard !ids.isEmpty else { return [] }
        return try await db.raw(
            "\(unsafeRaw: Self.select) WHERE m.victim_person_id IN (\(binds: ids)) ORDER BY m.referred_at DESC, m.id DESC"
        ).all().map(Self.referral)
    }

    func recent(limit: Int) async throws -> [MaracReferral] {
        try await db.raw("\(unsafeRaw: Self.select) ORDER BY m.referred_at DESC, m.id DESC LIMIT \(bind: limit)").all().map(Self.referral)
    }

    func referrals(from: Date, to: Date) async throws -> [MaracReferral] {
        try await db.raw(
            "\(unsafeRaw: Self.select) WHERE m.referred_at >= \(bind: from.epoch) AND m.referred_at < \(bind: to.epoch) ORDER BY m.referred_at, m.id"
        ).all().map(Self.referral)
    }

    func windowsEnding(after: Date, before: Date, limit: Int) async throws -> [MaracReferral] {
        try await db.raw(
            """
            \(unsafeRaw: Self.select) WHERE m.window_ends > \(bind: after.epoch) AND m.window_ends <= \(bind: before.epoch)
            ORDER BY m.window_ends, m.id LIMIT \(bind: limit)
            """
        ).all().map(Self.referral)
    }

    static func referral(_ row: any SQLRow) throws -> MaracReferral {
        let criteria = try JSONDecoder().decode([String].self, from: Data(try row.string("criteria").utf8))
        var referral = MaracReferral(
            id: try row.string("id"), caseID: try row.string("case_id"), caseReference: try row.string("reference"),
            victimPersonID: try row.string("victim_person_id"),
            perpetratorIDs: try JSONDecoder().decode([String].self, from: Data(try row.string("perpetrator_ids").utf8)),
            criteria: try criteria.map { raw in
                guard let criterion = MaracCriterion(rawValue: raw) else {
                    throw UnreadableValue(table: "marac_referrals", column: "criteria", value: raw, type: "MaracCriterion")
                }
                return criterion
            },
            referringAgency: try row.choice(Agency.self, "referring_agency", in: "marac_referrals"), research: try row.string("research"),
            referredBy: try row.string("referred_by"), referredAt: try row.date("referred_at"), isRepeat: try row.bool("is_repeat"),
            repeatWindowEnds: try row.date("window_ends"), meetingID: try row.optionalString("meeting_id"),
            areaID: try row.optionalString("area_id"))
        referral.victimLGBT = try row.choice(LGBTIdentity.self, "victim_lgbt", in: "marac_referrals")
        return referral
    }

    static func json(_ values: [String]) throws -> String { String(decoding: try JSONEncoder().encode(values), as: UTF8.self) }
}
