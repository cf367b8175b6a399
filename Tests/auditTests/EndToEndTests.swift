import AuditTestSupport
import Foundation
import Testing

/// The built `audit` binary on fixture directories: exit codes, stderr, and files byte for byte.
@Suite(.serialized) struct EndToEndTests {
  let e2e = AuditBinary.fixtures.appendingPathComponent("e2e")

  @Test func checkPassesOnValidInputsAndSaysWhatItRead() throws {
    let run = try AuditBinary.run(["check", "manifests", "rules"], in: e2e)
    #expect(run.status == 0)
    #expect(run.stdout.isEmpty)
    #expect(run.stderr == "checked 5 files (3 platform manifests, 1 rule pack, 4 obligations, 8 examples, 1 waiver): 0 errors, 0 warnings\n")
  }

  @Test func checkReportsEveryProblemAndExits2() throws {
    let run = try AuditBinary.run(["check", "e2e-broken", "no-such-dir"], in: AuditBinary.fixtures)
    #expect(run.status == 2)
    #expect(run.stderr == """
      e2e-broken/dup.yaml:3:1: error: duplicate key 'id' (first at 2:1) — YAML keeps only one of them; remove or rename one
      no-such-dir: error: no such file or directory — check the path; directories are searched for *.yaml and *.yml
      checked 2 files (1 platform manifest): 2 errors, 0 warnings

      """)
  }

  @Test func runWritesTheGoldenResultsByteForByte() throws {
    let scratch = try AuditBinary.Scratch()
    let output = scratch.url
    let run = try AuditBinary.run(
      ["run", "manifests", "--rules", "rules", "--as-of", "2021-12-01", "--format", "json", "--output", output.path, "--fail-on", "none"],
      in: e2e)
    #expect(run.status == 0)
    #expect(run.stdout.isEmpty)
    #expect(run.stderr.contains("\naudit: 3 platforms, 4 obligations as of 2021-12-01: 7 pass, 1 fail, 1 unknown, 0 error, 1 waived, 4 not_applicable; wrote "))
    let actual = try String(contentsOf: output.appendingPathComponent("results.json"), encoding: .utf8)
    try Golden.check(actual, "e2e/results.json")
  }

  @Test func identicalInputsGiveIdenticalBytesAndSourceDateEpochSetsTheDate() throws {
    let (scratchA, scratchB) = (try AuditBinary.Scratch(), try AuditBinary.Scratch())
    let (a, b) = (scratchA.url, scratchB.url)
    let epoch = ["SOURCE_DATE_EPOCH": "1638316800"]  // 2021-12-01T00:00:00Z
    _ = try AuditBinary.run(["run", "manifests", "--rules", "rules", "--format", "json", "--output", a.path, "--fail-on", "none"], in: e2e, environment: epoch)
    _ = try AuditBinary.run(["run", "manifests", "--rules", "rules", "--format", "json", "--output", b.path, "--fail-on", "none"], in: e2e, environment: epoch)
    let first = try Data(contentsOf: a.appendingPathComponent("results.json"))
    #expect(first == (try Data(contentsOf: b.appendingPathComponent("results.json"))))
    #expect(String(decoding: first, as: UTF8.self).contains("\"as_of\": \"2021-12-01\""))
  }

  static let gates: [(flags: String, status: Int32)] = [
    ("--fail-on low", 1), ("--fail-on high", 1), ("--fail-on critical", 1),
    ("--fail-on none", 0), ("--fail-on none --strict", 0),
  ]

  @Test(arguments: gates.map(\.flags))
  func failOnThresholdsDecideTheExitCode(flags: String) throws {
    let status = Self.gates.first { $0.flags == flags }?.status
    let flags = flags.split(separator: " ").map(String.init)
    let scratch = try AuditBinary.Scratch()
    let output = scratch.url
    let run = try AuditBinary.run(["run", "manifests", "--rules", "rules", "--as-of", "2021-12-01", "--format", "json", "--output", output.path] + flags, in: e2e)
    #expect(run.status == status, "\(run.stderr)")
  }

  @Test func strictCountsUnknownAsFailingAndErrorsAlwaysExit2() throws {
    let scratch = try AuditBinary.Scratch()
    let directory = scratch.url
    try Data("""
      kind: rules
      pack: t
      obligations:
        - {id: KNOWN, title: t, severity: medium, require: {path: a, equals: x}}

      """.utf8).write(to: directory.appendingPathComponent("rules.yaml"))
    let manifest = directory.appendingPathComponent("m.yaml")
    try Data("kind: platform\nid: p\nas_of: 2021-01-01\ncapabilities: {}\n".utf8).write(to: manifest)
    let common = ["run", "m.yaml", "--rules", "rules.yaml", "--as-of", "2021-12-01", "--format", "json", "--output", "out"]
    #expect(try AuditBinary.run(common, in: directory).status == 0)
    // No manifest has path 'a' (W305): allowed here, so that only the unknown result counts.
    #expect(try AuditBinary.run(common + ["--strict", "--allow", "W305"], in: directory).status == 1)
    #expect(try AuditBinary.run(common + ["--strict", "--allow", "W305", "--fail-on", "high"], in: directory).status == 0)
    #expect(try AuditBinary.run(common + ["--strict", "--fail-on", "high"], in: directory).status == 2)
    try Data("kind: platform\nid: p\nas_of: 2021-01-01\ncapabilities: {a: [x]}\n".utf8).write(to: manifest)
    let errored = try AuditBinary.run(common + ["--fail-on", "none"], in: directory)
    #expect(errored.status == 2)
    // An error result is printed like a parse error, at the value.
    #expect(errored.stderr.hasPrefix("m.yaml:4:"), "\(errored.stderr)")
    #expect(errored.stderr.contains(": error: KNOWN p: "), "\(errored.stderr)")
  }

  @Test func unreadableInputStopsTheRunUnlessKeepGoing() throws {
    let scratch = try AuditBinary.Scratch()
    let output = scratch.url
    let stopped = try AuditBinary.run(["run", "e2e-broken", "--rules", "e2e/rules", "--as-of", "2021-12-01", "--format", "json", "--output", output.path], in: AuditBinary.fixtures)
    #expect(stopped.status == 2)
    #expect(stopped.stderr.contains("e2e-broken/dup.yaml:3:1: error: duplicate key 'id'"))
    #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("results.json").path))
    let kept = try AuditBinary.run(["run", "e2e-broken", "--rules", "e2e/rules", "--as-of", "2021-12-01", "--format", "json", "--output", output.path, "--keep-going"], in: AuditBinary.fixtures)
    #expect(kept.status == 2)
    #expect(kept.stderr.contains("1 unreadable input left out"), "\(kept.stderr)")
    let results = try String(contentsOf: output.appendingPathComponent("results.json"), encoding: .utf8)
    #expect(results.contains("\"unreadable_inputs\": 1"))
    #expect(results.contains("\"message\": \"duplicate key 'id' (first at 2:1)\""))
    #expect(results.contains("\"platform\":\"ok\""))
  }

  /// Each bad option alone makes the exit 2: the same run with good options exits 0, so the
  /// 2 comes from the option, not from inputs that fail to load.
  @Test func badInvocationsExit2() throws {
    let scratch = try AuditBinary.Scratch()
    let good = ["run", "manifests", "--rules", "rules", "--output", scratch.url.path, "--fail-on", "none"]
    let control = try AuditBinary.run(good + ["--as-of", "2021-12-01", "--format", "json"], in: e2e)
    #expect(control.status == 0, "\(control.stderr)")
    let date = try AuditBinary.run(good + ["--as-of", "2021-13-01", "--format", "json"], in: e2e)
    #expect(date.status == 2)
    #expect(date.stderr.contains("2021-13-01"), "\(date.stderr)")
    let format = try AuditBinary.run(good + ["--as-of", "2021-12-01", "--format", "frobnicate"], in: e2e)
    #expect(format.status == 2)
    #expect(format.stderr.contains("frobnicate"), "\(format.stderr)")
    #expect(try AuditBinary.run(["frobnicate"]).status == 2)
    #expect(try AuditBinary.run(["schema", "manifest"]).status == 2)
    #expect(try AuditBinary.run(["schema", "platform"]).status == 0)
  }

  @Test func testRunsEmbeddedExamplesAndExplainPrintsAnObligation() throws {
    let tested = try AuditBinary.run(["test", "rules"], in: e2e)
    #expect(tested.status == 0)
    #expect(tested.stderr == "ran 8 examples of 4 obligations: 8 passed, 0 failed\n")
    let explained = try AuditBinary.run(["explain", "E2E-LINKS", "--rules", "rules"], in: e2e)
    #expect(explained.status == 0)
    #expect(explained.stdout.hasPrefix("E2E-LINKS — 一对一聊天中可直接打开外部链接\nExternal links open in one-to-one chats\n"))
    #expect(explained.stdout.contains("links.{counterparty}.private_chat at least 'interstitial' on link_access"))
    let misspelt = try AuditBinary.run(["explain", "E2E-LINK", "--rules", "rules"], in: e2e)
    #expect(misspelt.status == 2)
    #expect(misspelt.stderr == "audit: error: no obligation or operator 'E2E-LINK' — did you mean 'E2E-LINKS'?\n")
  }

  @Test func aFailingExampleExits1WithItsLocation() throws {
    let scratch = try AuditBinary.Scratch()
    let directory = scratch.url
    try Data("""
      kind: rules
      pack: t
      obligations:
        - id: T
          title: t
          severity: low
          require: {path: a, equals: x}
          examples:
            - {status: pass, manifest: {capabilities: {a: y}}}

      """.utf8).write(to: directory.appendingPathComponent("t.yaml"))
    let run = try AuditBinary.run(["test", "t.yaml"], in: directory)
    #expect(run.status == 1)
    #expect(run.stderr.hasPrefix("t.yaml:9:9: error: failed: T example expects pass, got fail: a is 'y'; required: equals 'x'\n"))
  }

  @Test func strictTestFailsOnAMissingExampleUnlessItsCodeIsAllowed() throws {
    let scratch = try AuditBinary.Scratch()
    try Data("""
      kind: rules
      pack: t
      obligations:
        - id: T
          title: t
          severity: low
          require: {path: a, equals: x}
          examples:
            - {status: pass, manifest: {capabilities: {a: x}}}

      """.utf8).write(to: scratch.url.appendingPathComponent("t.yaml"))
    let strict = try AuditBinary.run(["test", "t.yaml", "--strict"], in: scratch.url)
    #expect(strict.status == 1, "\(strict.stderr)")
    #expect(strict.stderr.contains("t.yaml:4:5: warning[W107]: obligation 'T' has no fail example"), "\(strict.stderr)")
    let allowed = try AuditBinary.run(["test", "t.yaml", "--strict", "--allow", "W107"], in: scratch.url)
    #expect(allowed.status == 0, "\(allowed.stderr)")
    #expect(allowed.stderr == "ran 1 example of 1 obligation: 1 passed, 0 failed\n")
    let misspelt = try AuditBinary.run(["test", "t.yaml", "--allow", "W170"], in: scratch.url)
    #expect(misspelt.status == 2)
    #expect(misspelt.stderr.contains("did you mean 'W107'?"), "\(misspelt.stderr)")
  }

  @Test func schemaIsJSON() throws {
    let run = try AuditBinary.run(["schema", "platform"])
    #expect(run.status == 0)
    let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
    #expect(object?["title"] as? String == "Platform capability manifest")
  }
}
