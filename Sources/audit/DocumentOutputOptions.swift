import ArgumentParser
import AuditCore
import AuditReports

/// A document that a command writes in the formats that render it (`diff`, `timeline`).
protocol WrittenDocument {
  static var kind: ReportDocumentKind { get }
}

/// `audit diff` writes a diff.
enum DiffDocumentKind: WrittenDocument { static let kind = ReportDocumentKind.diff }

/// `audit timeline` writes a chronology.
enum TimelineDocumentKind: WrittenDocument { static let kind = ReportDocumentKind.timeline }

enum HistoryDocumentKind: WrittenDocument { static let kind = ReportDocumentKind.history }

/// Output options of `timeline` and `diff`, which write one document in the formats that render
/// it (`ReportFormats.formats(for:)`).
struct DocumentOutputOptions<Document: WrittenDocument>: ParsableArguments {
  @Option(name: [.customShort("f"), .customLong("format")],
    help: ArgumentHelp("Write these formats; repeat, or separate with commas: \(ReportFormats.identifiers(for: Document.kind).joined(separator: ", ")) (default: \(ReportFormats.defaults.joined(separator: ", "))).", valueName: "list"),
    completion: .list(ReportFormats.identifiers(for: Document.kind)))
  var formatList: [String] = []

  @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Write the files into this directory and change nothing else in it (a link is followed, ~ is not expanded); the manifest .audit-set-timeline.json, .audit-set-diff.json or .audit-set-history.json, written last, names each file and its SHA-256. '-' writes one format (\(ReportFormats.standardOutputCapable.joined(separator: ", "))) to standard output instead.", valueName: "dir"),
    completion: .directory)
  var output = "Reports"

  @Option(name: .customLong("templates"),
    help: ArgumentHelp("Use the templates in this directory instead of the built-in ones (default: built-in).", valueName: "dir"),
    completion: .directory)
  var templates: String?

  @Option(name: .customLong("lang"), help: ArgumentHelp("Write the document in this language: en or zh (default: the config's lang, else en); its JSON does not change.", valueName: "lang"))
  var language: ReportLanguage?

  /// The formats asked for, in order, each once; Markdown, HTML and JSON when none is given.
  func formats() throws -> [any ReportFormat.Type] { try chosenFormats(formatList, for: Document.kind) }

  /// What the command writes; of the config, only `lang` applies (its formats and output are
  /// those of `audit run`).
  func request(_ config: ProjectConfig?) throws -> ReportRequest {
    let request = ReportRequest(formats: try formats(), directory: output, templatesDirectory: templates,
      language: language ?? config?.lang.flatMap(ReportLanguage.init) ?? .en)
    try checkStandardOutput(request)
    return request
  }
}
