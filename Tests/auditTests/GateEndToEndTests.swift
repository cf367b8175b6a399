import AuditTestSupport
import Foundation
import Testing

/// The gate a team can trust, through the built binary: the findings and the line that says why
/// it exits, runs that check nothing exit 2, and warnings' codes with --allow and --strict.
@Suite struct GateEndToEndTests {
  let e2e = AuditBinary.fixtures.appendingPathComponent("e2e")
  static let noColour = ["NO_COLOR": "1"]

  func run(_ flags: [String], in directory: URL? = nil) throws -> AuditBinary.Run {
    let out = try AuditBinary.Scratch()
    return try AuditBinary.run(["run", "manifests", "--rules", "rules", "--as-of", "2021-12-01", "--format", "json,junit",
      "--output", out.path] + flags, in: directory ?? e2e, environment: Self.noColour)
  }

  @Test(arguments: [
    ("--fail-on low", Int32(1), "exit 1: 1 failure at or above low (--fail-on low)"),
    ("--fail-on none", Int32(0), "exit 0: --fail-on none (1 failure not counted)"),
    ("--fail-on low --strict", Int32(1), "exit 1: 1 failure and 1 unknown at or above low (--fail-on low --strict)"),
  ])
  func theLastLineSaysWhyItExits(flags: String, status: Int32, line: String) throws {
    let run = try run(flags.split(separator: " ").map(String.init))
    #expect(run.status == status, "\(run.stderr)")
    #expect(run.stderr.hasSuffix(line + "\n"), "\(run.stderr)")
  }

  @Test func theFindingsComeBeforeTheSummaryAtTheirManifestLines() throws {
    let run = try run(["--show-unknown"])
    let lines = run.stderr.split(separator: "\n").map(String.init)
    let fail = try #require(lines.firstIndex { $0.contains(": fail: ") }, "\(run.stderr)")
    let unknown = try #require(lines.firstIndex { $0.contains(": unknown: ") }, "\(run.stderr)")
    #expect(fail < unknown)
    #expect(lines[fail].hasPrefix("manifests/"), "\(lines[fail])")
    #expect(!run.stderr.contains("\u{1B}"))
    #expect(!(try self.run([])).stderr.contains(": unknown: "))
  }

  @Test func quietPrintsOnlyTheExitLine() throws {
    let run = try run(["--quiet"])
    #expect(run.stderr == "exit 1: 1 failure at or above low (--fail-on low)\n")
  }

  @Test func showZeroListsNoneButSaysHowMany() throws {
    let run = try run(["--show", "0"])
    #expect(run.stderr.contains("… and 1 more\n"), "\(run.stderr)")
  }

  @Test func onlyRulePacksExit2() throws {
    let run = try AuditBinary.run(["run", "rules", "--as-of", "2021-12-01", "--output", "unused"], in: e2e)
    #expect(run.status == 2, "\(run.stderr)")
    #expect(run.stderr.contains("error: the paths hold only rule packs, so there is no manifest to check"), "\(run.stderr)")
    #expect(!FileManager.default.fileExists(atPath: e2e.appendingPathComponent("unused").path))
  }

  @Test func anAsOfBeforeEveryManifestExits2WithoutStrict() throws {
    let out = try AuditBinary.Scratch()
    let run = try AuditBinary.run(["run", "manifests", "--rules", "rules", "--as-of", "1999-01-01", "--output", out.path], in: e2e)
    #expect(run.status == 2, "\(run.stderr)")
    #expect(run.stderr.contains("--as-of: error: 1999-01-01 is before every manifest"), "\(run.stderr)")
  }

