/// `before: DATE` — the value is a date (YYYY-MM-DD) earlier than DATE.
public struct Before: Operator {
  public static let key = "before"
  public static let summary = "The value is a date (YYYY-MM-DD) strictly earlier than the given date."
  public static let argumentSchema: JSONValue = .object([("type", "string"), ("format", "date")])
  public static let examples = [
    OperatorExample("{path: v, before: 2021-09-17}", "{v: 2021-09-01}", .pass),
    OperatorExample("{path: v, before: 2021-09-17}", "{v: 2021-09-17}", .fail),
    OperatorExample("{path: v, before: 2021-09-17}", "{v: soon}", .error, message: .expectedDate),
    OperatorExample("{path: v, before: 2021-09-17}", "{v: ~}", .unknown, message: .checkNull),
  ]

  let date: Day

  public init?(argument: YAMLNode, leaf: LeafSyntax) {
    guard let date = leaf.context.day(argument, field: Self.key) else { return nil }
    self.date = date
  }

  public func evaluate(_ value: YAMLNode) -> Outcome {
    switch DateValue.read(value) {
    case .value(let day): Outcome(day < date)
    case .problem(let message): .error(message)
    }
  }

  public var requirement: Message { Message(.beforeRequirement, ["date": .date(date.description)]) }

  public static let messages: [MessageKey] = [.beforeRequirement] + DateValue.messages
}

/// Shared by `before` and `after`: a manifest value read as a date.
enum DateValue {
  static func read(_ value: YAMLNode) -> Checked<Day> {
    guard value.kind == .scalar, let text = value.text, let day = Day(text) else {
      return .problem(Message(.expectedDate, ["found": .message(.kind(of: value))]))
    }
    return .value(day)
  }

  /// The messages of reading a date.
  static let messages: [MessageKey] = [.expectedDate]
}

extension MessageKey {
  static let beforeRequirement = MessageKey("before.requirement", "is a date before {date}")
  static let expectedDate = MessageKey("date.expected", "expected a date written YYYY-MM-DD, found {found}")
}
