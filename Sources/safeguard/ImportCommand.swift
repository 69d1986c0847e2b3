import ArgumentParser
import Foundation
import SafeguardDomain

/// `safeguard import people --csv FILE`: load legacy person records, keeping each record's source id.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Load legacy records.", subcommands: [ImportPeople.self])
}

struct ImportPeople: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "people",
        abstract: "Load person records from a CSV whose header has record_id,first_name,surname,date_of_birth,sex,phone,postcode,address_line,email.",
        discussion:
            "Streams the file; dates are YYYY-MM-DD and an empty cell means unknown; other columns are ignored. Rejected rows are listed with their line numbers and reasons. A record_id already loaded is skipped, so re-running loads nothing twice."
    )

    @Option(help: "The CSV file.") var csv: String
    @Option(help: "Rows per transaction.") var chunk = 1_000
    @Flag(help: "Print no progress.") var quiet = false

    func run() async throws {
        do {
            let size = (try? FileManager.default.attributesOfItem(atPath: csv)[.size] as? Int) ?? 0
            var reader = try CSVReader(path: csv)
            guard let header = reader.next()?.fields.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) else {
                throw DomainError.invalid([FieldError("csv", "The file is empty.")])
            }
            let missing = PersonImportRow.requiredColumns.filter { !header.contains($0) }
            guard missing.isEmpty else {
                throw DomainError.invalid([FieldError("csv", "The header lacks \(missing.joined(separator: ", ")).")])
            }
            let runtime = try await Runtime.open(policyFile: nil)
            let now = Date()
            var pending: [(sourceID: String, person: ValidPersonDraft)] = []
            var read = 0, inserted = 0, rejected = 0
            var rejections: [String] = []
            func flush() async throws {
                inserted += try await runtime.service.importPeople(pending, by: nil)
                pending.removeAll(keepingCapacity: true)
            }
            while let (fields, line) = reader.next() {
                if fields.count == 1 && fields[0].isEmpty { continue }  // a blank line
                read += 1
                var cells: [String: String] = [:]
                for (index, name) in header.enumerated() where index < fields.count { cells[name] = fields[index] }
                switch PersonImportRow(cells: cells).validated(now: now) {
                case .success(let row): pending.append(row)
                case .failure(let error):
                    rejected += 1
                    if rejections.count < 1_000 { rejections.append("line \(line): \(error.message)") }
                }
                if pending.count >= chunk {
                    try await flush()
                    if !quiet { Progress.bar(reader.bytesRead, of: size, label: "bytes, \(read) rows") }
                }
            }
            try await flush()
            if !quiet { FileHandle.standardError.write(Data("\n".utf8)) }
            for rejection in rejections { print("rejected \(rejection)") }
            if rejected > rejections.count { print("… and \(rejected - rejections.count) more rejected rows") }
            print("Read \(read) rows: \(inserted) records loaded, \(read - inserted - rejected) already loaded (skipped), \(rejected) rejected.")
            try await runtime.close()
        } catch {
            Terminal.fail(error)
        }
    }
}
