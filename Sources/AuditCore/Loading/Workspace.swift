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

  /// Which platform versions a workspace keeps once every file has been checked.
  public enum Retention: Sendable, Equatable {
    /// Every version of every platform (for timelines, checks and diffs).
    case all
    /// Per platform, the version in force on the date and the one before it (for the changes
    /// section). The others are parsed and decoded for their diagnostics, then dropped, and files
    /// are read in batches, so no more than a batch of parse trees is alive at once.
    case inForce(Day)
    /// Every version without its capability tree and evidence: what the checks across files
    /// and of scopes need (`audit check`), which reads the trees again a batch at a time
    /// (`forEachManifestBatch`) for the checks that walk them.
    case scopes
  }

  /// How many files are read, parsed and decoded at once: every core busy, and no more than this
  /// many parse trees alive.
  public static let batchSize = max(64, activeCores * 32)

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
  /// Every version date of every platform, sorted, including versions that were not kept.
  public var versions: [String: [Day]] = [:]
  /// The file of every version, by platform and date (the first read among duplicates), so that
  /// a version that was not kept can be read again (`audit history`).
  public var versionFiles: [String: [Day: String]] = [:]

  /// Each manifest version read: enough to find duplicates and dangling names after the
  /// manifest itself may have been dropped.
  private var versionRecords: [(id: String, asOf: Day, location: SourceLocation)] = []
  private var rulesRoots: [YAMLNode] = []
  private var entityList: [Entity] = []
  private var keeper = VersionKeeper()
  /// Candidates compared to the unknown obligations and platforms that waivers name, to suggest
  /// the name meant: read by tests, since it must stay within `Suggestion.comparisonBudget`
  /// however many waivers and platforms there are.
  private(set) var waiverSuggestionComparisons = 0
  /// The work those suggestions did (characters and edit-distance cells), for tests.
  private(set) var waiverSuggestionCells = 0

  public init() {}

  /// Finds, reads and decodes the files under `paths`, using every core.
  public static func load(_ paths: [String], limits: YAMLLimits = .default, keeping retention: Retention = .all)
    -> Workspace
  {
    load(found: InputFinder.find(paths), limits: limits, keeping: retention)
  }

  /// Reads and decodes files that `InputFinder.find` found, keeping its diagnostics. Files are
  /// read, parsed and decoded a batch at a time on every core; with `.inForce`, manifests that
  /// are not kept are released with their parse trees before the next batch is read.
  public static func load(
    found: (files: [String], diagnostics: [Diagnostic]), limits: YAMLLimits = .default,
    keeping retention: Retention = .all
  ) -> Workspace {
    load(found: found, limits: limits, keeping: retention) { _ in ([], []) }
  }

  /// The same, then the files that `more` names once it has seen what was read (the default
  /// rule packs when none was among them, say), before anything that needs every file is checked.
  public static func load(
    found: (files: [String], diagnostics: [Diagnostic]), limits: YAMLLimits = .default,
    keeping retention: Retention = .all,
    more: (_ readSoFar: Workspace) -> (files: [String], diagnostics: [Diagnostic])
  ) -> Workspace {
    var workspace = Workspace()
    workspace.read(found.files, limits: limits, retention)
    let extra = more(workspace)
    workspace.read(extra.files, limits: limits, retention)
    workspace.finish(retention)
    workspace.diagnostics = (found.diagnostics + extra.diagnostics + workspace.diagnostics).sorted()
    return workspace
  }

  /// Reads, parses and decodes files a batch at a time on every core, taking each batch in before
  /// the next is read, so that only a batch of parse trees is alive at once.
  private mutating func read(_ files: [String], limits: YAMLLimits, _ retention: Retention) {
    Self.decodeBatches(files, limits: limits) { decoded in
      for file in decoded {
        absorb(path: file.path, sha256: file.sha256, fileDiagnostics: file.diagnostics, file.decoded, retention)
      }
    }
  }

  /// The manifests of `files` (those that load without a YAML error, as `load` keeps them), in
  /// file order, a batch at a time: `body` may walk their capability trees, which are released
  /// before the next batch is read.
  public static func forEachManifestBatch(_ files: [String], limits: YAMLLimits = .default, _ body: ([Manifest]) -> Void) {
    decodeBatches(files, limits: limits) { decoded in
      body(decoded.filter { !$0.diagnostics.hasErrors }.flatMap(\.decoded.manifests))
    }
  }

  /// The one batching of the loader: `batchSize` files read, parsed and decoded on every core,
  /// handed over in file order, then released.
  private static func decodeBatches(
    _ files: [String], limits: YAMLLimits,
    _ body: ([(path: String, sha256: String, diagnostics: [Diagnostic], decoded: PerFile)]) -> Void
  ) {
    var start = 0
    while start < files.count {
      let paths = Array(files[start..<min(files.count, start + batchSize)])
      body(parallelMap(paths) { path in
        let file = SourceFile.load(path, limits: limits)
        return (file.path, file.sha256, file.diagnostics, PerFile.decode(file))
      })
      start += batchSize
    }
  }

  /// Decodes files already read and parsed.
  public static func load(files: [SourceFile], keeping retention: Retention = .all) -> Workspace {
    var workspace = Workspace()
    let decoded = parallelMap(files) { file in PerFile.decode(file) }
    for (file, result) in zip(files, decoded) {
      workspace.absorb(path: file.path, sha256: file.sha256, fileDiagnostics: file.diagnostics, result, retention)
    }
    workspace.finish(retention)
    return workspace
  }

  /// Takes in what one file decoded to, in input order.
  private mutating func absorb(
    path: String, sha256: String, fileDiagnostics: [Diagnostic], _ result: PerFile, _ retention: Retention
  ) {
    inputs.append(Input(path: path, sha256: sha256, kinds: result.kinds))
    diagnostics += fileDiagnostics + result.diagnostics
    // A file whose YAML is wrong (a duplicate key, say) is checked for every problem but
    // contributes nothing: which of its values was meant is a guess.
    brokenManifests += result.broken
    guard !fileDiagnostics.hasErrors else {
      brokenManifests += result.manifests.map { BrokenManifest(id: $0.id, asOf: $0.asOf, file: path) }
      return
    }
    for manifest in result.manifests {
      versionRecords.append((manifest.id, manifest.asOf, manifest.location))
      switch retention {
      case .all: manifests.append(manifest)
      case .inForce(let day): keeper.offer(manifest, asOf: day)
      case .scopes:
        var shallow = manifest
        shallow.capabilities = nil
        shallow.evidence = []
        manifests.append(shallow)
      }
    }
    waivers += result.waivers
    timelines += result.timelines
    entityList += result.entities
    rulesRoots += result.rules
  }

  /// Decodes the rule packs and checks what only shows across files.
  private mutating func finish(_ retention: Retention) {
    if case .inForce = retention { manifests = keeper.kept() }
    keeper = VersionKeeper()
    for record in versionRecords {
      versions[record.id, default: []].append(record.asOf)
      if versionFiles[record.id]?[record.asOf] == nil { versionFiles[record.id, default: [:]][record.asOf] = record.location.file }
    }
    for id in versions.keys { versions[id]?.sort() }
    entities = Entities(entityList)
    entityList = []
    let context = DecodeContext()
    packs = RulePackDecoder.decode(rulesRoots, context: context)
    diagnostics += context.diagnostics
    diagnostics += crossCheck(declared: Self.declaredObligations(rulesRoots))
    rulesRoots = []
    versionRecords = []
    diagnostics.sort()
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
  private mutating func crossCheck(declared: [(id: String, location: SourceLocation)]) -> [Diagnostic] {
    var problems: [Diagnostic] = []
    var firstVersions: [String: SourceLocation] = [:]
    for manifest in versionRecords {
      let key = "\(manifest.id)@\(manifest.asOf)"
      if let first = firstVersions[key] {
        problems.append(.error(manifest.location,
          "platform '\(manifest.id)' already has a version as of \(manifest.asOf) (\(first))",
          hint: "give each version its own as_of date"))
      } else {
        firstVersions[key] = manifest.location
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
    let platformIDs = Set(versionRecords.map(\.id))
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
      if !versionRecords.isEmpty, !platformIDs.contains(waiver.platform) {
        problems.append(.warning(.waiverPlatformUnknown, waiver.location, "waiver names platform '\(Bounded.quote(waiver.platform))', which no manifest declares",
          hint: suggestions.closest(to: waiver.platform, in: sortedPlatforms).map { "did you mean '\($0)'?" }))
      }
    }
    waiverSuggestionComparisons = suggestions.comparisons
    waiverSuggestionCells = suggestions.cells
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
    let platformIDs = Set(versionRecords.map(\.id))
    if !versionRecords.isEmpty {
      // Suggestions share one budget, as the waivers' do: many unknown holdings never cost
      // holdings × platforms edit distances.
      let sortedPlatforms = platformIDs.sorted()
      var suggestions = Suggestion.Memo()
      for entity in entities.entities {
        for holding in entity.holdings where !platformIDs.contains(holding.platform) {
          problems.append(.warning(.holdingPlatformUnknown, holding.location,
            "entity '\(entity.id)' holds platform '\(holding.platform)', which no manifest declares",
            hint: suggestions.closest(to: holding.platform, in: sortedPlatforms).map { "did you mean '\($0)'?" }
              ?? "affiliation still counts; add a manifest to report on it"))
        }
      }
    }
    return problems
  }
}

/// Per platform, the first-read version with the latest `as_of` on or before a date, and the
/// first-read one with the latest `as_of` before that: what `Engine.select` and the changes
/// section pick from all versions, found without keeping the others.
private struct VersionKeeper: Sendable {
  private var best: [String: (order: Int, manifest: Manifest)] = [:]
  private var previous: [String: (order: Int, manifest: Manifest)] = [:]
  private var order = 0

  mutating func offer(_ manifest: Manifest, asOf day: Day) {
    order += 1
    guard manifest.asOf <= day else { return }
    guard let current = best[manifest.id] else {
      best[manifest.id] = (order, manifest)
      return
    }
    if manifest.asOf > current.manifest.asOf {
      previous[manifest.id] = current
      best[manifest.id] = (order, manifest)
    } else if manifest.asOf < current.manifest.asOf,
      previous[manifest.id].map({ manifest.asOf > $0.manifest.asOf }) ?? true
    {
      previous[manifest.id] = (order, manifest)
    }
  }

  /// The kept manifests in the order they were read.
  func kept() -> [Manifest] {
    (Array(best.values) + Array(previous.values)).sorted { $0.order < $1.order }.map(\.manifest)
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
