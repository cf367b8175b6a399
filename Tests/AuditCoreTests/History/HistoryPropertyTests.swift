import Foundation
import PropertyBased
import Testing

@testable import AuditCore

/// A history must say, for every result on every day of its span, what `audit run --as-of`
/// says on that day: checked over generated worlds with versions, fixed and relative starts,
/// waivers expiring, holdings starting and ending, evidence ageing, and counterparties that
/// leave the scope.
@Suite struct HistoryPropertyTests {
  static let days = ["2021-01-01", "2021-02-10", "2021-03-15", "2021-04-20", "2021-05-30"]
  static let values = ["blocked", "copy_token", "interstitial", "direct", "~", "direct", "interstitial"]

  static let rules = Scenario.rules("""
      - {id: A, title: t, severity: low, effective: 2021-03-01, evidence: {at_least: report, max_age_days: 40},
         require: {path: a, at_least: interstitial, scale: link_access}}
      - id: B
        title: t
        severity: high
        per: counterparty
        applies_to: {categories: [instant-messaging]}
        counterparties: {categories: [instant-messaging]}
        phases:
          - {from: 2021-01-15, label: one, require: {path: 'l.{counterparty}', in: [direct, interstitial]}}
          - {from: 2021-04-01, label: two, require: {path: a, equals: direct}}
      - {id: C, title: t, severity: medium, per: pair, require: {reciprocal: {path: 'l.{counterparty}', scale: link_access}}}
      - {id: D, title: t, severity: low, per: counterparty, counterparties: {relation: rival},
         require: {path: 'l.{counterparty}', no_worse_than: affiliates, scale: link_access}}
      - id: E
        title: t
        severity: low
        phases:
          - {from: {within: P1M, of: d}, label: one, require: {path: a, exists: true}}
          - {from: {within: P3M, of: d}, label: two, require: {path: a, equals: direct}}
      - {id: F, title: t, severity: low, effective: {within: P2M, of: d}, require: {path: a, exists: true}}
    """)

  /// A world drawn from `picks`: three platforms with one to three versions each.
  static func world(_ picks: [Int]) -> [(String, String)] {
    func pick(_ i: Int) -> Int { picks[i % picks.count] }
    func value(_ i: Int) -> String { values[pick(i) % values.count] }
    var files = [rules]
    for (n, id) in ["p1", "p2", "p3"].enumerated() {
      let count = 1 + pick(n) % 3
      let start = pick(n + 3) % (days.count - count + 1)
      for v in 0..<count {
        let seed = n * 11 + v * 5
        let asOf = days[start + v]
        let category = pick(seed + 7) % 4 == 0 ? "[e-commerce]" : "[instant-messaging]"
        let designated = pick(seed + 8) % 3 == 0 ? "~" : days[pick(seed + 9) % days.count]
        let observed = days[pick(seed + 10) % days.count]
        let caps = "{a: \(value(seed)), d: \(designated), l: {p1: \(value(seed + 1)), p2: \(value(seed + 2)), p3: \(value(seed + 3)), '*': \(value(seed + 4))}}"
        let evidence = pick(seed + 6) % 2 == 0
          ? "evidence:\n  - {path: a, source: 'https://example.org/\(id)', observed: \(observed), method: test}" : ""
        files.append(Scenario.platform(id, asOf: asOf, categories: category, capabilities: caps, extra: evidence))
      }
    }
    let waived = ["A", "B", "C", "D", "E", "F"][pick(20) % 6]
    files.append(("w.yaml", "kind: waivers\nwaivers:\n  - {obligation: \(waived), platform: p\(1 + pick(21) % 3), reason: r, expires: \(days[pick(22) % days.count])}\n"))
    let held = ["p2", "p3"][pick(23) % 2]
    files.append(("e.yaml", """
      kind: entities
      entities:
        - id: g
          holds:
            - {platform: p1, relation: controls, from: \(days[pick(24) % 3]), source: 'https://example.org/g'}
            - {platform: \(held), relation: invests, from: \(days[1 + pick(25) % 2]), until: \(days[3 + pick(26) % 2]), source: 'https://example.org/g'}

      """))
    return files
  }

  /// Every result's status on `day` as `audit run --as-of` gives it.
  static func run(_ workspace: Workspace, on day: Day) -> [String: Status] {
    let evaluation = Engine(packs: workspace.packs, asOf: day, entities: workspace.entities)
      .evaluate(manifests: workspace.manifests, waivers: workspace.waivers)
    return Dictionary(evaluation.results.map { ($0.key, $0.status) }, uniquingKeysWith: { a, _ in a })
  }

  /// Every result's status on `day` as the history gives it.
  static func statuses(_ history: History, on day: Day) -> [String: Status] {
    var statuses: [String: Status] = [:]
    for track in history.tracks {
      guard let segment = track.segments.first(where: { $0.from <= day && $0.until.map { day < $0 } ?? true }) else { continue }
      statuses["\(track.obligation)|\(track.platform)|\(track.counterparty ?? "")"] = segment.status
    }
    return statuses
  }

  @Test func historyAgreesWithARunOnEveryDayOfItsSpan() async {
    await propertyCheck(count: 30, input: Gen.int(in: 0...20).array(of: 27...27)) { picks in
      let workspace = Fixtures.workspace(Self.world(picks))
      #expect(!workspace.diagnostics.hasErrors, "world \(picks): \(workspace.diagnostics)")
      let from = Day("2021-01-01") ?? .epoch
      let to = Day("2021-07-31") ?? .epoch
      let history = HistoryBuilder.build(packs: workspace.packs, manifests: workspace.manifests,
        waivers: workspace.waivers, entities: workspace.entities, from: from, to: to)
      // Every change day, the day before it, and every fifth day: a change the schedule missed shows.
      var checked = Set(history.changes.flatMap { [$0.date, $0.date.adding(days: -1)] })
      for offset in stride(from: 0, through: to.ordinal - from.ordinal, by: 5) { checked.insert(from.adding(days: offset)) }
      for day in checked.sorted() where day >= from && day <= to {
        let expected = Self.run(workspace, on: day)
        let got = Self.statuses(history, on: day)
        #expect(got == expected, "world \(picks) on \(day): \(Self.difference(got, expected))")
        if got != expected { return }
      }
    }
  }

  static func difference(_ got: [String: Status], _ expected: [String: Status]) -> String {
    Set(got.keys).union(expected.keys).sorted().filter { got[$0] != expected[$0] }.prefix(5)
      .map { "\($0): history \(got[$0]?.rawValue ?? "none"), run \(expected[$0]?.rawValue ?? "none")" }
      .joined(separator: "; ")
  }
}
