import AuditTestSupport
import Foundation
import Testing

/// The command line a user meets in a repository of their own: packs by name, `audit list`,
/// `audit init`, `.interop-audit.yaml`, `--output -`, format names, `check --format` and
/// completions. Every test runs the built binary in a scratch directory.
@Suite struct ProjectSetupTests {
  static let e2e = AuditBinary.fixtures.appendingPathComponent("e2e")

  /// A scratch directory holding the e2e fixture's manifests and, as `packs/demo`, its rules.
  private func project() throws -> AuditBinary.Scratch {
    let scratch = try AuditBinary.Scratch()
    try FileManager.default.copyItem(at: Self.e2e.appendingPathComponent("manifests"), to: scratch.url.appendingPathComponent("manifests"))
    try FileManager.default.createDirectory(at: scratch.url.appendingPathComponent("packs"), withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: Self.e2e.appendingPathComponent("rules"), to: scratch.url.appendingPathComponent("packs/demo"))
    return scratch
  }

  private func write(_ text: String, _ name: String, in scratch: AuditBinary.Scratch) throws {
    let url = scratch.url.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
  }

  private func json(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  @Test func aPackNamedOnAUDIT_RULES_PATHIsFoundAndAnUnknownNameSuggests() throws {
    let scratch = try project()
    let env = ["AUDIT_RULES_PATH": scratch.url.appendingPathComponent("packs").path]
    let run = try AuditBinary.run(["run", "manifests", "-r", "demo", "-d", "2021-12-01", "-f", "json", "-o", "out", "--fail-on", "none"],
      in: scratch.url, environment: env)
    #expect(run.status == 0, "\(run.stderr)")
    let results = try String(contentsOf: scratch.url.appendingPathComponent("out/results.json"), encoding: .utf8)
    #expect(results.contains("\"E2E-LINKS\""))
    let typo = try AuditBinary.run(["check", "manifests", "--rules", "demoo"], in: scratch.url, environment: env)
    #expect(typo.status == 2)
    #expect(typo.stderr.contains("--rules: error: 'demoo' is neither a file or directory nor the name of a rule pack"))
    #expect(typo.stderr.contains("did you mean 'demo'?"))
    #expect(typo.stderr.contains("packs found: cn-interop (") && typo.stderr.contains("demo (\(scratch.url.appendingPathComponent("packs/demo").path))"))
  }

  @Test func listShowsPacksObligationsOperatorsAndFormats() throws {
    let scratch = try project()
    let env = ["AUDIT_RULES_PATH": scratch.url.appendingPathComponent("packs").path]
    let packs = try AuditBinary.run(["list", "packs", "--format", "json"], in: scratch.url, environment: env)
    #expect(packs.status == 0, "\(packs.stderr)")
    let rows = try #require(try json(packs.stdout)["packs"] as? [[String: Any]])
    let demo = try #require(rows.first { $0["name"] as? String == "demo" })
    #expect(demo["obligations"] as? Int == 4)
    #expect(demo["path"] as? String == scratch.url.appendingPathComponent("packs/demo").path)
    #expect(rows.contains { $0["name"] as? String == "cn-interop" }, "the build tree's Rules/ is on the search path")
    let obligations = try AuditBinary.run(["list", "obligations", "-r", "demo"], in: scratch.url, environment: env)
    #expect(obligations.stdout.split(separator: "\n").first?.hasPrefix("ID") == true)
    #expect(obligations.stdout.range(of: #"(?m)^E2E-LINKS\s+high\s+e2e\s+External links open in one-to-one chats$"#, options: .regularExpression) != nil)
    let operators = try AuditBinary.run(["list", "operators"], in: scratch.url)
    #expect(operators.stdout.range(of: #"(?m)^at_least\s+operator\s+\S"#, options: .regularExpression) != nil)
    #expect(operators.stdout.range(of: #"(?m)^all\s+combinator"#, options: .regularExpression) != nil)
    let formats = try json(try AuditBinary.run(["list", "formats", "-f", "JSON"], in: scratch.url).stdout)
    let sarif = try #require((formats["formats"] as? [[String: Any]])?.first { $0["name"] as? String == "sarif" })
    #expect(sarif["documents"] as? [String] == ["results", "diff"])
    #expect(sarif["standard_output"] as? Bool == true)
  }

  @Test func initWritesALayoutThatPassesCheckTestAndRunAndNeverOverwrites() throws {
    let scratch = try AuditBinary.Scratch()
    let made = try AuditBinary.run(["init", "proj"], in: scratch.url)
    #expect(made.status == 0, "\(made.stderr)")
    #expect(made.stdout.contains("audit test --strict"))
    let project = scratch.url.appendingPathComponent("proj")
    let check = try AuditBinary.run(["check", "--strict"], in: project)
    #expect(check.status == 0, "\(check.stderr)")
    #expect(check.stderr.contains("checked 2 files (1 platform manifest, 1 rule pack, 1 obligation, 2 examples)"))
    let test = try AuditBinary.run(["test", "--strict"], in: project)
    #expect(test.status == 0, "\(test.stderr)")
    #expect(test.stderr.contains("ran 2 examples of 1 obligation: 2 passed, 0 failed"))
    let run = try AuditBinary.run(["run"], in: project)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(FileManager.default.fileExists(atPath: project.appendingPathComponent("reports/results.json").path))
    let again = try AuditBinary.run(["init", "proj"], in: scratch.url)
    #expect(again.status == 2)
    #expect(again.stderr.contains("proj/.interop-audit.yaml: error: already exists"))
    #expect(again.stderr.contains("proj/manifests/example-platform.yaml: error: already exists"))
  }

  @Test func theConfigGivesDefaultsAndTheCommandLineOverridesThem() throws {
    let scratch = try project()
    try write("""
      paths: [../manifests]
      rules: [../packs/demo]
      as_of: 2021-12-01
      formats: [JSON]
      output: ../cfg-out
      fail_on: none
      """, "conf/audit.yaml", in: scratch)
    let configured = try AuditBinary.run(["run", "--config", "conf/audit.yaml"], in: scratch.url)
    #expect(configured.status == 0, "\(configured.stderr)")
    let results = try json(try String(contentsOf: scratch.url.appendingPathComponent("cfg-out/results.json"), encoding: .utf8))
    #expect(results["as_of"] as? String == "2021-12-01")
    #expect(!scratch.exists("cfg-out/report.md"))
    let overridden = try AuditBinary.run(["run", "--config", "conf/audit.yaml", "-d", "2021-11-30", "-o", "cli-out", "--fail-on", "low"], in: scratch.url)
    #expect(overridden.status == 1, "the command line's --fail-on low beats the config's none: \(overridden.stderr)")
    let cli = try json(try String(contentsOf: scratch.url.appendingPathComponent("cli-out/results.json"), encoding: .utf8))
    #expect(cli["as_of"] as? String == "2021-11-30")
    // Looked up in the current directory without --config; `audit check` then reads its paths and rules.
    try write("paths: [manifests]\nrules: [packs/demo]\n", ".interop-audit.yaml", in: scratch)
    let check = try AuditBinary.run(["check"], in: scratch.url)
    #expect(check.status == 0, "\(check.stderr)")
    #expect(check.stderr.contains("1 rule pack, 4 obligations"))
  }

  @Test func configErrorsAreLocatedWithSuggestions() throws {
    let scratch = try project()
    try write("paths: [manifests]\nfromat: [json]\nstrict: yes\nformats: [jsno]\n", ".interop-audit.yaml", in: scratch)
    let run = try AuditBinary.run(["run"], in: scratch.url)
    #expect(run.status == 2)
    #expect(run.stderr.contains(".interop-audit.yaml:2:1: error: unknown key 'fromat' in the config file — did you mean 'formats'?"))
    #expect(run.stderr.contains(".interop-audit.yaml:3:9: error: 'strict' must be true or false, found 'yes'"))
    #expect(run.stderr.contains(".interop-audit.yaml:4:11: error: unknown format 'jsno' in 'formats' — did you mean 'json'?"))
    let missing = try AuditBinary.run(["check", "--config", "nope.yaml"], in: scratch.url)
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("nope.yaml: error: no such config file"))
  }

