/// Values from inputs as messages quote them: control characters shown visibly and long values
/// cut, so that one hostile scalar can neither drive a terminal or a CI log nor make every
/// message, reason and report megabytes long.
public enum Bounded {
  /// The most characters of a value that a message quotes.
  public static let maxQuoted = 120

  /// `text` cut to `limit` characters with an ellipsis and the full size (`abc… (1048576 bytes)`),
  /// and escaped by `visible`.
  public static func quote(_ text: String, limit: Int = maxQuoted) -> String {
    visible(cut(text, limit: limit))
  }

  /// `text` cut to `limit` characters (Unicode scalars) with an ellipsis and the full size.
  public static func cut(_ text: String, limit: Int) -> String {
    guard text.utf8.count > limit else { return text }
    let scalars = text.unicodeScalars
    guard scalars.count > limit else { return text }
    return String(String.UnicodeScalarView(scalars.prefix(limit))) + "… (\(text.utf8.count) bytes)"
  }

  /// The most characters of one input value that a report prints (names, notes, sources).
  public static let maxReported = 2_000

  /// Control characters (C0 but tab, DEL, C1), bidirectional overrides and isolates, and line and
  /// paragraph separators written as `\u{…}` (newline as `\n`), so that output shows them instead
  /// of obeying them.
  public static func visible(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: needsEscape) else { return text }
    var out = ""
    out.reserveCapacity(text.utf8.count + 8)
    for scalar in text.unicodeScalars {
      if !needsEscape(scalar) {
        out.unicodeScalars.append(scalar)
      } else if scalar == "\n" {
        out += "\\n"
      } else if scalar == "\r" {
        out += "\\r"
      } else {
        out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
      }
    }
    return out
  }

  /// Whether a scalar is one that `visible` writes out.
  public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
    let v = scalar.value
    if v < 0x20 { return v != 0x09 }
    if (0x7F...0x9F).contains(v) { return true }
    // LRM, RLM, ALM, the embeddings and overrides, the isolates, and LS/PS.
    return v == 0x200E || v == 0x200F || v == 0x061C || (0x202A...0x202E).contains(v)
      || (0x2066...0x2069).contains(v) || v == 0x2028 || v == 0x2029
  }

  /// A stderr line that input cannot turn into a CI workflow command: escaped, and never
  /// starting with `::`.
  public static func line(_ text: String) -> String {
    let escaped = visible(text)
    return escaped.hasPrefix("::") ? "./" + escaped : escaped
  }
}
