/// The kinds of YAML file the toolkit reads.
public enum DocumentKind: String, CaseIterable, Sendable, Codable {
  case platform, rules, waivers, timeline, entities
}

/// Everything read from the inputs: typed documents, the files they came from, and every
/// problem found in any of them.
public struct Workspace: Sendable {
  /// One input file as provenance records it.
  public struct Input: Sendable, Hashable, Codable {
    public var path: String
    public var sha256: String
    public var kinds: [DocumentKind]
  }

  public var inputs: [Input] = []
  public var manifests: [Manifest] = []
  public var packs: [RulePack] = []
  public var waivers: [Waiver] = []
  public var timelines: [Timeline] = []
  /// Who controls or holds stakes in which platform, over time.
  public var entities = Entities()
  public var diagnostics: [Diagnostic] = []
  /// Manifest files that failed to load, with the platform id and date they name where readable:
  /// the engine reports such a platform as `error` instead of using an older version.
  public var brokenManifests: [BrokenManifest] = []

  public init() {}

  /// Finds, reads and decodes the files under `paths`, using every core.
  public static func load(_ paths: [String], limits: YAMLLimits = .default) -> Workspace {
    load(found: InputFinder.find(paths), limits: limits)
  }

  /// Reads and decodes files that `InputFinder.find` found, keeping its diagnostics.
  public static func load(
    found: (files: [String], diagnostics: [Diagnostic]), limits: YAMLLimits = .default
  ) -> Workspace {
    var workspace = load(files: parallelMap(found.files) { SourceFile.load($0, limits: limits) })
    workspace.diagnostics = (found.diagnostics + workspace.diagnostics).sorted()
    return workspace
  }

  /// Decodes files already read and parsed.
  public static func load(files: [SourceFile]) -> Workspace {
    var workspace = Workspace()
    let decoded = parallelMap(files) { file in PerFile.decode(file) }
    var rulesRoots: [YAMLNode] = []
    var entities: [Entity] = []
    for (file, result) in zip(files, decoded) {
      workspace.inputs.append(Input(path: file.path, sha256: file.sha256, kinds: result.kinds))
      workspace.diagnostics += file.diagnostics + result.diagnostics
      // A file whose YAML is wrong (a duplicate key, say) is checked for every problem but
      // contributes nothing: which of its values was meant is a guess.
      workspace.brokenManifests += result.broken
      guard !file.diagnostics.hasErrors else {
        workspace.brokenManifests += result.manifests.map { BrokenManifest(id: $0.id, asOf: $0.asOf, file: file.path) }
        continue
      }
      workspace.manifests += result.manifests
      workspace.waivers += result.waivers
      workspace.timelines += result.timelines
      entities += result.entities
      rulesRoots += result.rules
    }
    workspace.entities = Entities(entities)
    let context = DecodeContext()
    workspace.packs = RulePackDecoder.decode(rulesRoots, context: context)
    workspace.diagnostics += context.diagnostics
    workspace.diagnostics += workspace.crossCheck(declared: declaredObligations(rulesRoots))
    workspace.diagnostics.sort()
    return workspace
  }

  /// All obligations of all packs, in pack then id order.
  public var obligations: [Obligation] {
    packs.flatMap { pack in pack.obligations.sorted { $0.id < $1.id } }
  }

  /// Every obligation id as written, with where, including obligations that did not decode:
  /// duplicates and dangling references are then found in the same pass as their other problems.
  private static func declaredObligations(_ roots: [YAMLNode]) -> [(id: String, location: SourceLocation)] {
    roots.flatMap { root -> [(id: String, location: SourceLocation)] in
      guard let list = root["obligations"], list.kind == .sequence else { return [] }
      return list.elements.compactMap { node in
        guard node.kind == .mapping, let id = node["id"]?.text else { return nil }
        return (id, node.location)
      }
    }
  }

  /// Problems that only show across files: duplicates and dangling references.
  private func crossCheck(declared: [(id: String, location: SourceLocation)]) -> [Diagnostic] {
    var problems: [Diagnostic] = []
    var versions: [String: Manifest] = [:]
    for manifest in manifests {
      let key = "\(manifest.id)@\(manifest.asOf)"
      if let first = versions[key] {
        problems.append(.error(manifest.location,
          "platform '\(manifest.id)' already has a version as of \(manifest.asOf) (\(first.location))",
          hint: "give each version its own as_of date"))
      } else {
        versions[key] = manifest
      }
    }
    var obligationIDs: [String: SourceLocation] = [:]
    for (id, location) in declared.sorted(by: { $0.location < $1.location }) {
      if let first = obligationIDs[id] {
        problems.append(.error(location, "obligation '\(id)' is declared twice (first at \(first))"))
      } else {
        obligationIDs[id] = location
      }
    }
    var timelineIDs: [String: Timeline] = [:]
    for timeline in timelines {
      if let first = timelineIDs[timeline.id] {
        problems.append(.error(timeline.location, "timeline '\(timeline.id)' is declared twice (first at \(first.location))"))
      } else {
        timelineIDs[timeline.id] = timeline
      }
    }
    let platformIDs = Set(manifests.map(\.id))
    // Sorted once, and suggestions worked out once per distinct name and for at most
    // `Suggestion.comparisonBudget` edit distances: thousands of misspelt waivers must not cost waivers × platforms.
    let sortedObligations = obligationIDs.keys.sorted()
    let sortedPlatforms = platformIDs.sorted()
    var suggestions = Suggestion.Memo()
    for waiver in waivers {
      if !declared.isEmpty, obligationIDs[waiver.obligation] == nil {
        problems.append(.error(waiver.location, "waiver names unknown obligation '\(Bounded.quote(waiver.obligation))'",
          hint: suggestions.hint(for: waiver.obligation, in: sortedObligations)))
      }
      if !manifests.isEmpty, !platformIDs.contains(waiver.platform) {
        problems.append(.warning(waiver.location, "waiver names platform '\(Bounded.quote(waiver.platform))', which no manifest declares",
          hint: suggestions.closest(to: waiver.platform, in: sortedPlatforms).map { "did you mean '\($0)'?" }))
      }
    }
    return problems + crossCheckEntities()
  }

