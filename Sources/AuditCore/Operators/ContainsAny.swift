/// `contains_any: [A, B]` — a list value has at least one listed item.
public struct ContainsAny: Operator {
  public static let key = "contains_any"
  public static let summary = "A list value has at least one of the listed items."
  public static let argumentSchema: JSONValue = .object([("type", "array"), ("minItems", 1)])
  public static let examples = [
    OperatorExample("{path: v, contains_any: [alipay, wechat_pay]}", "{v: [wechat_pay]}", .pass),
    OperatorExample("{path: v, contains_any: [alipay, wechat_pay]}", "{v: [unionpay]}", .fail),
    OperatorExample("{path: v, contains_any: [alipay, wechat_pay]}", "{v: []}", .fail),
    OperatorExample("{path: v, contains_any: [alipay]}", "{}", .unknown),
    OperatorExample("{path: v, contains_any: [alipay]}", "{v: alipay}", .error, message: .expectedList),
  ]

  let items: [Scalar]

  public init?(argument: YAMLNode, leaf: LeafSyntax) {
    guard let items = leaf.scalars(argument, for: Self.key) else { return nil }
    self.items = items
  }

  public func evaluate(_ value: YAMLNode) -> Outcome {
    switch ValueComparison.list(value) {
    case .problem(let message): .error(message)
    case .value(let elements): ListMembership.contains(elements, items, all: false)
    }
  }

  public var requirement: Message { Message(.containsAnyRequirement, ["values": ValueComparison.words(items)]) }

  public static let messages: [MessageKey] = [.containsAnyRequirement] + ValueComparison.messages
}

extension MessageKey {
  static let containsAnyRequirement = MessageKey("contains_any.requirement", "contains any of {values}")
}
