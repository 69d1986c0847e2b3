import Crypto
import Foundation
import HummingbirdBcrypt
import SafeguardDomain

/// Passwords with bcrypt; session ids and API tokens with SHA-256 (they are long random secrets, so a fast digest is enough).
public struct BcryptCredentialHasher: CredentialHasher {
    public let cost: UInt8

    public init(cost: Int) { self.cost = UInt8(clamping: cost) }

    public func hashPassword(_ password: String) -> String { Bcrypt.hash(password, cost: cost) }

    public func verifyPassword(_ password: String, hash: String) -> Bool { Bcrypt.verify(password, hash: hash) }

    public func digest(_ secret: String) -> String { sha256Hex(secret) }
}

/// SHA-256 of UTF-8 text as lower-case hex.
public func sha256Hex(_ text: String) -> String {
    SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
}
