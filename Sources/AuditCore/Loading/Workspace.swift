/// The kinds of YAML file the toolkit reads.
public enum DocumentKind: String, CaseIterable, Sendable, Codable {
  case platform, rules, waivers, timeline
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
      rulesRoots += result.rules
    }
    let context = DecodeContext()
    workspace.packs = RulePackDecoder.decode(rulesRoots, context: context)
    workspace.diagnostics += context.diagnostics
    workspace.diagnostics += workspace.crossCheck()
    workspace.diagnostics.sort()
    return workspace
  }

  /// All obligations of all packs, in pack then id order.
  public var obligations: [Obligation] {
    packs.flatMap { pack in pack.obligations.sorted { $0.id < $1.id } }
  }

  /// Problems that only show across files: duplicates and dangling references.
  private func crossCheck() -> [Diagnostic] {
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
    var obligationIDs: [String: Obligation] = [:]
    for obligation in packs.flatMap(\.obligations) {
      if let first = obligationIDs[obligation.id] {
        problems.append(.error(obligation.location,
          "obligation '\(obligation.id)' is declared twice (first at \(first.location))"))
      } else {
        obligationIDs[obligation.id] = obligation
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
      if !packs.isEmpty, obligationIDs[waiver.obligation] == nil {
        problems.append(.error(waiver.location, "waiver names unknown obligation '\(Bounded.quote(waiver.obligation))'",
          hint: suggestions.hint(for: waiver.obligation, in: sortedObligations)))
      }
      if !manifests.isEmpty, !platformIDs.contains(waiver.platform) {
        problems.append(.warning(waiver.location, "waiver names platform '\(Bounded.quote(waiver.platform))', which no manifest declares",
          hint: suggestions.closest(to: waiver.platform, in: sortedPlatforms).map { "did you mean '\($0)'?" }))
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
          hint: "add kind: platform, rules, waivers or timeline as the first line")
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
