import Foundation
import Testing

@testable import AuditCore

/// `.interop-audit.yaml` and the pack lookup: typed keys with located errors, paths relative to
/// the file, and names found on the search path in order.
@Suite struct ProjectConfigTests {
  let root = FileManager.default.temporaryDirectory.appendingPathComponent("audit-config-\(UUID().uuidString)")

  init() throws { try FileManager.default.createDirectory(at: root.appendingPathComponent("sub/rules"), withIntermediateDirectories: true) }

  private func write(_ text: String, to name: String) throws -> String {
    let url = root.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
    return url.path
  }

  private func load(_ path: String) -> (config: ProjectConfig?, diagnostics: [Diagnostic]) {
    ProjectConfig.load(path, formats: ["json", "markdown", "md"], languages: ["en", "zh"])
  }

  @Test func readsEveryKeyWithPathsRelativeToTheFile() throws {
    let path = try write("""
      paths: [manifests, /abs/m]
      rules: [rules, cn-interop, packs/x]
      waivers: [w.yaml]
      as_of: 2021-12-02
      fail_on: high
      strict: true
      lang: ZH
      formats: [JSON, md]
      output: out
      allow: [scope-empty]
      """, to: "sub/c.yaml")
    let (config, diagnostics) = load(path)
    #expect(diagnostics.isEmpty)
    let dir = root.appendingPathComponent("sub").path
    #expect(config?.paths == ["\(dir)/manifests", "/abs/m"])
    // rules/ exists beside the file, cn-interop does not (a name), packs/x has a slash (a path).
    #expect(config?.rules == ["\(dir)/rules", "cn-interop", "\(dir)/packs/x"])
    #expect(config?.waivers == ["\(dir)/w.yaml"])
    #expect(config?.asOf == Day("2021-12-02"))
    #expect(config?.failOn == .high)
    #expect(config?.strict == true)
    #expect(config?.lang == "zh")
    #expect(config?.formats == ["json", "md"])
    #expect(config?.output == "\(dir)/out")
    #expect(config?.allowedWarningCodes == ["scope-empty"])
  }

  @Test func unknownKeysAndWrongTypesAreLocatedWithSuggestions() throws {
    let path = try write("""
      paths: manifests
      fromats: [json]
      strict: yes
      fail_on: hihg
      formats: [jsno]
      """, to: "bad.yaml")
    let (config, diagnostics) = load(path)
    #expect(config == nil)
    let lines = diagnostics.map(\.description)
    #expect(lines.contains { $0.hasPrefix("\(path):1:8: error: 'paths' must be a list") && $0.contains("write [manifests]") })
    #expect(lines.contains { $0.hasPrefix("\(path):2:1: error: unknown key 'fromats'") && $0.contains("did you mean 'formats'?") })
    #expect(lines.contains { $0.hasPrefix("\(path):3:9: error: 'strict' must be true or false") })
    #expect(lines.contains { $0.hasPrefix("\(path):4:10: error: 'fail_on' must be one of") && $0.contains("did you mean 'high'?") })
    #expect(lines.contains { $0.hasPrefix("\(path):5:11: error: unknown format 'jsno'") && $0.contains("did you mean 'json'?") })
  }

  @Test func packNamesResolveInSearchOrderAndUnknownNamesSuggest() throws {
    let first = root.appendingPathComponent("first").path
    let second = root.appendingPathComponent("second").path
    for dir in ["\(first)/alpha", "\(second)/alpha", "\(second)/beta"] {
      try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }
    let locator = RulePackLocator(searchPath: [(first, "AUDIT_RULES_PATH"), (second, "installed")])
    #expect(locator.packs() == [.init(name: "alpha", path: "\(first)/alpha"), .init(name: "beta", path: "\(second)/beta")])
    #expect(try locator.resolve(["alpha", "beta", "some/path"]) == ["\(first)/alpha", "\(second)/beta", "some/path"])
    let failure = #expect(throws: DiagnosticError.self) { try locator.resolve(["alpah"]) }
    let text = failure?.diagnostics.first?.description ?? ""
    #expect(text.contains("did you mean 'alpha'?"))
    #expect(text.contains("packs found: alpha (\(first)/alpha), beta (\(second)/beta)"))
  }

  @Test func theStandardSearchPathFollowsTheExecutablesLinkToItsPrefix() throws {
    let prefix = root.appendingPathComponent("prefix")
    try FileManager.default.createDirectory(at: prefix.appendingPathComponent("lib/interop-audit"), withIntermediateDirectories: true)
    try FileManager.default.createDirectory(at: prefix.appendingPathComponent("bin"), withIntermediateDirectories: true)
    try Data().write(to: prefix.appendingPathComponent("lib/interop-audit/audit"))
    try FileManager.default.createSymbolicLink(atPath: prefix.appendingPathComponent("bin/audit").path, withDestinationPath: "../lib/interop-audit/audit")
    let locator = RulePackLocator.standard(environment: ["AUDIT_RULES_PATH": "/a::/b"], executable: prefix.appendingPathComponent("bin/audit").path)
    let real = prefix.resolvingSymlinksInPath().path
    #expect(locator.searchPath.map(\.directory) == ["/a", "/b", "\(real)/share/interop-audit/rules"])
  }
}
