/// A scalar read by the YAML 1.2 core schema: only `true`/`false` are booleans (no "Norway
/// problem"), and quoted scalars are always strings.
public enum Scalar: Hashable, Sendable, CustomStringConvertible {
  case null
  case bool(Bool)
  /// An integer that fits in 64 bits.
  case int(Int)
  /// Any other number, kept exactly as written: a decimal fraction, an exponent, an integer beyond
  /// 64 bits, ±infinity or NaN. Never rounded through `Double`.
  case decimal(ExactNumber)
  case string(String)

  /// Resolves a scalar's text by the core schema, honouring quotes and the `!!str`-style tags.
  public static func resolve(_ text: String, style: YAMLDocument.ScalarStyle, tag: String?) -> Scalar {
    if let tag {
      switch tag {
      case "tag:yaml.org,2002:str", "!": return .string(text)
      case "tag:yaml.org,2002:null": return .null
      case "tag:yaml.org,2002:bool": return bool(text).map(Scalar.bool) ?? .string(text)
      case "tag:yaml.org,2002:int": return integer(text) ?? .string(text)
      case "tag:yaml.org,2002:float": return decimal(text) ?? integer(text) ?? .string(text)
      default: break
      }
    }
    guard style == .plain else { return .string(text) }
    switch text {
    case "", "~", "null", "Null", "NULL": return .null
    case "true", "True", "TRUE": return .bool(true)
    case "false", "False", "FALSE": return .bool(false)
    default: break
    }
    guard let first = text.utf8.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+")
      || first == UInt8(ascii: ".") || (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9"))
    else { return .string(text) }
    return integer(text) ?? decimal(text) ?? .string(text)
  }

  /// The number a scalar holds, exactly; nil for non-numbers.
  public var number: ExactNumber? {
    switch self {
    case .int(let i): ExactNumber(i)
    case .decimal(let d): d
    default: nil
    }
  }

  private static func bool(_ text: String) -> Bool? {
    switch text {
    case "true", "True", "TRUE": true
    case "false", "False", "FALSE": false
    default: nil
    }
  }

  /// Core-schema integers: `[-+]?[0-9]+`, `0o[0-7]+`, `0x[0-9a-fA-F]+` (unsigned digits only:
  /// `0x-1` is a string). Beyond 64 bits they stay exact as `.decimal`.
  private static func integer(_ text: String) -> Scalar? {
    for (prefix, radix) in [("0o", 8), ("0x", 16)] where text.hasPrefix(prefix) {
      let digits = text.dropFirst(2)
      let valid = !digits.isEmpty && digits.utf8.allSatisfy { byte in
        radix == 8 ? (48...55).contains(byte)
          : (48...57).contains(byte) || (65...70).contains(byte) || (97...102).contains(byte)
      }
      guard valid else { return nil }
      if let value = Int(digits, radix: radix) { return .int(value) }
      return ExactNumber(unsignedDigits: digits, radix: radix).map(Scalar.decimal)
    }
    var digits = Substring(text)
    if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
    guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
    if let value = Int(text) { return .int(value) }
    return ExactNumber(decimal: text).map(Scalar.decimal)
  }

  /// Core-schema floats: decimal with optional exponent, `.inf`, `.nan`.
  private static func decimal(_ text: String) -> Scalar? {
    switch text {
    case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .decimal(.infinity(negative: false))
    case "-.inf", "-.Inf", "-.INF": return .decimal(.infinity(negative: true))
    case ".nan", ".NaN", ".NAN": return .decimal(.nan)
    default: return ExactNumber(decimal: text).map(Scalar.decimal)
    }
  }

  /// The value as people write it: `true`, `3`, `'text'`, `null`.
  public var description: String {
    switch self {
    case .null: "null"
    case .bool(let b): b ? "true" : "false"
    case .int(let i): String(i)
    case .decimal(let d): d.description
    case .string(let s): "'\(Bounded.quote(s))'"
    }
  }

  /// A word for the type, for "expected a string, found a number".
  public var typeName: String {
    switch self {
    case .null: "null"
    case .bool: "a boolean"
    case .int, .decimal: "a number"
    case .string: "a string"
    }
  }
}
