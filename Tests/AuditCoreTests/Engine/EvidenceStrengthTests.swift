import Foundation
import Testing

@testable import AuditCore

/// DESIGN.md "Evidence strength": methods rank announcement < report < filing < test; with
/// `evidence: {at_least, max_age_days}` a would-be pass is `unknown` unless every value it rests on
/// has one entry (its path or a parent path) that strong and that recent; fails are untouched;
/// every result carries the method, date and source of one entry: per value the strongest entry
/// that meets the requirement (else the strongest; the latest among equals), and for the result
/// the weakest of those.
@Suite struct EvidenceStrengthTests {
  private static let asOf = "2021-12-02"

  /// One obligation on `a.b` (at least interstitial), with an optional requirement.
  private func duty(_ evidence: String? = nil, id: String = "P") -> String {
    "  - {id: \(id), title: t, severity: low, require: {path: a.b, at_least: interstitial, scale: link_access}"
      + (evidence.map { ", evidence: \($0)" } ?? "") + "}"
  }

  private func platform(_ id: String, _ value: String = "direct", evidence: String = "[]") -> (String, String) {
    Scenario.platform(id, capabilities: "{a: {b: \(value)}}", extra: "name_en: \(id.capitalized)\nevidence: \(evidence)")
  }

  private func entry(_ method: String, observed: String? = "2021-11-29", path: String = "a.b") -> String {
    "{path: \(path), source: 'https://example.org/\(method)', method: \(method)"
      + (observed.map { ", observed: \($0)" } ?? "") + "}"
  }

  private func results(_ files: [(String, String)], asOf: String = asOf) throws -> [String: Result] {
    let evaluation = try Scenario(files).evaluate(asOf: asOf)
    return Dictionary(evaluation.results.map { ("\($0.obligation) \($0.platform)\($0.counterparty.map { "→\($0)" } ?? "")", $0) }) { a, _ in a }
  }

  @Test func passesOnWeakerEvidenceThanAskedAreUnknownAndStrongerOnesPass() throws {
    let r = try results([
      Scenario.rules(duty("{at_least: report}")),
      platform("announced", evidence: "[\(entry("announcement"))]"),
      platform("reported", evidence: "[\(entry("report"))]"),
      platform("filed", evidence: "[\(entry("filing"))]"),
      platform("tested", evidence: "[\(entry("test"))]"),
    ])
    #expect(r["P announced"]?.status == .unknown)
    #expect(r["P reported"]?.status == .pass)
    #expect(r["P filed"]?.status == .pass)
    #expect(r["P tested"]?.status == .pass)
    #expect(r["P announced"]?.reason.hasPrefix("passes only on Announced's announcement of 2021-11-29") == true)
    #expect(r["P announced"]?.evidenceShortfall != nil)
    #expect(r["P announced"]?.reason.hasSuffix("; would pass: a.b is 'direct' (at least 'interstitial' on link_access)") == true)
    #expect(r["P tested"]?.evidenceShortfall == nil)
    // Every result says what it rests on, whatever its status.
    #expect(r["P announced"]?.evidenceStrength == .announcement)
    #expect(r["P reported"]?.evidenceStrength == .report)
    #expect(r["P filed"]?.evidenceStrength == .filing)
    #expect(r["P tested"]?.evidenceStrength == .test)
    #expect(r["P tested"]?.evidenceObserved == Day("2021-11-29"))
  }

  @Test func withoutARequirementPassesStayPassesButStillSayWhatTheyRestOn() throws {
    let r = try results([Scenario.rules(duty()), platform("announced", evidence: "[\(entry("announcement"))]"), platform("bare")])
    #expect(r["P announced"]?.status == .pass)
    #expect(r["P announced"]?.evidenceStrength == .announcement)
    #expect(r["P bare"]?.status == .pass)
    #expect(r["P bare"]?.evidenceStrength == EvidenceStrength.none)
    #expect(r["P bare"]?.evidenceObserved == nil)
  }

