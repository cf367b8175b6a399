import Foundation
import Testing

@testable import AuditCore

/// The days a history evaluates, and how many results it evaluates on each: only those whose
/// inputs changed (counted, never timed).
@Suite struct HistoryTests {
  static func history(_ files: [(String, String)], from: String, to: String) throws -> History {
    let workspace = Fixtures.workspace(files)
    guard !workspace.diagnostics.hasErrors else { throw DiagnosticError(workspace.diagnostics) }
    return HistoryBuilder.build(packs: workspace.packs, manifests: workspace.manifests, waivers: workspace.waivers,
      entities: workspace.entities, from: try #require(Day(from)), to: try #require(Day(to)))
  }

  static let world: [(String, String)] = [
    Scenario.rules("""
        - {id: P1, title: t, severity: low, require: {path: a, equals: direct}}
        - {id: P2, title: t, severity: low, per: counterparty, require: {path: 'l.{counterparty}', equals: direct}}
        - {id: P3, title: t, severity: low, effective: 2021-05-01, require: {path: a, exists: true}}
      """),
    Scenario.platform("p1", asOf: "2021-01-01", capabilities: "{a: blocked, l: {'*': direct}}"),
    Scenario.platform("p2", asOf: "2021-01-01", capabilities: "{a: blocked, l: {'*': blocked}}"),
    Scenario.platform("p2", asOf: "2021-03-01", capabilities: "{a: direct, l: {'*': direct}}"),
    Scenario.platform("p3", asOf: "2021-01-01", capabilities: "{a: direct, l: {'*': direct}}"),
    ("w.yaml", "kind: waivers\nwaivers:\n  - {obligation: P1, platform: p1, reason: r, expires: 2021-06-30}\n"),
  ]

  @Test func onlyTheDaysOnWhichAnInputChangesAreEvaluated() throws {
    let history = try Self.history(Self.world, from: "2021-01-01", to: "2021-12-31")
    #expect(history.changes.map(\.date.description) == ["2021-03-01", "2021-05-01", "2021-07-01"])
    #expect(history.changes.map { $0.inputs.map(\.kind) } == [[.version], [.effective], [.waiverExpiry]])
    #expect(history.work.days == 4)
  }

  @Test func eachDayEvaluatesOnlyTheResultsWhoseInputsChanged() throws {
    let history = try Self.history(Self.world, from: "2021-01-01", to: "2021-12-31")
    // p2's new version: its own P1, P2 (against p1, p3) and P3, and P2 of p1 and p3 against it.
    // P3's effective date: its three results. The waiver's expiry: P1 of p1.
    #expect(history.changes.map(\.evaluated) == [6, 3, 1])
    // The first day evaluates everything: 3 + 6 + 3 results.
    #expect(history.work.evaluated == 12 + 6 + 3 + 1)
    #expect(history.work.full == 12 * 4)
  }

  @Test func aVersionReEvaluatesOnlyTheObligationsThatReadWhatItChanged() throws {
    // p3 first changes a value no rule reads, then `a` alone: P2 reads `l`, which never moves.
    let files = Self.world + [
      Scenario.platform("p3", asOf: "2021-02-01", capabilities: "{a: direct, l: {'*': direct}, z: 1}"),
      Scenario.platform("p3", asOf: "2021-04-01", capabilities: "{a: blocked, l: {'*': direct}, z: 1}"),
    ]
    let history = try Self.history(files, from: "2021-01-01", to: "2021-12-31")
    let evaluated = Dictionary(uniqueKeysWithValues: history.changes.map { ($0.date.description, $0.evaluated) })
    #expect(evaluated["2021-02-01"] == 0)
    // P1 and P3 of p3 (P3 not yet in force, still a result).
    #expect(evaluated["2021-04-01"] == 2)
    let p1 = try #require(history.tracks.first { $0.obligation == "P1" && $0.platform == "p3" })
    #expect(p1.segments.map(\.status) == [.pass, .fail])
    #expect(p1.segments.last?.from == Day("2021-04-01"))
  }

  @Test func aStatusHoldsUntilTheDayItChanges() throws {
    let history = try Self.history(Self.world, from: "2021-01-01", to: "2021-12-31")
    let p2 = try #require(history.tracks.first { $0.obligation == "P1" && $0.platform == "p2" })
    #expect(p2.segments.map(\.status) == [.fail, .pass])
    #expect(p2.segments.map(\.from.description) == ["2021-01-01", "2021-03-01"])
    #expect(p2.segments.first?.until == Day("2021-03-01"))
    #expect(p2.segments.last?.until == nil)
    #expect(p2.segments.last?.path == "a" && p2.segments.last?.found == "direct")
    let waived = try #require(history.tracks.first { $0.obligation == "P1" && $0.platform == "p1" })
    #expect(waived.segments.map(\.status) == [.waived, .fail])
    #expect(waived.segments.last?.from == Day("2021-07-01"))
  }

  @Test func startsCountedFromAManifestPathHoldingsAndEvidenceAgeAreChangeDays() throws {
    let files: [(String, String)] = [
      Scenario.rules("""
          - {id: R, title: t, severity: low, effective: {within: P1M, of: d}, evidence: {at_least: report, max_age_days: 30},
             require: {path: a, equals: direct}}
        """),
      Scenario.platform("p1", asOf: "2021-01-01", capabilities: "{a: direct, d: 2021-02-10}",
        extra: "evidence:\n  - {path: a, source: 'https://example.org/a', observed: 2021-01-05, method: test}"),
      ("e.yaml", """
        kind: entities
        entities:
          - id: g
            holds:
              - {platform: p1, relation: controls, from: 2021-04-01, until: 2021-08-01, source: 'https://example.org/g'}

        """),
    ]
    let history = try Self.history(files, from: "2021-01-01", to: "2021-12-31")
    // Evidence of 2021-01-05 is too old from 2021-02-05; R binds from the day after 2021-03-10.
    #expect(history.changes.map(\.date.description) == ["2021-02-05", "2021-03-11", "2021-04-01", "2021-08-01"])
    #expect(history.changes.map { $0.inputs.map(\.kind) } == [[.evidenceAge], [.effective], [.holding], [.holding]])
    let track = try #require(history.tracks.first)
    #expect(track.segments.map(\.status) == [.notApplicable, .unknown])
    #expect(track.segments.last?.from == Day("2021-03-11"))
  }

  @Test func aCounterpartyThatLeavesTheScopeEndsItsResults() throws {
    let files: [(String, String)] = [
      Scenario.rules("""
          - {id: C, title: t, severity: low, per: counterparty, counterparties: {categories: [instant-messaging]},
             require: {path: 'l.{counterparty}', equals: direct}}
        """),
      Scenario.platform("p1", asOf: "2021-01-01", capabilities: "{l: {'*': direct}}"),
      Scenario.platform("p2", asOf: "2021-01-01", capabilities: "{l: {'*': direct}}"),
      Scenario.platform("p2", asOf: "2021-06-01", categories: "[e-commerce]", capabilities: "{l: {'*': direct}}"),
    ]
    let history = try Self.history(files, from: "2021-01-01", to: "2021-12-31")
    let ended = try #require(history.tracks.first { $0.platform == "p1" && $0.counterparty == "p2" })
    #expect(ended.segments.count == 1)
    #expect(ended.segments.first?.until == Day("2021-06-01"))
  }
}
