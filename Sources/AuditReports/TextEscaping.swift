import AuditCore
import Mustache

/// Escaping for strings that come from inputs, so that no manifest can inject markup into a
/// report: Markdown that keeps table cells intact, HTML that stays text, links only to http(s).
public enum TextEscaping {
  /// Registers the `MARKDOWN` content type for templates (`{{% CONTENT_TYPE: MARKDOWN}}`).
  static func registerContentTypes() {
    _ = registration
  }

  private static let registration: Void = {
    MustacheContentTypes.register(MarkdownContentType(), named: "MARKDOWN")
    MustacheContentTypes.register(HTMLTextContentType(), named: "HTML")
  }()

  /// Inline Markdown text: one line, safe inside a GFM table cell. Punctuation that Markdown
  /// reads is backslash-escaped, `<`/`>`/`&` become entities, newlines become `<br>`.
  public static func markdown(_ text: String) -> String {
    // Letters, digits, spaces, harmless punctuation and non-ASCII pass through unchanged.
    if text.utf8.allSatisfy({ $0 >= 0x80 || markdownPlain[Int($0)] }) { return text }
    var out = ""
    out.reserveCapacity(text.utf8.count + 8)
    var atLineStart = true
    var previousWasCR = false
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\r":
        out += "<br>"
        atLineStart = true
        previousWasCR = true
        continue
      case "\n":
        if !previousWasCR { out += "<br>" }
        atLineStart = true
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "&": out += "&amp;"
      case "\\", "`", "*", "_", "[", "]", "|", "#", "~", "!", "{", "}", "$":
        out += "\\"
        out.unicodeScalars.append(scalar)
      case "-" where atLineStart, "+" where atLineStart, "=" where atLineStart:
        out += "\\"
        out.unicodeScalars.append(scalar)
      case "\t":
        out += " "
      case let c where !isPrintable(c):
        out += shown(c)
      default:
        out.unicodeScalars.append(scalar)
      }
      atLineStart = scalar == "\n" || (atLineStart && scalar == " ")
      previousWasCR = false
    }
    return out
  }

  /// Text with every character that no report format can carry replaced: C0 controls other
  /// than tab and newline, DEL, C1 controls and bidi overrides are shown as `\u{…}`, Unicode
  /// noncharacters become U+FFFD; CR LF and lone CR become LF. Templates receive only such text, so HTML stays free of parse errors.
  public static func printable(_ text: String) -> String {
    // Most values need nothing, and one pass over the bytes tells: every scalar that is not
    // printable starts with a byte of `suspect` (a control, DEL, or the lead byte of C1
    // controls, U+061C, U+200E–U+2069, U+FDD0–U+FFFF or a plane above the first), and no
    // continuation byte is one, so text without those bytes is printable as it is.
    let clean = text.utf8.withContiguousStorageIfAvailable { bytes in
      suspect.withUnsafeBufferPointer { suspect in !bytes.contains { suspect[Int($0)] } }
    }
    if clean ?? false { return text }
    guard text.unicodeScalars.contains(where: { !isPrintable($0) }) else { return text }
    var out = ""
    out.reserveCapacity(text.utf8.count)
    var previousWasCR = false
    for scalar in text.unicodeScalars {
      defer { previousWasCR = scalar == "\r" }
      if scalar == "\r" {
        out += "\n"
      } else if scalar == "\n" {
        if !previousWasCR { out += "\n" }
      } else {
        if isPrintable(scalar) { out.unicodeScalars.append(scalar) } else { out += shown(scalar) }
      }
    }
    return out
  }

  /// How a scalar that no report carries as it is appears instead: controls (C0, DEL, C1) and
  /// bidirectional overrides written visibly as `\u{1B}` — the same function as stderr's
  /// (`Bounded.visible`) — and noncharacters as U+FFFD.
  static func shown(_ scalar: Unicode.Scalar) -> String {
    Bounded.needsEscape(scalar) ? Bounded.visible(String(scalar)) : "\u{FFFD}"
  }

  /// The bytes a scalar that `isPrintable` refuses can start with; CR too, which becomes LF.
  private static let suspect: [Bool] = (0..<256).map { byte in
    (byte < 0x20 && byte != 0x09 && byte != 0x0A) || byte == 0x7F || byte == 0xC2 || byte == 0xD8
      || byte == 0xE2 || byte == 0xEF || byte >= 0xF0
  }

  /// Whether a scalar may appear in a report as it is.
  static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
    let v = scalar.value
    if v < 0x20 { return v == 0x09 || v == 0x0A }
    if Bounded.needsEscape(scalar) { return false }
    if (0x7F...0x9F).contains(v) || (0xFDD0...0xFDEF).contains(v) { return false }
    return v & 0xFFFE != 0xFFFE
  }

  /// ASCII bytes that `markdown` never changes, wherever they stand.
  private static let markdownPlain: [Bool] = (0..<128).map { byte in
    let scalar = Unicode.Scalar(UInt8(byte))
    return scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
      || " \"'(),./:;?@%^".unicodeScalars.contains(scalar)
  }

  /// Text for HTML element content and quoted attribute values.
  public static func html(_ text: String) -> String {
    // Most values (ids, classes, numbers) need nothing: return them untouched.
    if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x26 && $0 != 0x3C && $0 != 0x3E && $0 != 0x22 && $0 != 0x27 }) {
      return text
    }
    var out = ""
    out.reserveCapacity(text.utf8.count + 8)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      case "\r": out += "\n"
      case let c where !isPrintable(c):
        out += shown(c)
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// The URL when it is an absolute `http` or `https` address with no spaces or control
  /// characters; `nil` otherwise (`javascript:`, `data:`, relative paths are never linked).
  public static func safeURL(_ text: String) -> String? {
    let lowered = text.lowercased()
    guard lowered.hasPrefix("https://") || lowered.hasPrefix("http://") else { return nil }
    guard !text.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F || $0 == "\"" || $0 == "<" || $0 == ">" || $0 == "`" })
    else { return nil }
    return text
  }
}