  /// A value with a test of 2021-09-17 and a report of 2021-11-29 (as of 2021-12-02).
  private var mixed: (String, String) {
    platform("mixed", evidence: "[\(entry("test", observed: "2021-09-17")), \(entry("report", observed: "2021-11-29"))]")
  }

  @Test func withoutALimitTheStrongestEntryCountsWithItsOwnDateAndSource() throws {
    let r = try results([Scenario.rules(duty()), mixed])
    let result = try #require(r["P mixed"])
    #expect(result.status == .pass)
    // The test's method with the test's date, never the report's later date.
    #expect(result.evidenceStrength == .test)
    #expect(result.evidenceObserved == Day("2021-09-17"))
    #expect(result.evidenceSource == "https://example.org/test")
    let check = try #require(result.checks.first)
    #expect(check.method == .test)
    #expect(check.observed == Day("2021-09-17"))
    #expect(check.source == "https://example.org/test")
    #expect(check.evidenceText == "mixed: a.b — test 2021-09-17 (https://example.org/test)")
    #expect(result.evidenceSummary == "test 2021-09-17")
  }

  @Test func amongEquallyStrongEntriesTheLatestCounts() throws {
    let r = try results([Scenario.rules(duty()), platform("tests", evidence:
      "[\(entry("test", observed: "2021-10-01")), \(entry("test", observed: "2021-09-17")), \(entry("report", observed: "2021-11-29"))]")])
    #expect(r["P tests"]?.evidenceStrength == .test)
    #expect(r["P tests"]?.evidenceObserved == Day("2021-10-01"))
  }

  @Test func underAnAgeLimitTheStrongestEntryThatMeetsItCounts() throws {
    let r = try results([Scenario.rules(duty("{at_least: report, max_age_days: 30}")), mixed])
    let result = try #require(r["P mixed"])
    // The test is 76 days old; the report of 3 days ago meets the requirement and is what counts.
    #expect(result.status == .pass)
    #expect(result.evidenceStrength == .report)
    #expect(result.evidenceObserved == Day("2021-11-29"))
    #expect(result.evidenceSource == "https://example.org/report")
    #expect(result.checks.first?.method == .report)
  }

  @Test func whenNoEntryMeetsTheRequirementTheStrongestIsNamedWithItsOwnDate() throws {
    let r = try results([Scenario.rules(duty("{at_least: test, max_age_days: 30}")), mixed])
    let result = try #require(r["P mixed"])
    // The test is too old and the recent report too weak: no single entry is both.
    #expect(result.status == .unknown)
    #expect(result.reason.hasPrefix("passes only on a test of 2021-09-17, older than 30 days (mixed: a.b)"))
    #expect(result.evidenceStrength == .test)
    #expect(result.evidenceObserved == Day("2021-09-17"))
    #expect(result.evidenceSource == "https://example.org/test")
  }

  @Test func theLookAheadAgesTheEntryThatCountsOnThatDate() throws {
    let rules = Scenario.rules("""
        - {id: SOON, title: t, severity: low, effective: 2021-12-20, evidence: {at_least: report, max_age_days: 30}, require: {path: a.b, equals: direct}}
        - {id: LATE, title: t, severity: low, effective: 2021-12-31, evidence: {at_least: report, max_age_days: 30}, require: {path: a.b, equals: direct}}
      """)
    let r = try results([rules, mixed])
    // On 12-20 the report of 11-29 is 21 days old; on 12-31, 32 days; the test is older still.
    #expect(r["SOON mixed"]?.upcoming?.status == .pass)
    #expect(r["LATE mixed"]?.upcoming?.status == .unknown)
  }

  @Test func aResultRestsOnTheWeakestOfItsValuesCountingEntries() throws {
    let rules = Scenario.rules("""
        - {id: BOTH, title: t, severity: low, require: {all: [{path: a.b, equals: direct}, {path: a.c, equals: direct}]}}
      """)
    let r = try results([rules, Scenario.platform("p", capabilities: "{a: {b: direct, c: direct}}", extra:
      "evidence: [\(entry("test", observed: "2021-09-17")), \(entry("report", observed: "2021-11-29")), \(entry("report", observed: "2021-10-01", path: "a.c"))]")])
    let result = try #require(r["BOTH p"])
    // a.b counts its test of 09-17, a.c its report of 10-01: the result is that report, whole.
    #expect(result.evidenceStrength == .report)
    #expect(result.evidenceObserved == Day("2021-10-01"))
    #expect(result.checks.map(\.observed) == [Day("2021-09-17"), Day("2021-10-01")])
  }

