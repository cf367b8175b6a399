/// A scalar read by the YAML 1.2 core schema: only `true`/`false` are booleans (no "Norway
/// problem"), and quoted scalars are always strings.
public enum Scalar: Hashable, Sendable, CustomStringConvertible {
  case null
  case bool(Bool)
  case int(Int)
  case double(Double)
  case string(String)

  /// Resolves a scalar's text by the core schema, honouring quotes and the `!!str`-style tags.
  public static func resolve(_ text: String, style: YAMLDocument.ScalarStyle, tag: String?) -> Scalar {
    if let tag {
      switch tag {
      case "tag:yaml.org,2002:str", "!": return .string(text)
      case "tag:yaml.org,2002:null": return .null
      case "tag:yaml.org,2002:bool": return bool(text).map(Scalar.bool) ?? .string(text)
      case "tag:yaml.org,2002:int": return int(text).map(Scalar.int) ?? .string(text)
      case "tag:yaml.org,2002:float": return double(text).map(Scalar.double) ?? .string(text)
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
    if let value = int(text) { return .int(value) }
    if let value = double(text) { return .double(value) }
    return .string(text)
  }

  private static func bool(_ text: String) -> Bool? {
    switch text {
    case "true", "True", "TRUE": true
    case "false", "False", "FALSE": false
    default: nil
    }
  }

  /// Core-schema integers: `[-+]?[0-9]+`, `0o[0-7]+`, `0x[0-9a-fA-F]+`.
  private static func int(_ text: String) -> Int? {
    if text.hasPrefix("0o") { return Int(text.dropFirst(2), radix: 8) }
    if text.hasPrefix("0x") { return Int(text.dropFirst(2), radix: 16) }
    var digits = Substring(text)
    if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
    guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
    return Int(text)
  }

  /// Core-schema floats: decimal with optional exponent, `.inf`, `.nan`.
  private static func double(_ text: String) -> Double? {
    switch text {
    case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .infinity
    case "-.inf", "-.Inf", "-.INF": return -.infinity
    case ".nan", ".NaN", ".NAN": return .nan
    default: break
    }
    var sawDigit = false
    for byte in text.utf8 {
      switch byte {
      case 48...57: sawDigit = true
      case UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "e"),
        UInt8(ascii: "E"):
        continue
      default: return nil
      }
    }
    return sawDigit ? Double(text) : nil
  }

  /// The value as people write it: `true`, `3`, `'text'`, `null`.
  public var description: String {
    switch self {
    case .null: "null"
    case .bool(let b): b ? "true" : "false"
    case .int(let i): String(i)
    case .double(let d): String(d)
    case .string(let s): "'\(s)'"
    }
  }

  /// A word for the type, for "expected a string, found a number".
  public var typeName: String {
    switch self {
    case .null: "null"
    case .bool: "a boolean"
    case .int, .double: "a number"
    case .string: "a string"
    }
  }
}
