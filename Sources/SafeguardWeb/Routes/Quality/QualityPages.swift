import Foundation
import Hummingbird
import SafeguardDomain

/// Quality assurance (rule 29): the samples waiting for you; for those who run it, the form that draws this week's
/// samples for named reviewers and the results by kind, measure, team and month.
struct QualityPages {
    let dependencies: WebDependencies
    var service: SafeguardService { dependencies.service }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get("quality") { request, context -> Response in
            do {
                return try await listPage(
                    try context.actor(), from: request.queryFields["from"], to: request.queryFields["to"], form: nil, errors: [], context: context)
            } catch let error as DomainError {
                return dependencies.errorPage(error, context: context)
            }
        }
        router.post("quality/draw") { request, context -> Response in
            try await dependencies.postForm(
                request, context,
                act: { actor, form in
                    let reviewers = Dictionary(uniqueKeysWithValues: QualitySampleKind.allCases.map { ($0.rawValue, form["reviewer_\($0.rawValue)"] ?? "") })
                    let drawn = try await service.drawQualitySamples(actor, reviewers: reviewers)
                    return "/quality?drawn=\(drawn.count)"
                },
                redraw: { actor, form, errors in try await listPage(actor, from: nil, to: nil, form: form, errors: errors, context: context) })
        }
        router.get("quality/:id") { _, context -> Response in
            do {
                return try await samplePage(try context.actor(), id: try context.parameters.require("id"), form: nil, errors: [], context: context)
            } catch let error as DomainError {
                return dependencies.errorPage(error, context: context)
            }
        }
        router.post("quality/:id/findings") { request, context -> Response in
            let id = try context.parameters.require("id")
            return try await dependencies.postForm(
                request, context,
                act: { actor, form in
                    let sample = try await service.qualitySample(actor, id: id)
                    let answers = Dictionary(uniqueKeysWithValues: sample.kind.measures.map { ($0.key, form["answer_\($0.key)"] ?? "") })
                    _ = try await service.recordQualityFindings(actor, sampleID: id, answers: answers, note: form["note"])
                    return "/quality/\(id)"
                },
                redraw: { actor, form, errors in try await samplePage(actor, id: id, form: form, errors: errors, context: context) })
        }
    }

    private func listPage(_ actor: Actor, from: String?, to: String?, form: FormBody?, errors: [FieldError], context: AppRequestContext) async throws
        -> Response
    {
        let waiting = try await service.qualitySamplesWaiting(actor)
        var model = QualityListModel(waiting: waiting, form: form)
        if actor.role.can(.runQualitySamples) {
            let now = service.clock.now()
            let start = from ?? CalendarDate.string(now.addingTimeInterval(-90 * 86_400)), end = to ?? CalendarDate.string(now.addingTimeInterval(86_400))
            model.show(try await service.qualityReport(actor, from: start, to: end), from: start, to: end)
        }
        var values = ModelValues.values(model)
        values.merge(FormErrors(errors: errors).context) { $1 }
        return dependencies.templates.page(
            "quality", title: "\(errors.isEmpty ? "" : "Error: ")Quality assurance", context: values, request: context,
            status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    private func samplePage(_ actor: Actor, id: String, form: FormBody?, errors: [FieldError], context: AppRequestContext) async throws -> Response {
        let sample = try await service.qualitySample(actor, id: id)
        var values = ModelValues.values(QualitySampleModel(sample, reader: actor.user.username, form: form))
        values.merge(FormErrors(errors: errors).context) { $1 }
        return dependencies.templates.page(
            "quality-sample", title: "\(errors.isEmpty ? "" : "Error: ")Dip sample \(sample.reference)", context: values, request: context,
            status: errors.isEmpty ? .ok : .unprocessableContent)
    }
}

/// The quality page: samples waiting for the reader, and for those who run it the draw form and the results.
struct QualityListModel: PageModel {
    struct Waiting: PageModel {
        var id: String
        var kind: String
        var reference: String
        var due: String
    }
    struct Line: PageModel {
        var label: String
        var samples: Int
        var share: String
    }
    struct Kind: PageModel {
        var label: String
        var drawn: Int
        var reviewed: Int
        var measures: [Line]
        var byTeam: [Line]
        var byMonth: [Line]
    }
    struct Reviewer: PageModel {
        var kind: String
        var label: String
        var typed: String
    }
    var waiting: [Waiting]
    var runs = false
    var reviewers: [Reviewer]
    var kinds: [Kind] = []
    var from = ""
    var to = ""

    init(waiting found: [QualitySample], form: FormBody?) {
        waiting = found.map { Waiting(id: $0.id, kind: $0.kind.label, reference: $0.reference, due: Display.time($0.dueAt)) }
        reviewers = QualitySampleKind.allCases.map { Reviewer(kind: $0.rawValue, label: $0.label, typed: form?["reviewer_\($0.rawValue)"] ?? "") }
    }

    mutating func show(_ found: (samples: [QualitySample], report: QualityReport), from: String, to: String) {
        runs = true
        (self.from, self.to) = (from, to)
        func line(_ l: QualityReport.Line) -> Line {
            Line(label: l.label, samples: l.samples, share: l.share.map { String(format: "%.0f%% of %d", $0 * 100, l.answered) } ?? "none answered")
        }
        kinds = found.report.kinds.map {
            Kind(
                label: $0.kind.label, drawn: $0.drawn, reviewed: $0.reviewed, measures: $0.measures.map(line), byTeam: $0.byTeam.map(line),
                byMonth: $0.byMonth.map(line))
        }
    }
}

/// One sample: what it is, whose, and the reviewer's form or findings.
struct QualitySampleModel: PageModel {
    struct Measure: PageModel {
        var key: String
        var text: String
        var answer: String
        var choices: [OptionModel]
    }
    var id: String
    var kind: String
    var reference: String
    var incidentID: String
    var worker: String
    var team: String
    var reviewer: String
    var due: String
    var reviewed: Bool
    var mayRecord: Bool
    var measures: [Measure]
    var note: String

    init(_ s: QualitySample, reader: String, form: FormBody?) {
        (id, kind, reference, incidentID, worker, team, reviewer) = (s.id, s.kind.label, s.reference, s.incidentID, s.worker, s.team, s.reviewer)
        due = Display.time(s.dueAt)
        reviewed = s.reviewedAt != nil
        mayRecord = !reviewed && s.reviewer == reader
        measures = s.kind.measures.map { m in
            Measure(
                key: m.key, text: m.text, answer: s.answers[m.key]?.label ?? "",
                choices: QualityAnswer.allCases.map { OptionModel(value: $0.rawValue, label: $0.label, selected: form?["answer_\(m.key)"] == $0.rawValue) })
        }
        note = s.note ?? form?["note"] ?? ""
    }
}