  @Test func evidenceOlderThanTheLimitIsNotEnough() throws {
    let rules = Scenario.rules(duty("{at_least: report, max_age_days: 30}"))
    let r = try results([
      rules,
      platform("old", evidence: "[\(entry("test", observed: "2021-10-01"))]"),  // 62 days
      platform("edge", evidence: "[\(entry("test", observed: "2021-11-02"))]"),  // 30 days
      platform("old-and-new-weak", evidence: "[\(entry("test", observed: "2021-01-01")), \(entry("announcement", observed: "2021-12-01"))]"),
    ])
    #expect(r["P old"]?.status == .unknown)
    #expect(r["P old"]?.reason.contains("older than 30 days") == true)
    #expect(r["P edge"]?.status == .pass)
    // Strong enough and recent enough must hold of one entry, not of two different ones.
    #expect(r["P old-and-new-weak"]?.status == .unknown)
  }

  @Test func evidenceObservedAfterTheAsOfDateCountsAsFresh() throws {
    let r = try results([
      Scenario.rules(duty("{at_least: test, max_age_days: 10}")),
      platform("later", evidence: "[\(entry("test", observed: "2022-06-01"))]"),
    ])
    #expect(r["P later"]?.status == .pass)
  }

  @Test func noEvidenceOrAnUndatedEntryUnderAnAgeLimitIsUnknown() throws {
    let r = try results([
      Scenario.rules(duty("{at_least: announcement, max_age_days: 400}") + "\n" + duty("{at_least: report}", id: "Q")),
      platform("bare"),
      platform("undated", evidence: "[\(entry("test", observed: nil))]"),
    ])
    #expect(r["P bare"]?.status == .unknown)
    #expect(r["P bare"]?.reason.hasPrefix("passes with no evidence for bare: a.b") == true)
    #expect(r["P undated"]?.status == .unknown)
    // Without an age limit an undated test is strong enough.
    #expect(r["Q undated"]?.status == .pass)
    #expect(r["Q bare"]?.status == .unknown)
  }

  @Test func anEntryForAParentPathCountsAndOneForAChildPathDoesNot() throws {
    let r = try results([
      Scenario.rules(duty("{at_least: test}")),
      platform("parent", evidence: "[\(entry("test", path: "a"))]"),
      platform("sibling", evidence: "[\(entry("test", path: "ab"))]"),
    ])
    #expect(r["P parent"]?.status == .pass)
    #expect(r["P parent"]?.evidenceStrength == .test)
    // "ab" is not a parent of "a.b".
    #expect(r["P sibling"]?.status == .unknown)
  }

  @Test func failsAreNeverWeakened() throws {
    let r = try results([
      Scenario.rules(duty("{at_least: test, max_age_days: 1}")),
      platform("announced", "blocked", evidence: "[\(entry("announcement"))]"),
      platform("bare", "blocked"),
      platform("missing", "~"),
    ])
    #expect(r["P announced"]?.status == .fail)
    #expect(r["P announced"]?.evidenceStrength == .announcement)
    #expect(r["P announced"]?.evidenceShortfall == nil)
    #expect(r["P bare"]?.status == .fail)
    #expect(r["P missing"]?.status == .unknown)
    #expect(r["P missing"]?.evidenceShortfall == nil)
  }

  @Test func anObligationsOwnRequirementReplacesThePackDefault() throws {
    let pack = ("r/rules.yaml", """
      kind: rules
      pack: test
      evidence: {at_least: test}
      scales:
        link_access: [blocked, copy_token, interstitial, direct]
      obligations:
      \(duty())
      \(duty("{at_least: announcement}", id: "OWN"))
      """)
    let workspace = Scenario([pack]).workspace
    #expect(workspace.packs.first?.evidence?.atLeast == .test)
    let r = try results([pack, platform("announced", evidence: "[\(entry("announcement"))]")])
    #expect(r["P announced"]?.status == .unknown)
    #expect(r["OWN announced"]?.status == .pass)
  }

