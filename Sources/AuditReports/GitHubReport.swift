import AuditCore
import Foundation

/// `--format github`: GitHub Actions workflow commands on standard output, one line per fail,
/// unknown or error result (`::error` for fail and error, `::warning` for unknown) and per input
/// diagnostic, at most 50 (`AUDIT_GITHUB_ANNOTATIONS`) and then a `::notice` counting the rest,
/// so that a pull request shows the worst findings at their manifest lines. The runner reads
/// the commands from the step's log; nothing is written to the output directory.
public struct GitHubReport: StreamingReportFormat {
  public static let identifier = "github"
  public static let summary = "GitHub Actions annotations (::error/::warning workflow commands) printed to standard output."
  public static let destination = ReportDestination.standardOutput
  public static let documents: Set<ReportDocumentKind> = [.results, .diff]
  /// The name tests know the output by; it is never written as a file.
  public static let name = "github-annotations.txt"
  public static func fileName(for document: ReportDocumentKind) -> String { name }

  public init() {}

  /// One command per finding: fail and error results from critical to low, then input errors,
  /// then unknown results from critical to low, then the other diagnostics; at most
  /// `annotationLimit` of them (GitHub shows only the first few of a step), then one `::notice`
  /// saying how many were left out and where every finding is. Each channel keeps at most the
  /// limit, so memory stays bounded however many results stream by.
  public func stream(_ header: RunHeader, spools: SpoolStore) throws -> any ReportStream {
    try Stream(header, limit: Self.annotationLimit(ProcessInfo.processInfo.environment))
  }

  /// How many annotations a step gets: `AUDIT_GITHUB_ANNOTATIONS` (a whole number, 0 for none
  /// but the notice), else 50.
  public static func annotationLimit(_ environment: [String: String]) throws(DiagnosticError) -> Int {
    guard let text = environment["AUDIT_GITHUB_ANNOTATIONS"], !text.isEmpty else { return 50 }
    guard let n = Int(text), n >= 0 else {
      throw DiagnosticError(Diagnostic(.error, file: "AUDIT_GITHUB_ANNOTATIONS", "'\(Bounded.quote(text))' is not a whole number of annotations",
        hint: "set it to 0 or more, e.g. 50, or unset it"))
    }
    return n
  }

  final class Stream: ReportStream, @unchecked Sendable {
    let limit: Int
    let titles: [String: String]
    let files: [String: String]
    /// Fail and error results by severity (critical first), then unknowns by severity.
    private var channels: [[String]]
    private var counts: [Int]

    init(_ header: RunHeader, limit: Int) {
      self.limit = limit
      titles = Dictionary(header.obligations.map { ($0.id, $0.titleEn ?? $0.title) }) { a, _ in a }
      files = Dictionary(header.platforms.map { ($0.id, $0.file) }) { a, _ in a }
      channels = Array(repeating: [], count: 2 * Severity.allCases.count)
      counts = Array(repeating: 0, count: 2 * Severity.allCases.count)
    }

    func consume(_ batch: [Result], prepared: Void) {
      for r in batch where Finding.statuses.contains(r.status) {
        let channel = (r.status == .unknown ? Severity.allCases.count : 0) + (Severity.critical.rank - r.severity.rank)
        counts[channel] += 1
        if channels[channel].count < limit {
          channels[channel].append(GitHubReport.command(for: r, title: titles[r.obligation], fallbackFile: files[r.platform]))
        }
      }
    }

    func finish(_ context: ReportContext) throws -> [ReportFile] {
      let diagnostics = context.document.diagnostics
      let errors = diagnostics.filter { $0.severity == .error }.map(GitHubReport.command(for:))
      let others = diagnostics.filter { $0.severity != .error }.map(GitHubReport.command(for:))
      let half = Severity.allCases.count
      let ordered = [Array(channels[..<half].joined()), errors, Array(channels[half...].joined()), others]
      let total = counts.reduce(0, +) + diagnostics.count
      let shown = Array(ordered.joined().prefix(limit))
      var text = shown.map { $0 + "\n" }.joined()
      if total > shown.count { text += GitHubReport.omitted(total - shown.count, limit: limit, directory: context.reportDirectory) + "\n" }
      return [ReportFile(name: GitHubReport.name, text: text)]
    }
  }

  /// The notice after the capped annotations: how many were left out and where every one is.
  static func omitted(_ count: Int, limit: Int, directory: String?) -> String {
    let place = directory.map { "the reports in \($0)/ (report.md, results.json)" } ?? "the run's reports"
    return command("notice", place: nil, title: "audit: \(count) more",
      message: "\(count) more annotation\(count == 1 ? "" : "s") left out after the first \(limit) (AUDIT_GITHUB_ANNOTATIONS sets how many); every finding is in \(place)")
  }

