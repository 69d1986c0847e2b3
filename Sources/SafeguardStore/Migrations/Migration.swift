import Foundation

/// One numbered change to the schema. Statements are plain SQL that both engines accept,
/// except where `statements(for:)` is given the engine to choose.
public struct Migration: Sendable {
    public let version: Int
    public let name: String
    public let statements: @Sendable (SQLEngine) -> [String]
}

/// Every migration, in order. Add new ones at the end; never edit one that has shipped.
public let allMigrations: [Migration] = [
    .m001Spine,
    .m002Accounts,
    .m003Audit,
    .m004SyntheticTruth,
    .m005MatchKeys,
    .m006MatchProposals,
    .m007LinkDecisions,
    .m008CallsAndResponse,
    .m009MatchRecords,
    .m010RiskAssessments,
    .m011CasesAndTasks,
    .m012SceneRecords,
    .m013CustodyEvents,
    .m014OrdersContactsOutcomes,
    .m015SafeContactHistory,
    .m016EvidenceChanges,
    .m017NameVariants,
    .m018MatchIndexState,
    .m019PersonDataQuality,
    .m020CaseSpans,
    .m021AreaPostcodes,
    .m022History,
    .m023Warnings,
    .m024AddressKeys,
    .m025Households,
    .m026TaskSources,
    .m027CallClosures,
    .m028CaseSpanClasses,
    .m029MaracReferrals,
    .m030PartnerAgencies,
    .m031CaseShares,
    .m032MaracMeetings,
    .m033MaracResearchAttendance,
    .m034MaracAreas,
    .m035PerpetratorLists,
    .m036NeighbourhoodBriefing,
    .m037OrderRequirements,
    .m038DisclosureScheme,
    .m039PlacedCasesAndHotspots,
    .m040HomicideReviews,
    .m041SatisfactionSurveys,
    .m042ReferenceFigures,
    .m043QualitySamples,
    .m044FigureIndexes,
    .m045KeyedAuditChain,
    .m046StaffList,
    .m047Retention,
    .m048RetentionQueueIndex
]
