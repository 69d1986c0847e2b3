import Foundation
import SafeguardDomain

/// Checks a JSON body makes before it is decoded into a request type, so a mistake or an attack is refused by name
/// and changes nothing: text longer than anyone writes, control characters (a NUL cut a name short in what was shown
/// while the database kept the rest), lists longer than any form has — and, after decoding, fields the request does
/// not have, so a client's typo (`"fear_in_thier_words"`) never loses what the victim said without a word.
enum BodyChecks {
    /// Problems with the values of a parsed JSON body (from `JSONSerialization`), each naming its field path.
    static func valueProblems(_ value: Any, path: String = "") -> [FieldError] {
        switch value {
        case let text as String:
            return TextInput.textProblem(text).map { [FieldError(path.isEmpty ? "body" : path, $0)] } ?? []
        case let list as [Any]:
            if list.count > InputLimits.anyListItems {
                return [FieldError(path.isEmpty ? "body" : path, "must have \(InputLimits.anyListItems) items or fewer (this has \(list.count)).")]
            }
            return list.enumerated().flatMap { valueProblems($1, path: "\(path)[\($0)]") }
        case let object as [String: Any]:
            return object.keys.sorted().flatMap { key -> [FieldError] in
                let field = path.isEmpty ? key : "\(path).\(key)"
                if let problem = TextInput.lineProblem(key, limit: 100) { return [FieldError("body", "a field name \(problem)")] }
                return valueProblems(object[key]!, path: field)
            }
        default:
            return []
        }
    }

    /// Fields of `json` that decoding `T` never asked for: not fields of this request. Found by decoding `T` once
    /// more through a decoder that notes every key asked for; a value it cannot follow is not second-guessed.
    static func unknownFields<T: Decodable>(of type: T.Type, in json: Any) -> [String] {
        let recorder = KeyRecorder()
        do { _ = try T(from: RecordingDecoder(value: json, path: [], recorder: recorder)) } catch { return [] }
        return recorder.unknown(in: json)
    }
}

/// The keys asked for at each object path, by a decoding that walks a JSON value.
final class KeyRecorder {
    private var asked: [String: Set<String>] = [:]

    func note(_ key: String, at path: [String]) { asked[path.joined(separator: "/"), default: []].insert(key) }

    /// Every key present in `json` but never asked for, as a field path (`parties[1].new_person.surnme`).
    func unknown(in json: Any) -> [String] {
        var found: [String] = []
        func walk(_ value: Any, path: [String], shown: String) {
            if let object = value as? [String: Any] {
                let here = asked[path.joined(separator: "/")]
                for key in object.keys.sorted() {
                    let camel = RecordingDecoder.camelCase(key)
                    let field = shown.isEmpty ? key : "\(shown).\(key)"
                    // An object never opened as a container (a value taken whole) has nothing to compare.
                    if let here, !here.contains(camel) { found.append(field); continue }
                    walk(object[key]!, path: path + [camel], shown: field)
                }
            } else if let list = value as? [Any] {
                for (index, item) in list.enumerated() { walk(item, path: path + ["[\(index)]"], shown: "\(shown)[\(index)]") }
            }
        }
        walk(json, path: [], shown: "")
        return found
    }
}

