import ArgumentParser
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
  @Option(name: .customLong("format"),
    help: ArgumentHelp("Write these formats; repeat, or separate with commas: \(ReportFormats.identifiers(for: Document.kind).joined(separator: ", ")) (default: \(ReportFormats.defaults.joined(separator: ", "))).", valueName: "list"))
  var formatList: [String] = []

  @Option(name: .customLong("output"), help: ArgumentHelp("Write the files into this directory and change nothing else in it (a link is followed, ~ is not expanded); the manifest .audit-set-timeline.json, .audit-set-diff.json or .audit-set-history.json, written last, names each file and its SHA-256.", valueName: "dir"))
  var output = "Reports"

  @Option(name: .customLong("templates"),
    help: ArgumentHelp("Use the templates in this directory instead of the built-in ones (default: built-in).", valueName: "dir"))
  var templates: String?

  @Option(name: .customLong("lang"), help: ArgumentHelp("Write the document in this language: en or zh (default: en); its JSON does not change.", valueName: "lang"))
  var language: ReportLanguage = .en

  /// The formats asked for, in order, each once; Markdown, HTML and JSON when none is given.
  func formats() throws -> [any ReportFormat.Type] { try chosenFormats(formatList, for: Document.kind) }

  /// What the command writes.
  func request() throws -> ReportRequest {
    ReportRequest(formats: try formats(), directory: output, templatesDirectory: templates, language: language)
  }
}
