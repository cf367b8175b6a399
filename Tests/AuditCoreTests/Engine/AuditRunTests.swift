import AuditCore
import AuditTestSupport
import Foundation
import Testing

/// The one run pipeline without a process: which inputs are read, the stop rules, and the
/// warnings that say a run checks less than it seems to.
@Suite struct AuditRunTests {
  static let e2e = TestPaths.fixtures.appendingPathComponent("e2e").path
  static let asOf = Day("2021-12-01") ?? .epoch

  /// Defaults that point at the e2e fixtures, so the tests do not depend on the current directory.
  static let defaults = RunRequest.Defaults(manifests: e2e + "/manifests", rules: e2e + "/rules")

  static func names(_ outcome: RunOutcome) -> [String] {
    outcome.workspace.inputs.map { URL(fileURLWithPath: $0.path).lastPathComponent }.sorted()
  }

  @Test func nothingGivenReadsTheDefaults() {
    let outcome = AuditRun.run(RunRequest(asOf: Self.asOf, defaults: Self.defaults))
    #expect(!outcome.stopped, "\(outcome.diagnostics)")
    #expect(Self.names(outcome) == ["douyin.yaml", "links.yaml", "taobao.yaml", "waivers.yaml", "wechat.yaml"])
  }

  @Test func aMissingDefaultIsNamed() {
    let missing = RunRequest.Defaults(manifests: "no-such-manifests", rules: "no-such-rules")
    let outcome = AuditRun.run(RunRequest(asOf: Self.asOf, defaults: missing))
    #expect(outcome.stopped)
    let messages = outcome.diagnostics.map(\.description)
    #expect(messages.contains { $0.hasPrefix("no-such-manifests: error: no PATH given and ./no-such-manifests does not exist") }, "\(messages)")
    #expect(messages.contains { $0.contains("./no-such-rules does not exist") }, "\(messages)")
  }

  @Test func givenPathsReplaceTheDefaultManifests() {
    let outcome = AuditRun.run(RunRequest(paths: [Self.e2e + "/manifests/douyin.yaml"], asOf: Self.asOf, defaults: Self.defaults))
    #expect(Self.names(outcome) == ["douyin.yaml", "links.yaml"])
  }

  @Test func ruleFilesAmongThePathsReplaceTheDefaultRules() throws {
    let scratch = try AuditBinary.Scratch()
    let pack = scratch.url.appendingPathComponent("other.yaml")
    try Data("""
      kind: rules
      pack: other
      obligations:
        - {id: OTHER, title: other, severity: low, require: {path: meta, exists: true}}

      """.utf8).write(to: pack)
    let outcome = AuditRun.run(RunRequest(paths: [Self.e2e + "/manifests/douyin.yaml", pack.path], asOf: Self.asOf, defaults: Self.defaults))
    #expect(outcome.workspace.packs.map(\.id) == ["other"])
    #expect(outcome.document?.results.map(\.obligation) == ["OTHER"])
  }

  @Test func explicitRulesAreReadOnceEvenWhenAlsoUnderThePaths() {
    let outcome = AuditRun.run(RunRequest(paths: [Self.e2e], rules: [Self.e2e + "/rules"], asOf: Self.asOf, defaults: Self.defaults))
    #expect(!outcome.diagnostics.hasErrors, "\(outcome.diagnostics)")
    #expect(outcome.workspace.packs.map(\.id) == ["e2e"])
  }

  @Test func errorsStopUnlessKeepGoingWhichCountsTheUnreadableFiles() {
    let broken = TestPaths.fixtures.appendingPathComponent("e2e-broken").path
    let request = RunRequest(paths: [broken], rules: [Self.e2e + "/rules"], asOf: Self.asOf, defaults: Self.defaults)
    let stopped = AuditRun.run(request)
    #expect(stopped.stopped)
    #expect(stopped.stopReason?.contains("--keep-going") == true)
    var keepGoing = request
    keepGoing.keepGoing = true
    let kept = AuditRun.run(keepGoing)
    #expect(!kept.stopped)
    #expect(kept.unreadable.map { URL(fileURLWithPath: $0).lastPathComponent } == ["dup.yaml"])
    #expect(kept.document?.summary.unreadableInputs == 1)
    #expect(kept.diagnostics.hasErrors)
  }

  @Test func noRulePackStops() throws {
    let scratch = try AuditBinary.Scratch()
    let outcome = AuditRun.run(RunRequest(paths: [Self.e2e + "/manifests"], asOf: Self.asOf,
      defaults: .init(manifests: "unused", rules: scratch.path)))
    #expect(outcome.stopped)
    #expect(outcome.diagnostics.contains { $0.message == "no rule packs among the inputs" }, "\(outcome.diagnostics)")
  }

  @Test func anAsOfBeforeEveryManifestStopsTheRunWithOrWithoutStrict() {
    var request = RunRequest(asOf: Day("2001-01-01") ?? .epoch, defaults: Self.defaults)
    for strict in [false, true] {
      request.strict = strict
      let outcome = AuditRun.run(request)
      let error = outcome.diagnostics.first { $0.file == "--as-of" }
      #expect(outcome.stopped)
      #expect(error?.severity == .error)
      #expect(error?.message.contains("is before every manifest") == true)
    }
  }

  @Test func aMisspelledCategoryNamesTheNearestKnownOne() {
    let workspace = Workspace.load(files: [
      SourceFile.parse(Array("""
        kind: rules
        pack: typo
        obligations:
          - {id: CHAT, title: chat, severity: low, applies_to: {categories: [instant-mesaging]}, require: {path: a, exists: true}}
          - {id: ANY, title: any, severity: low, require: {path: a, exists: true}}

        """.utf8), path: "typo.yaml"),
      SourceFile.parse(Array("kind: platform\nid: chat\ncategories: [instant-messaging]\nas_of: 2021-01-01\n".utf8), path: "chat.yaml"),
    ])
    let outcome = AuditRun.evaluate(workspace, request: RunRequest(asOf: Self.asOf))
    let warnings = outcome.diagnostics.filter { $0.severity == .warning }.map(\.description)
    #expect(warnings == [
      "typo.yaml:4:5: warning[W302]: category 'instant-mesaging' (CHAT applies_to) is in no manifest of this run, so it selects no platform — did you mean 'instant-messaging'?",
    ])
  }

  @Test func aPackThatAppliesToNothingIsOneWarning() {
    let workspace = Workspace.load(files: [
      SourceFile.parse(Array("""
        kind: rules
        pack: eu
        obligations:
          - {id: EU-1, title: one, severity: low, applies_to: {jurisdictions: [EU]}, require: {path: a, exists: true}}
          - {id: EU-2, title: two, severity: low, applies_to: {jurisdictions: [EU], categories: [search]}, require: {path: a, exists: true}}

        """.utf8), path: "eu.yaml"),
      SourceFile.parse(Array("kind: platform\nid: chat\njurisdictions: [CN]\nas_of: 2021-01-01\n".utf8), path: "chat.yaml"),
    ])
    let warnings = AuditRun.nothingChecked(workspace, asOf: nil).map(\.description)
    #expect(warnings == [
      "eu.yaml:4:5: warning[W301]: rule pack 'eu' applies to no platform in this run: jurisdiction 'EU', category 'search' are in no manifest — add manifests in its scope, or leave the pack out with --rules",
    ])
  }
}
