import Foundation

/// The tool's name and version, as outputs record them.
public enum AuditVersion {
  public static let name = "interop-audit"
  public static let current = "0.1.0"
}

/// `results.json`: the machine contract of a run (schema `interop-audit/results/2`). Reports,
/// diffs and other tools read this and nothing else.
///
/// results/2 says what results/1 said in a third of the bytes: locations are
/// `[input, line, column]` with the index of the file in `inputs` (the header, written before
/// any result), each result is one line, and a check leaves out its platform when it is the
/// result's and `wildcard` when false; a result leaves out empty `checks` and `evidence`.
/// Both versions are read (`audit diff` compares a results/1 document with a results/2 one).
public struct ResultsDocument: Codable, Sendable {
  public static let schemaID = "interop-audit/results/2"
  /// The versions this build reads.
  public static let readableSchemas: Set<String> = ["interop-audit/results/1", schemaID]

  /// Which program wrote the document.
  public struct Tool: Codable, Sendable, Hashable {
    public var name: String
    public var version: String
  }

  /// A rule pack as results record it.
  public struct Pack: Codable, Sendable, Hashable {
    public var id: String
    public var title: String?
    public var titleEn: String?
    public var version: String?
    public var files: [String]

    enum CodingKeys: String, CodingKey {
      case id, title
      case titleEn = "title_en"
      case version, files
    }
  }

  /// An obligation as results record it: enough to render reports without the rule files.
  public struct ObligationInfo: Codable, Sendable, Hashable {
    public var id: String
    public var pack: String
    public var title: String
    public var titleEn: String?
    public var severity: Severity
    public var per: Obligation.Per
    public var basis: Basis?
    public var appliesTo: Scope?
    public var counterparties: Scope?
    /// `YYYY-MM-DD`, or a start relative to each manifest ("the day after P6M from dma.designated_on").
    public var effective: String?
    /// The fixed milestone dates; relative ones differ per platform and show in each result's `upcoming`.
    public var milestones: [Upcoming.Milestone]
    /// The check in words.
    public var check: String
    /// The check as a message, for reports in other languages.
    public var checkMessage: Message? = nil
    /// The start as a message.
    public var effectiveMessage: Message? = nil
    /// The evidence a pass needs (`evidence:` of the obligation or its pack).
    public var evidence: EvidenceRequirement? = nil
    public var remediation: String?
    public var remediationEn: String?
    public var location: SourceLocation

    enum CodingKeys: String, CodingKey {
      case id, pack, title
      case titleEn = "title_en"
      case severity, per, basis
      case appliesTo = "applies_to"
      case counterparties, effective
      case effectiveMessage = "effective_message"
      case milestones, check
      case checkMessage = "check_message"
      case remediation
      case remediationEn = "remediation_en"
      case location
      case evidence
    }
  }

  /// A platform as results record it, with the version in force and every version known.
  public struct Platform: Codable, Sendable, Hashable {
    public var id: String
    public var name: String?
    public var nameEn: String?
    public var operatorName: String?
    public var categories: [String]
    public var jurisdictions: [String]
    public var asOf: Day
    public var version: String?
    public var file: String
    /// Every version's `as_of`, in order, including later ones not in force.
    public var versions: [Day]
    public var notes: String?
    /// The version before the one in force and what changed since; `nil` for a first version.
    public var previous: PreviousVersion?
    /// The company that controls the platform on the as-of date (entities), when recorded.
    public var group: Group? = nil
    /// The other platforms that company controls or holds a stake in on that date.
    public var affiliates: [Affiliation]? = nil

    enum CodingKeys: String, CodingKey {
      case id, name
      case nameEn = "name_en"
      case operatorName = "operator"
      case categories, jurisdictions
      case asOf = "as_of"
      case version, file, versions, notes, previous, group, affiliates
    }
  }

  /// A controlling company as results record it.
  public struct Group: Codable, Sendable, Hashable {
    public var id: String
    public var name: String?
    public var nameEn: String?

    enum CodingKeys: String, CodingKey {
      case id, name
      case nameEn = "name_en"
    }

    public init(id: String, name: String? = nil, nameEn: String? = nil) {
      self.id = id
      self.name = name
      self.nameEn = nameEn
    }
  }

