/// `at_most: L` with `scale: S` — the value is L or worse on the ordinal scale S.
public struct AtMost: Operator {
  public static let key = "at_most"
  public static let summary = "The value is the given level or worse on the named scale."
  public static let extraKeys = ["scale"]
  public static let argumentSchema: JSONValue = .object([("type", "string")])
  public static let examples = [
    OperatorExample("{path: v, at_most: mid, scale: level}", "{v: low}", .pass),
    OperatorExample("{path: v, at_most: mid, scale: level}", "{v: high}", .fail),
    OperatorExample("{path: v, at_most: mid, scale: level}", "{v: 3}", .error, message: .notALevel),
    OperatorExample("{path: v, at_most: mid, scale: level}", "{}", .unknown, message: .atMost),
  ]

  let comparison: ScaleComparison

  public init?(argument: YAMLNode, leaf: LeafSyntax) {
    guard let comparison = ScaleComparison(key: Self.key, argument: argument, leaf: leaf) else {
      return nil
    }
    self.comparison = comparison
  }

  public func evaluate(_ value: YAMLNode) -> Outcome {
    switch comparison.rank(of: value) {
    case .value(let rank): Outcome(rank <= comparison.levelRank)
    case .problem(let message): .error(message)
    }
  }

  public var comparedScale: Scale? { comparison.scale }

  public var requirement: Message {
    Message(.atMost, ["level": .value(comparison.level), "scale": .scale(comparison.scale.name)])
  }

  public static let messages: [MessageKey] = [.atMost] + ScaleComparison.messages
}

extension MessageKey {
  static let atMost = MessageKey("at_most.requirement", "at most '{level}' on {scale}")
}
