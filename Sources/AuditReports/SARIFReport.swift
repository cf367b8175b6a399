import AuditCore
import Foundation

/// `results.sarif`: SARIF 2.1.0 for code scanning. One rule per obligation (never twice), one
/// result per fail, unknown or error result, located at the manifest line of the value read,
/// with a `partialFingerprints` entry stable per (obligation, platform, counterparty).
public struct SARIFReport: StreamingReportFormat {
  public static let identifier = "sarif"
  public static let summary = "results.sarif: SARIF 2.1.0 for code scanning (fail, unknown and error results; for a diff, with their baseline state)."
  public static let documents: Set<ReportDocumentKind> = [.results, .diff]
  public static func fileName(for document: ReportDocumentKind) -> String { document == .results ? "results.sarif" : "diff.sarif" }

  /// The `uriBaseId` that artifact paths are relative to: where `audit run` was started.
  public static let baseID = "SRCROOT"
  /// The OASIS schema the log conforms to (its `id`), which `make test` validates against.
  public static let schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
  /// The key of the fingerprint in `partialFingerprints`.
  public static let fingerprintKey = "interopAudit/obligationPlatformCounterparty/v1"

  public init() {}

  /// Results are encoded a batch at a time as they come; the log is written around them once
  /// the run's diagnostics are known.
  public func stream(_ header: RunHeader, spools: SpoolStore) throws -> any ReportStream {
    let document = header
    let rules = Self.rules(document.obligations)
    var artifactIndex: [String: Int] = [:]
    for (i, input) in document.inputs.enumerated() where artifactIndex[input.path] == nil {
      artifactIndex[input.path] = i
    }
    var ruleIndex: [String: Int] = [:]
    for (i, rule) in rules.enumerated() { ruleIndex[rule.id] = i }
    let files = Dictionary(document.platforms.map { ($0.id, $0.file) }) { a, _ in a }
    let (indexes, rulesByID) = (artifactIndex, ruleIndex)
    let patterns = MessageStrings()
    return try ChannelStream(spools: spools, separators: [1],
      encode: { results in
        // One result a line: a code-scanning log of many thousand results is mostly indentation otherwise.
        var json = CompactJSON(capacity: results.count * 512)
        // A batch's results share a few message keys: each key's pattern is made once.
        var used: [String: [String: String]] = [:]
        var keyPatterns: [String: String] = [:]
        for r in results where Finding.statuses.contains(r.status) {
          let result = Self.result(r, ruleIndex: rulesByID[r.obligation], fallbackFile: files[r.platform], artifactIndex: indexes)
          let key = r.reasonMessage.key
          if used[r.obligation]?[key.id] == nil {
            let pattern = keyPatterns[key.id] ?? Self.pattern(key)
            keyPatterns[key.id] = pattern
            used[r.obligation, default: [:]][key.id] = pattern
          }
          json.entry(depth: 4)
          result.write(to: &json)
        }
        patterns.add(used)
        return [json.data]
      },
      assemble: { context, channels in
        let document = context.document
        let rules = rules.map { rule in
          var rule = rule
          rule.messageStrings = patterns.json(rule: rule.id)
          return rule
        }
        let hasErrors = document.diagnostics.contains { $0.severity == .error }
        let run = Run(
          tool: Tool(driver: Driver(name: document.tool.name, version: document.tool.version,
            semanticVersion: document.tool.version, rules: rules)),
          invocations: [Invocation(executionSuccessful: !hasErrors,
            toolExecutionNotifications: document.diagnostics.map(Self.notification))],
          originalUriBaseIds: [Self.baseID: ArtifactLocation(uri: nil, uriBaseId: nil, index: nil,
            description: Message(text: "The directory that 'audit run' was started in; input paths are relative to it."))],
          artifacts: document.inputs.map(Self.artifact), results: [], columnKind: "unicodeCodePoints",
          properties: RunProperties(asOf: document.asOf.description, generatedAt: document.generatedAt,
            resultsSchema: document.schema))
        let log = Log(schema: Self.schemaURI, version: "2.1.0", runs: [run])
        guard let splice = JSONSplice(try OrderedJSONEncoder().encode(log), key: "results", depth: 3) else {
          throw DiagnosticError([Diagnostic(.error, file: "results.sarif", "the log has no single 'results' array to write the results into",
            hint: "please report this with the command you ran")])
        }
        return [ReportFile(name: Self.fileName(for: .results), parts: splice.parts(with: channels[0]))]
      })
  }

