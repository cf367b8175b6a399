/// A number exactly as written, of any size: a sign, its significant decimal digits and a power of
/// ten, or one of ±infinity and NaN. Two numbers are equal when they have the same value, so
/// `9007199254740993` differs from `9007199254740992` and `3` equals `3.0` (no floating point).
public struct ExactNumber: Hashable, Sendable, CustomStringConvertible {
  /// Finite, infinite or not a number.
  public enum Kind: Hashable, Sendable { case finite, infinity, nan }

  public let kind: Kind
  /// The sign (false for zero).
  public let negative: Bool
  /// Significant digits (0–9), without leading or trailing zeros; empty for zero.
  let digits: [UInt8]
  /// The value is `digits × 10^exponent`.
  let exponent: Int

  private init(kind: Kind, negative: Bool, digits: [UInt8], exponent: Int) {
    self.kind = kind
    self.negative = negative
    self.digits = digits
    self.exponent = exponent
  }

  /// ±infinity.
  public static func infinity(negative: Bool) -> ExactNumber {
    ExactNumber(kind: .infinity, negative: negative, digits: [], exponent: 0)
  }

  /// Not a number: never equal to anything in a comparison (comparing it is an error).
  public static let nan = ExactNumber(kind: .nan, negative: false, digits: [], exponent: 0)

  /// Whether this is NaN.
  public var isNaN: Bool { kind == .nan }

  /// A finite number from digits and a power of ten, normalised.
  init(negative: Bool, digits raw: [UInt8], exponent: Int) {
    var digits = ArraySlice(raw)
    while digits.first == 0 { digits = digits.dropFirst() }
    var exponent = exponent
    while digits.last == 0 {
      digits = digits.dropLast()
      exponent += 1
    }
    let zero = digits.isEmpty
    self.init(kind: .finite, negative: negative && !zero, digits: Array(digits), exponent: zero ? 0 : exponent)
  }

  /// An integer.
  public init(_ value: Int) {
    let magnitude = String(value.magnitude)
    self.init(negative: value < 0, digits: magnitude.utf8.map { $0 - 48 }, exponent: 0)
  }

  /// Unsigned digits in base 8 or 16 (already checked to be digits of that base), of any length.
  init?(unsignedDigits text: Substring, radix: Int) {
    var decimal: [UInt8] = []  // little-endian decimal digits
    for byte in text.utf8 {
      guard let digit = Int(String(UnicodeScalar(byte)), radix: radix) else { return nil }
      var carry = digit
      for i in decimal.indices {
        let v = Int(decimal[i]) * radix + carry
        decimal[i] = UInt8(v % 10)
        carry = v / 10
      }
      while carry > 0 {
        decimal.append(UInt8(carry % 10))
        carry /= 10
      }
    }
    self.init(negative: false, digits: decimal.reversed(), exponent: 0)
  }

  /// A core-schema decimal: `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`; nil if the text
  /// is not one or its exponent is beyond ±10⁹.
  public init?(decimal text: String) {
    var bytes = Substring(text).utf8[...]
    var negative = false
    if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
      negative = sign == UInt8(ascii: "-")
      bytes = bytes.dropFirst()
    }
    var digits: [UInt8] = []
    var exponent = 0
    var integerDigits = 0
    var fractionDigits = 0
    while let b = bytes.first, b >= 48 && b <= 57 {
      digits.append(b - 48)
      integerDigits += 1
      bytes = bytes.dropFirst()
    }
    if bytes.first == UInt8(ascii: ".") {
      bytes = bytes.dropFirst()
      while let b = bytes.first, b >= 48 && b <= 57 {
        digits.append(b - 48)
        fractionDigits += 1
        bytes = bytes.dropFirst()
      }
      exponent = -fractionDigits
    }
    // `.5` and `5.` are numbers, `.` alone is not.
    guard integerDigits > 0 || fractionDigits > 0 else { return nil }
    if let e = bytes.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
      bytes = bytes.dropFirst()
      var exponentNegative = false
      if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
        exponentNegative = sign == UInt8(ascii: "-")
        bytes = bytes.dropFirst()
      }
      var value = 0
      var count = 0
      while let b = bytes.first, b >= 48 && b <= 57 {
        value = value * 10 + Int(b - 48)
        count += 1
        guard value <= 1_000_000_000 else { return nil }
        bytes = bytes.dropFirst()
      }
      guard count > 0 else { return nil }
      exponent += exponentNegative ? -value : value
    }
    guard bytes.isEmpty else { return nil }
    self.init(negative: negative, digits: digits, exponent: exponent)
  }

  /// The number written plainly when that is short (`1.1`, `99999999999999999999999`), otherwise
  /// in scientific notation (`1.5e+400`); `.inf`, `-.inf` and `.nan` as YAML writes them.
  public var description: String {
    switch kind {
    case .nan: return ".nan"
    case .infinity: return negative ? "-.inf" : ".inf"
    case .finite: break
    }
    guard !digits.isEmpty else { return "0" }
    let sign = negative ? "-" : ""
    let text = String(decoding: digits.map { $0 + 48 }, as: UTF8.self)
    let pointAt = digits.count + exponent  // digits before the decimal point
    if exponent >= 0 && pointAt <= 40 {
      return sign + text + String(repeating: "0", count: exponent)
    }
    if exponent < 0 && pointAt > 0 {
      let cut = text.index(text.startIndex, offsetBy: pointAt)
      return sign + text[..<cut] + "." + text[cut...]
    }
    if exponent < 0 && pointAt > -6 {
      return sign + "0." + String(repeating: "0", count: -pointAt) + text
    }
    let mantissa = digits.count > 1 ? String(text.prefix(1)) + "." + text.dropFirst() : text
    let power = pointAt - 1
    return sign + mantissa + "e" + (power < 0 ? "-" : "+") + String(power.magnitude)
  }
}
