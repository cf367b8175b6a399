import AuditCore

/// `--format github`: GitHub Actions workflow commands on standard output, one line per fail,
/// unknown or error result (`::error` for fail and error, `::warning` for unknown) and per input
/// diagnostic, so that a pull request shows each finding at its manifest line. The runner reads
/// the commands from the step's log; nothing is written to the output directory.
public struct GitHubReport: ReportFormat {
  public static let identifier = "github"
  public static let summary = "GitHub Actions annotations (::error/::warning workflow commands) printed to standard output."
  public static let destination = ReportDestination.standardOutput
  /// The name tests know the output by; it is never written as a file.
  public static let name = "github-annotations.txt"

  public init() {}

  /// One command per finding, most severe first, then one per diagnostic.
  public func render(_ context: ReportContext) throws -> [ReportFile] {
    let document = context.document
    let titles = Dictionary(document.obligations.map { ($0.id, $0.titleEn ?? $0.title) }) { a, _ in a }
    let files = Dictionary(document.platforms.map { ($0.id, $0.file) }) { a, _ in a }
    // Most severe first: GitHub shows only the first few annotations of a step.
    let findings = document.results.enumerated()
      .filter { Finding.statuses.contains($0.element.status) }
      .sorted { ($0.element.severity, $1.offset) > ($1.element.severity, $0.offset) }
      .map(\.element)
    var lines = findings.map { r in
      Self.command(for: r, title: titles[r.obligation], fallbackFile: files[r.platform])
    }
    lines += document.diagnostics.map(Self.command(for:))
    return [ReportFile(name: Self.name, text: lines.map { $0 + "\n" }.joined())]
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
    let name = d.severity == "error" ? "error" : d.severity == "warning" ? "warning" : "notice"
    return command(name, place: place, title: "audit: \(d.severity)",
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
  /// `@actions/core`'s `command.ts`), so a value cannot end the line or start a new command.
  public static func escapeData(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "%": out += "%25"
      case "\r": out += "%0D"
      case "\n": out += "%0A"
      default: out.unicodeScalars.append(scalar)
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