extension TextEscaping {
  /// A relative path as a URI reference: every byte but unreserved characters and `/` is
  /// percent-encoded. An absolute path becomes a `file://` URI.
  public static func uriReference(path: String) -> String {
    var out = path.hasPrefix("/") ? "file://" : ""
    for byte in path.utf8 {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
        UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
        out.unicodeScalars.append(Unicode.Scalar(byte))
      default:
        let hex = String(byte, radix: 16, uppercase: true)
        out += byte < 16 ? "%0\(hex)" : "%\(hex)"
      }
    }
    return out
  }

  /// Text for XML 1.0 content and attribute values: markup characters become entities, line
  /// breaks and tabs in attributes become character references, and characters that XML 1.0
  /// cannot carry at all become U+FFFD.
  public static func xml(_ text: String, attribute: Bool = false) -> String {
    // Most values need nothing: a byte scan finds them, and they are returned as they are.
    if xmlUnchanged(text, attribute: attribute) { return text }
    var out = ""
    out.reserveCapacity(text.utf8.count + 8)
    for scalar in printable(text).unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"" where attribute: out += "&quot;"
      case "\n" where attribute: out += "&#10;"
      case "\t" where attribute: out += "&#9;"
      case let c where !isPrintable(c): out += shown(c)
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}

extension TextEscaping {
  /// Bytes after which `xml` may change something: markup characters, controls, CR, DEL, and
  /// the lead bytes of C1 controls (C2) and of noncharacters (EF, F0–F4).
  private static let xmlSpecial: [Bool] = (0..<256).map { (byte: Int) -> Bool in
    if byte < 0x20 || byte >= 0xF0 && byte <= 0xF4 { return true }
    return [0x26, 0x3C, 0x3E, 0x7F, 0xC2, 0xEF].contains(byte)
  }

  /// Whether `xml` would return `text` as it is: no byte that could need a change, except
  /// newlines and tabs in content and quotes outside attributes.
  static func xmlUnchanged(_ text: String, attribute: Bool) -> Bool {
    text.utf8.withContiguousStorageIfAvailable { bytes in
      xmlSpecial.withUnsafeBufferPointer { special in
        var i = 0
        while i < bytes.count {
          let byte = bytes[i]
          i += 1
          guard special[Int(byte)] || (attribute && byte == 0x22) else { continue }
          if !attribute && (byte == 0x0A || byte == 0x09) { continue }
          // EF starts most CJK punctuation; only EF B7 (U+FDD0…) and EF BF (U+FFFE/F) matter.
          if byte == 0xEF && i < bytes.count && bytes[i] != 0xB7 && bytes[i] != 0xBF { continue }
          return false
        }
        return true
      }
    } ?? false
  }
}

/// `{{% CONTENT_TYPE: HTML}}` in a template escapes with `TextEscaping.html`: the same
/// characters as Mustache's own HTML escaping, plus unprintable ones, and faster.
struct HTMLTextContentType: MustacheContentType {
  func escapeText(_ text: String) -> String { TextEscaping.html(text) }
}

/// Mustache's `{{value}}` in Markdown templates escapes with `TextEscaping.markdown`.
struct MarkdownContentType: MustacheContentType {
  func escapeText(_ text: String) -> String { TextEscaping.markdown(text) }
}
