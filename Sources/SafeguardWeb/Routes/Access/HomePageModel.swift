import Foundation
import SafeguardDomain

/// The home page: what this role can do, with the lists it works from (each only for a role that may see it).
struct HomePageModel: PageModel {
    /// A thing the role can do, with where it is and a line on what it is for.
    struct Task: PageModel {
        var href: String
        var label: String
        var hint: String
    }
    struct Account: PageModel {
        var username: String
        var displayName: String
        var role: String
    }
    var displayName: String
    var roleTitle: String
    var tasks: [Task]
    var noTasks: Bool
    var areaName: String?
    var recentIncidents: [IncidentRowModel]?
    var auditStatus: String?
    var auditEvents: [AuditPageModel.Row]?
    var users: [Account]?
}
