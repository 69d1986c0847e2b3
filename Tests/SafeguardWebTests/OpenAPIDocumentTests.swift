import Foundation
import SafeguardDomain
import Testing

/// The API document is checked, not trusted: every enum the API exposes is defined once, as a component, and holds
/// exactly the domain's values. (The routes are compared with the router in `AuditCoverageTests`.)
@Suite("The OpenAPI document")
struct OpenAPIDocumentTests {
    static func document() throws -> [String: Any] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/SafeguardWeb/Resources/openapi.json").standardized
        return try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    static func values<E: CaseIterable & RawRepresentable>(_ type: E.Type) -> [String] where E.RawValue == String { E.allCases.map(\.rawValue) }

    /// Each enum component and the domain type it mirrors.
    static let domainEnums: [String: [String]] = [
        "Answer": values(Answer.self), "Grade": values(Grade.self), "RiskLevel": values(RiskLevel.self),
        "EvidenceAnswer": values(EvidenceAnswer.self), "PartyRole": values(PartyRole.self), "Sex": values(Sex.self),
        "Channel": values(Channel.self), "Relationship": values(Relationship.self), "ContactTeam": values(ContactEntry.Team.self),
        "ContactMethod": values(ContactEntry.Method.self), "Setting": values(Setting.self), "WarningSubjectKind": values(WarningSubjectKind.self),
        "PersonNameKind": values(PersonName.Kind.self), "AbuseType": values(AbuseType.self), "LinkDecision": values(LinkDecision.self),
        "CallerKind": values(CallerKind.self), "SuspectLocation": values(SuspectLocation.self), "FearLevel": values(FearLevel.self),
        "GradingOutcome": values(GradingDecision.Outcome.self), "OrderKind": values(ProtectiveOrder.Kind.self),
        "ControlRoomAlertKind": values(ControlRoomAlert.Kind.self), "LevelChangeReason": values(LevelChangeReason.self),
        "Role": values(Role.self), "CaseStatus": values(SafeguardingCase.Status.self), "CaseEventKind": values(CaseOwnershipEvent.Kind.self),
        "TaskKind": values(CaseTask.Kind.self), "InterpreterKind": values(InterpreterNeed.Kind.self),
        "CustodyEventKind": values(CustodyEvent.Kind.self), "TimelineKind": values(TimelineEntry.Kind.self),
        "OrderEventKind": values(OrderEvent.Kind.self), "CrimeOutcomeKind": values(CrimeOutcome.Kind.self),
        "CrimeOutcomeDecider": values(CrimeOutcome.Decider.self), "CrimeClassification": values(CrimeClassification.self),
        "Ethnicity": values(Ethnicity.self), "HouseholdRole": values(HouseholdRole.self),
        "CallClosureKind": values(CallClosureKind.self), "MaracCriterion": values(MaracCriterion.self), "LGBTIdentity": values(LGBTIdentity.self),
        "Agency": values(Agency.self),
        "IdvaOfferOutcome": values(IdvaOfferOutcome.self), "FieldGroup": values(FieldGroup.self), "ShareConsent": values(ShareConsent.self),
        "MaracActionStatus": values(MaracActionStatus.self), "MaracAttendanceKind": values(MaracAttendance.Kind.self),
        "PerpetratorList": values(PerpetratorList.self), "NeighbourhoodTaskKind": values(NeighbourhoodTask.Kind.self),
        "OrderRequirementStatus": values(OrderRequirement.Status.self), "DisclosureRoute": values(DisclosureRoute.self),
        "DisclosureStepKind": values(DisclosureStepKind.self), "DisclosureMethod": values(DisclosureMethod.self),
        "RetentionDecisionKind": values(RetentionDecision.Kind.self), "RetentionStatus": values(RetentionStanding.Status.self),
        "InformationRequestKind": values(InformationRequest.Kind.self), "InformationRequestStatus": values(InformationRequest.Status.self)
    ]

    @Test("Every enum the API exposes is one component holding exactly the domain's values, referred to, never pasted")
    func enumsAreComponentsThatMatchTheDomain() throws {
        let doc = try Self.document()
        let schemas = try #require((doc["components"] as? [String: Any])?["schemas"] as? [String: [String: Any]])
        for (name, values) in Self.domainEnums {
            let component = try #require(schemas[name], "no component \(name)")
            #expect(Set(component["enum"] as? [String] ?? []) == Set(values), "\(name) differs from the domain")
        }
        // No other place in the document spells out one of these value sets again.
        var pasted: [String] = []
        func walk(_ node: Any, _ path: String) {
            if let object = node as? [String: Any] {
                if let list = object["enum"] as? [String], !Self.domainEnums.keys.contains(where: { path == "/components/schemas/\($0)" }),
                    Self.domainEnums.values.contains(where: { Set($0) == Set(list) })
                {
                    pasted.append(path)
                }
                for (key, value) in object { walk(value, "\(path)/\(key)") }
            } else if let list = node as? [Any] {
                for (index, value) in list.enumerated() { walk(value, "\(path)[\(index)]") }
            }
        }
        walk(doc, "")
        #expect(pasted.isEmpty, "enum values pasted instead of referring to the component: \(pasted)")
        // Live entry takes every channel and relationship but the one kept for imported history.
        for (input, full) in [("LiveChannel", "Channel"), ("LiveRelationship", "Relationship")] {
            let values = Set(schemas[input]?["enum"] as? [String] ?? [])
            #expect(values == Set(Self.domainEnums[full] ?? []).subtracting(["not_recorded"]), "\(input) is \(full) without not_recorded")
        }
        // An input that takes part of an enum takes nothing outside it.
        let orderEventInput = (schemas["OrderEventInput"]?["properties"] as? [String: [String: Any]])?["kind"]?["enum"] as? [String] ?? []
        #expect(!orderEventInput.isEmpty && Set(orderEventInput).isSubset(of: Set(Self.domainEnums["OrderEventKind"] ?? [])))
    }
}