  /// SARIF's level for a failure of this severity.
  static func level(_ severity: Severity) -> String {
    switch severity {
    case .critical, .high: "error"
    case .medium: "warning"
    case .low: "note"
    }
  }

  /// One rule per obligation id, first occurrence wins.
  static func rules(_ obligations: [ResultsDocument.ObligationInfo]) -> [Rule] {
    var seen: Set<String> = []
    return obligations.compactMap { o in
      guard seen.insert(o.id).inserted else { return nil }
      let title = [o.title, o.titleEn].compactMap { $0 }.joined(separator: " — ")
      var help = [o.remediation, o.remediationEn].compactMap { $0 }.joined(separator: "\n")
      if let basis = o.basis {
        help += (help.isEmpty ? "" : "\n\n") + "Legal basis: " + [basis.instrument, basis.article,
          basis.date?.description, basis.url].compactMap { $0 }.joined(separator: ", ")
      }
      return Rule(id: o.id, name: o.id, shortDescription: Message(text: TextEscaping.printable(title)),
        fullDescription: Message(text: TextEscaping.printable(o.check)),
        helpUri: o.basis?.url.flatMap(TextEscaping.safeURL),
        help: Message(text: TextEscaping.printable(help.isEmpty ? o.check : help)),
        defaultConfiguration: Configuration(level: level(o.severity)),
        properties: RuleProperties(tags: [o.pack, o.severity.rawValue, "per-\(o.per.rawValue)"],
          pack: o.pack, severity: o.severity.rawValue, per: o.per.rawValue))
    }
  }

  static func artifact(_ input: Workspace.Input) -> Artifact {
    Artifact(location: location(path: input.path, index: nil),
      roles: input.kinds.contains(.platform) ? ["analysisTarget"] : ["referencedOnCommandLine"],
      hashes: ["sha-256": input.sha256])
  }

  static func location(path: String, index: Int?) -> ArtifactLocation {
    ArtifactLocation(uri: TextEscaping.uriReference(path: path),
      uriBaseId: path.hasPrefix("/") ? nil : baseID, index: index, description: nil)
  }

  /// The SARIF result of `r`. What the rule already says (its title, pack and severity) is not
  /// repeated per result.
  static func result(_ r: Result, ruleIndex: Int?, fallbackFile: String?, artifactIndex: [String: Int]) -> SARIFResult {
    let (kind, level): (String, String)
    switch r.status {
    case .unknown: (kind, level) = ("review", "none")
    case .error: (kind, level) = ("fail", "error")
    default: (kind, level) = ("fail", Self.level(r.severity))
    }
    let subject = r.platform + (r.counterparty.map { " → \($0)" } ?? "")
    let reason = r.reasonMessage
    // The arguments of the rule's pattern (`pattern`): status, subject, the reason's arguments, due.
    let names = reason.key.placeholders
    let values = names.map { reason[$0]?.english }
    let due = r.upcoming.map { " (due \($0.date): \($0.status.wouldPhrase))" } ?? ""
    let arguments = [r.status.word, subject] + values.map { $0 ?? "" } + [due]
    let text = "\(r.status.word): \(subject): \(reason.english)\(due)"
    let place = r.location ?? fallbackFile.map { SourceLocation(file: $0, line: 1, column: 1) }
    let locations = place.map { loc in
      [Location(physicalLocation: PhysicalLocation(
        artifactLocation: location(path: loc.file, index: artifactIndex[loc.file]),
        region: Region(startLine: max(1, loc.line), startColumn: max(1, loc.column))))]
    } ?? []
    var sarif = SARIFResult(ruleId: r.obligation, ruleIndex: ruleIndex, kind: kind, level: level,
      message: Message(text: TextEscaping.printable(text), id: reason.id,
        arguments: arguments.map(TextEscaping.printable)), locations: locations,
      partialFingerprints: [fingerprintKey: DeterministicID.sha256(r.key)],
      properties: ResultProperties(status: r.status.rawValue, platform: r.platform, counterparty: r.counterparty,
        evidenceStrength: r.evidenceStrength?.rawValue, evidenceObserved: r.evidenceObserved?.description,
        evidenceSource: r.evidenceSource.map(TextEscaping.printable),
        restsOn: restsOn(r)))
    sarif.relatedLocations = related(r, artifactIndex: artifactIndex)
    return sarif
  }

