import Foundation
import Hummingbird
import SafeguardDomain

/// Dip samples over the API (rule 29), under `/api/v1`.
struct QualityAPI {
    let dependencies: WebDependencies
    var service: SafeguardService { dependencies.service }

    func register(on api: RouterGroup<AppRequestContext>) {
        api.post("quality-samples/draw") { request, context -> Response in
            struct Input: Decodable { var reviewers: [String: String]? }
            struct Drawn: Encodable { var items: [QualitySample] }
            let input = try await APIJSON.decode(Input.self, from: request, context: context)
            return try APIJSON.response(
                Drawn(items: try await service.drawQualitySamples(try context.actor(), reviewers: input.reviewers ?? [:])), status: .created)
        }
        api.get("quality-samples/report") { request, context -> Response in
            struct Output: Encodable {
                var samples: [QualitySample]
                var report: QualityReport
            }
            let fields = request.queryFields
            let found = try await service.qualityReport(try context.actor(), from: fields["from"], to: fields["to"])
            return try APIJSON.response(Output(samples: found.samples, report: found.report))
        }
        api.get("quality-samples/:id") { _, context -> Response in
            try APIJSON.response(try await service.qualitySample(try context.actor(), id: try context.parameters.require("id")))
        }
        api.post("quality-samples/:id/findings") { request, context -> Response in
            struct Input: Decodable {
                var answers: [String: String]?
                var note: String?
            }
            let input = try await APIJSON.decode(Input.self, from: request, context: context)
            return try APIJSON.response(
                try await service.recordQualityFindings(
                    try context.actor(), sampleID: try context.parameters.require("id"), answers: input.answers ?? [:], note: input.note))
        }
    }
}
