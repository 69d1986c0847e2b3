import Foundation
import Hummingbird
import SafeguardDomain

/// The home page: what this role can do, with the lists it works from.
struct HomePage {
    let dependencies: WebDependencies

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get("/") { _, context -> Response in
            let actor = try context.actor()
            let role = actor.role
            var tasks: [HomePageModel.Task] = []
            if role.can(.recordCall) {
                tasks.append(
                    .init(
                        href: "/calls/new", label: "Record a call", hint: "Find the caller and the suspect as you type, ask the questions, grade the response.")
                )
            }
            if role.can(.superviseControlRoom) {
                tasks.append(
                    .init(
                        href: "/control-room", label: "Live queue", hint: "Downgrades to authorise, potential high-risk calls, priority calls not dispatched."))
            }
            if role.can(.viewAudit) {
                tasks.append(.init(href: "/audit", label: "Search the access log", hint: "Who looked at whose record, when and why; export a search as CSV."))
            }
            if role.can(.searchPeople) { tasks.append(.init(href: "/people", label: "Find a person", hint: "By name, date of birth, phone or postcode.")) }
            if role.can(.viewCaseload) {
                tasks.append(
                    .init(href: "/figures", label: "The force's figures", hint: "HMIC's nine pieces of data for any period and area, from the records."))
                tasks.append(.init(href: "/figures/caseload", label: "Caseload on a date", hint: "Open cases at each risk level on any day."))
            }
            if role.can(.viewFigures) {
                tasks.append(
                    .init(
                        href: "/figures/summary", label: "Figures for leaders",
                        hint: "The force's figures by year, quarter or month, small numbers suppressed, with charts."))
            }
            if role.can(.runQualitySamples) || role.can(.ownTasks) {
                tasks.append(
                    .init(
                        href: "/quality", label: "Quality assurance (dip samples)",
                        hint: role.can(.runQualitySamples)
                            ? "Draw this week's samples for named reviewers; the results by measure, team and month."
                            : "Dip samples named for you to review."))
            }
            if role.can(.conductSurveys) {
                tasks.append(
                    .init(
                        href: "/surveys", label: "Satisfaction surveys",
                        hint: "Victims whose cases closed, to be asked about the service — only through their safe route."))
            }
            if role.can(.viewHomicideReviews) {
                tasks.append(
                    .init(
                        href: "/homicide-reviews", label: "Domestic homicide reviews",
                        hint: "Each review's recommendations: owners, due dates, which are implemented and which are late."))
            }
            if role.can(.viewMaracReferrals) {
                tasks.append(.init(href: "/marac/referrals", label: "MARAC referrals", hint: "Cases referred, repeats marked, repeat windows ending soon."))
            }
            if role == .partnerAgency {
                tasks.append(.init(href: "/shared", label: "Cases shared with you", hint: "Only what the police have shared with your agency."))
            }
            if IdvaRules.seesService(actor.user) {
                tasks.append(.init(href: "/idva", label: "IDVA service", hint: "Each IDVA's caseload against capacity; offers waiting for an IDVA."))
            }
            if role.can(.createPerson) {
                tasks.append(.init(href: "/people/new", label: "Add a person record", hint: "Search first: the person may already be known."))
            }
            var model = HomePageModel(
                displayName: actor.user.displayName, roleTitle: role.title, tasks: tasks,
                noTasks: tasks.isEmpty && !role.can(.viewAudit) && !role.can(.manageUsers))
            model.areaName = try await dependencies.service.area(of: actor.user)?.name
            if role.can(.viewIncident) {
                model.recentIncidents = try await dependencies.service.recentIncidents(actor).map(IncidentRowModel.init)
            }
            if role.can(.viewAudit) {
                let overview = try await dependencies.service.auditOverview(actor)
                let from = overview.check.checkedFrom
                model.auditStatus =
                    switch overview.verification {
                    case .intact(let count) where from > 0:
                        "Intact: \(count) events; those since the signed checkpoint at event \(from) checked now (safeguard audit verify checks them all)."
                    case .intact(let count): "Intact: all \(count) events link correctly."
                    case .broken(let sequence, let why): "BROKEN at event \(sequence): \(why)."
                    }
                model.auditEvents = overview.recent.map(AuditPageModel.row)
            }
            if role.can(.manageUsers) {
                model.users = try await dependencies.service.listUsers(actor).map {
                    .init(username: $0.username, displayName: $0.displayName, role: $0.role.title)
                }
            }
            return dependencies.templates.page("home", title: role.title, context: ModelValues.values(model), request: context)
        }
    }
}
