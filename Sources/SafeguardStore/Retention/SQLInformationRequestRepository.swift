import Foundation
import SafeguardDomain
import SQLKit

/// Subject access and disclosure requests in `information_requests`. Her name is read from her record each time, so a
/// record disposed of later is not named by the log either.
struct SQLInformationRequestRepository: InformationRequestRepository {
    let db: any SQLDatabase

    func create(_ r: InformationRequest, byUserID: String) async throws {
        try await db.raw(
            """
            INSERT INTO information_requests (id, kind, person_id, requester, basis, received_on, due_on, status, disclosed, withheld, logged_by,
              logged_by_user_id, logged_at, answered_by, answered_on)
            VALUES (\(bind: r.id), \(bind: r.kind.rawValue), \(bind: r.personID), \(bind: r.requester), \(bind: r.basis), \(bind: r.receivedOn),
              \(bind: r.dueOn), \(bind: r.status.rawValue), \(bind: r.disclosed), \(bind: r.withheld), \(bind: r.loggedBy), \(bind: byUserID),
              \(bind: r.loggedAt.epoch), \(bind: r.answeredBy), \(bind: r.answeredOn))
            """
        ).run()
    }

    func answer(_ r: InformationRequest) async throws -> Bool {
        try await db.raw(
            """
            UPDATE information_requests SET status = \(bind: r.status.rawValue), disclosed = \(bind: r.disclosed), withheld = \(bind: r.withheld),
              answered_by = \(bind: r.answeredBy), answered_on = \(bind: r.answeredOn)
            WHERE id = \(bind: r.id) AND status = 'open' RETURNING id
            """
        ).first() != nil
    }

    func find(id: String) async throws -> InformationRequest? {
        try await db.raw("\(unsafeRaw: Self.select) WHERE r.id = \(bind: id)").first().map(Self.request)
    }

    func all(personID: String?) async throws -> [InformationRequest] {
        if let personID {
            return try await db.raw("\(unsafeRaw: Self.select) WHERE r.person_id = \(bind: personID) ORDER BY r.received_on DESC, r.logged_at DESC").all()
                .map(Self.request)
        }
        return try await db.raw("\(unsafeRaw: Self.select) ORDER BY r.received_on DESC, r.logged_at DESC").all().map(Self.request)
    }

    private static let select = "SELECT r.*, p.first_name, p.surname FROM information_requests r JOIN people p ON p.id = r.person_id"

    private static func request(_ row: any SQLRow) throws -> InformationRequest {
        InformationRequest(
            id: try row.string("id"), kind: try row.choice(InformationRequest.Kind.self, "kind", in: "information_requests"),
            personID: try row.string("person_id"),
            personName: [try row.string("first_name"), try row.string("surname")].filter { !$0.isEmpty }.joined(separator: " "),
            requester: try row.string("requester"), basis: try row.string("basis"), receivedOn: try row.string("received_on"),
            dueOn: try row.string("due_on"), status: try row.choice(InformationRequest.Status.self, "status", in: "information_requests"),
            disclosed: try row.optionalString("disclosed"), withheld: try row.optionalString("withheld"), loggedBy: try row.string("logged_by"),
            loggedAt: try row.date("logged_at"), answeredBy: try row.optionalString("answered_by"), answeredOn: try row.optionalString("answered_on"))
    }
}
