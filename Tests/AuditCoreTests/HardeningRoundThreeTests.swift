import Foundation
import Testing

@testable import AuditCore

/// Issue 19's hostile shapes, generated here: work that must be linear (counted, never timed),
/// dates past 9999 and before 1970, results files read back, and scopes that select nothing.
@Suite struct HardeningRoundThreeTests {
  // MARK: the two-controllers check

  /// `count` platforms each controlled by two entities at once (every holding conflicts once).
  static func entities(platforms count: Int) -> Entities {
    let holdings = { (entity: Int) in
      (0..<count).map { i in
        Holding(platform: "p\(i)", relation: .controls, from: PartialDate(entity == 0 ? "1900" : "2200"),
          source: "s", location: SourceLocation(file: "e.yaml", line: entity * count + i + 1, column: 1))
      }
    }
    return Entities([
      Entity(id: "a", holdings: holdings(0), location: SourceLocation(file: "e.yaml", line: 1, column: 1)),
      Entity(id: "b", holdings: holdings(1), location: SourceLocation(file: "e.yaml", line: 2, column: 1)),
    ])
  }

  @Test func controllerConflictsCostHoldingsNotHoldingsSquared() {
    func examined(_ platforms: Int) -> Int {
      var examined = 0
      let conflicts = Self.entities(platforms: platforms).conflictingControllers(examined: &examined)
      #expect(conflicts.count == platforms)
      return examined
    }
    let small = examined(2_000)
    let large = examined(20_000)  // 40,000 `controls` holdings
    // Tenfold holdings: about 10× the work (a sort and a sweep); pairs would be 100×.
    #expect(large <= small * 13, "\(small) at 4k holdings, \(large) at 40k")
  }

  @Test func openEndsAreOpenWhateverTheYears() {
    func conflicts(_ a: (String?, String?), _ b: (String?, String?)) -> Int {
      let holding = { (period: (String?, String?), line: Int) in
        Holding(platform: "x", relation: .controls, from: period.0.flatMap(PartialDate.init),
          until: period.1.flatMap(PartialDate.init), source: "s", location: SourceLocation(file: "e", line: line, column: 1))
      }
      return Entities([
        Entity(id: "a", holdings: [holding(a, 1)], location: SourceLocation(file: "e", line: 1, column: 1)),
        Entity(id: "b", holdings: [holding(b, 2)], location: SourceLocation(file: "e", line: 2, column: 1)),
      ]).conflictingControllers().count
    }
    #expect(conflicts(("2200", nil), ("2300", nil)) == 1)  // both open after 2100
    #expect(conflicts((nil, "1950"), (nil, "1960")) == 1)  // both open before 1970
    #expect(conflicts((nil, "1950"), ("1950", nil)) == 0)  // one ends as the other starts
    #expect(conflicts(("1900", "1950"), ("1949", "2500")) == 1)
    #expect(conflicts(("2101", "2200"), ("2200", "2300")) == 0)
  }

  // MARK: did-you-mean

  @Test func aHugeUnknownIdCostsItsLengthOnceNotPerCandidate() {
    let word = String(repeating: "x", count: 100_000)
    let candidates = (0..<2_000).map { "platform-\($0)" }
    var cells = 0
    #expect(Suggestion.closest(to: word, in: candidates, cells: &cells) == nil)
    // Its length once, and each candidate's: no edit distance is worth computing.
    #expect(cells <= word.count + candidates.reduce(0) { $0 + $1.count }, "\(cells)")
    // Ordinary typos still find their match.
    var few = 0
    #expect(Suggestion.closest(to: "platfrom-7", in: candidates, cells: &few) == "platform-7")
    #expect(Suggestion.closest(to: "PLATFORM-12", in: candidates) == "platform-12")
  }

  @Test func aWaiverNamingAHugeIdGetsItsErrorCheaply() {
    let huge = String(repeating: "q", count: 100_000)
    var files = [("w.yaml", "kind: waivers\nwaivers:\n  - {obligation: \(huge), platform: \(huge), reason: r, approved_by: a, expires: 2030-01-01}\n")]
    files.append(("r.yaml", "kind: rules\npack: t\nobligations:\n" + (0..<500).map {
      "  - {id: OB-\($0), title: t, severity: low, require: {path: a, equals: true}}\n"
    }.joined()))
    for i in 0..<500 { files.append(("m\(i).yaml", "kind: platform\nid: platform-\(i)\nas_of: 2021-01-01\ncapabilities: {}\n")) }
    let workspace = Fixtures.workspace(files)
    #expect(workspace.diagnostics.contains { $0.message.hasPrefix("waiver names unknown obligation") })
    #expect(workspace.diagnostics.contains { $0.message.contains("which no manifest declares") })
    #expect(workspace.waiverSuggestionCells <= 2 * huge.count + 20_000, "\(workspace.waiverSuggestionCells)")
  }

  // MARK: dates

