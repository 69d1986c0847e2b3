import Foundation
import Hummingbird
import SafeguardDomain

/// The API's JSON conventions: snake_case keys, ISO 8601 times.
enum APIJSON {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()

    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok, contentType: String = "application/json") throws -> Response {
        let data = try encoder.encode(value)
        var headers = HTTPFields()
        headers[.contentType] = contentType
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Decodes a request body, turning decoding failures into field errors a client can act on.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, context: AppRequestContext) async throws -> T {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        // An empty body is an empty object: actions such as "dispatched now" need nothing more.
        let data = buffer.readableBytes == 0 ? Data("{}".utf8) : Data(buffer: buffer)
        guard let json = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
            throw DomainError.invalid([FieldError("body", "is not valid JSON.")])
        }
        let problems = BodyChecks.valueProblems(json)
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        let value: T
        do {
            value = try decoder.decode(T.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw DomainError.invalid([FieldError(fieldPath(context.codingPath + [key]), "is required.")])
        } catch let DecodingError.typeMismatch(_, context) {
            throw DomainError.invalid([FieldError(fieldPath(context.codingPath), "has the wrong type: \(context.debugDescription)")])
        } catch let DecodingError.valueNotFound(_, context) {
            throw DomainError.invalid([FieldError(fieldPath(context.codingPath), "must not be null.")])
        } catch {
            throw DomainError.invalid([FieldError("body", "is not valid JSON.")])
        }
        let unknown = BodyChecks.unknownFields(of: T.self, in: json)
        guard unknown.isEmpty else {
            throw DomainError.invalid(
                unknown.map { FieldError($0, "is not a field of this request: check its spelling against the API document. Nothing was saved.") })
        }
        return value
    }

    private static func fieldPath(_ path: [any CodingKey]) -> String {
        let snake = path.map { key -> String in
            if let index = key.intValue { return "[\(index)]" }
            return key.stringValue.reduce(into: "") { out, ch in
                if ch.isUppercase { out += "_" + ch.lowercased() } else { out.append(ch) }
            }
        }
        return snake.isEmpty ? "body" : snake.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
    }

    /// Map keys (question ids, evidence items) back to snake_case: the decoder turns every key into camelCase, map keys
    /// included.
    static func snakeCasedKeys(_ map: [String: String]) -> [String: String] {
        Dictionary(
            map.map { key, value in
                (key.reduce(into: "") { out, c in if c.isUppercase { out += "_" + c.lowercased() } else { out.append(c) } }, value)
            }, uniquingKeysWith: { first, _ in first })
    }
}