  /// A platform's version before the one in force, and every capability value that changed
  /// from it, for "changes since the previous version" in reports.
  public struct PreviousVersion: Codable, Sendable, Hashable {
    public var asOf: Day
    public var file: String
    public var changes: [CapabilityChange]

    enum CodingKeys: String, CodingKey {
      case asOf = "as_of"
      case file, changes
    }
  }

  /// Counts that summaries and exit codes use.
  public struct Summary: Codable, Sendable, Hashable {
    public var platforms: Int
    public var obligations: Int
    public var results: Int
    public var byStatus: StatusCounts
    /// Failures (fail) by severity.
    public var failuresBySeverity: SeverityCounts
    /// Results that read values, by the strength of the evidence they rest on.
    public var byEvidence: EvidenceCounts? = nil
    /// Passes by the strength of the evidence they rest on.
    public var passesByEvidence: EvidenceCounts? = nil
    /// Input files that could not be read or decoded and were left out (`--keep-going`);
    /// absent when every input was read.
    public var unreadableInputs: Int?

    enum CodingKeys: String, CodingKey {
      case platforms, obligations, results
      case byStatus = "by_status"
      case failuresBySeverity = "failures_by_severity"
      case byEvidence = "by_evidence"
      case passesByEvidence = "passes_by_evidence"
      case unreadableInputs = "unreadable_inputs"
    }
  }

  /// A warning or error met while loading or evaluating.
  public struct DiagnosticRecord: Codable, Sendable, Hashable {
    public var severity: Diagnostic.Severity
    /// A warning's stable code (`W305`), which `--allow` takes; errors have none.
    public var code: WarningCode? = nil
    public var location: SourceLocation?
    public var file: String?
    public var message: String
    public var hint: String?
    /// The message and hint as messages, when the engine says them (an unused waiver).
    public var messageMessage: Message? = nil
    public var hintMessage: Message? = nil

    enum CodingKeys: String, CodingKey {
      case severity, code, location, file, message, hint
      case messageMessage = "message_message"
      case hintMessage = "hint_message"
    }
  }

  public var schema: String
  public var tool: Tool
  public var asOf: Day
  /// Set only when a timestamp was asked for: reports are otherwise byte-identical.
  public var generatedAt: String?
  public var inputs: [Workspace.Input]
  public var packs: [Pack]
  public var obligations: [ObligationInfo]
  public var platforms: [Platform]
  public var results: [Result]
  public var matrices: [Matrix]
  public var waivers: [WaiverUsage]
  public var summary: Summary
  public var diagnostics: [DiagnosticRecord]

  enum CodingKeys: String, CodingKey {
    case schema, tool
    case asOf = "as_of"
    case generatedAt = "generated_at"
    case summary, inputs, packs, obligations, platforms, results, matrices, waivers, diagnostics
  }

  /// Assembles the document of a run whose results are at hand.
  public init(workspace: Workspace, evaluation: Evaluation, generatedAt: String? = nil) {
    let header = RunHeader(workspace: workspace, evaluation: evaluation, generatedAt: generatedAt)
    self.init(header: header, results: evaluation.results,
      summary: RunSummary(header: header, evaluation: evaluation, workspace: workspace))
  }

  /// The document of a run from its phases: what it says before the results, the results (all,
  /// or none when they were streamed), and what it says after them.
  public init(header: RunHeader, results: [Result], summary: RunSummary) {
    schema = header.schema
    tool = header.tool
    asOf = header.asOf
    generatedAt = header.generatedAt
    inputs = header.inputs
    packs = header.packs
    obligations = header.obligations
    platforms = header.platforms
    matrices = header.matrices
    self.results = results
    waivers = summary.waivers
    self.summary = summary.counts
    diagnostics = summary.diagnostics
  }

  /// What the document says before its results.
  public var header: RunHeader {
    RunHeader(schema: schema, tool: tool, asOf: asOf, generatedAt: generatedAt, inputs: inputs, packs: packs,
      obligations: obligations, platforms: platforms, matrices: matrices, unreadableInputs: summary.unreadableInputs)
  }

