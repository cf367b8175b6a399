import Foundation

/// What a results document says before its first result: the inputs, the packs and their
/// obligations, the platforms in force and the matrices. A streamed run hands it to its sink's
/// `begin`; a document is this, its results and a `RunSummary`.
public struct RunHeader: Sendable {
  public var schema: String
  public var tool: ResultsDocument.Tool
  public var asOf: Day
  /// Set only when a timestamp was asked for.
  public var generatedAt: String?
  public var inputs: [Workspace.Input]
  public var packs: [ResultsDocument.Pack]
  public var obligations: [ResultsDocument.ObligationInfo]
  public var platforms: [ResultsDocument.Platform]
  public var matrices: [Matrix]
  /// Input files that could not be read and were left out (`--keep-going`); `nil` when none.
  public var unreadableInputs: Int?
  /// What the run's exit code counts (not part of the results document): the streams that
  /// must agree with it (JUnit) read it.
  public var gate = Gate()

  public init(
    schema: String, tool: ResultsDocument.Tool, asOf: Day, generatedAt: String?, inputs: [Workspace.Input],
    packs: [ResultsDocument.Pack], obligations: [ResultsDocument.ObligationInfo], platforms: [ResultsDocument.Platform],
    matrices: [Matrix], unreadableInputs: Int?
  ) {
    self.schema = schema
    self.tool = tool
    self.asOf = asOf
    self.generatedAt = generatedAt
    self.inputs = inputs
    self.packs = packs
    self.obligations = obligations
    self.platforms = platforms
    self.matrices = matrices
    self.unreadableInputs = unreadableInputs
  }

  /// The header of a run: `evaluation` needs only its platforms, matrices and entities (the
  /// engine's evaluation before its first result will do).
  public init(workspace: Workspace, evaluation: Evaluation, generatedAt: String? = nil, unreadableInputs: Int? = nil) {
    schema = ResultsDocument.schemaID
    tool = ResultsDocument.Tool(name: AuditVersion.name, version: AuditVersion.current)
    asOf = evaluation.asOf
    self.generatedAt = generatedAt
    inputs = workspace.inputs.sorted { $0.path < $1.path }
    packs = workspace.packs.map {
      ResultsDocument.Pack(id: $0.id, title: $0.title, titleEn: $0.titleEn, version: $0.version, files: $0.files.sorted())
    }
    obligations = workspace.obligations.map(ResultsDocument.ObligationInfo.init)
    let byID = Dictionary(grouping: workspace.manifests, by: \.id)
    // The workspace may have kept only the versions a run needs; it still knows every date.
    let versions = workspace.versions
    let scales = ScaleIndex(packs: workspace.packs)
    // Comparing each platform with its previous version walks two trees: use every core.
    let entities = evaluation.entities
    let asOf = evaluation.asOf
    platforms = parallelMap(evaluation.platforms) { m in
      let all = byID[m.id] ?? []
      let previous = all.filter { $0.asOf < m.asOf }.max { $0.asOf < $1.asOf }
      let controller = entities.controller(of: m.id, on: asOf)?.entity
      let affiliates = entities.affiliates(of: m.id, on: asOf)
      var platform = ResultsDocument.Platform(id: m.id, name: m.name, nameEn: m.nameEn, operatorName: m.operatorName,
        categories: m.categories, jurisdictions: m.jurisdictions, asOf: m.asOf, version: m.version,
        file: m.file, versions: versions[m.id] ?? all.map(\.asOf).sorted(), notes: m.notes,
        previous: previous.map {
          ResultsDocument.PreviousVersion(asOf: $0.asOf, file: $0.file, changes: ManifestChanges.between($0, m, scales: scales))
        })
      platform.group = controller.map { ResultsDocument.Group(id: $0.id, name: $0.name, nameEn: $0.nameEn) }
      platform.affiliates = affiliates.isEmpty ? nil : affiliates
      return platform
    }
    matrices = evaluation.matrices
    self.unreadableInputs = unreadableInputs
  }
}

/// What a results document says after its last result: the counts, the waivers' standing and
/// every diagnostic. A streamed run hands it to its sink's `finish`.
public struct RunSummary: Sendable {
  /// The document's `summary`.
  public var counts: ResultsDocument.Summary
  public var waivers: [WaiverUsage]
  public var diagnostics: [ResultsDocument.DiagnosticRecord]
  /// What the counts come from (with the unknowns by severity that `--strict` exit codes use).
  public var tally: ResultTally

  /// The summary of a finished evaluation: counts from its tally (or from its results when it
  /// kept them), the waivers' standing, and the diagnostics of loading and evaluating.
  public init(header: RunHeader, evaluation: Evaluation, workspace: Workspace) {
    let tally = evaluation.tally ?? ResultTally(evaluation.results)
    self.tally = tally
    counts = ResultsDocument.Summary(platforms: header.platforms.count, obligations: header.obligations.count,
      results: tally.results, byStatus: tally.byStatus, failuresBySeverity: tally.failuresBySeverity,
      byEvidence: tally.byEvidence, passesByEvidence: tally.passesByEvidence, unreadableInputs: header.unreadableInputs)
    waivers = evaluation.waivers
    diagnostics = (workspace.diagnostics + evaluation.diagnostics).sorted().map {
      ResultsDocument.DiagnosticRecord(severity: $0.severity, code: $0.code, location: $0.location,
        file: $0.location == nil ? $0.file : nil, message: $0.message, hint: $0.hint,
        messageMessage: $0.typed?.message, hintMessage: $0.typed?.hint)
    }
  }
}
