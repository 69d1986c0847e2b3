import ArgumentParser
import Foundation
import SafeguardDomain

/// `safeguard user add | token | revoke`.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage accounts and API tokens.",
        subcommands: [Add.self, Token.self, Revoke.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an account. The password is read from SAFEGUARD_NEW_PASSWORD or standard input.")
        @Option(help: "Login name (lower case).") var username: String
        @Option(help: "Role: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).") var role: String
        @Option(help: "Name colleagues see.") var displayName: String?
        @Option(help: "Code of the user's policing area (e.g. NTH).") var area: String?
        @Option(help: "Username of the person this user reports to (late work escalates to them).") var supervisor: String?
        @Option(help: "A partner's agency (role partner_agency): idva, childrens_social_care, adult_social_care, health, housing, probation.")
        var agency: String?

        func run() async throws {
            do {
                guard let role = Role(rawValue: role) else {
                    throw DomainError.invalid([FieldError("role", "must be one of: \(Role.allCases.map(\.rawValue).joined(separator: ", "))")])
                }
                let password = ProcessInfo.processInfo.environment["SAFEGUARD_NEW_PASSWORD"] ?? readLine(strippingNewline: true) ?? ""
                let runtime = try await Runtime.open(policyFile: nil)
                let user = try await runtime.service.createUser(
                    username: username, displayName: displayName ?? username, role: role, password: password, areaCode: area, agency: agency)
                if let supervisor {
                    guard let boss = try await runtime.service.account(username: supervisor) else {
                        throw DomainError.invalid([FieldError("supervisor", "There is no user \(supervisor).")])
                    }
                    try await runtime.service.setSupervisor(userID: user.id, supervisorID: boss.id, by: nil)
                }
                print("Created \(user.username) (\(user.role.title)\(user.agency.map { ", \($0.label)" } ?? "")), id \(user.id).")
                try await runtime.close()
            } catch {
                Terminal.fail(error)
            }
        }
    }

    struct Token: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Issue a new API bearer token for a user; it is printed once, on the last line.")
        @Option(help: "The user the token acts as.") var username: String
        @Option(help: "Days until it expires (default from policy).") var days: Int?

        func run() async throws {
            do {
                let runtime = try await Runtime.open(policyFile: nil)
                let issued = try await runtime.service.issueToken(username: username, days: days)
                print(
                    "Token id \(issued.record.id), expires \(ISO8601DateFormatter().string(from: issued.record.expiresAt)). Revoke with: safeguard user revoke --token-id \(issued.record.id)"
                )
                print(issued.secret)
                try await runtime.close()
            } catch {
                Terminal.fail(error)
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke an API token by its id.")
        @Option(help: "The token's id (printed when it was issued).") var tokenId: String

        func run() async throws {
            do {
                let runtime = try await Runtime.open(policyFile: nil)
                let revoked = try await runtime.service.revokeToken(id: tokenId)
                print(revoked ? "Revoked." : "No live token with that id.")
                try await runtime.close()
                if !revoked { throw ExitCode(1) }
            } catch let exit as ExitCode {
                throw exit
            } catch {
                Terminal.fail(error)
            }
        }
    }
}

/// `safeguard audit verify` and `safeguard audit search`.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Check and search the audit log.", subcommands: [Verify.self, Search.self])

    struct Search: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Search the access log by person, account, action and period (newest first); the search is itself logged.")

        @Option(help: "A person record id: her record, records confirmed to be her, her incidents, cases, tasks and orders.") var person: String?
        @Option(help: "An account's username.") var user: String?
        @Option(help: "An audited action, such as view_person.") var action: String?
        @Option(help: "The first day, YYYY-MM-DD (London).") var from: String?
        @Option(help: "The day after the last, YYYY-MM-DD.") var to: String?
        @Option(help: "At most this many events (newest first).") var limit: Int = 100
        @Option(help: "Write every matching event as CSV to this file (up to 100,000) instead of printing.") var csv: String?

        func run() async throws {
            do {
                let runtime = try await Runtime.open(policyFile: nil)
                let query = AuditQuery(personID: person, username: user, action: action, from: from, to: to, limit: csv == nil ? limit : nil)
                let found = try await (csv == nil ? runtime.service.searchAudit(nil, query) : runtime.service.exportAudit(nil, query))
                try await runtime.close()
                if let csv {
                    try Data(AuditEvent.csv(found.events).utf8).write(to: URL(fileURLWithPath: csv))
                    print(
                        "Wrote \(found.events.count) events to \(csv)."
                            + (found.nextBefore.map { " More remain: search again with --to or narrower terms (next sequence \($0))." } ?? ""))
                    return
                }
                for event in found.events {
                    let e = event.entry
                    print(
                        [
                            String(event.sequence), e.at.formatted(.iso8601), e.username ?? "system", e.action.rawValue,
                            [e.recordType, e.recordID].compactMap { $0 }.joined(separator: " "), e.reason ?? ""
                        ]
                        .joined(separator: "\t"))
                }
                print("\(found.events.count) events" + (found.nextBefore == nil ? "." : "; more are older (raise --limit or narrow the search)."))
            } catch {
                Terminal.fail(error)
            }
        }
    }

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Walk the hash chain and report the first broken link.")

        func run() async throws {
            let result: AuditVerification
            do {
                let runtime = try await Runtime.open(policyFile: nil)
                result = try await runtime.service.verifyAuditChain()
                try await runtime.close()
            } catch {
                Terminal.fail(error)
            }
            switch result {
            case .intact(let events):
                print("Audit chain intact: \(events) events.")
            case .broken(let sequence, let why):
                print("Audit chain BROKEN at event \(sequence): \(why).")
                throw ExitCode(2)
            }
        }
    }
}