  @Test func anyRestsOnThePartThatDecided() throws {
    let rules = Scenario.rules("""
        - id: ANY
          title: t
          severity: low
          evidence: {at_least: report}
          require:
            any:
              - {path: a.b, equals: direct}
              - {path: a.c, equals: direct}
      """)
    let both = Scenario.platform("both", capabilities: "{a: {b: direct, c: direct}}",
      extra: "evidence: [\(entry("announcement")), \(entry("test", path: "a.c"))]")
    let weakOnly = Scenario.platform("weak-only", capabilities: "{a: {b: direct, c: blocked}}",
      extra: "evidence: [\(entry("announcement")), \(entry("test", path: "a.c"))]")
    let r = try results([rules, both, weakOnly])
    let decided = try #require(r["ANY both"])
    #expect(decided.status == .pass)
    #expect(decided.evidenceStrength == .test)
    #expect(decided.checks.map(\.decisive) == [false, true])
    // Only the announced part passes: the result rests on it alone, which is not enough.
    let weak = try #require(r["ANY weak-only"])
    #expect(weak.status == .unknown)
    #expect(weak.evidenceStrength == .announcement)
    #expect(weak.checks.map(\.decisive) == [true, false])
    #expect(weak.reason.contains("(weak-only: a.b)"))
  }

  @Test func reciprocityRestsOnBothSides() throws {
    let rules = Scenario.rules("""
        - id: REC
          title: t
          severity: low
          per: pair
          evidence: {at_least: report}
          require: {reciprocal: {path: 'grants.{counterparty}', scale: link_access}}
      """)
    func side(_ id: String, _ other: String, _ method: String) -> (String, String) {
      Scenario.platform(id, capabilities: "{grants: {\(other): direct}}",
        extra: "name_en: \(id.capitalized)\nevidence: [\(entry(method, path: "grants.\(other)"))]")
    }
    let tested = try results([rules, side("x", "y", "test"), side("y", "x", "filing")])
    #expect(tested["REC x→y"]?.status == .pass)
    #expect(tested["REC x→y"]?.evidenceStrength == .filing)
    #expect(tested["REC x→y"]?.checks.map(\.decisive) == [true, true])
    let announced = try results([rules, side("x", "y", "test"), side("y", "x", "announcement")])
    // x's own side is tested, but the pass compares it with y's announced side.
    #expect(announced["REC x→y"]?.status == .unknown)
    #expect(announced["REC x→y"]?.reason.hasPrefix("passes only on Y's announcement of 2021-11-29 (y: grants.x)") == true)
    #expect(announced["REC x→y"]?.evidenceStrength == .announcement)
  }

  @Test func phasesRestOnEveryPhaseInForce() throws {
    let rules = Scenario.rules("""
        - id: PH
          title: t
          severity: low
          evidence: {at_least: report}
          phases:
            - {from: 2021-01-01, label: one, require: {path: a.b, equals: direct}}
            - {from: 2021-06-01, label: two, require: {path: a.c, equals: direct}}
      """)
    let r = try results([rules, Scenario.platform("p", capabilities: "{a: {b: direct, c: direct}}",
      extra: "evidence: [\(entry("test")), \(entry("announcement", path: "a.c"))]")])
    #expect(r["PH p"]?.status == .unknown)
    #expect(r["PH p"]?.reason.contains("(p: a.c)") == true)
  }

