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
    var text: [UInt8] = []
    text.reserveCapacity(36)
    for (i, byte) in bytes.enumerated() {
      if i == 4 || i == 6 || i == 8 || i == 10 { text.append(UInt8(ascii: "-")) }
      text.append(hexDigits[Int(byte >> 4)])
      text.append(hexDigits[Int(byte & 0x0F)])
    }
    return String(decoding: text, as: UTF8.self)
  }

  /// The lowercase hex SHA-256 of `text`.
  public static func sha256(_ text: String) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(64)
    for byte in SHA256.hash(data: Data(text.utf8)) {
      out.append(hexDigits[Int(byte >> 4)])
      out.append(hexDigits[Int(byte & 0x0F)])
    }
    return String(decoding: out, as: UTF8.self)
  }

  private static let hexDigits = Array("0123456789abcdef".utf8)
}
