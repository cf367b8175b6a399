import AuditTestSupport
import Foundation
import Testing

/// `audit diff --format` takes every format that renders a diff, from the one registry.
@Suite struct DiffFormatsTests {
  @Test func githubAndSARIF() throws {
    let out = try AuditBinary.Scratch()
    let run = try AuditBinary.run(["diff"] + DiffCommandTests.fixture
      + ["--output", out.path, "--fail-on", "none", "--format", "github,sarif"])
    #expect(run.status == 0, "\(run.stderr)")
    // The regression as a workflow command on stdout; nothing but the SARIF in the directory.
    let lines = run.stdout.split(separator: "\n")
    #expect(lines.count == 1 && lines.allSatisfy { $0.hasPrefix("::error file=") }, "\(run.stdout)")
    #expect(out.exists("diff.sarif") && !out.exists("diff.md") && !out.exists("github-annotations.txt"))
    let log = try JSONSerialization.jsonObject(with: Data(contentsOf: out.url.appendingPathComponent("diff.sarif"))) as? [String: Any]
    let results = ((log?["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
    #expect(!results.isEmpty && results.allSatisfy { $0["baselineState"] is String })
  }

  @Test func aFormatThatRendersNoDiffIsRefused() throws {
    let out = try AuditBinary.Scratch()
    let run = try AuditBinary.run(["diff"] + DiffCommandTests.fixture + ["--output", out.path, "--format", "junit"])
    #expect(run.status == 2)
    #expect(run.stderr.contains("unknown format 'junit'; expected one of: markdown, html, json, sarif, github, pdf"), "\(run.stderr)")
  }
}
