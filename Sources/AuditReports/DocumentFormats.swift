import AuditCore
import Foundation

/// The formats of the timeline and diff documents: Markdown and HTML through the templates
/// `<base>.md` and `<base>.html`, the document's own JSON, and the HTML printed to PDF.
enum DocumentFormats {
  /// The formats `audit timeline` and `audit diff` accept.
  static let identifiers = ["markdown", "html", "json", "pdf"]
  /// What they write when `--format` is not given.
  static let defaults = ["markdown", "html", "json"]

  /// The files of the formats asked for, in the order asked; templates load only when needed.
  /// `print` makes the PDF's print job from the HTML and the SHA-256 of the JSON.
  static func render(
    _ formats: [String], base: String, templatesDirectory: String?, json: () throws -> Data,
    data: (String) -> [String: Any], print: (_ html: String, _ jsonSHA256: String) -> PrintJob
  ) throws -> [ReportFile] {
    let templates = try formats.contains { $0 != "json" } ? Templates.load(overrides: templatesDirectory) : nil
    return try formats.map { format in
      switch format {
      case "json": return ReportFile(name: "\(base).json", contents: try json())
      case "markdown", "html":
        guard let templates else {
          throw TemplateError(Diagnostic(.error, file: "\(base).\(format)", "templates are not loaded"))
        }
        let name = format == "html" ? "\(base).html" : "\(base).md"
        var values = data(format)
        // An agency's stylesheet (`html-style` in --templates) also styles these pages.
        if format == "html" && templates.overridden.contains("html-style") { values["customStyle"] = true }
        return ReportFile(name: name, text: try templates.render(values, template: name))
      case "pdf":
        guard let templates else {
          throw TemplateError(Diagnostic(.error, file: "\(base).pdf", "templates are not loaded"))
        }
        var values = data("html")
        if templates.overridden.contains("html-style") { values["customStyle"] = true }
        let html = try templates.render(values, template: "\(base).html")
        let job = print(html, PDFReport.sha256(try json()))
        return ReportFile(name: "\(base).pdf", contents: try ChromiumPrinter.print(job))
      default:
        throw TemplateError(Diagnostic(.error, file: "--format", "unknown \(base) format '\(format)'",
          hint: "expected one of: \(identifiers.joined(separator: ", "))"))
      }
    }
  }
}
