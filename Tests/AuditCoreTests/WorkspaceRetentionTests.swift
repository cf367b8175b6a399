import Foundation
import Testing

@testable import AuditCore

/// `audit run` keeps only the versions it needs: the one in force and its predecessor. What it
/// reports must be what keeping every version gives, byte for byte, and every file is still checked.
@Suite struct WorkspaceRetentionTests {
  /// Platform `a` in five versions (one after the date), `b` in one, `c` only after the date.
  private var files: [(String, String)] {
    let versions = ["2021-01-10", "2021-06-01", "2021-03-15", "2021-11-29", "2022-02-01"].map {
      Scenario.platform("a", asOf: $0, capabilities: "{links: {'*': {private: \($0 == "2021-11-29" ? "direct" : "blocked")}}}")
    }
    return versions + [
      Scenario.platform("b", capabilities: "{links: {a: {private: interstitial}}}"),
      Scenario.platform("c", asOf: "2022-01-01", capabilities: "{}"),
      Scenario.rules("""
          - id: LINK
            title: links open in private chats
            severity: high
            per: counterparty
            require: {path: 'links.{counterparty}.private', at_least: interstitial, scale: link_access}
        """),
    ]
  }

  private func document(_ workspace: Workspace, _ day: Day) throws -> String {
    let evaluation = Engine(packs: workspace.packs, asOf: day).evaluate(manifests: workspace.manifests)
    return try #require(String(data: try ResultsDocument(workspace: workspace, evaluation: evaluation).encoded(), encoding: .utf8))
  }

  @Test func keepsTheVersionInForceAndItsPredecessorAndReportsTheSame() throws {
    let day = try #require(Day("2021-12-02"))
    let parsed = files.map { SourceFile.parse(Array($0.1.utf8), path: $0.0) }
    let all = Workspace.load(files: parsed)
    let kept = Workspace.load(files: parsed, keeping: .inForce(day))
    #expect(kept.manifests.map { "\($0.id)@\($0.asOf)" }.sorted() == ["a@2021-06-01", "a@2021-11-29", "b@2021-11-29"])
    #expect(kept.versions["a"]?.map(\.description) == ["2021-01-10", "2021-03-15", "2021-06-01", "2021-11-29", "2022-02-01"])
    #expect(kept.versions["c"]?.map(\.description) == ["2022-01-01"])
    #expect(kept.inputs == all.inputs)
    #expect(kept.diagnostics == all.diagnostics)
    #expect(try document(kept, day) == document(all, day))
  }

  @Test func duplicateVersionsAreStillFoundWhenDropped() throws {
    let day = try #require(Day("2021-12-02"))
    let twice = files + [("m/a-again.yaml", Scenario.platform("a", asOf: "2021-01-10", capabilities: "{}").1)]
    let kept = Workspace.load(files: twice.map { SourceFile.parse(Array($0.1.utf8), path: $0.0) }, keeping: .inForce(day))
    #expect(kept.diagnostics.contains { $0.message.hasPrefix("platform 'a' already has a version as of 2021-01-10") })
  }

  @Test func batchedReadingFromDiskMatchesLoadingAllAtOnce() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("retention-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    var all = files
    // More files than one batch, so that several batches are folded in order.
    for i in 0..<150 {
      all.append(Scenario.platform(String(format: "p%03d", i), asOf: i % 2 == 0 ? "2021-11-29" : "2021-05-01",
        capabilities: "{links: {a: {private: direct}}}"))
    }
    for (path, text) in all {
      let url = directory.appendingPathComponent(path)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: url)
    }
    let day = try #require(Day("2021-12-02"))
    let found = InputFinder.find([directory.path])
    let batched = Workspace.load(found: found, keeping: .inForce(day))
    let whole = Workspace.load(files: found.files.map { SourceFile.load($0) })
    #expect(batched.inputs == whole.inputs)
    #expect(batched.diagnostics == whole.diagnostics)
    #expect(try document(batched, day) == document(whole, day))
  }
}