  @Test func outputDashWritesOneStreamFormatToStandardOutput() throws {
    let scratch = try project()
    let run = try AuditBinary.run(["run", "manifests", "-r", "packs/demo", "-d", "2021-12-01", "-f", "json", "-o", "-", "--fail-on", "none"], in: scratch.url)
    #expect(run.status == 0, "\(run.stderr)")
    let document = try json(run.stdout)
    #expect((document["results"] as? [Any])?.isEmpty == false)
    #expect(!scratch.exists("-") && !scratch.exists("Reports"))
    let several = try AuditBinary.run(["run", "manifests", "-r", "packs/demo", "-o", "-"], in: scratch.url)
    #expect(several.status == 2)
    #expect(several.stderr.contains("--output: error: --output - writes one format to standard output, and 3 were asked for (markdown, html, json)"))
    let html = try AuditBinary.run(["run", "manifests", "-r", "packs/demo", "-f", "html", "-o", "-"], in: scratch.url)
    #expect(html.status == 2)
    #expect(html.stderr.contains("cannot write html to standard output"))
  }

  @Test func formatNamesIgnoreCaseTakeAliasesAndSuggestOnTypos() throws {
    let scratch = try project()
    let run = try AuditBinary.run(["run", "manifests", "-r", "packs/demo", "-d", "2021-12-01", "-f", "JSON,md", "--format", "htm", "-o", "out", "--fail-on", "none"], in: scratch.url)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(scratch.exists("out/results.json") && scratch.exists("out/report.md") && scratch.exists("out/report.html"))
    let typo = try AuditBinary.run(["run", "manifests", "-r", "packs/demo", "-f", "jsno"], in: scratch.url)
    #expect(typo.status == 2)
    #expect(typo.stderr.contains("unknown format 'jsno' (did you mean 'json'?)"))
  }

