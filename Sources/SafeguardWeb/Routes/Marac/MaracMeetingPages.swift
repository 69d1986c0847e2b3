import Foundation
import Hummingbird
import SafeguardDomain

/// The MARAC coordinator's meetings (rule 21): scheduling, the agenda with its research, outcomes, actions and their
/// reporting back, and the minutes. Every form posts back and redraws this page with its errors.
struct MaracMeetingPages {
    let dependencies: WebDependencies
    var service: SafeguardService { dependencies.service }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get("marac/meetings") { _, context -> Response in
            do {
                return try await listPage(try context.actor(), errors: [], form: nil, context: context)
            } catch let error as DomainError {
                return dependencies.errorPage(error, context: context)
            }
        }
        router.post("marac/meetings") { request, context -> Response in
            try await dependencies.postForm(
                request, context,
                act: { actor, form in
                    let meeting = try await service.scheduleMaracMeeting(
                        actor, draft: MaracMeetingDraft(heldOn: form["held_on"], chair: form["chair"], agencies: form.list("agencies"), area: form["area"]))
                    return "/marac/meetings/\(meeting.id)"
                },
                redraw: { actor, form, errors in try await listPage(actor, errors: errors, form: form, context: context, status: .unprocessableContent) })
        }
        router.get("marac/meetings/:id") { _, context -> Response in
            do {
                return try await meetingPage(try context.actor(), id: try context.parameters.require("id"), errors: [], context: context)
            } catch let error as DomainError {
                return dependencies.errorPage(error, context: context)
            }
        }
        meetingPost(router, "marac/meetings/:id/actions") { actor, id, form in
            _ = try await service.addMaracAction(
                actor, meetingID: id,
                draft: MaracActionDraft(
                    caseID: form["case_id"], agency: form["agency"], owner: form["owner"], description: form["description"], dueOn: form["due_on"]))
        }
        meetingPost(router, "marac/meetings/:id/outcomes") { actor, id, form in
            try await service.recordMaracOutcome(actor, meetingID: id, caseID: form["case_id"] ?? "", summary: form["summary"])
        }
        meetingPost(router, "marac/meetings/:id/minutes") { actor, id, _ in
            _ = try await service.sendMaracMinutes(actor, meetingID: id)
        }
        meetingPost(router, "marac/meetings/:id/research") { actor, id, form in
            _ = try await service.addMaracResearch(actor, meetingID: id, caseID: form["case_id"] ?? "", agency: form["agency"], text: form["text"])
        }
        meetingPost(router, "marac/meetings/:id/attendance") { actor, id, form in
            _ = try await service.recordMaracAttendance(
                actor, meetingID: id, agency: form["agency"], kind: form["attendance"], attendee: form["attendee"],
                confidentialitySigned: form["confidentiality"] == "yes", informationSent: form["information_sent"] == "yes")
        }
        meetingPost(router, "marac/meetings/:id/action-status") { actor, _, form in
            _ = try await service.setMaracActionStatus(actor, actionID: form["action_id"] ?? "", status: form["status"], note: form["note"])
        }
    }

    private func meetingPost(
        _ router: RouterGroup<AppRequestContext>, _ path: RouterPath, _ act: @escaping @Sendable (Actor, String, FormBody) async throws -> Void
    ) {
        router.post(path) { request, context -> Response in
            let id = try context.parameters.require("id")
            return try await dependencies.postForm(
                request, context,
                act: { actor, form in
                    try await act(actor, id, form)
                    return "/marac/meetings/\(id)"
                },
                redraw: { actor, _, errors in try await meetingPage(actor, id: id, errors: errors, context: context, status: .unprocessableContent) })
        }
    }

    func listPage(_ actor: Actor, errors: [FieldError], form: FormBody?, context: AppRequestContext, status: HTTPResponse.Status = .ok) async throws
        -> Response
    {
        let meetings = try await service.maracMeetings(actor)
        let ticked = Set(form?.list("agencies") ?? [])
        let areas = try await service.areas()
        let chosenArea = form?["area"] ?? areas.first { $0.id == actor.user.areaID }?.code
        var values: [String: Any] = [
            "meetings": meetings.map { m in
                [
                    "id": m.id, "heldOn": m.heldOn, "chair": m.chair, "agencies": m.agencies.map(\.label).joined(separator: ", "),
                    "area": Self.areaName(m.areaID, areas),
                    "minutes": m.minutesSentAt.map { "Minutes sent \(Display.time($0))" } ?? "Minutes not sent"
                ]
            },
            "areaChoices": areas.map { ["value": $0.code, "label": $0.name, "selected": $0.code == chosenArea] },
            "canRun": actor.role.can(.runMarac),
            "agencyChoices": Agency.allCases.filter { $0 != .police }.map {
                ["value": $0.rawValue, "label": $0.label, "checked": ticked.contains($0.rawValue)]
            },
            "heldOn": form?["held_on"] ?? "", "chair": form?["chair"] ?? ""
        ]
        values.merge(FormErrors(errors: errors).context) { $1 }
        return dependencies.templates.page(
            "marac-meetings", title: (errors.isEmpty ? "" : "Error: ") + "MARAC meetings", context: values, request: context, status: status)
    }

    func meetingPage(_ actor: Actor, id: String, errors: [FieldError], context: AppRequestContext, status: HTTPResponse.Status = .ok) async throws
        -> Response
    {
        let view = try await service.maracMeeting(actor, meetingID: id)
        let areas = try await service.areas()
        let today = CalendarDate.string(service.clock.now())
        func action(_ a: MaracAction) -> [String: Any] {
            [
                "id": a.id, "caseID": a.caseID, "reference": a.caseReference, "agency": a.agency.label, "owner": a.owner, "description": a.description,
                "dueOn": a.dueOn, "status": a.status.label, "note": a.statusNote ?? "", "overdue": a.overdue(on: today), "open": a.status == .open,
                "mayReport": a.status == .open && MaracMeetingRules.mayReportBack(a, actor), "chased": a.chasedAt.map { Display.time($0) } ?? "",
                "statuses": MaracActionStatus.allCases.filter { $0 != .open }.map { ["value": $0.rawValue, "label": $0.label] }
            ]
        }
        var values: [String: Any] = [
            "meeting": [
                "id": view.meeting.id, "heldOn": view.meeting.heldOn, "chair": view.meeting.chair, "area": Self.areaName(view.meeting.areaID, areas),
                "agencies": view.meeting.agencies.map(\.label).joined(separator: ", "),
                "minutes": view.meeting.minutesSentAt.map { "Minutes sent \(Display.time($0))" } ?? ""
            ],
            "minutesDueOn": view.minutesDueOn, "minutesSent": view.meeting.minutesSentAt != nil, "canRun": actor.role.can(.runMarac),
            "agenda": view.agenda.map { item -> [String: Any] in
                var row = ModelValues.values(MaracSectionModel.Referral(item.referral))
                row["outcome"] = item.outcome ?? ""
                row["notes"] = item.research.map { ["agency": $0.agency.label, "text": $0.text, "by": $0.by, "when": Display.time($0.at)] }
                return row
            },
            "attendance": view.attendance.map { a -> [String: Any] in
                [
                    "agency": a.agency.label,
                    "kind": a.kind == .attended
                        ? "Attended: \(a.attendee ?? "")\(a.confidentialitySigned ? ", confidentiality statement signed" : "")"
                        : "Apologies; information \(a.informationSent ? "sent" : "not sent")"
                ]
            },
            "canAddResearch": MaracMeetingRules.mayAddResearch(view.meeting, actor),
            "carried": view.carried.map(action), "actions": view.actions.map(action),
            "agencyChoices": view.meeting.agencies.map { ["value": $0.rawValue, "label": $0.label] },
            "caseChoices": view.agenda.map { ["value": $0.referral.caseID, "label": $0.referral.caseReference] }
        ]
        values.merge(FormErrors(errors: errors).context) { $1 }
        return dependencies.templates.page(
            "marac-meeting", title: (errors.isEmpty ? "" : "Error: ") + "MARAC \(view.meeting.heldOn)", context: values, request: context, status: status)
    }

    /// An area's name for a page; a meeting with none serves the whole force.
    static func areaName(_ id: String?, _ areas: [Area]) -> String { areas.first { $0.id == id }?.name ?? "Force-wide" }
}
