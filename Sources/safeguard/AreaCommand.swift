import ArgumentParser
import Foundation
import SafeguardDomain

/// `safeguard area add | list`: the force's policing areas and the postcodes each covers (new cases are allocated in
/// the victim's area).
struct AreaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "area", abstract: "Policing areas.", subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a policing area covering the postcodes given.")
        @Option(help: "Short unique code, e.g. NTH.") var code: String
        @Option(help: "Its name, e.g. Northern division.") var name: String
        @Option(help: "Postcode areas or districts it covers, comma-separated, e.g. PR,BB,LA1.") var postcodes = ""

        func run() async throws {
            do {
                let runtime = try await Runtime.open(policyFile: nil)
                let area = try await runtime.service.createArea(code: code, name: name, postcodes: postcodes.split(separator: ",").map(String.init))
                print("Created \(area.code) (\(area.name)), covering \(area.postcodes.isEmpty ? "no postcodes yet" : area.postcodes.joined(separator: ", ")).")
                try await runtime.close()
            } catch {
                Terminal.fail(error)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the policing areas and the postcodes each covers.")

        func run() async throws {
            do {
                let runtime = try await Runtime.open(policyFile: nil)
                for area in try await runtime.service.areas() {
                    print("\(area.code)\t\(area.name)\t\(area.postcodes.joined(separator: ","))")
                }
                try await runtime.close()
            } catch {
                Terminal.fail(error)
            }
        }
    }
}
