import Foundation

/// CSV as spreadsheets read it (RFC 4180): one place for quoting, used by every file the system writes.
public enum CSVText {
    /// A cell, quoted when it holds a comma, a quote or a line break.
    public static func cell(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
