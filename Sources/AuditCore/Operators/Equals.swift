/// `equals: V` — the value is exactly V (compared as the type of V).
public struct Equals: Operator {
  public static let key = "equals"
  public static let summary = "The value equals the given scalar, compared as that scalar's type."
  public static let argumentSchema: JSONValue = .object([("type", .array(["string", "number", "boolean"]))])
  public static let examples = [
    OperatorExample("{path: v, equals: direct}", "{v: direct}", .pass),
    OperatorExample("{path: v, equals: direct}", "{v: blocked}", .fail),
    OperatorExample("{path: v, equals: direct}", "{}", .unknown),
    OperatorExample("{path: v, equals: '1.10'}", "{v: 1.10}", .pass),
    OperatorExample("{path: v, equals: NO}", "{v: NO}", .pass),
    OperatorExample("{path: v, equals: true}", "{v: yes}", .error),
    OperatorExample("{path: v, equals: 3}", "{v: 3.0}", .pass),
    OperatorExample("{path: v, equals: direct}", "{v: [direct]}", .error),
  ]

  let expected: Scalar

  public init?(argument: YAMLNode, leaf: LeafSyntax) {
    guard let expected = leaf.scalar(argument, for: Self.key) else { return nil }
    self.expected = expected
  }

  public func evaluate(_ value: YAMLNode) -> Outcome {
    switch ValueComparison.equal(expected, value) {
    case .value(let equal): Outcome(equal)
    case .problem(let message): .error(message)
    }
  }

  public var requirement: Message { Message(.equalsRequirement, ["value": .text(expected.description)]) }

  public static let messages: [MessageKey] = [.equalsRequirement] + ValueComparison.messages
}

extension MessageKey {
  static let equalsRequirement = MessageKey("equals.requirement", "equals {value}")
}
