import AuditCore
import AuditTestSupport
import Foundation
import Testing

/// A run that checked nothing is never green, and the warnings that a run checks less than it
/// seems point at the file that has the typo.
@Suite struct CheckedNothingTests {
  static let asOf = Day("2021-12-01") ?? .epoch

  static let pack = """
    kind: rules
    pack: t
    obligations:
      - id: LINKS
        title: t
        severity: high
        applies_to: {categories: [messaging]}
        require: {path: interop.links, equals: open}

    """

  static func manifest(categories: String = "[messaging]", asOf: String = "2021-01-01", capabilities: String = "{interop: {links: open}}") -> String {
    "kind: platform\nid: wechat\ncategories: \(categories)\nas_of: \(asOf)\ncapabilities: \(capabilities)\n"
  }

  /// Writes the files into a scratch directory and runs on them.
  static func run(_ files: [String: String], paths: [String], rules: [String] = [], strict: Bool = false, allowed: [String] = [])
    throws -> (RunOutcome, AuditBinary.Scratch)
  {
    let scratch = try AuditBinary.Scratch()
    for (name, text) in files {
      let url = scratch.url.appendingPathComponent(name)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: url)
    }
    var request = RunRequest(paths: paths.map { scratch.path + "/" + $0 }, rules: rules.map { scratch.path + "/" + $0 },
      asOf: asOf, strict: strict, defaults: .init(manifests: scratch.path + "/none", rules: scratch.path + "/none"))
    request.allowed = allowed
    return (AuditRun.run(request), scratch)
  }

  static func errors(_ outcome: RunOutcome) -> [String] {
    outcome.diagnostics.filter { $0.severity == .error }.map(\.message)
  }

  @Test func noManifestAmongTheInputsStops() throws {
    let waivers = """
      kind: waivers
      waivers:
        - {obligation: LINKS, platform: wechat, reason: r, approved_by: a, expires: 2022-01-01}

      """
    let (outcome, _) = try Self.run(["in/waivers.yaml": waivers, "rules/t.yaml": Self.pack], paths: ["in"], rules: ["rules"])
    #expect(outcome.stopped)
    #expect(Self.errors(outcome).contains { $0.hasPrefix("no manifest (kind: platform) among the inputs") }, "\(outcome.diagnostics)")
  }

  @Test func pathsHoldingOnlyRulePacksStop() throws {
    let (outcome, _) = try Self.run(["rules/t.yaml": Self.pack], paths: ["rules"])
    #expect(outcome.stopped)
    #expect(Self.errors(outcome) == ["the paths hold only rule packs, so there is no manifest to check"], "\(outcome.diagnostics)")
  }

  @Test func noManifestInForceOnTheDateStops() throws {
    let (outcome, _) = try Self.run(["m.yaml": Self.manifest(asOf: "2022-03-01"), "rules/t.yaml": Self.pack], paths: ["m.yaml"], rules: ["rules"])
    #expect(outcome.stopped)
    #expect(Self.errors(outcome).contains { $0.hasPrefix("2021-12-01 is before every manifest (the earliest is as of 2022-03-01)") }, "\(outcome.diagnostics)")
  }

  @Test func everyResultNotApplicableIsAnError() throws {
    let (outcome, _) = try Self.run(["m.yaml": Self.manifest(categories: "[search]"), "rules/t.yaml": Self.pack], paths: ["m.yaml"], rules: ["rules"])
    #expect(!outcome.stopped)
    #expect(Self.errors(outcome).contains { $0.hasPrefix("no obligation applies to any platform in force (1 result, all not applicable)") },
      "\(outcome.diagnostics)")
    #expect(ExitStatus.forRun(tally: outcome.tally, diagnostics: outcome.diagnostics, failOn: .low, strict: false) == ExitStatus.badInput)
  }

  @Test func aRunThatChecksSomethingHasNoSuchError() throws {
    let (outcome, _) = try Self.run(["m.yaml": Self.manifest(), "rules/t.yaml": Self.pack], paths: ["m.yaml"], rules: ["rules"])
    #expect(outcome.diagnostics.isEmpty, "\(outcome.diagnostics)")
    #expect(outcome.tally.byStatus[.pass] == 1)
  }

  /// Two obligations spell it 'messaging', one platform 'mesaging': the platform has the typo.
  static let twoObligations = pack + """
      - id: GROUPS
        title: t
        severity: low
        applies_to: {categories: [messaging]}
        require: {path: interop.links, equals: open}

    """

  @Test func aMisspeltManifestCategoryIsWarnedAtTheManifestLine() throws {
    let (outcome, scratch) = try Self.run(["m.yaml": Self.manifest(categories: "[mesaging]"), "rules/t.yaml": Self.twoObligations],
      paths: ["m.yaml"], rules: ["rules"])
    let warnings = outcome.diagnostics.filter { $0.severity == .warning }
    #expect(warnings.map(\.code) == [.manifestScopeValueUnused], "\(warnings)")
    let warning = try #require(warnings.first)
    #expect(warning.location?.file == scratch.path + "/m.yaml")
    #expect(warning.location?.line == 3)
    #expect(warning.hint == "did you mean 'messaging'?")
    #expect(warning.description.contains(": warning[W304]: category 'mesaging' of platform 'wechat'"))
  }

  @Test func onATieTheObligationIsWarned() throws {
    let (outcome, scratch) = try Self.run(["m.yaml": Self.manifest(categories: "[mesaging]"), "rules/t.yaml": Self.pack],
      paths: ["m.yaml"], rules: ["rules"])
    let warnings = outcome.diagnostics.filter { $0.severity == .warning }
    #expect(Set(warnings.compactMap(\.code)) == [.packAppliesToNothing, .scopeValueUnused], "\(warnings)")
    #expect(warnings.allSatisfy { $0.location?.file == scratch.path + "/rules/t.yaml" })
  }

  @Test func aMisspeltPackCategoryIsStillWarnedAtThePack() throws {
    let typo = Self.pack + """
        - id: OTHER
          title: t
          severity: low
          applies_to: {categories: [mesaging]}
          require: {path: interop.links, equals: open}

      """
    let (outcome, scratch) = try Self.run(["m.yaml": Self.manifest(), "rules/t.yaml": typo], paths: ["m.yaml"], rules: ["rules"])
    let warnings = outcome.diagnostics.filter { $0.severity == .warning }
    #expect(warnings.map(\.code) == [.scopeValueUnused], "\(warnings)")
    #expect(warnings.first?.location?.file == scratch.path + "/rules/t.yaml")
    #expect(warnings.first?.hint == "did you mean 'messaging'?")
  }

  @Test func aRulePathNoManifestHasIsWarnedAtTheRuleWithTheNearestPath() throws {
    let (outcome, scratch) = try Self.run(["m.yaml": Self.manifest(capabilities: "{interop: {link: open}}"), "rules/t.yaml": Self.pack],
      paths: ["m.yaml"], rules: ["rules"])
    let warnings = outcome.diagnostics.filter { $0.code == .rulePathInNoManifest }
    #expect(warnings.count == 1, "\(outcome.diagnostics)")
    #expect(warnings.first?.location?.file == scratch.path + "/rules/t.yaml")
    #expect(warnings.first?.location?.line == 8)
    #expect(warnings.first?.hint == "did you mean 'interop.link'?")
  }

  @Test func aRuleForOtherPlatformsIsNotAskedForItsPaths() throws {
    let (outcome, _) = try Self.run(["m.yaml": Self.manifest(categories: "[search]", capabilities: "{other: x}"), "rules/t.yaml": Self.pack],
      paths: ["m.yaml"], rules: ["rules"])
    #expect(!outcome.diagnostics.contains { $0.code == .rulePathInNoManifest }, "\(outcome.diagnostics)")
  }

  @Test func allowDropsACodeAndStrictMakesTheRestErrors() throws {
    let files = ["m.yaml": Self.manifest(capabilities: "{interop: {link: open}}"), "rules/t.yaml": Self.pack]
    let (allowed, _) = try Self.run(files, paths: ["m.yaml"], rules: ["rules"], strict: true, allowed: ["w305"])
    #expect(!allowed.diagnostics.contains { $0.code == .rulePathInNoManifest }, "\(allowed.diagnostics)")
    let (strict, _) = try Self.run(files, paths: ["m.yaml"], rules: ["rules"], strict: true)
    let raised = try #require(strict.diagnostics.first { $0.code == .rulePathInNoManifest })
    #expect(raised.severity == .error)
    #expect(raised.description.contains(": error[W305]: capability path 'interop.links'"))
    #expect(ExitStatus.forRun(tally: strict.tally, diagnostics: strict.diagnostics, failOn: .none, strict: true) == ExitStatus.badInput)
  }
}
