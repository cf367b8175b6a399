import AuditCore
import Foundation

/// What `audit diff` did: every problem met, the entries its exit code comes from, its closing
/// line and the paths written.
public struct DiffRun: Sendable {
  public var diagnostics: [Diagnostic]
  public var entries: [DiffEntry]
  /// "1 regression (1 not waived), 5 fixes, …".
  public var summary: String
  public var written: [String]
}

/// What `audit timeline` did: the problems met (warnings only; errors are thrown), its closing
/// line and the paths written.
public struct TimelineRun: Sendable {
  public var diagnostics: [Diagnostic]
  /// "45 events: 19 from the timeline files, …".
  public var summary: String
  public var written: [String]
}

/// What `audit timeline` reads and keeps.
public struct TimelineRequest: Sendable {
  /// Timeline and manifest files or directories; empty means `defaults.manifests`.
  public var paths: [String]
  /// Rule packs (which say what is a scale); empty means those among the paths, else the default.
  public var rules: [String]
  public var filter: TimelineDocument.Filter
  public var lanes: TimelineDocument.Lanes
  public var defaults: RunRequest.Defaults

  public init(paths: [String] = [], rules: [String] = [], filter: TimelineDocument.Filter = .init(),
              lanes: TimelineDocument.Lanes = .actor, defaults: RunRequest.Defaults = .init()) {
    self.paths = paths
    self.rules = rules
    self.filter = filter
    self.lanes = lanes
    self.defaults = defaults
  }
}

extension ReportPipeline {
  /// `audit diff`: loads and compares both sides (`DiffInput.compare`), renders the formats asked
  /// for and writes them; an error on either side stops it before anything is written.
  public static func diff(
    _ request: DiffRequest, _ output: ReportRequest, standardOutput: FileHandle = .standardOutput
  ) throws(DiagnosticError) -> DiffRun {
    var request = request
    request.listed = output.findingsPerObligation
    var (document, diagnostics) = DiffInput.compare(request)
    // A results file that its directory's report set does not vouch for is not read as one.
    let mixed = [request.old, request.new].compactMap { source -> Diagnostic? in
      guard case .results(let path) = source else { return nil }
      return ReportSetManifest.mismatch(ofResults: path)
    }
    diagnostics = (mixed + diagnostics).sorted()
    if diagnostics.hasErrors {
      throw DiagnosticError(diagnostics, summary: "audit: stopped: \(diagnostics.tally); nothing written")
    }
    let report = DiffReport(document: document, templatesDirectory: output.templatesDirectory, linkBase: output.linkBase,
      language: output.language)
    let files = try attempt("audit: nothing was written") { try ReportFormats.render(output.formats, DocumentContext(.diff(report))) }
    let (written, notes) = try write(files, output, as: .diff, standardOutput: standardOutput)
    return DiffRun(diagnostics: diagnostics + notes, entries: document.entries, summary: report.summary, written: written)
  }

  /// `audit timeline`: loads timelines, manifests and rule packs (a rule pack is not required),
  /// builds the chronology, renders the formats asked for and writes them.
  public static func timeline(
    _ request: TimelineRequest, _ output: ReportRequest, standardOutput: FileHandle = .standardOutput
  ) throws(DiagnosticError) -> TimelineRun {
    var run = RunRequest(paths: request.paths, rules: request.rules, asOf: Day.epoch, defaults: request.defaults)
    // Every file is checked and no version kept: the builder reads each platform's versions
    // again, a pair at a time, so that the corpus is never in memory at once.
    run.retention = .inForce(Day(year: 1, month: 1, day: 1) ?? .epoch)
    let workspace = AuditRun.load(run, requireRules: false)
    if workspace.diagnostics.hasErrors {
      let files = workspace.inputs.count
      throw DiagnosticError(workspace.diagnostics,
        summary: "audit: stopped: \(workspace.diagnostics.tally) in \(files) file\(files == 1 ? "" : "s"); nothing written")
    }
    guard !workspace.timelines.isEmpty || !workspace.versions.isEmpty else {
      let named = (request.paths.isEmpty ? [request.defaults.manifests] : request.paths).joined(separator: ", ")
      throw DiagnosticError(workspace.diagnostics + [Diagnostic(.error, file: named, "no timeline files or manifests here",
        hint: "give directories with kind: timeline or kind: platform files")])
    }
    let document = TimelineBuilder.build(workspace, filter: request.filter, by: request.lanes, rereading: run.limits)
    let diagnostics = workspace.diagnostics
      + TimelineBuilder.unmatchedActors(request.filter.actors, document: document, workspace: workspace)
    let report = TimelineReport(document: document, templatesDirectory: output.templatesDirectory, linkBase: output.linkBase,
      language: output.language)
    let files = try attempt("audit: nothing was written") {
      try ReportFormats.render(output.formats, DocumentContext(.timeline(report)))
    }
    let (written, notes) = try write(files, output, as: .timeline, standardOutput: standardOutput)
    return TimelineRun(diagnostics: diagnostics + notes, summary: report.summary, written: written)
  }
}
