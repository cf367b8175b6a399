import AuditCore
import AuditReports
import Foundation
import Testing

/// What reports say about evidence: the compliance matrix marks passes on less than a test (a
/// mark and a legend, not colour alone), the summary counts results by strength, and every pass
/// is listed with the values it rests on.
@Suite struct EvidenceOverviewTests {
  /// Two messengers whose links pass, one on a test and one on its own announcement.
  private func document() throws -> ResultsDocument {
    let files = [
      ("r.yaml", """
        kind: rules
        pack: p
        scales: {link_access: [blocked, interstitial, direct]}
        obligations:
          - {id: L, title: links, severity: high, require: {path: a, at_least: interstitial, scale: link_access}}
        """),
      ("tested.yaml", """
        kind: platform
        id: tested
        as_of: 2021-11-29
        capabilities: {a: direct}
        evidence: [{path: a, source: s, method: test, observed: 2021-11-30}]
        """),
      ("announced.yaml", """
        kind: platform
        id: announced
        as_of: 2021-11-29
        capabilities: {a: direct}
        evidence: [{path: a, source: release, method: announcement, observed: 2021-11-29}]
        """),
    ]
    let workspace = Workspace.load(files: files.map { SourceFile.parse(Array($0.1.utf8), path: $0.0) })
    #expect(!workspace.diagnostics.hasErrors)
    let date = try #require(Day("2021-12-02"))
    let evaluation = Engine(packs: workspace.packs, asOf: date)
      .evaluate(manifests: workspace.manifests, waivers: workspace.waivers)
    return ResultsDocument(workspace: workspace, evaluation: evaluation)
  }

  @Test func theMatrixMarksPassesOnWeakerEvidenceThanATest() throws {
    let model = ReportModel(try document())
    let rows = try #require(model.compliance.first?.rows)
    let tested = try #require(rows.first { $0.platform.id == "tested" }?.cells.first)
    let announced = try #require(rows.first { $0.platform.id == "announced" }?.cells.first)
    #expect(tested.status == .pass && announced.status == .pass)
    #expect(tested.weakPass == nil)
    #expect(announced.weakPass == .announcement)
  }

  @Test func markdownShowsTheMarkTheLegendTheCountsAndWhatEachPassRestsOn() throws {
    let document = try document()
    let data = try #require(try ReportFormats.render([MarkdownReport.self], ReportContext(document: document)).first?.contents)
    let markdown = String(decoding: data, as: UTF8.self)
    #expect(markdown.contains("| announced (announced) | ✔ pass † announcement |"))
    #expect(markdown.contains("| tested (tested) | ✔ pass |"))
    #expect(markdown.contains("Evidence: † after ✔ pass"))
    #expect(markdown.contains("behind the 2 passes: test 1 · filing 0 · report 0 · announcement 1 · no evidence 0"))
    #expect(markdown.contains("| † announcement 2021-11-29 | L | announced |  | announced: a — announcement 2021-11-29 (release) |"))
    #expect(markdown.contains("| test 2021-11-30 | L | tested |  | tested: a — test 2021-11-30 (s) |"))
  }

  @Test func machineFormatsCarryTheStrengthDateAndSourceOfOneEntry() throws {
    let document = try document()
    let outputs = try ReportFormats.render([CSVReport.self, JUnitReport.self], ReportContext(document: document))
    let text = outputs.map { String(decoding: $0.contents, as: UTF8.self) }.joined(separator: "\n")
    #expect(text.contains(",announcement,2021-11-29,announced: a — announcement 2021-11-29 (release),release\r\n"))
    #expect(text.contains("<property name=\"evidence_strength\" value=\"announcement\"/>"))
    #expect(text.contains("<property name=\"evidence_observed\" value=\"2021-11-30\"/>"))
    #expect(text.contains("<property name=\"evidence_source\" value=\"release\"/>"))
  }
}
