import Foundation

extension Migration {
    /// Issue 23, part 1: the force's monthly totals for other victim-based and violent crime, typed in as reference data
    /// for the figures' comparison (rule 31), with who entered them.
    static let m042ReferenceFigures = Migration(version: 42, name: "Reference figures") { _ in
        [
            """
            CREATE TABLE reference_figures (month TEXT NOT NULL, category TEXT NOT NULL, crimes INTEGER NOT NULL, outcomes TEXT NOT NULL,
              entered_by TEXT NOT NULL, entered_at BIGINT NOT NULL, PRIMARY KEY (month, category))
            """
        ]
    }
}
