import AuditCore
import Testing

@Suite struct ManifestChangesTests {
  let workspace = TimelineSamples.workspace(timeline: false)
  var scales: ScaleIndex { ScaleIndex(packs: workspace.packs) }

  func version(_ date: String) throws -> Manifest {
    try #require(workspace.manifests.first { $0.asOf.description == date })
  }

  @Test func loadsCleanly() {
    #expect(workspace.diagnostics.isEmpty, "\(workspace.diagnostics)")
    #expect(workspace.manifests.count == 3)
  }

  @Test func twoVersionsListEveryChangedLeafTypedByTheScale() throws {
    let changes = ManifestChanges.between(try version("2021-09-16"), try version("2021-09-17"), scales: scales)
    #expect(changes.map(\.summary) == [
      "links.inbound.shop.private_chat blocked → copy_out",
      "links.inbound.video.private_chat blocked → interstitial",
      "controls.complaints ~ → available (first recorded)",
    ])
    #expect(changes.map(\.type) == [.unblock, .unblock, .recorded])
    #expect(changes.map(\.scale) == ["link_access", "link_access", nil])
    #expect(changes.map(\.counterparty) == ["shop", "video", nil])
    let first = try #require(changes.first)
    #expect(first.location?.file == "chat/v2.yaml")
    #expect(first.location?.line == 8)
    #expect(first.previousLocation?.file == "chat/v1.yaml")
  }

  @Test func worseOnTheScaleIsABlockAndOffTheScaleIsAChange() throws {
    let changes = ManifestChanges.between(try version("2021-09-17"), try version("2021-11-29"), scales: scales)
    let byPath = Dictionary(uniqueKeysWithValues: changes.map { ($0.path, $0) })
    #expect(byPath["links.inbound.shop.private_chat"]?.type == .unblock)
    #expect(byPath["links.inbound.shop.group_chat"]?.type == .unblock)
    #expect(byPath["links.inbound.video.private_chat"]?.type == .block)
    // "sometimes" is not a level of link_access: different, not better or worse.
    #expect(byPath["links.inbound.video.group_chat"]?.type == .change)
    // The "*" entry matches {counterparty} too; from null it is a first record.
    #expect(byPath["links.inbound.*.private_chat"]?.type == .recorded)
    #expect(byPath["links.inbound.*.private_chat"]?.counterparty == "*")
    // A value that is gone is no longer recorded; it points at the nearest node that remains.
    let gone = try #require(byPath["controls.limit"])
    #expect(gone.type == .unrecorded)
    #expect(gone.summary == "controls.limit 3 → (none) (no longer recorded)")
    #expect(gone.location?.file == "chat/v3.yaml")
    #expect(byPath["controls.complaints"] == nil)
  }

  @Test func threeVersionsGiveTwoStepsPerPlatform() {
    let history = ManifestChanges.history(workspace.manifests, scales: scales)
    #expect(history.map { "\($0.previous.asOf)→\($0.current.asOf)" } == [
      "2021-09-16→2021-09-17", "2021-09-17→2021-11-29",
    ])
    #expect(history.map(\.changes.count) == [3, 6])
  }

  @Test func withoutAScaleEveryValueChangeIsAChange() throws {
    let changes = ManifestChanges.between(try version("2021-09-16"), try version("2021-09-17"), scales: ScaleIndex(entries: []))
    #expect(changes.map(\.type) == [.change, .change, .recorded])
  }

  @Test func nullAndAbsentAreBothNoValueAndQuotedDiffersFromPlain() {
    let ws = Fixtures.workspace([
      ("a.yaml", TimelineSamples.messenger("2021-01-01", "  x: ~\n  flag: true\n  n: 1.0\n  list: [a, b]")),
      ("b.yaml", TimelineSamples.messenger("2021-01-02", "  flag: \"true\"\n  n: 1.00\n  list: [a, c]")),
    ])
    let changes = ManifestChanges.between(ws.manifests[0], ws.manifests[1], scales: ScaleIndex(entries: []))
    #expect(changes.map(\.summary) == ["flag true → \"true\"", "list [a, b] → [a, c]"])
  }

  @Test func aScalarReplacedByAMappingIsUnrecordedThenRecordedBelow() {
    let ws = Fixtures.workspace([
      ("a.yaml", TimelineSamples.messenger("2021-01-01", "  grant: blocked")),
      ("b.yaml", TimelineSamples.messenger("2021-01-02", "  grant: {share: granted}")),
    ])
    let changes = ManifestChanges.between(ws.manifests[0], ws.manifests[1], scales: ScaleIndex(entries: []))
    #expect(changes.map(\.summary) == [
      "grant blocked → (none) (no longer recorded)", "grant.share (none) → granted (first recorded)",
    ])
  }
}