  @Test func checkPrintsItsDiagnosticsAsJSONAndSARIF() throws {
    let scratch = try project()
    try write("kind: platform\nid: Bad_Id\nas_of: 2021-12-01\n", "manifests/bad.yaml", in: scratch)
    try write("kind: waivers\nwaivers:\n  - {obligation: E2E-LINKS, platform: ghost, reason: r, approved_by: a, expires: 2030-01-01}\n",
      "manifests/ghost-waiver.yaml", in: scratch)
    let run = try AuditBinary.run(["check", "manifests", "packs", "--format", "json"], in: scratch.url)
    #expect(run.status == 2)
    let document = try json(run.stdout)
    #expect(document["schema"] as? String == "interop-audit/check/1")
    let first = try #require((document["diagnostics"] as? [[String: Any]])?.first { $0["file"] as? String == "manifests/bad.yaml" })
    #expect(first["line"] as? Int == 2 && first["column"] as? Int == 5 && first["severity"] as? String == "error")
    #expect((first["message"] as? String)?.contains("'id' must match") == true)
    #expect(first["code"] == nil, "an error has no warning code")
    let warning = try #require((document["diagnostics"] as? [[String: Any]])?.first { $0["file"] as? String == "manifests/ghost-waiver.yaml" })
    #expect(warning["severity"] as? String == "warning" && warning["code"] as? String == "W104")
    let sarif = try json(try AuditBinary.run(["check", "manifests", "packs", "-f", "sarif"], in: scratch.url).stdout)
    #expect(sarif["version"] as? String == "2.1.0")
    let results = try #require(((sarif["runs"] as? [[String: Any]])?.first)?["results"] as? [[String: Any]])
    let result = try #require(results.first { $0["level"] as? String == "error" })
    #expect(results.contains { $0["level"] as? String == "warning" && $0["ruleId"] as? String == "W104" })
    let physical = try #require(((result["locations"] as? [[String: Any]])?.first)?["physicalLocation"] as? [String: Any])
    #expect((physical["artifactLocation"] as? [String: Any])?["uri"] as? String == "manifests/bad.yaml")
    #expect((physical["region"] as? [String: Any])?["startLine"] as? Int == 2)
  }

  @Test func bashCompletesPathsAfterRunAndFormatNamesAfterFormat() throws {
    let scratch = try project()
    let script = try AuditBinary.run(["--generate-completion-script", "bash"], in: scratch.url)
    #expect(script.status == 0)
    try write(script.stdout, "audit.bash", in: scratch)
    func complete(_ words: [String]) throws -> [String] {
      let driver = """
        source ./audit.bash
        COMP_WORDS=(\(words.map { "'\($0)'" }.joined(separator: " ")))
        COMP_CWORD=\(words.count - 1)
        COMP_LINE="${COMP_WORDS[*]}"
        COMP_POINT=${#COMP_LINE}
        _audit "${COMP_WORDS[0]}" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
        printf '%s\\n' "${COMPREPLY[@]}"
        """
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/bin/bash")
      process.arguments = ["-c", driver]
      process.currentDirectoryURL = scratch.url
      let out = Pipe()
      process.standardOutput = out
      process.standardError = FileHandle.nullDevice
      try process.run()
      let data = out.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }
    #expect(try complete(["audit", "run", "manif"]).contains("manifests"))
    #expect(try complete(["audit", "run", "-f", "sa"]) == ["sarif"])
    #expect(try complete(["audit", "schema", "con"]) == ["config"])
    // Obligation ids come from the binary itself (the config's rules here), operators after them.
    try write("rules: [packs/demo]\n", ".interop-audit.yaml", in: scratch)
    #expect(try complete([AuditBinary.path, "explain", "E2E-W"]) == ["E2E-WALLET"])
    #expect(try complete([AuditBinary.path, "explain", "at_"]) == ["at_least", "at_most"])
  }
}