  /// Entities declared twice, platforms controlled twice at once, and holdings of platforms
  /// that no manifest declares.
  private func crossCheckEntities() -> [Diagnostic] {
    var problems: [Diagnostic] = []
    var seen: [String: Entity] = [:]
    for entity in entities.entities.sorted(by: { $0.location < $1.location }) {
      if let first = seen[entity.id] {
        problems.append(.error(entity.location, "entity '\(entity.id)' is declared twice (first at \(first.location))",
          hint: "list all of its holdings under one entry"))
      } else {
        seen[entity.id] = entity
      }
    }
    for conflict in entities.conflictingControllers() {
      let who = conflict.firstEntity == conflict.secondEntity
        ? "'\(conflict.secondEntity)' twice" : "'\(conflict.firstEntity)' and '\(conflict.secondEntity)'"
      problems.append(.error(conflict.second.location,
        "platform '\(conflict.second.platform)' would be controlled by \(who) at once (other holding at \(conflict.first.location))",
        hint: "end one with 'until:' on or before the other's 'from:'"))
    }
    let platformIDs = Set(manifests.map(\.id))
    if !manifests.isEmpty {
      for entity in entities.entities {
        for holding in entity.holdings where !platformIDs.contains(holding.platform) {
          problems.append(.warning(holding.location,
            "entity '\(entity.id)' holds platform '\(holding.platform)', which no manifest declares",
            hint: Suggestion.closest(to: holding.platform, in: platformIDs.sorted()).map { "did you mean '\($0)'?" }
              ?? "affiliation still counts; add a manifest to report on it"))
        }
      }
    }
    return problems
  }
}

/// What one file decoded to; files decode independently, so this runs on every core.
private struct PerFile: Sendable {
  var kinds: [DocumentKind] = []
  var manifests: [Manifest] = []
  var waivers: [Waiver] = []
  var timelines: [Timeline] = []
  var entities: [Entity] = []
  var rules: [YAMLNode] = []
  var broken: [BrokenManifest] = []
  var diagnostics: [Diagnostic] = []

  static func decode(_ file: SourceFile) -> PerFile {
    var result = PerFile()
    let context = DecodeContext()
    for document in file.documents {
      let root = document.root
      guard root.kind == .mapping else {
        context.error(root, "expected a mapping with 'kind:', found \(root.kindDescription)")
        continue
      }
      guard let kindNode = root["kind"] else {
        context.error(root, "missing 'kind'",
          hint: "add kind: platform, rules, waivers, timeline or entities as the first line")
        continue
      }
      guard let kind = context.choice(kindNode, field: "kind", as: DocumentKind.self) else { continue }
      result.kinds.append(kind)
      switch kind {
      case .platform:
        let errorsBefore = context.diagnostics.filter { $0.severity == .error }.count
        let manifest = Manifest.decode(root, context: context)
        if let manifest, context.diagnostics.filter({ $0.severity == .error }).count == errorsBefore {
          result.manifests.append(manifest)
        } else if let id = manifest?.id ?? root["id"]?.text {
          let asOf = manifest?.asOf ?? root["as_of"]?.text.flatMap(Day.init)
          result.broken.append(BrokenManifest(id: id, asOf: asOf, file: file.path))
        }
      case .rules:
        result.rules.append(root)
      case .waivers:
        result.waivers += Waiver.decodeFile(root, context: context)
      case .timeline:
        if let timeline = Timeline.decode(root, context: context) { result.timelines.append(timeline) }
      case .entities:
        result.entities += Entity.decodeFile(root, context: context)
      }
    }
    result.diagnostics = context.diagnostics
    return result
  }
}

/// A manifest file that failed to load: which platform and date it names, where readable.
public struct BrokenManifest: Sendable, Hashable {
  public var id: String
  /// Its `as_of`, when that could be read; nil counts as newer than any version.
  public var asOf: Day?
  public var file: String
}
