/// Compares a manifest value with a rule's expected scalar, typed by what the rule expects:
/// a string compares with the text as written (`1.10` stays "1.10"), a boolean needs a boolean,
/// a number needs a number. A mismatch of kinds is an error, not a quiet `false`.
enum ValueComparison {
  static func equal(_ expected: Scalar, _ value: YAMLNode) -> Checked<Bool> {
    guard value.kind == .scalar, let text = value.text, let actual = value.scalar else {
      return .problem("expected \(expected.typeName), found \(value.kindDescription)")
    }
    switch expected {
    case .string(let s):
      return .value(text == s)
    case .bool(let b):
      guard case .bool(let v) = actual else {
        let hint = ["yes", "no", "on", "off"].contains(text.lowercased())
          ? " (YAML 1.2 reads '\(Bounded.quote(text))' as a string; write true or false)" : ""
        return .problem("expected a boolean, found \(actual)\(hint)")
      }
      return .value(b == v)
    case .int, .decimal:
      guard let v = actual.number, let e = expected.number else {
        return .problem("expected a number, found \(actual)")
      }
      // NaN equals nothing, not even itself, so a comparison with it says nothing: an error.
      guard !v.isNaN, !e.isNaN else {
        return .problem("NaN (.nan) cannot be compared with a number; write the value or leave it out")
      }
      return .value(e == v)
    case .null:
      return .value(actual == .null)
    }
  }

  /// Whether any of `expected` equals the value; the first type error wins.
  static func member(_ value: YAMLNode, of expected: [Scalar]) -> Checked<Bool> {
    var firstError: String?
    for candidate in expected {
      switch equal(candidate, value) {
      case .value(true): return .value(true)
      case .value(false): continue
      case .problem(let message): firstError = firstError ?? message
      }
    }
    if let firstError, expected.allSatisfy({ if case .string = $0 { false } else { true } }) {
      return .problem(firstError)
    }
    return .value(false)
  }

  /// The elements of a list value, or an error naming what was found.
  static func list(_ value: YAMLNode) -> Checked<[YAMLNode]> {
    guard value.kind == .sequence else {
      return .problem("expected a list, found \(value.kindDescription)")
    }
    return .value(value.elements)
  }

  /// A scalar value as text, or an error.
  static func text(_ value: YAMLNode) -> Checked<String> {
    guard value.kind == .scalar, let text = value.text else {
      return .problem("expected a single value, found \(value.kindDescription)")
    }
    return .value(text)
  }

  /// "'a', 'b' or 'c'".
  static func words(_ values: [Scalar], joiner: String = "or") -> String {
    let parts = values.map(\.description)
    guard let last = parts.last, parts.count > 1 else { return parts.first ?? "" }
    return parts.dropLast().joined(separator: ", ") + " \(joiner) " + last
  }
}

/// A value read from a manifest, or the reason it could not be read as required.
enum Checked<Value> {
  case value(Value)
  case problem(String)
}
