import ArgumentParser
import Foundation
import SafeguardDomain

/// `safeguard import people --csv FILE`: load legacy person records, keeping each record's source id.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Load legacy records.", subcommands: [ImportPeople.self, ImportHistory.self, ImportStaff.self])
}

struct ImportPeople: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "people",
        abstract: "Load person records from a CSV with record_id,first_name,surname,date_of_birth,sex,phone,postcode,address_line,email.",
        discussion: """
            Loads every person it can: common sex codings (F, M, U, X, Female, Not known, …) are understood; a missing \
            value is unknown; a malformed value (a postcode that is not one, an impossible or future date, a short phone) \
            is kept as given, left out of matching and listed in the data-quality report. A row is refused only when it \
            holds nothing that could identify anyone, or cannot be read. A record_id already loaded is skipped, so \
            re-running loads nothing twice. Streams the file.
            """
    )

    @Option(help: "The CSV file.") var csv: String
    @Option(help: "Write the data-quality report here (CSV: line, record_id, field, value, problem).") var report: String?
    @Option(help: "Map the file's column names onto the import's, e.g. first_name=Forename,surname=Surname,record_id=PersonRef.")
    var columns: String?
    @Option(help: "The file's encoding: utf-8 or windows-1252.") var encoding = "utf-8"
    @Option(help: "Rows per transaction.") var chunk = 1_000
    @Flag(help: "Print no progress.") var quiet = false

    func run() async throws {
        do {
            guard let fileEncoding = CSVReader.Encoding(rawValue: encoding.lowercased()) else {
                throw DomainError.invalid([FieldError("encoding", "must be utf-8 or windows-1252.")])
            }
            let mapping = try Self.columnMapping(columns)
            let size = (try? FileManager.default.attributesOfItem(atPath: csv)[.size] as? Int) ?? 0
            var reader = try CSVReader(path: csv, encoding: fileEncoding)
            guard let header = try reader.next()?.fields.map({ $0.trimmingCharacters(in: .whitespaces) }) else {
                throw DomainError.invalid([FieldError("csv", "The file is empty.")])
            }
            // The file's names, mapped onto the import's; the import's own names are read as they are.
            let names = header.map { mapping[$0.lowercased()] ?? mapping[$0] ?? $0.lowercased() }
            let known = Set(PersonImportRow.columns)
            guard names.contains("record_id") || names.contains(where: { known.contains($0) && $0 != "record_id" }) else {
                throw DomainError.invalid([
                    FieldError("csv", "The header names none of \(PersonImportRow.columns.joined(separator: ", ")); map the file's own names with --columns.")
                ])
            }
            let runtime = try await Runtime.open(policyFile: nil, batch: true)
            // The database is closed whatever happens below, so a refusal ends the command cleanly.
            do {
                try await load(reader: &reader, names: names, known: known, size: size, runtime: runtime)
            } catch {
                try? await runtime.close()
                throw error
            }
            try await runtime.close()
        } catch {
            Terminal.fail(error)
        }
    }

    /// Reads every row, loads what can be loaded chunk by chunk, and prints what was loaded, kept as given and refused.
    private func load(reader: inout CSVReader, names: [String], known: Set<String>, size: Int, runtime: Runtime) async throws {
        let now = Date()
        let reportFile = try report.map { try ImportReport(path: $0, header: ["line", "record_id", "field", "value", "problem"]) }
        var pending: [LegacyPerson] = []
        var read = 0, inserted = 0, refused = 0, withIssues = 0
        var problems: [String: Int] = [:]
        var refusals: [String] = []
        // One chunk is written while the next is read: the file's parsing and the database's writing each keep a core.
        let service = runtime.service
        var writing: Task<Int, any Error>?
        func flush() async throws {
            if let previous = writing { inserted += try await previous.value }
            let chunk = pending
            writing = Task { try await service.importPeople(chunk, by: nil) }
            pending.removeAll(keepingCapacity: true)
        }
        while let (fields, line) = try reader.next() {
            if fields.count == 1 && fields[0].isEmpty { continue }  // a blank line
            read += 1
            var cells: [String: String] = [:]
            for (index, name) in names.enumerated() where index < fields.count && known.contains(name) { cells[name] = fields[index] }
            switch LegacyPersonRules.read(PersonImportRow(cells: cells), line: line, now: now) {
            case .load(let sourceID, let person, let issues):
                pending.append(LegacyPerson(sourceID: sourceID, person: person, issues: issues))
                if !issues.isEmpty { withIssues += 1 }
                for issue in issues {
                    problems["\(issue.field): \(issue.problem)", default: 0] += 1
                    reportFile?.write(["\(line)", sourceID, issue.field, issue.value, issue.problem])
                }
            case .refuse(let reason):
                refused += 1
                if refusals.count < 1_000 { refusals.append("line \(line): \(reason)") }
            }
            if pending.count >= chunk {
                try await flush()
                if !quiet { Progress.bar(reader.bytesRead, of: size, label: "bytes, \(read) rows") }
            }
        }
        try await flush()
        if let last = writing { inserted += try await last.value }
        try reportFile?.close()
        if !quiet { FileHandle.standardError.write(Data("\n".utf8)) }
        for refusal in refusals { print("refused \(refusal)") }
        if refused > refusals.count { print("… and \(refused - refusals.count) more refused rows") }
        for (problem, count) in problems.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }) { print("kept as given: \(count) × \(problem)") }
        print(
            "Read \(read) rows: \(inserted) records loaded, \(read - inserted - refused) already loaded (skipped), \(refused) refused; "
                + "\(withIssues) rows had values kept as given\(report.map { " (listed in \($0))" } ?? "")"
                + (PeakMemory.megabytes().map { String(format: "; peak memory %.0f MB", $0) } ?? "") + ".")
    }

    /// `file=import` pairs, comma-separated: the file's column name on the left (any case), the import's on the right.
    static func columnMapping(_ text: String?) throws -> [String: String] {
        guard let text, !text.isEmpty else { return [:] }
        var mapping: [String: String] = [:]
        for pair in text.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[1].isEmpty, PersonImportRow.columns.contains(parts[0]) || PersonImportRow.columns.contains(parts[1]) else {
                throw DomainError.invalid([
                    FieldError(
                        "columns", "\"\(pair)\" is not import_name=FileName with an import name among \(PersonImportRow.columns.joined(separator: ", ")).")
                ])
            }
            // Either way round: first_name=Forename, or Forename=first_name.
            let (ours, theirs) = PersonImportRow.columns.contains(parts[0]) ? (parts[0], parts[1]) : (parts[1], parts[0])
            mapping[theirs.lowercased()] = ours
        }
        return mapping
    }
}

/// An import's report: a CSV file with a header, one line per thing a person cleaning the data should see.
struct ImportReport {
    private let handle: FileHandle

    init(path: String, header: [String]) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw DomainError.invalid([FieldError("report", "cannot write \(path).")])
        }
        self.handle = handle
        handle.write(Data((header.joined(separator: ",") + "\n").utf8))
    }

    func write(_ cells: [String]) {
        handle.write(Data((cells.map(LegacyCSV.cell).joined(separator: ",") + "\n").utf8))
    }

    func close() throws { try handle.close() }
}
