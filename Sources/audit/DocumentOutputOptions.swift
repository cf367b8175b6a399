import ArgumentParser
import AuditReports

/// Output options of `timeline` and `diff`, which write one document in Markdown, HTML and JSON
/// (not the formats of `run`).
struct DocumentOutputOptions: ParsableArguments {
  @Option(name: .customLong("format"),
    help: ArgumentHelp("Write these formats; repeat, or separate with commas: markdown, html, json, pdf (default: markdown, html, json).", valueName: "list"))
  var formatList: [String] = []

  @Option(name: .customLong("output"), help: ArgumentHelp("Write the files into this directory and change nothing else in it (a link is followed, ~ is not expanded); the manifest .audit-set-timeline.json or .audit-set-diff.json, written last, names each file and its SHA-256.", valueName: "dir"))
  var output = "Reports"

  @Option(name: .customLong("templates"),
    help: ArgumentHelp("Use the templates in this directory instead of the built-in ones (default: built-in).", valueName: "dir"))
  var templates: String?

  @Option(name: .customLong("lang"), help: ArgumentHelp("Write the document in this language: en or zh (default: en); its JSON does not change.", valueName: "lang"))
  var language: ReportLanguage = .en

  /// The formats asked for, in order, each once; Markdown, HTML and JSON when none is given.
  func formats() throws -> [String] {
    try chosenFormats(formatList, known: TimelineReport.identifiers, defaults: TimelineReport.defaults)
  }

  /// Fails before any work when the output directory or the templates cannot be used.
  func preflight() throws {
    try checkOutput(output, templates: try formats().contains { $0 != "json" } ? templates : nil)
  }

  /// The prefix from the output directory back to the current one, for links to manifest lines.
  var linkBase: String? { ReportLinks.base(outputDirectory: output) }
}
