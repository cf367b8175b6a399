import AuditTestSupport
import Foundation
import Testing

/// `audit history` end to end: files written, byte-identical across runs, exit codes.
@Suite struct HistoryCommandTests {
  static let arguments = ["history", "Tests/Fixtures/reports/manifests", "--rules", "Tests/Fixtures/reports/rules.yaml",
    "--waivers", "Tests/Fixtures/reports/waivers.yaml", "Tests/Fixtures/reports/entities.yaml",
    "--from", "2024-01-01", "--to", "2026-06-30"]

  @Test func writesTheThreeFormatsByteIdenticallyAcrossRuns() throws {
    let (first, second) = (try AuditBinary.Scratch(), try AuditBinary.Scratch())
    for out in [first, second] {
      let run = try AuditBinary.run(Self.arguments + ["--output", out.path])
      #expect(run.status == 0, "\(run.stderr)")
      #expect(run.stderr.contains("from 2024-01-01 to 2026-06-30"), "\(run.stderr)")
    }
    for name in ["history.md", "history.html", "history.json"] {
      let a = try Data(contentsOf: first.url.appendingPathComponent(name))
      let b = try Data(contentsOf: second.url.appendingPathComponent(name))
      #expect(a == b, "\(name) differs between two runs")
    }
    let json = try String(contentsOf: first.url.appendingPathComponent("history.json"), encoding: .utf8)
    #expect(json.contains("\"schema\": \"interop-audit/history/1\""))
    let html = try String(contentsOf: first.url.appendingPathComponent("history.html"), encoding: .utf8)
    #expect(html.contains("<svg") && html.contains("class=\"changes\""))
  }

  @Test func chineseReportsUseTheChineseCatalogue() throws {
    let out = try AuditBinary.Scratch()
    let run = try AuditBinary.run(Self.arguments + ["--output", out.path, "--lang", "zh", "--format", "markdown"])
    #expect(run.status == 0, "\(run.stderr)")
    let md = try String(contentsOf: out.url.appendingPathComponent("history.md"), encoding: .utf8)
    #expect(md.contains("# 合规历史：2024-01-01 至 2026-06-30"))
    #expect(!out.exists("history.json"))
  }

  @Test(arguments: [
    (["--from", "2022-01-01", "--to", "2021-01-01"], "--from 2022-01-01 is after --to 2021-01-01"),
    (["--format", "sarif"], "unknown format 'sarif'"),
  ])
  func badInvocationsExitTwo(arguments: [String], message: String) throws {
    let out = try AuditBinary.Scratch()
    let run = try AuditBinary.run(["history", "Tests/Fixtures/reports/manifests", "--rules", "Tests/Fixtures/reports/rules.yaml",
      "--output", out.path] + arguments)
    #expect(run.status == 2)
    #expect(run.stderr.contains(message), "\(run.stderr)")
  }
}