  /// Reads either version: once `inputs` is read, results/2's locations resolve against it.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    schema = try c.decode(String.self, forKey: .schema)
    tool = try c.decode(Tool.self, forKey: .tool)
    asOf = try c.decode(Day.self, forKey: .asOf)
    generatedAt = try c.decodeIfPresent(String.self, forKey: .generatedAt)
    inputs = try c.decode([Workspace.Input].self, forKey: .inputs)
    if let table = decoder.userInfo[InputTable.userInfoKey] as? InputTable.Reading { table.paths = inputs.map(\.path) }
    packs = try c.decode([Pack].self, forKey: .packs)
    obligations = try c.decode([ObligationInfo].self, forKey: .obligations)
    platforms = try c.decode([Platform].self, forKey: .platforms)
    results = try c.decode([Result].self, forKey: .results)
    matrices = try c.decode([Matrix].self, forKey: .matrices)
    waivers = try c.decode([WaiverUsage].self, forKey: .waivers)
    summary = try c.decode(Summary.self, forKey: .summary)
    diagnostics = try c.decode([DiagnosticRecord].self, forKey: .diagnostics)
  }

  /// The inputs table that this document's locations point into.
  public var inputTable: InputTable { InputTable(inputs.map(\.path)) }

  /// The encoder of a results document's header and summary, with these inputs: pretty, its
  /// locations pointing into the inputs table.
  public static func encoder(inputs: [Workspace.Input]) -> OrderedJSONEncoder {
    OrderedJSONEncoder(inputs: InputTable(inputs.map(\.path)))
  }

  /// The encoder of the results (`encodeEntries(_:depth: 2)`): one result a line.
  public static func resultEncoder(inputs: [Workspace.Input]) -> OrderedJSONEncoder {
    OrderedJSONEncoder(inputs: InputTable(inputs.map(\.path)), compactBelow: 2)
  }

  /// The document as stable JSON, keys in schema order, with a final newline: the header and
  /// summary pretty, each result on one line (the bytes `audit run` streams).
  public func encoded() throws -> Data {
    var header = self
    header.results = []
    let head = try Self.encoder(inputs: inputs).encode(header)
    guard !results.isEmpty, let splice = JSONSplice(head, key: "results", depth: 1) else { return head }
    var out = splice.head
    out.append(try Self.resultEncoder(inputs: inputs).encodeEntries(results, depth: 2).dropFirst())
    out.append(splice.close)
    out.append(splice.tail)
    return out
  }

  /// Reads a document, refusing other schemas.
  public static func decode(_ data: Data, path: String) throws -> ResultsDocument {
    struct Header: Decodable { var schema: String? }
    let header = try? JSONDecoder().decode(Header.self, from: data)
    guard let schema = header?.schema else {
      throw DiagnosticError(Diagnostic(.error, file: path, "not a results document (no 'schema')",
        hint: "pass a results.json written by 'audit run'"))
    }
    guard readableSchemas.contains(schema) else {
      throw DiagnosticError(Diagnostic(.error, file: path, "results schema '\(schema)' is not '\(schemaID)' (or 'interop-audit/results/1')",
        hint: "regenerate it with this version of 'audit run'"))
    }
    let document: ResultsDocument
    do {
      let decoder = JSONDecoder()
      decoder.userInfo[InputTable.userInfoKey] = InputTable.Reading()
      document = try decoder.decode(ResultsDocument.self, from: data)
    } catch {
      throw DiagnosticError(Diagnostic(.error, file: path, "results document does not match \(schema)\(Self.where(error))",
        hint: "regenerate it with this version of 'audit run'"))
    }
    try checkUniqueKeys(document.results, path: path)
    return document
  }

  /// Two results for one obligation, platform and counterparty cannot both hold: a diff would
  /// silently keep the last, so the document is refused, naming both.
  static func checkUniqueKeys(_ results: [Result], path: String) throws {
    struct Key: Hashable {
      var obligation: String
      var platform: String
      var counterparty: String?
    }
    var first: [Key: Int] = [:]
    for (index, r) in results.enumerated() {
      let key = Key(obligation: r.obligation, platform: r.platform, counterparty: r.counterparty)
      if let earlier = first.updateValue(index, forKey: key) {
        let subject = "'\(r.obligation)' for '\(r.platform)'" + (r.counterparty.map { " and '\($0)'" } ?? "")
        throw DiagnosticError(Diagnostic(.error, file: path,
          "results[\(index)] repeats results[\(earlier)]: two results of \(subject)",
          hint: "a results document holds one result per obligation, platform and counterparty; regenerate it with 'audit run'"))
      }
    }
  }
}

