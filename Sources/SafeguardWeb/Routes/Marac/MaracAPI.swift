import Foundation
import HTTPTypes
import Hummingbird
import SafeguardDomain

/// The JSON API for MARAC referrals (rule 21), under `/api/v1`.
struct MaracAPI {
    let dependencies: WebDependencies
    var service: SafeguardService { dependencies.service }

    struct ReferralInput: Decodable {
        var criteria: [String]?
        var referringAgency: String?
        var research: String?
        var victimLgbt: String?
    }
    struct OfferInput: Decodable {
        var outcome: String?
        var reason: String?
        var idvaUserId: String?
    }
    struct MeetingInput: Decodable {
        var heldOn: String?
        var chair: String?
        var agencies: [String]?
        var area: String?
    }
    struct ActionInput: Decodable {
        var caseId: String?
        var agency: String?
        var owner: String?
        var description: String?
        var dueOn: String?
    }
    struct StatusInput: Decodable {
        var status: String?
        var note: String?
    }
    struct OutcomeInput: Decodable {
        var caseId: String?
        var summary: String?
    }
    struct MeetingList: Encodable { let items: [MaracMeeting] }
    struct ResearchInput: Decodable {
        var caseId: String?
        var agency: String?
        var text: String?
    }
    struct AttendanceInput: Decodable {
        var agency: String?
        var attendance: String?
        var attendee: String?
        var confidentialitySigned: Bool?
        var informationSent: Bool?
    }
    struct ReferralList: Encodable {
        let items: [MaracReferral]
        let lapsingSoon: [MaracReferral]
    }

    func register(on api: RouterGroup<AppRequestContext>) {
        api.post("cases/:id/marac-referrals") { request, context -> Response in
            let input = try await APIJSON.decode(ReferralInput.self, from: request, context: context)
            let referral = try await service.referToMarac(
                try context.actor(), caseID: try context.parameters.require("id"),
                draft: MaracReferralDraft(
                    criteria: input.criteria ?? [], referringAgency: input.referringAgency, research: input.research, victimLGBT: input.victimLgbt))
            return try APIJSON.response(referral, status: .created)
        }
        api.get("cases/:id/marac") { request, context -> Response in
            try APIJSON.response(
                try await service.maracView(try context.actor(), caseID: try context.parameters.require("id"), reason: request.queryFields["reason"]))
        }
        api.post("cases/:id/idva-offers") { request, context -> Response in
            let input = try await APIJSON.decode(OfferInput.self, from: request, context: context)
            let offer = try await service.recordIdvaOffer(
                try context.actor(), caseID: try context.parameters.require("id"),
                draft: IdvaOfferDraft(outcome: input.outcome, reason: input.reason, idvaUserID: input.idvaUserId))
            return try APIJSON.response(offer, status: .created)
        }
        api.get("idva/caseloads") { _, context -> Response in
            try APIJSON.response(try await service.idvaService(try context.actor()))
        }
        api.post("marac/meetings") { request, context -> Response in
            let input = try await APIJSON.decode(MeetingInput.self, from: request, context: context)
            let meeting = try await service.scheduleMaracMeeting(
                try context.actor(), draft: MaracMeetingDraft(heldOn: input.heldOn, chair: input.chair, agencies: input.agencies ?? [], area: input.area))
            return try APIJSON.response(meeting, status: .created)
        }
        api.get("marac/meetings") { _, context -> Response in
            try APIJSON.response(MeetingList(items: try await service.maracMeetings(try context.actor())))
        }
        api.get("marac/meetings/:id") { _, context -> Response in
            try APIJSON.response(try await service.maracMeeting(try context.actor(), meetingID: try context.parameters.require("id")))
        }
        api.post("marac/meetings/:id/actions") { request, context -> Response in
            let input = try await APIJSON.decode(ActionInput.self, from: request, context: context)
            let action = try await service.addMaracAction(
                try context.actor(), meetingID: try context.parameters.require("id"),
                draft: MaracActionDraft(caseID: input.caseId, agency: input.agency, owner: input.owner, description: input.description, dueOn: input.dueOn))
            return try APIJSON.response(action, status: .created)
        }
        api.post("marac/actions/:id/status") { request, context -> Response in
            let input = try await APIJSON.decode(StatusInput.self, from: request, context: context)
            return try APIJSON.response(
                try await service.setMaracActionStatus(
                    try context.actor(), actionID: try context.parameters.require("id"), status: input.status, note: input.note))
        }
        api.post("marac/meetings/:id/outcomes") { request, context -> Response in
            let input = try await APIJSON.decode(OutcomeInput.self, from: request, context: context)
            try await service.recordMaracOutcome(
                try context.actor(), meetingID: try context.parameters.require("id"), caseID: input.caseId ?? "", summary: input.summary)
            return Response(status: .noContent)
        }
        api.post("marac/meetings/:id/research") { request, context -> Response in
            let input = try await APIJSON.decode(ResearchInput.self, from: request, context: context)
            let note = try await service.addMaracResearch(
                try context.actor(), meetingID: try context.parameters.require("id"), caseID: input.caseId ?? "", agency: input.agency, text: input.text)
            return try APIJSON.response(note, status: .created)
        }
        api.post("marac/meetings/:id/attendance") { request, context -> Response in
            let input = try await APIJSON.decode(AttendanceInput.self, from: request, context: context)
            return try APIJSON.response(
                try await service.recordMaracAttendance(
                    try context.actor(), meetingID: try context.parameters.require("id"), agency: input.agency, kind: input.attendance,
                    attendee: input.attendee, confidentialitySigned: input.confidentialitySigned ?? false, informationSent: input.informationSent ?? false))
        }
        api.post("marac/meetings/:id/minutes") { _, context -> Response in
            try APIJSON.response(try await service.sendMaracMinutes(try context.actor(), meetingID: try context.parameters.require("id")))
        }
        api.get("marac/figures") { request, context -> Response in
            try APIJSON.response(
                try await service.maracFigures(
                    try context.actor(), from: request.queryFields["from"], to: request.queryFields["to"], area: request.queryFields["area"]))
        }
        // SafeLives' quarterly return: CSV, small numbers suppressed, as it leaves the force.
        api.get("marac/return.csv") { request, context -> Response in
            let quarter = request.queryFields["quarter"]
            let csv = try await service.maracReturn(try context.actor(), quarter: quarter, area: request.queryFields["area"])
            return CSVDownload.response(csv, filename: "marac-return-\(quarter ?? "").csv")
        }
        api.get("marac/referrals") { _, context -> Response in
            let found = try await service.maracReferrals(try context.actor())
            return try APIJSON.response(ReferralList(items: found.recent, lapsingSoon: found.lapsingSoon))
        }
    }
}
