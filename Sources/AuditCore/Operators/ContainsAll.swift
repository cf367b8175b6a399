/// `contains_all: [A, B]` — a list value has every listed item.
public struct ContainsAll: Operator {
  public static let key = "contains_all"
  public static let summary = "A list value has every one of the listed items."
  public static let argumentSchema: JSONValue = .object([("type", "array"), ("minItems", 1)])
  public static let examples = [
    OperatorExample("{path: v, contains_all: [alipay, wechat_pay]}", "{v: [wechat_pay, alipay, unionpay]}", .pass),
    OperatorExample("{path: v, contains_all: [alipay, wechat_pay]}", "{v: [alipay]}", .fail),
    OperatorExample("{path: v, contains_all: [alipay]}", "{v: alipay}", .error, message: .expectedList),
    OperatorExample("{path: v, contains_all: [alipay]}", "{v: ~}", .unknown),
  ]

  let items: [Scalar]

  public init?(argument: YAMLNode, leaf: LeafSyntax) {
    guard let items = leaf.scalars(argument, for: Self.key) else { return nil }
    self.items = items
  }

  public func evaluate(_ value: YAMLNode) -> Outcome {
    switch ValueComparison.list(value) {
    case .problem(let message): .error(message)
    case .value(let elements): ListMembership.contains(elements, items, all: true)
    }
  }

  public var requirement: Message { Message(.containsAllRequirement, ["values": ValueComparison.words(items, joiner: .and)]) }

  public static let messages: [MessageKey] = [.containsAllRequirement] + ValueComparison.messages
}

extension MessageKey {
  static let containsAllRequirement = MessageKey("contains_all.requirement", "contains all of {values}")
}
