/// `at_least: L` with `scale: S` — the value is L or better on the ordinal scale S.
public struct AtLeast: Operator {
  public static let key = "at_least"
  public static let summary =
    "The value is the given level or better on the named scale (scales list levels worst first)."
  public static let extraKeys = ["scale"]
  public static let argumentSchema: JSONValue = .object([("type", "string")])
  public static let examples = [
    OperatorExample("{path: v, at_least: mid, scale: level}", "{v: high}", .pass),
    OperatorExample("{path: v, at_least: mid, scale: level}", "{v: mid}", .pass),
    OperatorExample("{path: v, at_least: mid, scale: level}", "{v: low}", .fail),
    OperatorExample("{path: v, at_least: mid, scale: level}", "{v: medium}", .error),
    OperatorExample("{path: v, at_least: mid, scale: level}", "{}", .unknown),
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
    case .value(let rank): Outcome(rank >= comparison.levelRank)
    case .problem(let message): .error(message)
    }
  }

  public var comparedScale: Scale? { comparison.scale }

  public var requirement: Message {
    Message(.atLeast, ["level": .value(comparison.level), "scale": .scale(comparison.scale.name)])
  }

  public static let messages: [MessageKey] = [.atLeast] + ScaleComparison.messages
}

extension MessageKey {
  static let atLeast = MessageKey("at_least.requirement", "at least '{level}' on {scale}")
}
