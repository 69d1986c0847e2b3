import Foundation
import HTTPTypes
import Hummingbird

/// A CSV file to download: the same bytes whether the page (session) or the API (bearer token) asked for it.
enum CSVDownload {
    static func response(_ csv: String, filename: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.cacheControl] = "no-store"
        let safe = filename.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." }
        headers[.contentDisposition] = "attachment; filename=\"\(safe)\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: csv)))
    }
}
