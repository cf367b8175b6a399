/// `contains: V` — a list value has V among its items (a text value has V within it).
public struct Contains: Operator {
  public static let key = "contains"
  public static let summary =
    "A list value has the given scalar among its items; a text value contains it as a substring."
  public static let argumentSchema: JSONValue = .object([("type", .array(["string", "number", "boolean"]))])
  public static let examples = [
    OperatorExample("{path: v, contains: wechat_pay}", "{v: [alipay, wechat_pay]}", .pass),
    OperatorExample("{path: v, contains: wechat_pay}", "{v: [alipay]}", .fail),
    OperatorExample("{path: v, contains: pay}", "{v: wechat_pay}", .pass),
    OperatorExample("{path: v, contains: wechat_pay}", "{v: {alipay: true}}", .error),
    OperatorExample("{path: v, contains: wechat_pay}", "{w: [alipay]}", .unknown),
  ]

  let item: Scalar

  public init?(argument: YAMLNode, leaf: LeafSyntax) {
    guard let item = leaf.scalar(argument, for: Self.key) else { return nil }
    self.item = item
  }

  public func evaluate(_ value: YAMLNode) -> Outcome {
    if value.kind == .scalar, case .string(let needle) = item, let text = value.text {
      return Outcome(text.contains(needle))
    }
    switch ValueComparison.list(value) {
    case .problem(let message): return .error(message)
    case .value(let elements): return ListMembership.contains(elements, [item], all: true)
    }
  }

  public var requirement: Message { Message(.containsRequirement, ["value": .text(item.description)]) }

  public static let messages: [MessageKey] = [.containsRequirement] + ValueComparison.messages
}

/// Shared by `contains`, `contains_all` and `contains_any`: membership of scalars in a list.
enum ListMembership {
  static func contains(_ elements: [YAMLNode], _ wanted: [Scalar], all: Bool) -> Outcome {
    var firstError: Message?
    var hits = 0
    for item in wanted {
      var found = false
      for element in elements where !element.isNull {
        switch ValueComparison.equal(item, element) {
        case .value(true): found = true
        case .value(false): break
        case .problem(let message): firstError = firstError ?? message
        }
        if found { break }
      }
      if found { hits += 1 }
    }
    if all ? hits == wanted.count : hits > 0 { return .pass }
    if let firstError { return .error(firstError) }
    return .fail
  }
}

extension MessageKey {
  static let containsRequirement = MessageKey("contains.requirement", "contains {value}")
}
