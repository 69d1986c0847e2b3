import Foundation

extension Migration {
    /// Issue 21: a MARAC per area, and whether she identifies as LGBT+ (the quarterly return counts it). Each meeting serves an area and each referral is heard by its area's MARAC (where
    /// she lives); both nullable, as a force with no areas holds one force-wide MARAC.
    static let m034MaracAreas = Migration(version: 34, name: "MARAC areas") { _ in
        [
            "ALTER TABLE marac_meetings ADD COLUMN area_id TEXT REFERENCES areas (id)",
            "ALTER TABLE marac_referrals ADD COLUMN area_id TEXT REFERENCES areas (id)",
            // Her own answer at referral, for SafeLives' return; older referrals were never asked.
            "ALTER TABLE marac_referrals ADD COLUMN victim_lgbt TEXT NOT NULL DEFAULT 'not_asked'",
            "CREATE INDEX marac_referrals_waiting ON marac_referrals (referred_at) WHERE meeting_id IS NULL"
        ]
    }
}
