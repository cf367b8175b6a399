import AuditCore
import AuditReports
import Foundation
import Testing

/// The report fixture set (`Tests/Fixtures/reports`: rules, manifests, waivers with Chinese text,
/// hostile strings and every status), run through the real loader and engine.
enum ReportFixtures {
  static var root: URL { Fixtures.root }

  /// The date the fixtures are evaluated at: one phase has started, one is still to come.
  static let asOf = Day(year: 2024, month: 6, day: 1) ?? .epoch

  /// The fixture files, named relative to `Tests/Fixtures/reports` so that outputs do not
  /// depend on where the repository is checked out.
  static func files() throws -> [SourceFile] {
    let base = root.appendingPathComponent("reports")
    let enumerator = FileManager.default.enumerator(atPath: base.path)
    let names = (enumerator?.compactMap { $0 as? String } ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
    return try names.map { name in
      let data = try Data(contentsOf: base.appendingPathComponent(name))
      return SourceFile.parse(Array(data), path: name)
    }
  }

  /// The results document of the fixture set.
  static func document(generatedAt: String? = nil) throws -> ResultsDocument {
    let workspace = Workspace.load(files: try files())
    let evaluation = Engine(packs: workspace.packs, asOf: asOf, entities: workspace.entities)
      .evaluate(manifests: workspace.manifests, waivers: workspace.waivers)
    return ResultsDocument(workspace: workspace, evaluation: evaluation, generatedAt: generatedAt)
  }

  /// Every format that renders in the process: all but PDF, which runs Chromium and has its own
  /// tests (`PDFReportTests`).
  static let inProcess = ReportFormats.all.filter { $0.identifier != PDFReport.identifier }

  /// Every in-process format's files for the fixture set, by file name.
  static func render(_ formats: [any ReportFormat.Type] = inProcess, templates: String? = nil,
                     language: ReportLanguage = .en) throws -> [String: String] {
    let context = ReportContext(document: try document(), templatesDirectory: templates, language: language)
    var out: [String: String] = [:]
    for file in try ReportFormats.render(formats, context) {
      out[file.name] = String(decoding: file.contents, as: UTF8.self)
    }
    return out
  }
}
