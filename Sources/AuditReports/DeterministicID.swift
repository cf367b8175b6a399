import Crypto
import Foundation

/// Identifiers derived from stable keys, so that identical inputs give identical reports:
/// UUIDs in the version-5 layout and hex fingerprints, both from SHA-256.
public enum DeterministicID {
  /// A UUID (version 5 layout, RFC 4122 variant) from the SHA-256 of `key` in `namespace`.
  public static func uuid(_ key: String, namespace: String = "interop-audit") -> String {
    var bytes = Array(SHA256.hash(data: Data("\(namespace)\u{0}\(key)".utf8)).prefix(16))
    bytes[6] = (bytes[6] & 0x0F) | 0x50
    bytes[8] = (bytes[8] & 0x3F) | 0x80
    let hex = bytes.map(hexByte).joined()
    let parts = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { range in
      String(hex.dropFirst(range.lowerBound).prefix(range.count))
    }
    return parts.joined(separator: "-")
  }

  /// The lowercase hex SHA-256 of `text`.
  public static func sha256(_ text: String) -> String {
    SHA256.hash(data: Data(text.utf8)).map(hexByte).joined()
  }

  private static func hexByte(_ byte: UInt8) -> String {
    let digits = Array("0123456789abcdef")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
  }
}
