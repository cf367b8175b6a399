import Foundation
import PropertyBased
import Testing

@testable import AuditCore

/// Properties the engine must keep whatever the data.
@Suite struct EnginePropertyTests {
  static let levels = ["blocked", "copy_token", "interstitial", "direct"]

  @Test func reciprocityPassesBothOrFailsExactlyTheSideThatOpensLess() async {
    await propertyCheck(count: 60, input: Gen.int(in: 0...3), Gen.int(in: 0...3)) { a, b in
      let scenario = Scenario([
        Scenario.rules("""
            - {id: R, title: t, severity: low, per: pair, require: {reciprocal: {path: 'l.{counterparty}', scale: link_access}}}
          """),
        Scenario.platform("aa", capabilities: "{l: {bb: \(Self.levels[a])}}"),
        Scenario.platform("bb", capabilities: "{l: {aa: \(Self.levels[b])}}"),
      ])
      guard let results = try? scenario.evaluate(asOf: "2021-12-01").results else {
        Issue.record("scenario did not load")
        return
      }
      let status = Dictionary(uniqueKeysWithValues: results.map { ($0.platform, $0.status) })
      if a == b {
        #expect(status["aa"] == .pass && status["bb"] == .pass)
      } else {
        let lesser = a < b ? "aa" : "bb"
        let greater = a < b ? "bb" : "aa"
        #expect(status[lesser] == .fail)
        #expect(status[greater] == .pass)
      }
    }
  }

  /// A random world: three platforms, values drawn from a vocabulary that includes missing,
  /// null and off-scale values, and obligations of every `per:` mode.
  static func world(_ picks: [Int]) -> [(String, String)] {
    let vocabulary = ["blocked", "copy_token", "interstitial", "direct", "~", "open", "[x]"]
    func value(_ i: Int) -> String { vocabulary[picks[i % picks.count] % vocabulary.count] }
    var files: [(String, String)] = [
      Scenario.rules("""
          - {id: A, title: t, severity: low, require: {path: a, at_least: interstitial, scale: link_access}}
          - {id: B, title: t, severity: high, per: counterparty, require: {path: 'l.{counterparty}', in: [direct, interstitial]}}
          - {id: C, title: t, severity: medium, per: pair, require: {reciprocal: {path: 'l.{counterparty}', scale: link_access}}}
          - {id: D, title: t, severity: low, require: {any: [{path: a, equals: direct}, {not: {path: b, exists: true}}]}}
        """)
    ]
    for (n, id) in ["p1", "p2", "p3"].enumerated() {
      var caps = "{a: \(value(n * 5)), l: {"
      caps += ["p1", "p2", "p3", "'*'"].enumerated().filter { picks[($0.offset + n) % picks.count] % 3 != 0 }
        .map { "\($0.element): \(value(n * 5 + $0.offset + 1))" }.joined(separator: ", ")
      caps += "}}"
      files.append(Scenario.platform(id, capabilities: caps))
    }
    return files
  }

  @Test func addingAWaiverNeverTurnsAPassIntoAnythingElse() async {
    await propertyCheck(count: 40, input: Gen.int(in: 0...20).array(of: 12...12), Gen.int(in: 0...3)) { picks, target in
      let files = Self.world(picks)
      let obligation = ["A", "B", "C", "D"][target]
      let waiver = ("w.yaml", "kind: waivers\nwaivers:\n  - {obligation: \(obligation), platform: p1, reason: r, expires: 2030-01-01}\n")
      guard let before = try? Scenario(files).evaluate(asOf: "2021-12-01").results,
        let after = try? Scenario(files + [waiver]).evaluate(asOf: "2021-12-01").results
      else {
        Issue.record("world did not load")
        return
      }
      #expect(before.count == after.count)
      for (b, a) in zip(before, after) {
        #expect(b.key == a.key)
        switch b.status {
        case .fail, .unknown:
          let covered = b.obligation == obligation && b.platform == "p1"
          #expect(a.status == (covered ? .waived : b.status))
        default:
          #expect(a.status == b.status)
        }
      }
    }
  }

  @Test func resultsDoNotDependOnInputFileOrder() async {
    await propertyCheck(count: 30, input: Gen.int(in: 0...20).array(of: 12...12), Gen.int(in: 0...1000)) { picks, seed in
      let files = Self.world(picks)
      var shuffled = files
      var state = UInt64(seed) &+ 1
      for i in shuffled.indices.reversed() {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        shuffled.swapAt(i, Int(state >> 33) % (i + 1))
      }
      // Both orders must load and give results: two documents that fail to encode are not equal.
      func json(_ files: [(String, String)]) -> String {
        let workspace = Fixtures.workspace(files)
        #expect(!workspace.diagnostics.hasErrors, "\(workspace.diagnostics)")
        #expect(!workspace.packs.isEmpty && !workspace.manifests.isEmpty, "the generated world \(picks) does not load")
        let evaluation = Engine(packs: workspace.packs, asOf: Day("2021-12-01") ?? .epoch)
          .evaluate(manifests: workspace.manifests, waivers: workspace.waivers)
        #expect(!evaluation.results.isEmpty)
        do {
          return String(decoding: try ResultsDocument(workspace: workspace, evaluation: evaluation).encoded(), as: UTF8.self)
        } catch {
          Issue.record("results.json does not encode: \(error)")
          return ""
        }
      }
      let (a, b) = (json(files), json(shuffled))
      #expect(a.contains("\"results\": [\n"))
      #expect(a == b)
    }
  }

  @Test func missingDataIsNeverASilentPass() async {
    await propertyCheck(count: 40, input: Gen.int(in: 0...20).array(of: 12...12)) { picks in
      // A generated world that stops loading is a failure, not a vacuous pass.
      let evaluation = try? Scenario(Self.world(picks)).evaluate(asOf: "2021-12-01")
      #expect(evaluation != nil, "the generated world \(picks) does not load")
      let results = evaluation?.results ?? []
      for result in results {
        if result.status == .pass { #expect(result.checks.contains { $0.status == .pass }, "\(result.key)") }
        // A value that is absent or recorded as unknown never passes a check by itself,
        // except a check that asks for absence.
        for check in result.checks where check.state != .value && check.status == .pass {
          #expect(check.required.contains("absent") || check.required.contains("not (is present)"), "\(result.key): \(check)")
        }
      }
    }
  }
}
