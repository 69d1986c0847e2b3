import Foundation

/// Reads a CSV file (RFC 4180: commas, double quotes, "" inside quotes, CRLF or LF) one record at a time,
/// in 1 MB reads, so a file of a million rows is never held in memory.
struct CSVReader {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var position = 0
    private var finished = false
    /// The line the next record starts on (1 is the header).
    private(set) var line = 1
    private(set) var bytesRead = 0

    /// The file's character encoding: legacy exports are often Windows-1252 (£, accented names), not UTF-8.
    enum Encoding: String, CaseIterable, Sendable {
        case utf8 = "utf-8"
        case windows1252 = "windows-1252"
    }

    let encoding: Encoding

    init(path: String, encoding: Encoding = .utf8) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CSVError.cannotOpen(path)
        }
        self.handle = handle
        self.encoding = encoding
    }

    enum CSVError: Error, CustomStringConvertible {
        case cannotOpen(String)
        case badEncoding(line: Int, encoding: Encoding)
        var description: String {
            switch self {
            case .cannotOpen(let path): "cannot open \(path)"
            case .badEncoding(let line, let encoding):
                "line \(line) is not \(encoding.rawValue) text"
                    + (encoding == .utf8 ? "; a Windows export may need --encoding windows-1252" : "; check the file's encoding")
            }
        }
    }

    /// A field's bytes as text in the file's encoding, or nil when they are not text in it.
    private func text(_ bytes: [UInt8]) -> String? {
        switch encoding {
        case .utf8: String(validating: bytes, as: UTF8.self)
        // Plain ASCII reads the same in both encodings, and most legacy cells are plain: Foundation's code-page
        // decoding is kept for the few with a £ or an accent (it was a measurable share of a million-row import).
        case .windows1252: bytes.allSatisfy { $0 < 0x80 } ? String(decoding: bytes, as: UTF8.self) : String(bytes: bytes, encoding: .windowsCP1252)
        }
    }

    private mutating func nextByte() -> UInt8? {
        if position == buffer.count {
            if finished { return nil }
            let data = handle.readData(ofLength: 1 << 20)
            if data.isEmpty { finished = true; return nil }
            buffer = [UInt8](data)
            bytesRead += data.count
            position = 0
        }
        defer { position += 1 }
        return buffer[position]
    }

    /// The next record's fields and the line it started on, or nil at the end of the file; a record that is not text
    /// in the file's encoding throws, naming its line.
    mutating func next() throws -> (fields: [String], line: Int)? {
        let startLine = line
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var sawAnything = false
        while let byte = nextByte() {
            sawAnything = true
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if position < buffer.count, buffer[position] == UInt8(ascii: "\"") { field.append(byte); position += 1 } else { quoted = false }
                } else {
                    if byte == UInt8(ascii: "\n") { line += 1 }
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): quoted = true
            case UInt8(ascii: ","):
                guard let value = text(field) else { throw CSVError.badEncoding(line: startLine, encoding: encoding) }
                fields.append(value)
                field.removeAll(keepingCapacity: true)
            case UInt8(ascii: "\r"): continue
            case UInt8(ascii: "\n"):
                line += 1
                guard let value = text(field) else { throw CSVError.badEncoding(line: startLine, encoding: encoding) }
                fields.append(value)
                return (fields, startLine)
            default: field.append(byte)
            }
        }
        guard sawAnything else { return nil }
        guard let value = text(field) else { throw CSVError.badEncoding(line: startLine, encoding: encoding) }
        fields.append(value)
        return (fields, startLine)
    }
}