/// A `Decoder` over a parsed JSON value that records which keys a type asks for. Values are given back as the JSON
/// holds them, keys converted from snake_case as `APIJSON.decoder` converts them; types it cannot build from JSON
/// text (dates) get a stand-in, since only the keys are wanted.
struct RecordingDecoder: Decoder {
    let value: Any
    let path: [String]
    let recorder: KeyRecorder
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]

    init(value: Any, path: [String], recorder: KeyRecorder) {
        self.value = value
        self.path = path
        self.recorder = recorder
    }

    /// `JSONDecoder.KeyDecodingStrategy.convertFromSnakeCase`: `date_of_birth` → `dateOfBirth`.
    static func camelCase(_ key: String) -> String {
        guard key.contains("_") else { return key }
        let leading = key.prefix { $0 == "_" }
        let trailing = String(key.reversed().prefix { $0 == "_" })
        let core = key.dropFirst(leading.count).dropLast(trailing.count)
        let words = core.split(separator: "_", omittingEmptySubsequences: true)
        guard let first = words.first else { return key }
        return String(leading) + first.lowercased() + words.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst().lowercased() }.joined() + trailing
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard let object = value as? [String: Any] else {
            throw DecodingError.typeMismatch([String: Any].self, .init(codingPath: codingPath, debugDescription: "not an object"))
        }
        var converted: [String: Any] = [:]
        for (key, item) in object { converted[Self.camelCase(key)] = item }
        return KeyedDecodingContainer(Keyed<Key>(object: converted, path: path, recorder: recorder))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard let list = value as? [Any] else { throw DecodingError.typeMismatch([Any].self, .init(codingPath: codingPath, debugDescription: "not a list")) }
        return Unkeyed(list: list, path: path, recorder: recorder)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { Single(value: value, path: path, recorder: recorder) }

    /// Decodes `T` from `value`: plain JSON values directly, anything else through another recording decoder.
    static func decode<T: Decodable>(_ type: T.Type, from value: Any, path: [String], recorder: KeyRecorder) throws -> T {
        if T.self == Date.self, let stand = Date() as? T { return stand }
        if let plain = plainValue(T.self, value) { return plain }
        if isPlain(T.self) { throw DecodingError.typeMismatch(T.self, .init(codingPath: [], debugDescription: "not a \(T.self)")) }
        return try T(from: RecordingDecoder(value: value, path: path, recorder: recorder))
    }

    private static func isPlain<T>(_ type: T.Type) -> Bool {
        T.self == String.self || T.self == Bool.self || T.self == Int.self || T.self == Int64.self || T.self == Double.self || T.self == UInt64.self
    }

    private static func number(_ value: Any) -> NSNumber? {
        if let number = value as? NSNumber { return number }
        if let int = value as? Int { return NSNumber(value: int) }
        if let double = value as? Double { return NSNumber(value: double) }
        if let bool = value as? Bool { return NSNumber(value: bool) }
        return nil
    }

    private static func plainValue<T>(_ type: T.Type, _ value: Any) -> T? {
        if value is String { return T.self == String.self ? value as? T : nil }
        guard !(value is NSNull), let number = number(value) else { return nil }
        switch T.self {
        case is Bool.Type: return number.boolValue as? T
        case is Int.Type: return number.intValue as? T
        case is Int64.Type: return number.int64Value as? T
        case is Double.Type: return number.doubleValue as? T
        case is UInt64.Type: return number.uint64Value as? T
        default: return nil
        }
    }

    private struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let object: [String: Any]
        let path: [String]
        let recorder: KeyRecorder
        var codingPath: [any CodingKey] { [] }
        var allKeys: [Key] {
            // Asked for every key at once (a dictionary): each counts as asked.
            object.keys.compactMap { key in
                recorder.note(key, at: path); return Key(stringValue: key)
            }
        }

        func contains(_ key: Key) -> Bool {
            recorder.note(key.stringValue, at: path)
            return object[key.stringValue] != nil
        }

        func decodeNil(forKey key: Key) throws -> Bool {
            recorder.note(key.stringValue, at: path)
            return object[key.stringValue] == nil || object[key.stringValue] is NSNull
        }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            recorder.note(key.stringValue, at: path)
            guard let value = object[key.stringValue] else { throw DecodingError.keyNotFound(key, .init(codingPath: [], debugDescription: "missing")) }
            return try RecordingDecoder.decode(T.self, from: value, path: path + [key.stringValue], recorder: recorder)
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            recorder.note(key.stringValue, at: path)
            return try RecordingDecoder(value: object[key.stringValue] ?? NSNull(), path: path + [key.stringValue], recorder: recorder).container(
                keyedBy: NestedKey.self)
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            recorder.note(key.stringValue, at: path)
            return try RecordingDecoder(value: object[key.stringValue] ?? NSNull(), path: path + [key.stringValue], recorder: recorder).unkeyedContainer()
        }

        func superDecoder() throws -> any Decoder { RecordingDecoder(value: object, path: path, recorder: recorder) }
        func superDecoder(forKey key: Key) throws -> any Decoder {
            recorder.note(key.stringValue, at: path)
            return RecordingDecoder(value: object[key.stringValue] ?? NSNull(), path: path + [key.stringValue], recorder: recorder)
        }
    }

    private struct Unkeyed: UnkeyedDecodingContainer {
        let list: [Any]
        let path: [String]
        let recorder: KeyRecorder
        var codingPath: [any CodingKey] { [] }
        var count: Int? { list.count }
        var isAtEnd: Bool { currentIndex >= list.count }
        var currentIndex = 0

        init(list: [Any], path: [String], recorder: KeyRecorder) {
            self.list = list
            self.path = path
            self.recorder = recorder
        }

        private mutating func next() throws -> (Any, [String]) {
            guard !isAtEnd else { throw DecodingError.valueNotFound(Any.self, .init(codingPath: [], debugDescription: "end of list")) }
            defer { currentIndex += 1 }
            return (list[currentIndex], path + ["[\(currentIndex)]"])
        }

        mutating func decodeNil() throws -> Bool {
            guard !isAtEnd, list[currentIndex] is NSNull else { return false }
            currentIndex += 1
            return true
        }

        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
            let (value, itemPath) = try next()
            return try RecordingDecoder.decode(T.self, from: value, path: itemPath, recorder: recorder)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            let (value, itemPath) = try next()
            return try RecordingDecoder(value: value, path: itemPath, recorder: recorder).container(keyedBy: NestedKey.self)
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            let (value, itemPath) = try next()
            return try RecordingDecoder(value: value, path: itemPath, recorder: recorder).unkeyedContainer()
        }

        mutating func superDecoder() throws -> any Decoder {
            let (value, itemPath) = try next()
            return RecordingDecoder(value: value, path: itemPath, recorder: recorder)
        }
    }

    private struct Single: SingleValueDecodingContainer {
        let value: Any
        let path: [String]
        let recorder: KeyRecorder
        var codingPath: [any CodingKey] { [] }

        func decodeNil() -> Bool { value is NSNull }

        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            try RecordingDecoder.decode(T.self, from: value, path: path, recorder: recorder)
        }
    }
}