  @Test func theLookAheadAgesEvidenceToTheDateItLooksAt() throws {
    let rules = Scenario.rules("""
        - {id: LATER, title: t, severity: low, effective: 2022-06-01, evidence: {at_least: test, max_age_days: 90}, require: {path: a.b, equals: direct}}
        - {id: SOON, title: t, severity: low, effective: 2021-12-15, evidence: {at_least: test, max_age_days: 90}, require: {path: a.b, equals: direct}}
      """)
    let r = try results([rules, platform("p", evidence: "[\(entry("test"))]")])
    #expect(r["LATER p"]?.status == .notApplicable)
    #expect(r["LATER p"]?.upcoming?.status == .unknown)
    #expect(r["SOON p"]?.upcoming?.status == .pass)
  }

  @Test func requirementsAreDecodedWithLocationsAndSuggestions() {
    let workspace = Scenario([Scenario.rules("""
        - {id: A, title: t, severity: low, require: {path: a, exists: true}, evidence: {at_leest: report}}
        - {id: B, title: t, severity: low, require: {path: a, exists: true}, evidence: {at_least: reprot}}
        - {id: C, title: t, severity: low, require: {path: a, exists: true}, evidence: {at_least: test, max_age_days: -3}}
        - {id: D, title: t, severity: low, require: {path: a, exists: true}, evidence: report}
      """)]).workspace
    let messages = workspace.diagnostics.filter { $0.severity == .error }.map { "\($0.location.map(\.description) ?? "-"): \($0.message) — \($0.hint ?? "")" }
    #expect(messages.contains { $0.hasPrefix("r/rules.yaml:6:") && $0.contains("unknown key 'at_leest'") && $0.contains("did you mean 'at_least'?") })
    #expect(messages.contains { $0.hasPrefix("r/rules.yaml:7:") && $0.contains("found 'reprot'") && $0.contains("did you mean 'report'?") })
    #expect(messages.contains { $0.hasPrefix("r/rules.yaml:8:") && $0.contains("'max_age_days' must be a whole number") })
    #expect(messages.contains { $0.hasPrefix("r/rules.yaml:9:") && $0.contains("'evidence'") })
  }

  @Test func examplesCarryEvidenceAndExplainShowsTheRequirement() throws {
    let workspace = Scenario([Scenario.rules("""
        - id: EX
          title: t
          severity: low
          evidence: {at_least: filing, max_age_days: 365}
          require: {path: a.b, at_least: interstitial, scale: link_access}
          examples:
            - status: pass
              as_of: 2021-12-02
              manifest: {capabilities: {a: {b: direct}}, evidence: [{path: a.b, source: s, method: filing, observed: 2021-06-01}]}
            - status: unknown
              as_of: 2021-12-02
              manifest: {capabilities: {a: {b: direct}}, evidence: [{path: a.b, source: s, method: report, observed: 2021-06-01}]}
      """)]).workspace
    #expect(!workspace.diagnostics.hasErrors)
    let outcomes = ExampleRunner.run(workspace.packs)
    #expect(outcomes.count == 2)
    #expect(outcomes.map(\.passed) == [true, true])
    let obligation = try #require(workspace.obligations.first)
    let page = Explanation.text(obligation)
    // Every line fits 100 columns; a wrapped value goes on under the value, not at column 0.
    #expect(page.split(separator: "\n").allSatisfy { $0.count <= Explanation.width })
    #expect(page.replacingOccurrences(of: "\n +", with: " ", options: .regularExpression).contains("evidence:   a pass needs at least filing evidence (test or filing), observed within 365 days of the as-of date"))
  }

  @Test func theSummaryCountsResultsByEvidenceStrength() throws {
    let scenario = Scenario([
      Scenario.rules(duty("{at_least: report}")),
      platform("announced", evidence: "[\(entry("announcement"))]"),
      platform("tested", evidence: "[\(entry("test"))]"),
      platform("tested-fail", "blocked", evidence: "[\(entry("test"))]"),
    ])
    let workspace = scenario.workspace
    let evaluation = try scenario.evaluate(asOf: Self.asOf)
    let document = ResultsDocument(workspace: workspace, evaluation: evaluation)
    #expect(document.summary.byEvidence?.test == 2)
    #expect(document.summary.byEvidence?.announcement == 1)
    #expect(document.summary.passesByEvidence?.test == 1)
    #expect(document.summary.passesByEvidence?.total == 1)
  }
}
