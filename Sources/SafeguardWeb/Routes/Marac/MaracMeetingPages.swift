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
        let model = MaracMeetingListModel(try await service.maracMeetings(actor), actor: actor, areas: try await service.areas(), form: form)
        var values = ModelValues.values(model)
        values.merge(FormErrors(errors: errors).context) { $1 }
        return dependencies.templates.page(
            "marac-meetings", title: (errors.isEmpty ? "" : "Error: ") + "MARAC meetings", context: values, request: context, status: status)
    }

    func meetingPage(_ actor: Actor, id: String, errors: [FieldError], context: AppRequestContext, status: HTTPResponse.Status = .ok) async throws
        -> Response
    {
        let view = try await service.maracMeeting(actor, meetingID: id)
        let model = MaracMeetingPageModel(view, actor: actor, areas: try await service.areas(), today: CalendarDate.string(service.clock.now()))
        var values = ModelValues.values(model)
        values.merge(FormErrors(errors: errors).context) { $1 }
        return dependencies.templates.page(
            "marac-meeting", title: (errors.isEmpty ? "" : "Error: ") + "MARAC \(view.meeting.heldOn)", context: values, request: context, status: status)
    }
}