  @Test func periodsOfThousandsOfYearsGoPast9999AndNeverWrap() throws {
    let designation = try #require(Day("2023-09-06"))
    let far = StartDate.binds(after: designation, within: try #require(Period("P9000Y")))
    #expect(far.description == "+11023-09-07")
    #expect(far > designation)
    #expect(Day(far.description) == far)
    #expect(Day("+11023-09-07")?.year == 11023)
    for bad in ["+9999-01-01", "+1000-01-01", "11023-09-07", "+11023-13-01", "+1234567-01-01", "+11023-09-07x"] {
      #expect(Day(bad) == nil, "\(bad)")
    }
    #expect(Day.last.adding(days: 1) == Day.last)
    #expect(Period(years: 9999, months: 9999, days: 9999).added(to: Day.last) == Day.last)
    // Before 1970 the arithmetic is the same.
    #expect(try #require(Day("1900-02-28")).adding(days: 1).description == "1900-03-01")
    #expect(Period(years: 1).added(to: try #require(Day("1960-02-29"))).description == "1961-02-28")
  }

  @Test func aDutyCountedInThousandsOfYearsDoesNotBindTomorrow() throws {
    let scenario = Scenario([
      Scenario.rules("""
          - id: FAR
            title: far
            severity: high
            effective: {within: P9000Y, of: dma.designated_on}
            require: {path: one, equals: true}
          - id: PHASES
            title: phases
            severity: high
            phases:
              - from: {within: P1D, of: dma.designated_on}
                require: {path: one, equals: true}
              - from: {within: P9999Y, of: dma.designated_on}
                require: {path: one, equals: false}
        """),
      Scenario.platform("p", capabilities: "{dma: {designated_on: 2023-09-06}, one: false}"),
    ])
    #expect(!scenario.workspace.diagnostics.hasErrors, "\(scenario.workspace.diagnostics)")
    #expect(try scenario.statuses("FAR", asOf: "2023-09-07") == ["p: not_applicable"])
    #expect(try scenario.statuses("FAR", asOf: "9999-12-31") == ["p: not_applicable"])
    #expect(try scenario.statuses("PHASES", asOf: "2030-01-01") == ["p: fail"])
    // Written to results.json and read back, the far date survives.
    let workspace = scenario.workspace
    let evaluation = Engine(packs: workspace.packs, asOf: try #require(Day("2030-01-01"))).evaluate(manifests: workspace.manifests)
    let document = ResultsDocument(workspace: workspace, evaluation: evaluation)
    let data = try document.encoded()
    #expect(String(decoding: data, as: UTF8.self).contains("+12022-09-07"))
    let decoded = try ResultsDocument.decode(data, path: "results.json")
    #expect(decoded.results == document.results)
  }

  // MARK: results read back

  func resultsJSON() throws -> [String: Any] {
    let scenario = Scenario([
      Scenario.rules("  - {id: A, title: a, severity: high, require: {path: one, equals: true}}"),
      Scenario.platform("p", capabilities: "{one: false}"),
      Scenario.platform("q", capabilities: "{one: true}"),
    ])
    let workspace = scenario.workspace
    let evaluation = Engine(packs: workspace.packs, asOf: try #require(Day("2022-01-01"))).evaluate(manifests: workspace.manifests)
    let data = try ResultsDocument(workspace: workspace, evaluation: evaluation).encoded()
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  func decodeProblem(_ json: [String: Any]) throws -> String {
    let data = try JSONSerialization.data(withJSONObject: json)
    do {
      _ = try ResultsDocument.decode(data, path: "r.json")
      return "decoded"
    } catch let failure as DiagnosticError {
      return failure.description
    }
  }

  static let badFields: [(String, any Sendable)] = [("status", "bogus"), ("status", 3), ("platform", 7), ("severity", "huge"),
    ("evidence_observed", "yesterday"), ("checks", "none")]

  @Test(arguments: badFields.indices)
  func aBadFieldNamesItsJSONPathAndNoSwiftType(_ index: Int) throws {
    let (field, value) = Self.badFields[index]
    var json = try resultsJSON()
    var results = try #require(json["results"] as? [[String: Any]])
    #expect(results.count == 2)
    results[1][field] = value
    json["results"] = results
    let problem = try decodeProblem(json)
    #expect(problem.contains("at 'results[1].\(field)'"), "\(problem)")
    for swiftWord in ["String", "Int", "Status", "Optional", "Swift.", "DecodingError", "CodingKeys", "Expected to decode"] {
      #expect(!problem.contains(swiftWord), "\(problem)")
    }
  }

  @Test func twoResultsWithOneKeyAreAnError() throws {
    var json = try resultsJSON()
    var results = try #require(json["results"] as? [[String: Any]])
    var twin = results[0]
    twin["status"] = "pass"
    results.append(twin)
    json["results"] = results
    let problem = try decodeProblem(json)
    #expect(problem.hasPrefix("r.json: error: results[2] repeats results[0]: two results of 'A' for 'p'"), "\(problem)")
  }

  // MARK: scopes that select nothing

  @Test func anEmptyCategoryListIsAWarningAndAnErrorUnderStrict() throws {
    let files = [
      Scenario.rules("  - {id: NONE, title: n, severity: high, applies_to: {categories: []}, require: {path: one, equals: true}}\n  - {id: ALL, title: a, severity: high, require: {path: one, equals: true}}"),
      Scenario.platform("p", capabilities: "{one: true}"),
    ]
    let workspace = Fixtures.workspace(files)
    let checks = AuditRun.nothingChecked(workspace, asOf: nil)
    #expect(checks.contains { $0.severity == .warning && $0.message.contains("obligation 'NONE' has 'applies_to: {categories: []}', which selects no platform") }, "\(checks)")
    let strict = AuditRun.evaluate(workspace, request: RunRequest(paths: ["m"], asOf: try #require(Day("2022-01-01")), strict: true))
    #expect(strict.diagnostics.contains { $0.severity == .error && $0.message.contains("'NONE'") })
  }
}