  /// For a diff: one command per regression, at the newer result's manifest line — `::error`
  /// when it gates (its new result is not waived), else `::warning` — worst severity first.
  public func render(_ context: DocumentContext) throws -> [ReportFile] {
    guard case .diff(let report) = context.document else { throw ReportFormats.unsupported(Self.self, context.kind) }
    let document = report.document
    let files = Dictionary((document.old.platforms + document.new.platforms).map { ($0.id, $0.file) }) { _, newer in newer }
    let regressions = document.entries(.regression).enumerated().sorted {
      ($0.element.severity, $1.offset) > ($1.element.severity, $0.offset)
    }.map(\.element)
    let limit = try Self.annotationLimit(ProcessInfo.processInfo.environment)
    let lines = regressions.prefix(limit).map { entry -> String in
      let shown = entry.after ?? entry.before
      let subject = entry.platform + (entry.counterparty.map { " → \($0)" } ?? "")
      let was = entry.statusBefore?.rawValue ?? "none"
      let now = entry.statusAfter?.rawValue ?? "none"
      var message = "regression (\(entry.severity.rawValue)): \(subject): \(was) → \(now)"
      if let reason = shown?.reason { message += ": \(reason)" }
      if !entry.gates { message += " (waived)" }
      let place = shown?.location ?? files[entry.platform].map { SourceLocation(file: $0, line: 1, column: 1) }
      return Self.command(entry.gates ? "error" : "warning", place: place, title: entry.obligation, message: message) + "\n"
    }
    let more = regressions.count > limit ? Self.omitted(regressions.count - limit, limit: limit, directory: nil) + "\n" : ""
    return [ReportFile(name: Self.name, text: lines.joined() + more)]
  }

  /// The workflow command of one result.
  static func command(for r: Result, title: String?, fallbackFile: String?) -> String {
    let subject = r.platform + (r.counterparty.map { " → \($0)" } ?? "")
    var message = "\(r.status.word) (\(r.severity.rawValue)): \(subject): \(r.reason)"
    if let upcoming = r.upcoming { message += " (due \(upcoming.date): \(upcoming.status.wouldPhrase))" }
    let place = r.location ?? fallbackFile.map { SourceLocation(file: $0, line: 1, column: 1) }
    let heading = [r.obligation, title].compactMap { $0 }.joined(separator: " ")
    return Self.command(r.status == .unknown ? "warning" : "error", place: place, title: heading, message: message)
  }

  /// The workflow command of one input diagnostic (a file that did not load, an unknown key).
  static func command(for d: ResultsDocument.DiagnosticRecord) -> String {
    let place = d.location ?? d.file.map { SourceLocation(file: $0, line: 1, column: 1) }
    let name = switch d.severity {
    case .error: "error"
    case .warning: "warning"
    case .note: "notice"
    }
    return command(name, place: place, title: "audit: \(d.severity.rawValue)" + (d.code.map { " \($0.rawValue)" } ?? ""),
      message: d.message + (d.hint.map { " — \($0)" } ?? ""))
  }

  /// `::name file=F,line=L,col=C,title=T::message`, escaped as GitHub's toolkit escapes.
  public static func command(_ name: String, place: SourceLocation?, title: String, message: String) -> String {
    var properties: [(String, String)] = []
    if let place {
      properties += [("file", place.file), ("line", String(max(1, place.line))), ("col", String(max(1, place.column)))]
    }
    properties.append(("title", title))
    let list = properties.map { "\($0.0)=\(escapeProperty($0.1))" }.joined(separator: ",")
    return "::\(name) \(list)::\(escapeData(message))"
  }

  /// The message of a command: `%`, CR and LF percent-encoded (`escapeData` in
  /// `@actions/core`'s `command.ts`), so a value cannot end the line or start a new command; and
  /// every other character no report carries (NUL, BEL, ESC and the other controls, bidi
  /// overrides, noncharacters) shown as `\u{…}` here at the output, as the CSV writer does, so
  /// none reaches the log raw whatever the caller passed.
  public static func escapeData(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "%": out += "%25"
      case "\r": out += "%0D"
      case "\n": out += "%0A"
      default:
        if TextEscaping.isPrintable(scalar) { out.unicodeScalars.append(scalar) } else { out += TextEscaping.shown(scalar) }
      }
    }
    return out
  }

  /// A property value: as `escapeData`, and `:` and `,` too (`escapeProperty` in `command.ts`),
  /// so a value cannot end the property list or the properties.
  public static func escapeProperty(_ text: String) -> String {
    escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
  }
}
