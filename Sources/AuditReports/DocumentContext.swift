import AuditCore
import Foundation

/// What a format renders a diff, a timeline or a history from: the document, and the files of the formats
/// it needs (`ReportFormat.needs`).
public struct DocumentContext: Sendable {
  /// The document, with what its reports need besides it (templates, language, link base).
  public enum Document: Sendable {
    case diff(DiffReport)
    case timeline(TimelineReport)
    case history(HistoryReport)
  }

  public let document: Document
  /// The files of the formats that the rendering format needs.
  public var needed = FormatOutputs()

  public init(_ document: Document) { self.document = document }

  /// The files of the formats named, in the order named; an unknown name, or one that does not
  /// render this document, is a diagnostic.
  public func render(formats names: [String]) throws -> [ReportFile] {
    let kind = self.kind
    let formats = try names.map { name in
      guard let format = ReportFormats.format(name), format.documents.contains(kind) else {
        throw DiagnosticError([Diagnostic(.error, file: "--format", "unknown \(kind.rawValue) format '\(name)'",
          hint: "expected one of: \(ReportFormats.identifiers(for: kind).joined(separator: ", "))")])
      }
      return format
    }
    return try ReportFormats.render(formats, self)
  }

  /// Which document this is.
  public var kind: ReportDocumentKind { page.kind }

  /// The document as the page formats (Markdown, HTML, JSON, PDF) see it.
  public var page: any PageDocument {
    switch document {
    case .diff(let report): report
    case .timeline(let report): report
    case .history(let report): report
    }
  }
}

/// A document that Markdown, HTML, JSON and PDF render the same way: through the templates
/// `<base>.md` and `<base>.html`, its own JSON, and the HTML printed with the JSON's hash.
public protocol PageDocument: Sendable {
  var kind: ReportDocumentKind { get }
  /// A directory of templates that overrides the built-in ones (`--templates DIR`).
  var templatesDirectory: String? { get }
  /// The language of the Markdown, HTML and PDF; the JSON does not depend on it.
  var language: ReportLanguage { get }
  /// The document's JSON.
  func json() throws -> Data
  /// What the templates see, for a format (`markdown` or `html`).
  func templateData(for format: String) -> [String: Any]
  /// The print job of the PDF: its running header and footer and document information.
  func printJob(html: String, jsonSHA256: String) -> PrintJob
}

extension PageDocument {
  /// The page rendered through its template for `format` (`markdown` or `html`), named `name`;
  /// an agency's stylesheet (`html-style` in --templates) also styles the HTML.
  func renderPage(_ format: String, name: String) throws -> ReportFile {
    let templates = try Templates.load(overrides: templatesDirectory)
    var values = templateData(for: format)
    if format == HTMLReport.identifier && templates.overridden.contains("html-style") { values["customStyle"] = true }
    return ReportFile(name: name, text: try templates.render(values, template: name))
  }
}
