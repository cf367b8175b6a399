/// `after: DATE` — the value is a date (YYYY-MM-DD) later than DATE.
public struct After: Operator {
  public static let key = "after"
  public static let summary = "The value is a date (YYYY-MM-DD) strictly later than the given date."
  public static let argumentSchema: JSONValue = .object([("type", "string"), ("format", "date")])
  public static let examples = [
    OperatorExample("{path: v, after: 2021-09-17}", "{v: 2021-11-29}", .pass),
    OperatorExample("{path: v, after: 2021-09-17}", "{v: 2021-01-01}", .fail),
    OperatorExample("{path: v, after: 2021-09-17}", "{v: [2021-11-29]}", .error, message: .expectedDate),
    OperatorExample("{path: v, after: 2021-09-17}", "{}", .unknown, message: .afterRequirement),
  ]

  let date: Day

  public init?(argument: YAMLNode, leaf: LeafSyntax) {
    guard let date = leaf.context.day(argument, field: Self.key) else { return nil }
    self.date = date
  }

  public func evaluate(_ value: YAMLNode) -> Outcome {
    switch DateValue.read(value) {
    case .value(let day): Outcome(day > date)
    case .problem(let message): .error(message)
    }
  }

  public var requirement: Message { Message(.afterRequirement, ["date": .date(date.description)]) }

  public static let messages: [MessageKey] = [.afterRequirement] + DateValue.messages
}

extension MessageKey {
  static let afterRequirement = MessageKey("after.requirement", "is a date after {date}")
}