  /// The pattern of results' messages of `key`, for their rule's `messageStrings`: `{0}` the
  /// status, `{1}` the subject, the key's placeholders numbered from `{2}` in the order of
  /// `placeholders`, the due date last, and the literal text's braces doubled (§3.11.5).
  static func pattern(_ key: MessageKey) -> String {
    let names = key.placeholders
    // Placeholders are marked with U+0000 and U+0001 while the literal braces are doubled.
    let marked = key.pattern { "\u{0}\((names.firstIndex(of: $0) ?? 0) + 2)\u{1}" }
    var bytes = Array("{0}: {1}: ".utf8)
    bytes.reserveCapacity(marked.utf8.count + 16)
    for byte in marked.utf8 {
      switch byte {
      case UInt8(ascii: "{"), UInt8(ascii: "}"): bytes += [byte, byte]
      case 0x00: bytes.append(UInt8(ascii: "{"))
      case 0x01: bytes.append(UInt8(ascii: "}"))
      default: bytes.append(byte)
      }
    }
    bytes += "{\(names.count + 2)}".utf8
    return TextEscaping.printable(String(decoding: bytes, as: UTF8.self))
  }

  /// The support of the values `r` rests on (`Result.restsOn`), read from its checks in place;
  /// `nil` when there are none.
  static func restsOn(_ r: Result) -> [String]? {
    var texts: [String] = []
    for check in r.checks where check.decisive { texts.append(TextEscaping.printable(check.evidenceText)) }
    return texts.isEmpty ? nil : texts
  }

  /// The values read only for comparison (status `not_applicable` beside a judged check), with
  /// what they are; `nil` when there are none.
  static func related(_ r: Result, artifactIndex: [String: Int]) -> [Location]? {
    guard r.status != .notApplicable else { return nil }
    // Numbered among the compared checks, whether or not each has a location; the checks are
    // read in place, not copied into a filtered list (every finding passes here).
    var related: [Location] = []
    var i = 0
    for check in r.checks where check.status == .notApplicable {
      defer { i += 1 }
      guard let loc = check.location else { continue }
      var text = "\(check.platform): \(check.path) is \(check.found.map { "'\($0)'" } ?? check.state.rawValue) (\(check.required))"
      if let a = check.relation {
        text += "; \(a.entityName ?? a.entity) \(a.relation == .controls ? "controls" : Holding.percentText(a.share ?? "").map { "holds \($0) of" } ?? "holds a stake in") \(a.platform), \(a.source)"
      }
      related.append(Location(id: i + 1, physicalLocation: PhysicalLocation(
        artifactLocation: location(path: loc.file, index: artifactIndex[loc.file]),
        region: Region(startLine: max(1, loc.line), startColumn: max(1, loc.column))),
        message: Message(text: TextEscaping.printable(text))))
    }
    return related.isEmpty ? nil : related
  }

  static func notification(_ d: ResultsDocument.DiagnosticRecord) -> Notification {
    let place = d.location.map { loc in
      [Location(physicalLocation: PhysicalLocation(artifactLocation: location(path: loc.file, index: nil),
        region: Region(startLine: max(1, loc.line), startColumn: max(1, loc.column))))]
    } ?? d.file.map { [Location(physicalLocation: PhysicalLocation(artifactLocation: location(path: $0, index: nil), region: nil))] }
    let text = d.message + (d.hint.map { " — \($0)" } ?? "")
    return Notification(level: d.severity.rawValue,
      message: Message(text: TextEscaping.printable(text)), locations: place)
  }
}

/// The message patterns that results of each rule used, collected while batches are encoded
/// (by several threads at once) and written into the rules once all are known.
final class MessageStrings: @unchecked Sendable {
  private let lock = NSLock()
  private var byRule: [String: [String: String]] = [:]

  /// Adds a batch's patterns, by rule and message id.
  func add(_ patterns: [String: [String: String]]) {
    guard !patterns.isEmpty else { return }
    lock.lock()
    defer { lock.unlock() }
    for (rule, byID) in patterns { byRule[rule, default: [:]].merge(byID) { a, _ in a } }
  }

  /// `{"id": {"text": pattern}}` in id order, or `nil` when the rule has no results.
  func json(rule: String) -> JSONValue? {
    lock.lock()
    defer { lock.unlock() }
    guard let patterns = byRule[rule], !patterns.isEmpty else { return nil }
    return .object(patterns.keys.sorted().map { ($0, .object([("text", .string(patterns[$0] ?? ""))])) })
  }
}
