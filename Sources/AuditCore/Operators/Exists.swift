/// `exists: true|false` — the path is (or is not) present in the manifest.
public struct Exists: Operator {
  public static let key = "exists"
  public static let summary =
    "The path is present (true) or absent (false); a value recorded as null is unknown."
  public static let argumentSchema: JSONValue = .object([("type", "boolean")])
  public static let examples = [
    OperatorExample("{path: v, exists: true}", "{v: anything}", .pass),
    OperatorExample("{path: v, exists: true}", "{}", .fail),
    OperatorExample("{path: v, exists: false}", "{}", .pass),
    OperatorExample("{path: v, exists: false}", "{v: [a]}", .fail),
    OperatorExample("{path: v, exists: true}", "{v: ~}", .unknown),
    OperatorExample("{path: v.x, exists: true}", "{v: 3}", .error, message: .noKey),
  ]

  let expected: Bool

  public init?(argument: YAMLNode, leaf: LeafSyntax) {
    guard let expected = leaf.context.bool(argument, field: Self.key) else { return nil }
    self.expected = expected
  }

  public func evaluate(_ value: YAMLNode) -> Outcome { Outcome(expected) }

  public func evaluateMissing() -> Outcome { Outcome(!expected) }

  public var requirement: Message { Message(expected ? .existsPresent : .existsAbsent) }

  public static let messages: [MessageKey] = [.existsPresent, .existsAbsent]
}

extension MessageKey {
  static let existsPresent = MessageKey("exists.present", "is present")
  static let existsAbsent = MessageKey("exists.absent", "is absent")
}
