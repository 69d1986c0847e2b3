import Crypto
import Foundation
import SafeguardDomain

/// The audit chain's keys (HMAC-SHA256), held outside the database: from `SAFEGUARD_AUDIT_KEY` (one key), or
/// `SAFEGUARD_AUDIT_KEY_FILE` (one key a line, oldest first; the last signs new events, the older ones still verify
/// what they signed — that is how a key is rotated). Each key is known by an id derived from it, stored beside every
/// event, never the key itself. See `docs/operations.md`.
public struct AuditKeyring: AuditSigner {
    private let keys: [String: SymmetricKey]
    public let currentKeyID: String

    /// The shortest key accepted: 32 characters (256 bits if random).
    public static let minimumLength = 32

    public init(secrets: [String]) throws {
        let usable = secrets.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
        guard let last = usable.last else { throw AuditKeyError("the audit key file holds no key") }
        if let short = usable.first(where: { $0.utf8.count < Self.minimumLength }) {
            throw AuditKeyError("an audit key is \(short.utf8.count) characters; each must have at least \(Self.minimumLength)")
        }
        var keys: [String: SymmetricKey] = [:]
        for secret in usable { keys[Self.id(of: secret)] = SymmetricKey(data: Data(secret.utf8)) }
        self.keys = keys
        self.currentKeyID = Self.id(of: last)
    }

    /// A key's public name: the start of a hash of it, so the same key always has the same id and the id gives the
    /// key away no more than the chain's links do.
    static func id(of secret: String) -> String { String(sha256Hex("safeguard audit key id\u{0}" + secret).prefix(12)) }

    public func mac(_ text: String, keyID: String) -> String? {
        guard let key = keys[keyID] else { return nil }
        return lowerHex(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: key))
    }

    public func unkeyedHash(_ text: String) -> String { sha256Hex(text) }

    /// The keyring the environment names. Without either variable, the key file `fallbackFile` is read, and made
    /// (a random key, readable by its owner only) when it does not exist: a demo or a single machine works at once,
    /// and `created` says so, so the operator can move it somewhere safer.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment, fallbackFile: String
    ) throws -> (keyring: AuditKeyring, source: String, created: Bool) {
        if let secret = environment["SAFEGUARD_AUDIT_KEY"], !secret.isEmpty {
            return (try AuditKeyring(secrets: [secret]), "SAFEGUARD_AUDIT_KEY", false)
        }
        let path = environment["SAFEGUARD_AUDIT_KEY_FILE"].flatMap { $0.isEmpty ? nil : $0 } ?? fallbackFile
        var created = false
        if !FileManager.default.fileExists(atPath: path) {
            guard environment["SAFEGUARD_AUDIT_KEY_FILE"] == nil else { throw AuditKeyError("the audit key file \(path) does not exist") }
            var generator = SystemRandomNumberGenerator()
            let secret = lowerHex((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
            guard FileManager.default.createFile(atPath: path, contents: Data((secret + "\n").utf8), attributes: [.posixPermissions: 0o600]) else {
                throw AuditKeyError("could not write the audit key file \(path)")
            }
            created = true
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw AuditKeyError("could not read the audit key file \(path)") }
        return (try AuditKeyring(secrets: text.components(separatedBy: .newlines)), path, created)
    }
}

/// Why the audit key could not be used; the server does not start without one.
public struct AuditKeyError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = "Audit key: " + description + " (see docs/operations.md)." }
}
