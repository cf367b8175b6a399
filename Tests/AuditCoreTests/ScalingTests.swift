import Testing

@testable import AuditCore

/// The checks that were accidentally quadratic: evidence matching and waiver suggestions.
@Suite struct ScalingTests {
  @Test func theEvidenceIndexAgreesWithSupports() {
    let paths = ["a", "a.b", "a.b.c", "a.bc", "ab", "a.b.c.d", "b", "a.b.", "", "a.b.c.e", "a-b"]
    let evidence = paths.enumerated().map { i, path in
      Evidence(path: path, source: "s", location: SourceLocation(file: "f", line: i + 1, column: 1))
    }
    let index = EvidenceIndex(evidence)
    for query in paths + ["a.b.x", "z", "a.b.c.d.e"] {
      let expected = evidence.indices.filter { evidence[$0].supports(query) }
      #expect(index.supporting(query).sorted() == expected, "query '\(query)'")
    }
  }

  @Test func evidenceMatchingIsNotResultsTimesEvidence() {
    /// Index entries examined to find the evidence of `count` results among `count` entries.
    func examined(_ count: Int) -> Int {
      let evidence = (0..<count).map { i in
        Evidence(path: "links.inbound.p\(i).private_chat", source: "s", location: SourceLocation(file: "f", line: i + 1, column: 1))
      }
      let index = EvidenceIndex(evidence)
      var examined = 0
      var found = 0
      for i in 0..<count { found += index.supporting("links.inbound.p\(i).private_chat", examined: &examined).count }
      #expect(found == count)
      return examined
    }
    let small = examined(1_000)
    let large = examined(8_000)
    // Eightfold evidence and results: 10× with the index (five binary searches per result), 64× with a scan.
    #expect(large <= small * 16, "\(small) entries examined at 1k, \(large) at 8k")
  }

  @Test func misspeltWaiversDoNotCostWaiversTimesPlatforms() throws {
    func files(misspelt: Bool) -> [SourceFile] {
      var text = "kind: waivers\nwaivers:\n"
      for i in 0..<2_000 {
        text += "  - {obligation: X, platform: \(misspelt ? "platfrom" : "platform")-\(i), reason: r, approved_by: a, expires: 2030-01-01}\n"
      }
      var files = [SourceFile.parse(Array(text.utf8), path: "w.yaml")]
      for i in 0..<2_000 {
        let manifest = "kind: platform\nid: platform-\(i)\nas_of: 2021-01-01\ncapabilities: {}\n"
        files.append(SourceFile.parse(Array(manifest.utf8), path: "m\(i).yaml"))
      }
      return files
    }
    let good = Workspace.load(files: files(misspelt: false))
    #expect(!good.diagnostics.contains { $0.message.contains("which no manifest declares") })
    #expect(good.waiverSuggestionComparisons == 0)
    let bad = Workspace.load(files: files(misspelt: true))
    let warnings = bad.diagnostics.filter { $0.message.contains("which no manifest declares") }
    #expect(warnings.count == 2_000)
    #expect(warnings.first?.hint == "did you mean 'platform-0'?")
    // Waivers × platforms would be 4 million edit distances (minutes in a debug build); the
    // suggestions stop at the budget, and are made through the memo that counts them.
    #expect(bad.waiverSuggestionComparisons > 0)
    #expect(bad.waiverSuggestionComparisons <= Suggestion.comparisonBudget)
  }
}
