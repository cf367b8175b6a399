extension Entity {
  static let fileKeys = ["kind", "entities", "notes"]
  static let keys = ["id", "name", "name_en", "notes", "holds"]
  static let holdingKeys = ["platform", "relation", "share", "from", "until", "source", "note"]

  /// Decodes a `kind: entities` document into its entities.
  static func decodeFile(_ node: YAMLNode, context: DecodeContext) -> [Entity] {
    guard let map = context.mapping(node, keys: fileKeys, what: Noun.entitiesFile) else { return [] }
    return (map.list("entities", required: true) ?? []).compactMap { decode($0, context: context) }
  }

  private static func decode(_ node: YAMLNode, context: DecodeContext) -> Entity? {
    guard let map = context.mapping(node, keys: keys, what: Noun.entity) else { return nil }
    let mark = context.diagnostics.count
    let id = map.identifier("id", required: true)
    let holdings = (map.list("holds", required: true) ?? []).compactMap {
      decodeHolding($0, context: context)
    }
    guard let id, !context.hasErrors(since: mark) else { return nil }
    return Entity(id: id, name: map.string("name"), nameEn: map.string("name_en"), holdings: holdings,
      notes: map.string("notes"), location: node.location)
  }

  private static func decodeHolding(_ node: YAMLNode, context: DecodeContext) -> Holding? {
    guard let map = context.mapping(node, keys: holdingKeys, what: Noun.holding) else { return nil }
    let mark = context.diagnostics.count
    let platform = map.identifier("platform", required: true)
    let relation = map.choice("relation", as: Holding.Relation.self, required: true)
    let from = partialDate(map, "from")
    let until = partialDate(map, "until")
    let source = map.string("source")
    if source == nil, map.node["source"] == nil {
      context.error(node, "a holding needs 'source'",
        hint: "name the filing or report that states the stake and its dates")
    }
    var share: String?
    if let shareNode = map.value("share") {
      share = decodeShare(shareNode, context: context)
      if relation == .controls {
        context.error(shareNode, "'share' is for relation: invests",
          hint: "a controlling holding needs no share; remove it or say relation: invests")
      }
    }
    if let from, let until, until.start <= from.start, let n = map.value("until") {
      context.error(n, "'until' (\(until)) must come after 'from' (\(from))",
        hint: "'until' is exclusive: the first day the holding no longer applies")
    }
    guard let platform, let relation, let source, !context.hasErrors(since: mark) else { return nil }
    return Holding(platform: platform, relation: relation, share: share, from: from, until: until,
      source: source, note: map.string("note"), location: node.location)
  }

  private static func partialDate(_ map: MappingReader, _ key: String) -> PartialDate? {
    guard let node = map.value(key), let text = map.context.string(node, field: key) else { return nil }
    guard let date = PartialDate(text) else {
      map.context.error(node, "'\(key)' must be YYYY, YYYY-MM or YYYY-MM-DD, found '\(text)'")
      return nil
    }
    return date
  }

  /// A stake between 0 and 1 as written (`0.17`), kept as text so it prints exactly.
  private static func decodeShare(_ node: YAMLNode, context: DecodeContext) -> String? {
    guard node.kind == .scalar, let text = node.text, let scalar = node.scalar,
      let value = shareValue(scalar)
    else {
      context.error(node, "'share' must be a number between 0 and 1, found \(node.kindDescription)",
        hint: "write 0.17 for 17 %")
      return nil
    }
    guard value > 0, value <= 1, Holding.percentText(text) != nil else {
      context.error(node, "'share' must be a fraction above 0 and at most 1, found '\(text)'",
        hint: value > 1 && value <= 100 ? "write \(text)% as a fraction, e.g. 0.17 for 17 %" : nil)
      return nil
    }
    return text
  }

  /// A share's size for the range check only (the text is what is kept and printed).
  private static func shareValue(_ scalar: Scalar) -> Double? {
    switch scalar {
    case .int(let n): Double(n)
    case .decimal(let n) where n.kind == .finite: Double(n.description)
    default: nil
    }
  }
}
