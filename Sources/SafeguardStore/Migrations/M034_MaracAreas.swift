import Foundation

extension Migration {
    /// Issue 21: a MARAC per area. Each meeting serves an area and each referral is heard by its area's MARAC (where
    /// she lives); both nullable, as a force with no areas holds one force-wide MARAC.
    static let m034MaracAreas = Migration(version: 34, name: "MARAC areas") { _ in
        [
            "ALTER TABLE marac_meetings ADD COLUMN area_id TEXT REFERENCES areas (id)",
            "ALTER TABLE marac_referrals ADD COLUMN area_id TEXT REFERENCES areas (id)",
            "CREATE INDEX marac_referrals_waiting ON marac_referrals (referred_at) WHERE meeting_id IS NULL"
        ]
    }
}
