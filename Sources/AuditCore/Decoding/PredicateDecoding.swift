/// Turns predicate YAML (`require`, `when`, phase `require`) into `Predicate` values.
struct PredicateDecoder {
  let context: DecodeContext
  let scales: [String: Scale]

  private static let leafKeys: [String] = {
    var keys = ["path"] + OperatorRegistry.keys
    for type in OperatorRegistry.all { keys += type.extraKeys.filter { !keys.contains($0) } }
    return keys
  }()

  func decode(_ node: YAMLNode, field: String) -> Predicate? {
    guard node.kind == .mapping else {
      context.error(node, "'\(field)' must be a predicate (a mapping), found \(node.kindDescription)")
      return nil
    }
    if node["path"] != nil { return decodeLeaf(node) }
    let combinators = node.entries.filter { Combinator.keys.contains($0.key.text ?? "") }
    guard combinators.count == 1, node.count == 1 else {
      if combinators.count > 1 {
        context.error(node, "a predicate takes one of all, any, not, reciprocal; found \(combinators.count)",
          hint: "nest them: {all: [{any: [...]}, ...]}")
      } else if let stray = node.entries.first(where: { !Combinator.keys.contains($0.key.text ?? "") }) {
        let name = stray.key.text ?? "?"
        let candidates = Combinator.keys + Self.leafKeys
        context.error(stray.key, Message(.unknownKey, ["key": .text(name), "what": .message(Noun.predicate)]),
          hint: Suggestion.closest(to: name, in: candidates).map { Message(.didYouMean, ["name": .text($0)]) }
            ?? Message(.predicateShape, ["shape": .text("{path: ..., <operator>: ...}")]))
      } else {
        context.error(node, "empty predicate",
          hint: "write {path: ..., <operator>: ...} or one of all, any, not, reciprocal")
      }
      return nil
    }
    let (key, value) = combinators[0]
    switch key.text {
    case All.key, AnyOf.key:
      let name = key.text ?? All.key
      guard value.kind == .sequence, value.count > 0 else {
        context.error(value, "'\(name)' takes a non-empty list of predicates, found \(value.kindDescription)")
        return nil
      }
      let parts = value.elements.compactMap { decode($0, field: name) }
      guard parts.count == value.count else { return nil }
      return name == All.key ? .all(parts, node.location) : .any(parts, node.location)
    case Not.key:
      guard let inner = decode(value, field: Not.key) else { return nil }
      return .not(inner, node.location)
    default:
      return decodeReciprocal(value)
    }
  }

  private func decodeLeaf(_ node: YAMLNode) -> Predicate? {
    let operators = node.entries.filter { OperatorRegistry.type(for: $0.key.text ?? "") != nil }
    let type = operators.count == 1 ? operators[0].key.text.flatMap(OperatorRegistry.type(for:)) : nil
    let allowed = ["path"] + (type.map { [$0.key] + $0.extraKeys } ?? [])
    var ok = true
    for (key, _) in node.entries where !allowed.contains(key.text ?? "") {
      guard OperatorRegistry.type(for: key.text ?? "") == nil else { continue }
      ok = false
      let name = key.text ?? "?"
      context.error(key, Message(.unknownKey, ["key": .text(name), "what": .message(Noun.predicate)]),
        hint: Suggestion.closest(to: name, in: Self.leafKeys).map { Message(.didYouMean, ["name": .text($0)]) }
          ?? Message(.operatorList, ["operators": .text(OperatorRegistry.keys.joined(separator: ", "))]))
    }
    guard operators.count == 1, let type else {
      if operators.count > 1 {
        context.error(operators[1].key, "a predicate takes one operator; found \(operators.compactMap(\.key.text).map { "'\($0)'" }.joined(separator: " and "))",
          hint: "combine them with all: [...]")
      } else if ok {
        context.error(node, "a predicate with 'path' needs one operator",
          hint: "one of: \(OperatorRegistry.keys.joined(separator: ", "))")
      }
      return nil
    }
    guard let pathNode = node["path"], let path = decodePath(pathNode, field: "path") else { return nil }
    let leaf = LeafSyntax(node: node, context: context, scales: scales, path: path)
    guard let op = type.init(argument: operators[0].value, leaf: leaf), ok else { return nil }
    return .leaf(Leaf(path: path, operator: op, location: node.location))
  }

  private func decodeReciprocal(_ node: YAMLNode) -> Predicate? {
    guard let map = context.mapping(node, keys: ["path", "scale"], what: Noun.field("reciprocal")) else {
      return nil
    }
    guard let pathNode = map.required("path"), let path = decodePath(pathNode, field: "path") else {
      return nil
    }
    guard path.usesCounterparty else {
      context.error(pathNode, "a reciprocal path must contain {counterparty}",
        hint: "e.g. links.inbound.{counterparty}.private_chat")
      return nil
    }
    let leaf = LeafSyntax(node: node, context: context, scales: scales)
    guard let scale = leaf.scale(for: ReciprocalCheck.key) else { return nil }
    return .reciprocal(Reciprocal(path: path, scale: scale, location: node.location))
  }

  func decodePath(_ node: YAMLNode, field: String) -> CapabilityPath? {
    guard let text = context.string(node, field: field) else { return nil }
    switch CapabilityPath.parse(text) {
    case .success(let path): return path
    case .failure(let problem):
      context.error(node, "'\(Bounded.quote(text))' is not a path: \(problem)")
      return nil
    }
  }
}
