/// `in: [A, B]` — the value is one of the listed scalars.
public struct In: Operator {
  public static let key = "in"
  public static let summary = "The value is one of the listed scalars."
  public static let argumentSchema: JSONValue = .object([("type", "array"), ("minItems", 1)])
  public static let examples = [
    OperatorExample("{path: v, in: [direct, interstitial]}", "{v: direct}", .pass),
    OperatorExample("{path: v, in: [direct, interstitial]}", "{v: blocked}", .fail),
    OperatorExample("{path: v, in: [direct, interstitial]}", "{v: ~}", .unknown),
    OperatorExample("{path: v, in: [1, 2]}", "{v: two}", .error),
  ]

  let allowed: [Scalar]

  public init?(argument: YAMLNode, leaf: LeafSyntax) {
    guard let allowed = leaf.scalars(argument, for: Self.key) else { return nil }
    self.allowed = allowed
  }

  public func evaluate(_ value: YAMLNode) -> Outcome {
    switch ValueComparison.member(value, of: allowed) {
    case .value(let found): Outcome(found)
    case .problem(let message): .error(message)
    }
  }

  public var requirement: Message { Message(.inRequirement, ["values": ValueComparison.words(allowed)]) }

  public static let messages: [MessageKey] = [.inRequirement] + ValueComparison.messages
}

extension MessageKey {
  static let inRequirement = MessageKey("in.requirement", "is one of {values}")
}
