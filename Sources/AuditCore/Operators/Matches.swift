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
    OperatorExample("{path: v, matches: 'x'}", "{v: {a: 1}}", .error),
  ]

  let pattern: String
  let regex: CompiledRegex

  public init?(argument: YAMLNode, leaf: LeafSyntax) {
    guard argument.kind == .scalar, !argument.isNull, let pattern = argument.text else {
      leaf.error(argument, "'matches' takes a regular expression, found \(argument.kindDescription)")
      return nil
    }
    do {
      regex = try CompiledRegex(pattern)
    } catch {
      leaf.error(argument, "'\(pattern)' is not a valid regular expression: \(error)")
      return nil
    }
    self.pattern = pattern
  }

  public func evaluate(_ value: YAMLNode) -> Outcome {
    switch ValueComparison.text(value) {
    case .value(let text): Outcome(regex.matches(text))
    case .problem(let message): .error(message)
    }
  }

  public var requirement: String { "matches /\(pattern)/" }
}

/// A compiled regular expression that can be shared between threads (it is never mutated).
struct CompiledRegex: @unchecked Sendable {
  private let regex: Regex<AnyRegexOutput>

  init(_ pattern: String) throws { regex = try Regex(pattern) }

  func matches(_ text: String) -> Bool { (try? regex.firstMatch(in: text)) != nil }
}
