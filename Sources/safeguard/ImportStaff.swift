import ArgumentParser
import Foundation
import SafeguardDomain

/// `safeguard import staff --csv FILE`: the force's staff list from HR, whose members' records are restricted (rule 33).
struct ImportStaff: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff",
        abstract: "Load the force's staff list (staff_number,first_name,surname,date_of_birth) and restrict its members' records.",
        discussion: """
            The list replaces the last one. Every person record whose first name, surname and date of birth match a member \
            exactly is restricted (shown in full only to the roles that see restricted records), now and whenever a new \
            record of them is made. A near match is never restricted by the list: a specialist judges it and restricts it by \
            hand. Leavers' records stay restricted until a specialist lifts it. Rows without a staff number, names or a \
            date of birth are refused with their line.
            """)

    @Option(help: "The CSV file, with a header naming staff_number, first_name, surname and date_of_birth.") var csv: String
    @Option(help: "The file's encoding: utf-8 or windows-1252.") var encoding = "utf-8"

    func run() async throws {
        do {
            guard let fileEncoding = CSVReader.Encoding(rawValue: encoding.lowercased()) else {
                throw DomainError.invalid([FieldError("encoding", "must be utf-8 or windows-1252.")])
            }
            var reader = try CSVReader(path: csv, encoding: fileEncoding)
            guard let header = try reader.next()?.fields.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) else {
                throw DomainError.invalid([FieldError("csv", "The file is empty.")])
            }
            let needed = ["staff_number", "first_name", "surname", "date_of_birth"]
            let missing = needed.filter { !header.contains($0) }
            guard missing.isEmpty else { throw DomainError.invalid([FieldError("csv", "The header lacks \(missing.joined(separator: ", ")).")]) }
            var rows: [StaffRow] = []
            while let (fields, line) = try reader.next() {
                func field(_ name: String) -> String? { header.firstIndex(of: name).flatMap { $0 < fields.count ? fields[$0] : nil } }
                rows.append(
                    StaffRow(
                        line: line, staffNumber: field("staff_number"), firstName: field("first_name"), surname: field("surname"),
                        dateOfBirth: field("date_of_birth")))
            }
            let runtime = try await Runtime.open(policyFile: nil)
            let summary: StaffListSummary
            do {
                summary = try await runtime.service.importStaffList(rows)
            } catch {
                try? await runtime.close()
                throw error
            }
            try await runtime.close()
            print(
                "Staff list: \(summary.members) members; \(summary.restricted) person records restricted now, \(summary.alreadyRestricted) already restricted; \(summary.refused.count) rows refused."
            )
            for refusal in summary.refused.prefix(50) { print("  line \(refusal.line): \(refusal.why)") }
        } catch {
            Terminal.fail(error)
        }
    }
}
