/// `matches: REGEX` — the value, as text, contains a match of the regular expression.
public struct Matches: Operator {
  public static let key = "matches"
  public static let summary =
    "The value, as written, contains a match of the regular expression (anchor it with ^ and $)."
  public static let argumentSchema: JSONValue = .object([("type", "string"), ("format", "regex")])
  public static let examples = [
    OperatorExample("{path: v, matches: '^https://'}", "{v: 'https://example.org'}", .pass),
    OperatorExample("{path: v, matches: '^https://'}", "{v: 'http://example.org'}", .fail),
    OperatorExample("{path: v, matches: '^8\\.0\\.'}", "{v: 8.0.16}", .pass),
    OperatorExample("{path: v, matches: 'x'}", "{v: {a: 1}}", .error, message: .expectedSingleValue),
    OperatorExample("{path: v, matches: 'x'}", "{}", .unknown, message: .checkMissing),
    OperatorExample("{path: v, matches: '^(a+)+$'}", "{v: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!}", .fail),
  ]

  let pattern: String
  let regex: LinearRegex

  public init?(argument: YAMLNode, leaf: LeafSyntax) {
    guard argument.kind == .scalar, !argument.isNull, let pattern = argument.text else {
      leaf.error(argument, "'matches' takes a regular expression, found \(argument.kindDescription)")
      return nil
    }
    do {
      regex = try LinearRegex(pattern)
    } catch {
      leaf.error(argument, "'matches' cannot use '\(pattern)': \(error)",
        hint: "'matches' runs in linear time, so it takes no backreferences, lookaround or recursion")
      return nil
    }
    self.pattern = pattern
  }

  public func evaluate(_ value: YAMLNode) -> Outcome {
    switch ValueComparison.text(value) {
    case .value(let text):
      switch regex.matches(text) {
      case .value(let found): Outcome(found)
      case .problem(let message): .error(message)
      }
    case .problem(let message): .error(message)
    }
  }

  public var requirement: Message { Message(.matchesRequirement, ["pattern": .value(pattern)]) }

  public static let messages: [MessageKey] = [.matchesRequirement] + ValueComparison.messages

  /// Compiles `pattern` as `matches` does and searches `text`: nil when the pattern is refused or
  /// the search fails (for the fuzz target and tools).
  public static func probe(pattern: String, text: String) -> Bool? {
    guard let regex = try? LinearRegex(pattern), case .value(let found) = regex.matches(text) else { return nil }
    return found
  }
}

extension MessageKey {
  static let matchesRequirement = MessageKey("matches.requirement", "matches /{pattern}/")
}
