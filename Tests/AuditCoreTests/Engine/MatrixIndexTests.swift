import Testing

@testable import AuditCore

/// Who a matrix shows is found from the entries manifests have, not by looking up every pair:
/// the counts must be those of the pairwise lookups, for every shape a capability tree can take.
@Suite struct MatrixIndexTests {
  /// The pairwise definition: every ordered pair looked up.
  private func pairwise(_ path: CapabilityPath, _ candidates: [Manifest]) -> [String: Int] {
    var explicit: [String: Int] = [:]
    for manifest in candidates {
      for other in candidates where other.id != manifest.id {
        let lookup = CapabilityLookup.lookup(path, in: manifest.capabilities, platform: manifest.id, counterparty: other.id)
        if case .missing = lookup.found { continue }
        if lookup.viaWildcard {
          explicit[manifest.id, default: 0] += 0
        } else {
          explicit[manifest.id, default: 0] += 1
          explicit[other.id, default: 0] += 1
        }
      }
    }
    return explicit
  }

  private func manifests(_ capabilities: [String]) throws -> [Manifest] {
    let files = capabilities.enumerated().map { Scenario.platform("p\($0.offset)", capabilities: $0.element) }
    let workspace = Fixtures.workspace(files + [Scenario.rules("  - {id: X, title: t, severity: low, require: {path: a, exists: true}}")])
    #expect(!workspace.diagnostics.hasErrors, "\(workspace.diagnostics)")
    return workspace.manifests.sorted { $0.id < $1.id }
  }

  @Test(arguments: [
    "links.{counterparty}.chat", "links.{counterparty}", "{counterparty}.chat",
    "links.{counterparty}.{counterparty}", "links.{platform}.{counterparty}",
  ])
  func countsMatchEveryPairLookedUp(_ text: String) throws {
    let path = try CapabilityPath.parse(text).get()
    let shapes = [
      "{links: {p1: {chat: direct}, p2: {chat: ~}, nobody: {chat: direct}}}",
      "{links: {'*': {chat: blocked}, p0: {chat: direct}}}",
      "{links: ~}",
      "{links: text}",
      "{links: [a, {chat: direct}, c]}",
      "{links: {p3: [x], p0: {p1: v, '*': w}}}",
      "{}",
      "{links: {p4: {chat: direct}, p1: {p0: {chat: ~}}}, p2: {chat: direct}, '*': {chat: open}}",
      "{links: {'*': ~}}",
      "{links: {p5: {p5: {chat: direct}}}}",
    ]
    // Every subset of a few shapes, so that universal, wildcard and named platforms mix.
    for mask in 1..<(1 << 6) {
      let chosen = (0..<6).filter { mask & (1 << $0) != 0 }.map { shapes[($0 + mask) % shapes.count] }
      let candidates = try manifests(chosen)
      let ids = Set(candidates.map(\.id))
      #expect(MatrixBuilder.explicitEntries(path, candidates: candidates, ids: ids) == pairwise(path, candidates),
        "\(text) over \(chosen)")
    }
  }

  @Test func thousandsOfPlatformsWithoutEntriesCostNoPairs() throws {
    // 3,000 platforms, none with links: the old pairwise walk was 9 M lookups.
    let candidates = (0..<3_000).map { i in
      Manifest(id: "p\(i)", asOf: .epoch, capabilities: nil, location: SourceLocation(file: "f", line: 1, column: 1))
    }
    let path = try CapabilityPath.parse("links.inbound.{counterparty}.private_chat").get()
    #expect(MatrixBuilder.explicitEntries(path, candidates: candidates, ids: Set(candidates.map(\.id))).isEmpty)
  }
}
