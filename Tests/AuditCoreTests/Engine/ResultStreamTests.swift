import Foundation
import Testing

@testable import AuditCore

/// `Engine.stream`: results come in document order, in batches that stay small however many
/// results a run has, with the same statuses, waivers and counts as a run that keeps them all.
@Suite struct ResultStreamTests {
  /// Records the batches it is given, in order, and what `prepare` saw.
  final class Recorder: ResultConsumer, @unchecked Sendable {
    var batches: [[Result]] = []
    let lock = NSLock()
    var prepared = 0

    func prepare(_ batch: [Result]) -> Int {
      lock.lock()
      prepared += batch.count
      lock.unlock()
      return batch.count
    }

    func consume(_ batch: [Result], prepared: Int) throws {
      #expect(prepared == batch.count)
      batches.append(batch)
    }
  }

  struct Refusal: Error {}

  /// Throws on the second batch.
  final class Failing: ResultConsumer, @unchecked Sendable {
    var seen = 0
    func consume(_ batch: [Result], prepared: Void) throws {
      seen += 1
      if seen == 2 { throw Refusal() }
    }
  }

  /// `n` messengers, each naming a few others, a per-counterparty duty over all of them, a
  /// per-platform one, and waivers (one in force, one expired, one matching nothing).
  static func world(_ n: Int) -> Scenario {
    var files: [(String, String)] = [Scenario.rules("""
        - id: A-PER-PEER
          title: t
          severity: high
          applies_to: {categories: [instant-messaging]}
          per: counterparty
          require: {path: "links.inbound.{counterparty}.private_chat", at_least: direct, scale: link_access}
        - id: B-OWN
          title: t
          severity: low
          require: {path: payments.checkout.wechat_pay, equals: accepted}
    """), ("w/waivers.yaml", """
      kind: waivers
      waivers:
        - {obligation: A-PER-PEER, platform: p003, reason: r, approved_by: a, expires: 2030-01-01}
        - {obligation: B-OWN, platform: p001, reason: r, approved_by: a, expires: 2020-01-01}
        - {obligation: B-OWN, platform: nobody, reason: r, approved_by: a, expires: 2030-01-01}
      """)]
    for p in 0..<n {
      let others = (1...3).map { k in "\(id((p + k * 7) % n)): {private_chat: \(["direct", "blocked", "copy_token"][k - 1])}" }
      files.append(Scenario.platform(id(p),
        capabilities: "{links: {inbound: {\(others.joined(separator: ", "))}}, payments: {checkout: {wechat_pay: \(p % 2 == 0 ? "accepted" : "refused")}}}"))
    }
    return Scenario(files)
  }

  /// "p007".
  static func id(_ p: Int) -> String { "p" + String(String(p).reversed()).padding(toLength: 3, withPad: "0", startingAt: 0).reversed() }

  @Test func batchesComeInDocumentOrderAndStaySmall() throws {
    let n = 90
    let workspace = Self.world(n).workspace
    #expect(!workspace.diagnostics.hasErrors, "\(workspace.diagnostics)")
    let engine = Engine(packs: workspace.packs, asOf: try #require(Day("2021-12-01")))
    let recorder = Recorder()
    let streamed = try engine.stream(manifests: workspace.manifests, waivers: workspace.waivers, to: [recorder])
    let kept = engine.evaluate(manifests: workspace.manifests, waivers: workspace.waivers)

    let results = recorder.batches.flatMap { $0 }
    #expect(results.count == n * (n - 1) + n)
    #expect(results == kept.results)
    #expect(recorder.prepared == results.count)
    #expect(streamed.results.isEmpty)
    #expect(streamed.tally == ResultTally(kept.results))
    #expect(streamed.waivers == kept.waivers)
    #expect(streamed.diagnostics == kept.diagnostics)
    #expect(kept.waivers.contains { $0.platform == "p003" && $0.applied > 0 })
    #expect(kept.results.contains { $0.expiredWaiver != nil })
    // Document order: pack, obligation, platform, counterparty.
    let keys = results.map { [$0.pack, $0.obligation, $0.platform, $0.counterparty ?? ""] }
    #expect(keys == keys.sorted { $0.lexicographicallyPrecedes($1) })
    // No batch holds more than a unit's worth of results (plus one subject's counterparties).
    #expect(recorder.batches.count > 1)
    #expect(recorder.batches.allSatisfy { $0.count <= Engine.resultsPerUnit + n })
  }

  @Test func aConsumerThatThrowsStopsTheRunWithItsError() throws {
    let workspace = Self.world(120).workspace
    let engine = Engine(packs: workspace.packs, asOf: try #require(Day("2021-12-01")))
    let failing = Failing()
    #expect(throws: Refusal.self) {
      _ = try engine.stream(manifests: workspace.manifests, to: [failing])
    }
    #expect(failing.seen == 2)
  }
}