  @Test func noManifestAndNothingApplicableExit2() throws {
    let scratch = try AuditBinary.Scratch()
    try Data("""
      kind: rules
      pack: t
      obligations:
        - {id: ONLY, title: t, severity: low, applies_to: {categories: [messaging]}, require: {path: a, equals: x}}

      """.utf8).write(to: scratch.url.appendingPathComponent("rules.yaml"))
    try Data("kind: platform\nid: p\ncategories: [search]\nas_of: 2021-01-01\ncapabilities: {a: x}\n".utf8)
      .write(to: scratch.url.appendingPathComponent("m.yaml"))
    try FileManager.default.createDirectory(at: scratch.url.appendingPathComponent("empty"), withIntermediateDirectories: true)
    try Data("kind: waivers\nwaivers:\n  - {obligation: ONLY, platform: p, reason: r, approved_by: a, expires: 2022-01-01}\n".utf8)
      .write(to: scratch.url.appendingPathComponent("empty/w.yaml"))
    let none = try AuditBinary.run(["run", "empty", "--rules", "rules.yaml", "--as-of", "2021-12-01", "--output", "out"], in: scratch.url)
    #expect(none.status == 2, "\(none.stderr)")
    #expect(none.stderr.contains("no manifest (kind: platform) among the inputs"), "\(none.stderr)")
    let idle = try AuditBinary.run(["run", "m.yaml", "--rules", "rules.yaml", "--as-of", "2021-12-01", "--output", "out"], in: scratch.url)
    #expect(idle.status == 2, "\(idle.stderr)")
    #expect(idle.stderr.contains("error: no obligation applies to any platform in force"), "\(idle.stderr)")
    #expect(idle.stderr.hasSuffix("exit 2: 1 error in the inputs or options\n"), "\(idle.stderr)")
  }

  @Test func checkNamesTheCodeAllowDropsItAndStrictFailsOnTheRest() throws {
    let scratch = try AuditBinary.Scratch()
    try Data("""
      kind: rules
      pack: t
      obligations:
        - {id: ONLY, title: t, severity: low, applies_to: {categories: [messaging]}, require: {path: a, equals: x}}
        - {id: ALSO, title: t, severity: low, applies_to: {categories: [messaging]}, require: {path: a, equals: x}}

      """.utf8).write(to: scratch.url.appendingPathComponent("rules.yaml"))
    try Data("kind: platform\nid: p\ncategories: [mesaging]\nas_of: 2021-01-01\ncapabilities: {a: x}\n".utf8)
      .write(to: scratch.url.appendingPathComponent("m.yaml"))
    let plain = try AuditBinary.run(["check", "m.yaml", "rules.yaml"], in: scratch.url)
    #expect(plain.status == 0, "\(plain.stderr)")
    #expect(plain.stderr.contains("m.yaml:3:14: warning[W304]: category 'mesaging' of platform 'p' is in no rule pack's scope"), "\(plain.stderr)")
    #expect(plain.stderr.contains("— did you mean 'messaging'?"))
    let strict = try AuditBinary.run(["check", "m.yaml", "rules.yaml", "--strict"], in: scratch.url)
    #expect(strict.status == 2)
    #expect(strict.stderr.contains("error[W304]"))
    let allowed = try AuditBinary.run(["check", "m.yaml", "rules.yaml", "--strict", "--allow", "W304"], in: scratch.url)
    #expect(allowed.status == 0, "\(allowed.stderr)")
    let misspelt = try AuditBinary.run(["check", "m.yaml", "--allow", "W3O4"], in: scratch.url)
    #expect(misspelt.status != 0)
    #expect(misspelt.stderr.contains("did you mean 'W304'?"), "\(misspelt.stderr)")
  }

  @Test func diffListsItsRegressionsAndSaysWhyItExits() throws {
    let out = try AuditBinary.Scratch()
    let run = try AuditBinary.run(["diff", "Tests/Fixtures/diff/old", "Tests/Fixtures/diff/new", "--rules", "Tests/Fixtures/diff/rules.yaml",
      "--old-as-of", "2021-09-17", "--new-as-of", "2021-11-29", "--output", out.path, "--format", "json"], environment: Self.noColour)
    #expect(run.status == 1)
    #expect(run.stderr.contains(": regression: "), "\(run.stderr)")
    #expect(run.stderr.hasSuffix("exit 1: 1 regression at or above low that no waiver accepts (--fail-on low)\n"), "\(run.stderr)")
  }

  @Test(arguments: [
    ["manifests/cn", "--rules", "Rules/cn-interop", "--as-of", "2021-12-02"],
    ["manifests/eu", "--rules", "Rules/eu-dma", "--as-of", "2026-06-30"],
  ])
  func theShippedSamplesRunCleanUnderStrictWarnings(arguments: [String]) throws {
    let out = try AuditBinary.Scratch()
    let run = try AuditBinary.run(["run"] + arguments + ["--strict", "--fail-on", "none", "--format", "json", "--output", out.path, "--quiet"])
    #expect(run.status == 0, "\(run.stderr)")
  }

  @Test func theShippedSamplesCheckCleanUnderStrict() throws {
    let run = try AuditBinary.run(["check", "manifests", "Rules", "examples", "--strict"])
    #expect(run.status == 0, "\(run.stderr)")
  }
}
