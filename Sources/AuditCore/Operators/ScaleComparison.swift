/// Shared by `at_least` and `at_most`: a level on a declared scale, and the rank of a value.
struct ScaleComparison: Sendable {
  let scale: Scale
  let level: String
  let levelRank: Int

  init?(key: String, argument: YAMLNode, leaf: LeafSyntax) {
    guard let scale = leaf.scale(for: key) else { return nil }
    guard argument.kind == .scalar, !argument.isNull, let level = argument.text else {
      leaf.error(argument, "'\(key)' takes one level of scale '\(scale.name)', found \(argument.kindDescription)")
      return nil
    }
    guard let rank = scale.rank(of: level) else {
      leaf.error(argument, "'\(level)' is not a level of scale '\(scale.name)'",
        hint: Suggestion.closest(to: level, in: scale.levels).map { "did you mean '\($0)'?" }
          ?? "expected one of: \(scale.levels.joined(separator: ", "))")
      return nil
    }
    self.scale = scale
    self.level = level
    self.levelRank = rank
  }

  /// The rank of a value on the scale, or an error naming the scale's levels.
  func rank(of value: YAMLNode) -> Checked<Int> { Self.rank(of: value, on: scale) }

  /// The rank of a value on `scale`, or an error naming the scale's levels (the value quoted
  /// within `Bounded.maxQuoted` characters).
  static func rank(of value: YAMLNode, on scale: Scale) -> Checked<Int> {
    guard value.kind == .scalar, let text = value.text else {
      return .problem(Message(.expectedLevel, ["scale": .scale(scale.name), "found": .message(.kind(of: value))]))
    }
    guard let rank = scale.rank(of: text) else {
      return .problem(Message(.notALevel, ["value": .value(text), "scale": .scale(scale.name), "levels": .levels(scale.levels)]))
    }
    return .value(rank)
  }

  /// The messages of a comparison on a scale.
  static let messages: [MessageKey] = [.expectedLevel, .notALevel]
}

extension MessageKey {
  static let expectedLevel = MessageKey("scale.expected_level", "expected a level of scale '{scale}', found {found}")
  static let notALevel = MessageKey("scale.not_a_level", "'{value}' is not a level of scale '{scale}' ({levels})")
}
