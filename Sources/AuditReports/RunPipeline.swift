import AuditCore
import Foundation

/// What `audit run` did: every problem met, the counts its exit code and closing line come from,
/// the `error` results (printed like parse errors), and the paths written.
public struct RunReport: Sendable {
  /// Every problem from loading, the stop rules and evaluation, sorted.
  public var diagnostics: [Diagnostic]
  /// The `error` results, for stderr.
  public var errorResults: [Result]
  /// The counts over every result.
  public var tally: ResultTally
  /// The document's summary (platforms, obligations, counts, unreadable inputs).
  public var summary: ResultsDocument.Summary
  public var asOf: Day
  /// The paths written into the output directory.
  public var written: [String]
  /// The worst findings, for stderr.
  public var findings: TerminalFindings
}

extension ReportPipeline {
  /// `audit run`: loads the request (keeping only the manifest versions in force and their
  /// predecessors), evaluates it, and streams the results into the formats asked for and the
  /// formats they need: a streaming format takes each batch as it comes into temporary spools,
  /// the human reports read a digest (counts, and the findings they list), so no run holds all
  /// its results. The set is then written and standard-output formats printed.
  public static func run(
    _ request: RunRequest, _ output: ReportRequest, standardOutput: FileHandle = .standardOutput
  ) throws(DiagnosticError) -> RunReport {
    var request = request
    request.retention = .inForce(request.asOf)
    let streamed = ReportFormats.closure(output.formats).compactMap { $0 as? any StreamingReportFormat.Type }
    let sink = ReportSink(streamed, spools: try attempt("audit: nothing was written") { try SpoolStore.temporary() }, output: output)
    let outcome = try attempt("audit: nothing was written") {
      try AuditRun.evaluate(AuditRun.load(request), request: request, into: sink)
    }
    guard let summary = outcome.summary, let context = sink.finished else {
      throw DiagnosticError(outcome.diagnostics, summary: "audit: stopped: \(outcome.stopReason ?? "nothing to evaluate"); nothing written")
    }
    // The other formats (Markdown, HTML, PDF) render from the digest, one per core.
    let files = try attempt("audit: nothing was written") { try ReportFormats.render(output.formats, context, done: sink.outputs) }
    let (written, notes) = try write(files, output, as: .run, standardOutput: standardOutput)
    return RunReport(diagnostics: request.policy.apply(outcome.diagnostics + notes), errorResults: sink.digest.errors,
      tally: summary.tally, summary: summary.counts, asOf: context.document.asOf, written: written, findings: sink.findings)
  }
}

/// Where `audit run` streams its results: a digest for the human reports (counts, and the
/// findings they list) and a stream per streaming format, begun with the header and finished
/// with the summary into the formats' files.
final class ReportSink: ResultSink, @unchecked Sendable {
  let formats: [any StreamingReportFormat.Type]
  let spools: SpoolStore
  let output: ReportRequest
  let digest: ResultDigest
  /// The worst findings, for the terminal.
  let findings: TerminalFindings
  private var streams: [any ReportStream] = []
  /// What the document says before its results, once begun.
  private var header: RunHeader?
  /// The streamed formats' files, once finished.
  private(set) var outputs = FormatOutputs()
  /// The finished document (no results) with the digest, once finished.
  private(set) var finished: ReportContext?

  init(_ formats: [any StreamingReportFormat.Type], spools: SpoolStore, output: ReportRequest) {
    self.formats = formats
    self.spools = spools
    self.output = output
    digest = ResultDigest(limit: output.findingsPerObligation)
    findings = TerminalFindings(output.shown)
  }

  func begin(_ header: RunHeader) throws {
    var header = header
    header.gate = output.gate
    streams = try formats.map { try $0.init().stream(header, spools: spools) }
    findings.begin(header)
    self.header = header
  }

  /// Each stream prepares the batch on this core (the digest has nothing to prepare).
  func prepare(_ batch: [Result]) -> [StagedBatch] {
    [digest.stage(batch), findings.stage(batch)] + streams.map { $0.stage(batch) }
  }

  func consume(_ batch: [Result], prepared: [StagedBatch]) throws {
    for staged in prepared { try staged.commit() }
  }

  func finish(_ summary: RunSummary) throws {
    guard let header else {
      throw DiagnosticError([Diagnostic(.error, file: "audit", "the run finished before it began",
        hint: "please report this with the command you ran")])
    }
    var context = ReportContext(document: ResultsDocument(header: header, results: [], summary: summary),
      templatesDirectory: output.templatesDirectory, findingsPerObligation: output.findingsPerObligation,
      language: output.language, digest: digest)
    context.gate = output.gate
    context.reportDirectory = output.directory
    for (format, stream) in zip(formats, streams) {
      outputs.record(format, try stream.finish(context).map { file in
        var file = file
        file.destination = format.destination
        return file
      })
    }
    finished = context
  }
}
