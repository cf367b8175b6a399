/// Finds manifest values that a rule compares on a scale but that are not levels of it, without
/// evaluating anything: what `audit check` can say about values (each would be an `error`
/// result in a run).
public enum ScaleValueCheck {
  /// One error per off-scale value, at the value, naming the scale's levels.
  public static func check(_ manifests: [Manifest], packs: [RulePack]) -> [Diagnostic] {
    let index = ScaleIndex(packs: packs)
    guard !index.entries.isEmpty else { return [] }
    var problems: [Diagnostic] = []
    for manifest in manifests {
      guard let capabilities = manifest.capabilities else { continue }
      walk(capabilities, keys: [], platform: manifest.id, index: index, into: &problems)
    }
    return problems
  }

  private static func walk(
    _ node: YAMLNode, keys: [String], platform: String, index: ScaleIndex, into problems: inout [Diagnostic]
  ) {
    switch node.kind {
    case .mapping:
      for (key, value) in node.entries {
        guard let name = key.text else { continue }
        walk(value, keys: keys + [name], platform: platform, index: index, into: &problems)
      }
    case .scalar:
      guard !node.isNull, let text = node.text, let match = index.match(keys, platform: platform),
        match.scale.rank(of: text) == nil
      else { return }
      let hint = Suggestion.closest(to: text, in: match.scale.levels).map { "did you mean '\($0)'?" }
        ?? "expected one of: \(match.scale.levels.joined(separator: ", "))"
      problems.append(.error(node.location,
        "'\(text)' at \(keys.joined(separator: ".")) is not a level of scale '\(match.scale.name)', which the rule packs compare this path on",
        hint: hint))
    default:
      return
    }
  }
}
