import AuditReports
import AuditTestSupport
import Foundation
import Testing

/// `--lang zh` end to end on the shipped Chinese sample (the issue's "done when"): the Markdown
/// and HTML of `audit run manifests/cn`, `audit timeline` and `audit diff` keep no fixed English
/// string of the catalogue, and results.json is the same bytes as in English.
@Suite(.serialized) struct LanguageCommandTests {
  let root = AuditBinary.packageRoot

  /// The sample's own texts (names, notes, sources, titles), cut out of the reports before the scan.
  static let inputs = CatalogueScan.inputTexts(
    CatalogueScan.yamlFiles(under: ["manifests/cn", "Rules/cn-interop"]),
    escapes: [TextEscaping.markdown, TextEscaping.html])

  func scan(_ directory: URL, _ names: [String]) throws {
    for name in names {
      let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
      let left = CatalogueScan.leftovers(in: text, inputs: Self.inputs, english: Messages.english.table)
      #expect(left.isEmpty, "\(name) still says in English: \(left.joined(separator: " / "))")
    }
  }

  @Test func theSampleRunInChineseHasNoEnglishFixedStrings() throws {
    let zh = try AuditBinary.Scratch()
    let en = try AuditBinary.Scratch()
    for (scratch, lang) in [(zh, "zh"), (en, "en")] {
      let run = try AuditBinary.run(
        ["run", "manifests/cn", "--rules", "Rules/cn-interop", "--as-of", "2021-12-02", "--format", "markdown,html,json,sarif",
         "--output", scratch.path, "--fail-on", "none", "--lang", lang], in: root)
      #expect(run.status == 0, "\(run.stderr)")
    }
    try scan(zh.url, ["report.md", "report.html"])
    let report = try String(contentsOf: zh.url.appendingPathComponent("report.md"), encoding: .utf8)
    #expect(report.contains("## 合规矩阵"))
    #expect(report.contains("✘ 不合规"))
    #expect(report.contains("在 link\\_access 上至少为 'interstitial'"))
    for machine in ["results.json", "results.sarif"] {
      #expect(try Data(contentsOf: zh.url.appendingPathComponent(machine)) == Data(contentsOf: en.url.appendingPathComponent(machine)),
        "\(machine) depends on --lang")
    }
  }

  @Test func theSampleTimelineAndDiffInChineseHaveNoEnglishFixedStrings() throws {
    let scratch = try AuditBinary.Scratch()
    let timeline = try AuditBinary.run(
      ["timeline", "manifests/cn", "--rules", "Rules/cn-interop", "--output", scratch.path, "--lang", "zh"], in: root)
    #expect(timeline.status == 0, "\(timeline.stderr)")
    let diff = try AuditBinary.run(
      ["diff", "manifests/cn", "manifests/cn", "--rules", "Rules/cn-interop", "--old-as-of", "2021-09-17",
       "--new-as-of", "2021-11-29", "--output", scratch.path, "--fail-on", "none", "--lang", "zh"], in: root)
    #expect(diff.status == 0, "\(diff.stderr)")
    try scan(scratch.url, ["timeline.md", "timeline.html", "diff.md", "diff.html"])
  }

  @Test func anUnknownLanguageIsAUsageError() throws {
    let run = try AuditBinary.run(["run", "manifests/cn", "--lang", "fr"], in: root)
    #expect(run.status == 2 || run.status == 64, "\(run.status) \(run.stderr)")
    #expect(run.stderr.contains("fr"))
  }
}
