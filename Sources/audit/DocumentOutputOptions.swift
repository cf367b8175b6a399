import ArgumentParser
import AuditReports

/// Output options of `timeline` and `diff`, which write one document in Markdown, HTML and JSON
/// (not the formats of `run`).
struct DocumentOutputOptions: ParsableArguments {
  @Option(name: .customLong("format"),
    help: ArgumentHelp("Write these formats, comma-separated: markdown, html, json, pdf (default: markdown, html, json).", valueName: "list"))
  var formatList: [String] = []

  @Option(name: .customLong("output"), help: ArgumentHelp("Write the files into this directory.", valueName: "dir"))
  var output = "Reports"

  @Option(name: .customLong("templates"),
    help: ArgumentHelp("Use the templates in this directory instead of the built-in ones.", valueName: "dir"))
  var templates: String?

  /// The formats asked for, in order, each once; Markdown, HTML and JSON when none is given.
  func formats() throws -> [String] {
    let known = TimelineReport.identifiers
    let names = formatList.flatMap { $0.split(separator: ",") }
      .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    var chosen: [String] = []
    for name in names.isEmpty ? TimelineReport.defaults : names where !chosen.contains(name) {
      guard known.contains(name) else {
        throw ValidationError("unknown format '\(name)'; expected one of: \(known.joined(separator: ", "))")
      }
      chosen.append(name)
    }
    return chosen
  }

  /// The prefix from the output directory back to the current one, for links to manifest lines.
  var linkBase: String? { ReportLinks.base(outputDirectory: output) }
}
