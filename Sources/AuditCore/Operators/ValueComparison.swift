/// Compares a manifest value with a rule's expected scalar, typed by what the rule expects:
/// a string compares with the text as written (`1.10` stays "1.10"), a boolean needs a boolean,
/// a number needs a number. A mismatch of kinds is an error, not a quiet `false`.
enum ValueComparison {
  static func equal(_ expected: Scalar, _ value: YAMLNode) -> Checked<Bool> {
    guard value.kind == .scalar, let text = value.text, let actual = value.scalar else {
      return .problem(.expected(expected, found: value))
    }
    switch expected {
    case .string(let s):
      return .value(text == s)
    case .bool(let b):
      guard case .bool(let v) = actual else {
        guard ["yes", "no", "on", "off"].contains(text.lowercased()) else {
          return .problem(.expected(expected, found: value))
        }
        return .problem(Message(.expectedBooleanYAML11, ["found": .message(.kind(of: value)), "value": .value(text)]))
      }
      return .value(b == v)
    case .int, .decimal:
      guard let v = actual.number, let e = expected.number else {
        return .problem(.expected(expected, found: value))
      }
      // NaN equals nothing, not even itself, so a comparison with it says nothing: an error.
      guard !v.isNaN, !e.isNaN else {
        return .problem(Message(.comparedNaN))
      }
      return .value(e == v)
    case .null:
      return .value(actual == .null)
    }
  }

  /// Whether any of `expected` equals the value; the first type error wins.
  static func member(_ value: YAMLNode, of expected: [Scalar]) -> Checked<Bool> {
    var firstError: Message?
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
      return .problem(Message(.expectedList, ["found": .message(.kind(of: value))]))
    }
    return .value(value.elements)
  }

  /// A scalar value as text, or an error.
  static func text(_ value: YAMLNode) -> Checked<String> {
    guard value.kind == .scalar, let text = value.text else {
      return .problem(Message(.expectedSingleValue, ["found": .message(.kind(of: value))]))
    }
    return .value(text)
  }

  /// "'a', 'b' or 'c'".
  static func words(_ values: [Scalar], joiner: MessageArgument.Joiner = .or) -> MessageArgument {
    .list(values.map(\.description), joiner: joiner)
  }

  /// The messages of the comparisons shared by several operators.
  static let messages: [MessageKey] = [
    .expectedString, .expectedBoolean, .expectedNumber, .expectedNull, .expectedBooleanYAML11, .comparedNaN,
    .expectedList, .expectedSingleValue, .kindMapping, .kindList, .kindScalar, .kindValue,
  ]
}

extension MessageKey {
  static let expectedString = MessageKey("value.expected_string", "expected a string, found {found}")
  static let expectedBoolean = MessageKey("value.expected_boolean", "expected a boolean, found {found}")
  static let expectedNumber = MessageKey("value.expected_number", "expected a number, found {found}")
  static let expectedNull = MessageKey("value.expected_null", "expected null, found {found}")
  static let expectedBooleanYAML11 = MessageKey("value.expected_boolean_yaml11",
    "expected a boolean, found {found} (YAML 1.2 reads '{value}' as a string; write true or false)")
  static let comparedNaN = MessageKey("value.nan",
    "NaN (.nan) cannot be compared with a number; write the value or leave it out")
  static let expectedList = MessageKey("value.expected_list", "expected a list, found {found}")
  static let expectedSingleValue = MessageKey("value.expected_single", "expected a single value, found {found}")
  static let kindMapping = MessageKey("kind.mapping", "a mapping")
  static let kindList = MessageKey("kind.list", "a list")
  static let kindScalar = MessageKey("kind.scalar", "a scalar")
  /// A scalar as found: `'text'` (quoted and bounded), `3`, `true`, `null`.
  static let kindValue = MessageKey("kind.value", "{value}")
}

extension Message {
  /// What a node is, as messages say it: "a list", "a mapping", or the scalar as written.
  static func kind(of node: YAMLNode) -> Message {
    switch node.kind {
    case .mapping: Message(.kindMapping)
    case .sequence: Message(.kindList)
    case .scalar: node.scalar.map { Message(.kindValue, ["value": .text($0.description)]) } ?? Message(.kindScalar)
    }
  }

  /// "expected a number, found 'ten'".
  static func expected(_ expected: Scalar, found node: YAMLNode) -> Message {
    let key: MessageKey
    switch expected {
    case .null: key = .expectedNull
    case .bool: key = .expectedBoolean
    case .int, .decimal: key = .expectedNumber
    case .string: key = .expectedString
    }
    return Message(key, ["found": .message(.kind(of: node))])
  }
}

/// A value read from a manifest, or the reason it could not be read as required.
enum Checked<Value> {
  case value(Value)
  case problem(Message)
}
