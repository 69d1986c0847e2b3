import Foundation
import Hummingbird

/// A decoded `application/x-www-form-urlencoded` body (or query string). Fields may repeat (several phones).
struct FormBody: Sendable {
    private(set) var fields: [String: [String]] = [:]

    init(encoded: String) {
        for pair in encoded.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            fields[key, default: []].append(value)
        }
    }

    static func read(_ request: Request, context: AppRequestContext) async throws -> FormBody {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        return FormBody(encoded: String(buffer: buffer))
    }

    private static func decode(_ text: Substring) -> String {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text)
    }

    subscript(_ key: String) -> String? { fields[key]?.first }

    /// Every non-empty value of a repeated field; a single field may also hold several values, one per line.
    func list(_ key: String) -> [String] {
        (fields[key] ?? []).flatMap { $0.split(whereSeparator: \.isNewline).map(String.init) }
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

extension Request {
    /// The query string as form fields.
    var queryFields: FormBody { FormBody(encoded: uri.query ?? "") }
}
