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

    init(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CSVError.cannotOpen(path)
        }
        self.handle = handle
    }

    enum CSVError: Error, CustomStringConvertible {
        case cannotOpen(String)
        var description: String {
            switch self {
            case .cannotOpen(let path): "cannot open \(path)"
            }
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

    /// The next record's fields and the line it started on, or nil at the end of the file.
    mutating func next() -> (fields: [String], line: Int)? {
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
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
            case UInt8(ascii: "\r"): continue
            case UInt8(ascii: "\n"):
                line += 1
                fields.append(String(decoding: field, as: UTF8.self))
                return (fields, startLine)
            default: field.append(byte)
            }
        }
        guard sawAnything else { return nil }
        fields.append(String(decoding: field, as: UTF8.self))
        return (fields, startLine)
    }
}
