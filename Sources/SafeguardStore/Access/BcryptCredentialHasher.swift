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
public func sha256Hex(_ text: String) -> String { lowerHex(SHA256.hash(data: Data(text.utf8))) }

/// Bytes as lower-case hex: digests, keyed hashes and new keys alike.
func lowerHex(_ bytes: some Sequence<UInt8>) -> String {
    // Every audit entry hashes; String(format:) per byte was a measurable share of each write.
    let digits = Array("0123456789abcdef".utf8)
    var hex: [UInt8] = []
    hex.reserveCapacity(64)
    for byte in bytes {
        hex.append(digits[Int(byte >> 4)])
        hex.append(digits[Int(byte & 0x0f)])
    }
    return String(decoding: hex, as: UTF8.self)
}
