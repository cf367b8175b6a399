extension Manifest {
  /// The keys a `kind: platform` document may have.
  public static let keys = [
    "kind", "id", "name", "name_en", "operator", "categories", "jurisdictions", "as_of", "version",
    "capabilities", "evidence", "notes",
  ]

  /// Decodes a `kind: platform` document; `nil` when a required part is unusable.
  static func decode(_ node: YAMLNode, context: DecodeContext) -> Manifest? {
    guard let map = context.mapping(node, keys: keys, what: Noun.platformManifest) else { return nil }
    let id = map.identifier("id", required: true)
    let asOf = map.day("as_of", required: true)
    let manifest = decodeBody(map, id: id, asOf: asOf, defaults: nil)
    return manifest
  }

  /// Decodes a partial manifest embedded in a rule-pack example; missing fields take defaults.
  static func decodeExample(
    _ node: YAMLNode, context: DecodeContext, defaultID: String, scope: Scope?, asOf: Day
  ) -> Manifest? {
    let keys = Self.keys.filter { $0 != "kind" }
    guard let map = context.mapping(node, keys: keys, what: Noun.exampleManifest) else { return nil }
    let id = map.identifier("id") ?? defaultID
    let date = map.day("as_of") ?? asOf
    return decodeBody(map, id: id, asOf: date, defaults: scope)
  }

  private static func decodeBody(_ map: MappingReader, id: String?, asOf: Day?, defaults: Scope?)
    -> Manifest?
  {
    let context = map.context
    let mark = context.diagnostics.count
    let categories = map.strings("categories") ?? defaults?.categories ?? []
    let jurisdictions = map.strings("jurisdictions") ?? defaults?.jurisdictions ?? []
    var capabilities: YAMLNode?
    if let node = map.value("capabilities") {
      if node.kind == .mapping {
        capabilities = node
      } else {
        context.error(node, "'capabilities' must be a mapping, found \(node.kindDescription)")
      }
    }
    let evidence = (map.list("evidence") ?? []).compactMap {
      Evidence.decode($0, context: context, capabilities: capabilities)
    }
    let manifest = Manifest(
      id: id ?? "", name: map.string("name"), nameEn: map.string("name_en"),
      operatorName: map.string("operator"), categories: categories, jurisdictions: jurisdictions,
      asOf: asOf ?? .epoch, version: map.string("version"),
      capabilities: capabilities, evidence: evidence, notes: map.string("notes"),
      location: map.node.location)
    guard id != nil, asOf != nil, !context.hasErrors(since: mark) else { return nil }
    var located = manifest
    for (key, kind) in [("categories", "category"), ("jurisdictions", "jurisdiction")] {
      for element in map.value(key)?.elements ?? [] {
        guard let text = element.text, located.scopeLocations["\(kind):\(text)"] == nil else { continue }
        located.scopeLocations["\(kind):\(text)"] = element.location
      }
    }
    return located
  }
}

extension Evidence {
  static let keys = ["path", "source", "observed", "method", "note"]

  static func decode(_ node: YAMLNode, context: DecodeContext, capabilities: YAMLNode?) -> Evidence? {
    guard let map = context.mapping(node, keys: keys, what: Noun.evidenceEntry) else { return nil }
    let mark = context.diagnostics.count
    let path = map.string("path", required: true)
    let source = map.string("source", required: true)
    let observed = map.day("observed")
    let method = map.choice("method", as: Method.self)
    let note = map.string("note")
    guard let path, let source, !context.hasErrors(since: mark) else { return nil }
    if case .failure(let problem) = CapabilityPath.parse(path), let pathNode = map.value("path") {
      context.error(pathNode, "evidence path '\(path)' is not a path: \(problem)")
      return nil
    }
    if let capabilities, !CapabilityLookup.exists(path, in: capabilities), let pathNode = map.value("path") {
      context.warning(.evidencePathUnknown, pathNode, "evidence path '\(path)' names nothing in 'capabilities'",
        hint: "check the spelling; evidence attaches to results by path")
    }
    return Evidence(
      path: path, source: source, observed: observed, method: method, note: note,
      location: node.location)
  }
}
