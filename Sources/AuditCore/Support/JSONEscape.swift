/// Where a JSON string's bytes go: the encoder's own buffer (`JSONBytes`) and the reports'
/// one-line writer (`CompactJSON`) both take them, so both write strings with the same escapes.
public protocol JSONByteSink {
  /// Makes room for `extra` more bytes; a hint, which a sink may ignore.
  mutating func reserve(_ extra: Int)
  mutating func append(_ byte: UInt8)
  mutating func append(_ bytes: UnsafeBufferPointer<UInt8>)
}

extension JSONByteSink {
  /// A decimal integer, without making a String.
  @inlinable
  public mutating func appendDecimal(_ value: Int) {
    var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
    var magnitude = value.magnitude
    withUnsafeMutableBytes(of: &digits) { scratch in
      var i = scratch.count
      repeat {
        i -= 1
        scratch[i] = UInt8(truncatingIfNeeded: 0x30 + magnitude % 10)
        magnitude /= 10
      } while magnitude > 0
      if value < 0 {
        i -= 1
        scratch[i] = 0x2D
      }
      append(UnsafeBufferPointer(rebasing: scratch.bindMemory(to: UInt8.self)[i...]))
    }
  }
}

public enum JSONEscape {
  /// Appends `bytes` (UTF-8) to `sink` as a quoted JSON string, with the escapes RFC 8259
  /// requires (`\"`, `\\`, `\n`, `\r`, `\t`, other controls as `\u00XX`) and U+2028/U+2029 as
  /// `\u2028`/`\u2029`, which JavaScript does not allow raw in a string. Inlinable, so that
  /// each sink gets its own specialised loop: this runs for every string of every results file.
  @inlinable
  public static func quote<Sink: JSONByteSink>(_ bytes: UnsafeBufferPointer<UInt8>, into sink: inout Sink) {
    sink.reserve(bytes.count + 2)
    sink.append(0x22)
    var runStart = 0
    var i = 0
    while i < bytes.count {
      let byte = bytes[i]
      // Only controls, `"`, `\` and 0xE2 (the lead byte of U+2028/9) can need an escape.
      guard byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0xE2 else {
        i += 1
        continue
      }
      var skip = 1
      let escape: StaticString
      switch byte {
      case 0x22: escape = "\\\""
      case 0x5C: escape = "\\\\"
      case 0x0A: escape = "\\n"
      case 0x0D: escape = "\\r"
      case 0x09: escape = "\\t"
      case 0xE2:
        guard i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 else {
          i += 1
          continue
        }
        escape = bytes[i + 2] == 0xA8 ? "\\u2028" : "\\u2029"
        skip = 3
      default:
        sink.append(UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
        let digits = (byte >> 4, byte & 0x0F)
        sink.append(0x5C)
        sink.append(0x75)
        sink.append(0x30)
        sink.append(0x30)
        sink.append(digits.0 < 10 ? 0x30 + digits.0 : 0x57 + digits.0)
        sink.append(digits.1 < 10 ? 0x30 + digits.1 : 0x57 + digits.1)
        i += 1
        runStart = i
        continue
      }
      sink.append(UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
      sink.append(UnsafeBufferPointer(start: escape.utf8Start, count: escape.utf8CodeUnitCount))
      i += skip
      runStart = i
    }
    sink.append(UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
    sink.append(0x22)
  }
}
