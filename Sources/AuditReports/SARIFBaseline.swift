import AuditCore
import Foundation

extension SARIFReport {
  /// `diff.sarif`: the findings of NEW (fail, unknown, error) with their `baselineState` against
  /// OLD — `new` (not a finding before), `updated` (a finding of another status), `unchanged` —
  /// and OLD's findings that are gone (`absent`: fixed or removed), so that code scanning shows
  /// what a change introduced. Only the statuses and values of unchanged entries are kept in a
  /// diff; they are located at their platform's manifest.
  public func render(_ context: DocumentContext) throws -> [ReportFile] {
    guard case .diff(let report) = context.document else { throw ReportFormats.unsupported(Self.self, context.kind) }
    let document = report.document
    let entries = document.entries.filter { entry in
      [entry.statusBefore, entry.statusAfter].contains { $0.map(Finding.statuses.contains) ?? false }
    }
    var rules: [Rule] = []
    var ruleIndex: [String: Int] = [:]
    for entry in entries where ruleIndex[entry.obligation] == nil {
      ruleIndex[entry.obligation] = rules.count
      rules.append(Self.rule(entry))
    }
    var artifactIndex: [String: Int] = [:]
    for (i, input) in document.new.inputs.enumerated() where artifactIndex[input.path] == nil { artifactIndex[input.path] = i }
    let files = Dictionary((document.old.platforms + document.new.platforms).map { ($0.id, $0.file) }) { _, newer in newer }
    let results = entries.map { entry in
      Self.result(entry, ruleIndex: ruleIndex[entry.obligation], fallbackFile: files[entry.platform], artifactIndex: artifactIndex)
    }
    let run = Run(
      tool: Tool(driver: Driver(name: document.tool.name, version: document.tool.version,
        semanticVersion: document.tool.version, rules: rules)),
      invocations: [Invocation(executionSuccessful: true, toolExecutionNotifications: [])],
      originalUriBaseIds: [Self.baseID: ArtifactLocation(uri: nil, uriBaseId: nil, index: nil,
        description: Message(text: "The directory that 'audit diff' was started in; input paths are relative to it."))],
      artifacts: document.new.inputs.map(Self.artifact), results: results, columnKind: "unicodeCodePoints",
      properties: RunProperties(asOf: document.new.asOf?.description ?? "", generatedAt: nil, resultsSchema: document.schema))
    let log = Log(schema: Self.schemaURI, version: "2.1.0", runs: [run])
    return [ReportFile(name: Self.fileName(for: .diff), contents: try OrderedJSONEncoder().encode(log))]
  }

  /// SARIF's baseline state of an entry: whether NEW's finding is new, changed or as before, or
  /// OLD's finding is gone.
  static func baselineState(_ entry: DiffEntry) -> String {
    let was = entry.statusBefore.map(Finding.statuses.contains) ?? false
    let isNow = entry.statusAfter.map(Finding.statuses.contains) ?? false
    switch (was, isNow) {
    case (true, true): return entry.statusBefore == entry.statusAfter ? "unchanged" : "updated"
    case (false, true): return "new"
    default: return "absent"
    }
  }

  /// A rule for an obligation that only the diff's entries describe.
  static func rule(_ entry: DiffEntry) -> Rule {
    let text = Message(text: TextEscaping.printable("\(entry.obligation) (\(entry.pack))"))
    return Rule(id: entry.obligation, name: entry.obligation, shortDescription: text, fullDescription: text,
      helpUri: nil, help: Message(text: "See diff.md or diff.html for the check, its values before and after, and the evidence."),
      defaultConfiguration: Configuration(level: level(entry.severity)),
      properties: RuleProperties(tags: [entry.pack, entry.severity.rawValue], pack: entry.pack,
        severity: entry.severity.rawValue, per: entry.counterparty == nil ? "platform" : "counterparty"))
  }

  static func result(_ entry: DiffEntry, ruleIndex: Int?, fallbackFile: String?, artifactIndex: [String: Int]) -> SARIFResult {
    let state = baselineState(entry)
    let shown = state == "absent" ? entry.before : entry.after
    let status = (state == "absent" ? entry.statusBefore : entry.statusAfter) ?? .unknown
    let (kind, level): (String, String)
    switch status {
    case .unknown: (kind, level) = ("review", "none")
    case .error: (kind, level) = ("fail", "error")
    default: (kind, level) = ("fail", Self.level(entry.severity))
    }
    let subject = entry.platform + (entry.counterparty.map { " → \($0)" } ?? "")
    let was = entry.statusBefore?.rawValue ?? "none"
    let now = entry.statusAfter?.rawValue ?? "none"
    var text = "\(entry.change.rawValue) (\(was) → \(now)): \(subject)"
    if let reason = shown?.reason { text += ": \(reason)" }
    let place = shown?.location ?? fallbackFile.map { SourceLocation(file: $0, line: 1, column: 1) }
    let locations = place.map { loc in
      [Location(physicalLocation: PhysicalLocation(
        artifactLocation: location(path: loc.file, index: artifactIndex[loc.file]),
        region: Region(startLine: max(1, loc.line), startColumn: max(1, loc.column))))]
    } ?? []
    var sarif = SARIFResult(ruleId: entry.obligation, ruleIndex: ruleIndex, kind: state == "absent" ? "pass" : kind,
      level: state == "absent" ? "none" : level, message: Message(text: TextEscaping.printable(text)), locations: locations,
      partialFingerprints: [fingerprintKey: DeterministicID.sha256(entry.key)],
      properties: ResultProperties(status: status.rawValue, severity: entry.severity.rawValue,
        pack: entry.pack, platform: entry.platform, counterparty: entry.counterparty))
    sarif.baselineState = state
    return sarif
  }
}
