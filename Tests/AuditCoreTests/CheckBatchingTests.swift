import Foundation
import Testing

@testable import AuditCore

/// `audit check` and `audit test` hold no more than a batch: the check keeps manifests without
/// their capability trees and walks the trees a batch at a time; the examples run a batch at a
/// time. What they report must be what holding everything gives, in the same order.
@Suite struct CheckBatchingTests {
  /// More manifests than two batches, with off-scale values, a scope typo, a broken file and a
  /// duplicate version; the rule pack sorts last, so the packs are known only after every
  /// manifest was read.
  private static func corpus() throws -> URL {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("check-batches-\(UUID().uuidString)")
    var files: [(String, String)] = []
    for i in 0..<(Workspace.batchSize * 2 + 7) {
      let value = i % 5 == 0 ? "teleport" : "direct"
      let extra = i % 3 == 0 ? ", api: {export: granted}" : ""
      files.append(Scenario.platform(String(format: "p%04d", i), categories: i % 7 == 0 ? "[instant-mesaging]" : "[instant-messaging]",
        capabilities: "{links: {'*': {private: \(value)}}\(extra)}"))
    }
    files.append(("m/broken.yaml", "kind: platform\nid: broken\nid: again\n"))
    files.append(("m/p0001-again.yaml", Scenario.platform("p0001", capabilities: "{}").1))
    files.append(Scenario.rules("""
        - id: LINK
          title: links open in private chats
          severity: high
          per: counterparty
          require: {path: 'links.{counterparty}.private', at_least: interstitial, scale: link_access}
        - id: EXPORT
          title: data can be exported
          severity: low
          require: {path: api.exprt, equals: granted}
        - id: SHOPS
          title: shops only
          severity: low
          applies_to: {categories: [e-commerce]}
          require: {path: nowhere.at.all, exists: true}
      """))
    for (path, text) in files {
      let url = directory.appendingPathComponent(path)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: url)
    }
    return directory
  }

  @Test func aBatchedCheckReportsWhatHoldingEveryManifestReports() throws {
    let directory = try Self.corpus()
    defer { try? FileManager.default.removeItem(at: directory) }
    let (workspace, diagnostics) = AuditRun.check([directory.path])
    // What `check` did before it batched: every manifest with its tree, the checks over all.
    let whole = Workspace.load([directory.path])
    let before = (whole.diagnostics + ScaleValueCheck.check(whole.manifests, packs: whole.packs)
      + AuditRun.nothingChecked(whole, asOf: nil)).sorted()
    #expect(diagnostics == before)
    #expect(diagnostics.map(\.description) == before.map(\.description))
    #expect(diagnostics.filter { $0.message.contains("is not a level of scale") }.count == (Workspace.batchSize * 2 + 7 + 4) / 5)
    #expect(diagnostics.contains { $0.message.hasPrefix("capability path 'api.exprt' (EXPORT) is in no manifest") && $0.hint == "did you mean 'api.export'?" })
    #expect(!diagnostics.contains { $0.message.contains("nowhere.at.all") }, "SHOPS applies to no manifest, so it reads nothing")
    #expect(diagnostics.contains { $0.message.hasPrefix("platform 'p0001' already has a version") })
    #expect(workspace.manifests.count == whole.manifests.count)
    #expect(workspace.manifests.allSatisfy { $0.capabilities == nil && $0.evidence.isEmpty })
  }

  @Test func manifestsComeABatchAtATimeInFileOrder() throws {
    let directory = try Self.corpus()
    defer { try? FileManager.default.removeItem(at: directory) }
    let whole = Workspace.load([directory.path])
    var held = 0
    var seen: [String] = []
    Workspace.forEachManifestBatch(InputFinder.find([directory.path]).files) { batch in
      held = max(held, batch.count)
      #expect(batch.allSatisfy { $0.capabilities != nil })
      seen += batch.map { "\($0.id)@\($0.file)" }
    }
    #expect(held > 0 && held <= Workspace.batchSize)
    #expect(seen == whole.manifests.map { "\($0.id)@\($0.file)" })
  }

  @Test func examplesRunABatchAtATimeInTheOrderOfAllAtOnce() throws {
    let examples = (0..<25).map { i in
      "      - status: \(i % 2 == 0 ? "pass" : "fail")\n        manifest: {capabilities: {v: \(i % 3 == 0 ? "a" : "b")}}"
    }.joined(separator: "\n")
    let pack = Scenario.rules("""
        - id: V
          title: v is a
          severity: low
          require: {path: v, equals: a}
          examples:
      \(examples)
      """)
    let workspace = Workspace.load(files: [SourceFile.parse(Array(pack.1.utf8), path: pack.0)])
    #expect(!workspace.diagnostics.hasErrors, "\(workspace.diagnostics)")
    let whole = ExampleRunner.run(workspace.packs)
    #expect(whole.count == 25)
    var held = 0
    var batched: [ExampleRunner.Outcome] = []
    ExampleRunner.run(workspace.packs, batch: 4) { outcomes in
      held = max(held, outcomes.count)
      batched += outcomes
    }
    #expect(held == 4)
    #expect(batched.map { "\($0.example.location) \($0.result.status) \($0.passed)" }
      == whole.map { "\($0.example.location) \($0.result.status) \($0.passed)" })
    #expect(whole.contains { !$0.passed } && whole.contains { $0.passed })
  }
}
