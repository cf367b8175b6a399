/// `not_in: [A, B]` — the value is none of the listed scalars.
public struct NotIn: Operator {
  public static let key = "not_in"
  public static let summary = "The value is none of the listed scalars."
  public static let argumentSchema: JSONValue = .object([("type", "array"), ("minItems", 1)])
  public static let examples = [
    OperatorExample("{path: v, not_in: [blocked]}", "{v: direct}", .pass),
    OperatorExample("{path: v, not_in: [blocked, copy_token]}", "{v: copy_token}", .fail),
    OperatorExample("{path: v, not_in: [blocked]}", "{}", .unknown),
    OperatorExample("{path: v, not_in: [1, 2]}", "{v: [1]}", .error, message: .expectedNumber),
  ]

  let excluded: [Scalar]

  public init?(argument: YAMLNode, leaf: LeafSyntax) {
    guard let excluded = leaf.scalars(argument, for: Self.key) else { return nil }
    self.excluded = excluded
  }

  public func evaluate(_ value: YAMLNode) -> Outcome {
    switch ValueComparison.member(value, of: excluded) {
    case .value(let found): Outcome(!found)
    case .problem(let message): .error(message)
    }
  }

  public var requirement: Message { Message(.notInRequirement, ["values": ValueComparison.words(excluded, joiner: .nor)]) }

  public static let messages: [MessageKey] = [.notInRequirement] + ValueComparison.messages
}

extension MessageKey {
  static let notInRequirement = MessageKey("not_in.requirement", "is none of {values}")
}