extension ResultsDocument {
  /// " at 'results[3].status'", from a decoding error's coding path, or "".
  fileprivate static func `where`(_ error: any Error) -> String {
    let context: DecodingError.Context?
    switch error as? DecodingError {
    case .dataCorrupted(let c), .keyNotFound(_, let c), .typeMismatch(_, let c), .valueNotFound(_, let c): context = c
    default: context = nil
    }
    guard let path = context?.codingPath, !path.isEmpty else { return "" }
    let joined = path.map { key -> String in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }.joined()
    let text = joined.hasPrefix(".") ? String(joined.dropFirst()) : joined
    if case .keyNotFound(let key, _) = error as? DecodingError { return " at '\(text)': missing '\(key.stringValue)'" }
    return " at '\(text)'"
  }
}

extension Upcoming {
  /// A date on which an obligation's requirement changes.
  public struct Milestone: Codable, Sendable, Hashable {
    public var date: Day
    public var label: String
  }
}

extension ResultsDocument.ObligationInfo {
  init(_ o: Obligation) {
    var check: Message
    switch o.check {
    case .require(let p): check = p.summaryMessage
    case .phases(let phases):
      check = .sentences(phases.map {
        Message(.phaseSummary, ["start": .message($0.from.message), "label": .value($0.label),
          "check": .message($0.require.summaryMessage)])
      })
    }
    if let when = o.when {
      check = Message(.whenSummary, ["condition": .message(when.summaryMessage), "check": .message(check)])
    }
    self.init(id: o.id, pack: o.pack, title: o.title, titleEn: o.titleEn, severity: o.severity,
      per: o.per, basis: o.basis, appliesTo: o.appliesTo, counterparties: o.counterparties,
      effective: o.effective?.description,
      milestones: o.fixedMilestones.map { .init(date: $0.date, label: $0.label) },
      check: check.english, remediation: o.remediation,
      remediationEn: o.remediationEn, location: o.location)
    checkMessage = check
    effectiveMessage = o.effective?.message
    evidence = o.evidence
  }
}

/// A count per status, in a fixed order.
public struct StatusCounts: Codable, Sendable, Hashable {
  public var pass = 0
  public var fail = 0
  public var unknown = 0
  public var notApplicable = 0
  public var waived = 0
  public var error = 0

  enum CodingKeys: String, CodingKey {
    case pass, fail, unknown, waived, error
    case notApplicable = "not_applicable"
  }

  public init() {}

  public subscript(status: Status) -> Int {
    get {
      switch status {
      case .pass: pass
      case .fail: fail
      case .unknown: unknown
      case .notApplicable: notApplicable
      case .waived: waived
      case .error: error
      }
    }
    set {
      switch status {
      case .pass: pass = newValue
      case .fail: fail = newValue
      case .unknown: unknown = newValue
      case .notApplicable: notApplicable = newValue
      case .waived: waived = newValue
      case .error: error = newValue
      }
    }
  }
}

/// A count per severity, in a fixed order.
public struct SeverityCounts: Codable, Sendable, Hashable {
  public var low = 0
  public var medium = 0
  public var high = 0
  public var critical = 0

  public init() {}

  public subscript(severity: Severity) -> Int {
    get {
      switch severity {
      case .low: low
      case .medium: medium
      case .high: high
      case .critical: critical
      }
    }
    set {
      switch severity {
      case .low: low = newValue
      case .medium: medium = newValue
      case .high: high = newValue
      case .critical: critical = newValue
      }
    }
  }
}

extension MessageKey {
  static let phaseSummary = MessageKey("check.summary_phase", "from {start} ({label}): {check}")
  static let whenSummary = MessageKey("check.summary_when", "when {condition}: {check}")
}
