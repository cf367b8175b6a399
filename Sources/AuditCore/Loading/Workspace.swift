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

  /// Which platform versions a workspace keeps once every file has been checked.
  public enum Retention: Sendable, Equatable {
    /// Every version of every platform (for timelines, checks and diffs).
    case all
    /// Per platform, the version in force on the date and the one before it (for the changes
    /// section). The others are parsed and decoded for their diagnostics, then dropped, and files
    /// are read in batches, so no more than a batch of parse trees is alive at once.
    case inForce(Day)
  }

  public var inputs: [Input] = []
  public var manifests: [Manifest] = []
  public var packs: [RulePack] = []
  public var waivers: [Waiver] = []
  public var timelines: [Timeline] = []
  public var diagnostics: [Diagnostic] = []
  /// Every version date of every platform, sorted, including versions that were not kept.
  public var versions: [String: [Day]] = [:]

  /// Each manifest version read: enough to find duplicates and dangling names after the
  /// manifest itself may have been dropped.
  private var versionRecords: [(id: String, asOf: Day, location: SourceLocation)] = []
  private var rulesRoots: [YAMLNode] = []
  private var keeper = VersionKeeper()

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
    var workspace = Workspace()
    let batch = max(64, activeCores * 32)
    var start = 0
    while start < found.files.count {
      let paths = Array(found.files[start..<min(found.files.count, start + batch)])
      let decoded = parallelMap(paths) { path in
        let file = SourceFile.load(path, limits: limits)
        return (file.path, file.sha256, file.diagnostics, PerFile.decode(file))
      }
      for (path, sha256, fileDiagnostics, result) in decoded {
        workspace.absorb(path: path, sha256: sha256, fileDiagnostics: fileDiagnostics, result, retention)
      }
      start += batch
    }
    workspace.finish(retention)
    workspace.diagnostics = (found.diagnostics + workspace.diagnostics).sorted()
    return workspace
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
    guard !fileDiagnostics.hasErrors else { return }
    for manifest in result.manifests {
      versionRecords.append((manifest.id, manifest.asOf, manifest.location))
      switch retention {
      case .all: manifests.append(manifest)
      case .inForce(let day): keeper.offer(manifest, asOf: day)
      }
    }
    waivers += result.waivers
    timelines += result.timelines
    rulesRoots += result.rules
  }

  /// Decodes the rule packs and checks what only shows across files.
  private mutating func finish(_ retention: Retention) {
    if case .inForce = retention { manifests = keeper.kept() }
    keeper = VersionKeeper()
    for record in versionRecords { versions[record.id, default: []].append(record.asOf) }
    for id in versions.keys { versions[id]?.sort() }
    let context = DecodeContext()
    packs = RulePackDecoder.decode(rulesRoots, context: context)
    rulesRoots = []
    diagnostics += context.diagnostics
    diagnostics += crossCheck()
    versionRecords = []
    diagnostics.sort()
  }

  /// All obligations of all packs, in pack then id order.
  public var obligations: [Obligation] {
    packs.flatMap { pack in pack.obligations.sorted { $0.id < $1.id } }
  }

  /// Problems that only show across files: duplicates and dangling references.
  private func crossCheck() -> [Diagnostic] {
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
    let platformIDs = Set(versionRecords.map(\.id))
    for waiver in waivers {
      if !packs.isEmpty, obligationIDs[waiver.obligation] == nil {
        problems.append(.error(waiver.location, "waiver names unknown obligation '\(waiver.obligation)'",
          hint: Suggestion.hint(for: waiver.obligation, in: obligationIDs.keys.sorted())))
      }
      if !manifests.isEmpty, !platformIDs.contains(waiver.platform) {
        problems.append(.warning(waiver.location, "waiver names platform '\(waiver.platform)', which no manifest declares",
          hint: Suggestion.closest(to: waiver.platform, in: platformIDs.sorted()).map { "did you mean '\($0)'?" }))
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
  var rules: [YAMLNode] = []
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
        if let manifest = Manifest.decode(root, context: context) { result.manifests.append(manifest) }
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
