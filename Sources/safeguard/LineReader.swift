import Foundation

/// Reads a file one line at a time (LF or CRLF) in 1 MB reads, so a ten-year history file is never held in memory.
struct LineReader {
    private let handle: FileHandle
    private var buffer = Data()
    private var finished = false
    private(set) var line = 0
    private(set) var bytesRead = 0

    init(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw CSVReader.CSVError.cannotOpen(path) }
        self.handle = handle
    }

    /// The next line's bytes (without its end) and its number, or nil at the end of the file.
    mutating func next() -> (bytes: Data, line: Int)? {
        while true {
            if let newline = buffer.firstIndex(of: 10) {
                var bytes = buffer[buffer.startIndex..<newline]
                if bytes.last == 13 { bytes = bytes.dropLast() }
                buffer = buffer[(newline + 1)...]
                line += 1
                return (Data(bytes), line)
            }
            if finished {
                guard !buffer.isEmpty else { return nil }
                let rest = buffer
                buffer = Data()
                line += 1
                return (Data(rest), line)
            }
            let data = handle.readData(ofLength: 1 << 20)
            if data.isEmpty {
                finished = true
            } else {
                bytesRead += data.count
                buffer = Data(buffer) + data
            }
        }
    }
}
