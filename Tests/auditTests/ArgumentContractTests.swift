import AuditTestSupport
import Foundation
import Testing

/// The command-line contract over every subcommand: option order never changes which files are
/// read (options that take several values never take the paths after them), and every failure
/// to write, to load templates or to resolve a git revision exits 2 with located one-line
/// messages and no library error text.
@Suite struct ArgumentContractTests {
  static let e2e = AuditBinary.fixtures.appendingPathComponent("e2e")

  /// One subcommand's equivalent invocations; `OUT` stands for a fresh output directory.
  struct Orders: Sendable, CustomStringConvertible {
    var name: String
    var invocations: [[String]]
    var description: String { name }
  }

  static let orders: [Orders] = [
    Orders(name: "run", invocations: [
      ["run", "manifests/douyin.yaml", "--rules", "rules", "--waivers", "manifests/waivers.yaml", "--as-of", "2021-12-01", "--format", "json", "--output", "OUT"],
      ["run", "--rules", "rules", "manifests/douyin.yaml", "--waivers", "manifests/waivers.yaml", "--as-of", "2021-12-01", "--format", "json", "--output", "OUT"],
      ["run", "--waivers", "manifests/waivers.yaml", "manifests/douyin.yaml", "--rules=rules", "--format=json", "--output", "OUT", "--as-of", "2021-12-01"],
      ["run", "--format", "json", "--rules", "rules", "--waivers", "manifests/waivers.yaml", "--output", "OUT", "--as-of", "2021-12-01", "manifests/douyin.yaml"],
    ]),
    Orders(name: "run, two rule paths", invocations: [
      ["run", "manifests/douyin.yaml", "--rules", "rules/links.yaml", "--rules", "rules", "--as-of", "2021-12-01", "--format", "json", "--output", "OUT"],
      ["run", "--rules", "rules/links.yaml,rules", "manifests/douyin.yaml", "--as-of", "2021-12-01", "--format", "json", "--output", "OUT"],
    ]),
    Orders(name: "timeline", invocations: [
      ["timeline", "manifests/douyin.yaml", "--rules", "rules", "--format", "json", "--output", "OUT"],
      ["timeline", "--rules", "rules", "manifests/douyin.yaml", "--format", "json", "--output", "OUT"],
      ["timeline", "--actor", "douyin", "--rules", "rules", "manifests/douyin.yaml", "--format", "json", "--output", "OUT"],
    ]),
    Orders(name: "diff", invocations: [
      ["diff", "manifests/douyin.yaml", "manifests/taobao.yaml", "--rules", "rules", "--as-of", "2021-12-01", "--format", "json", "--output", "OUT"],
      ["diff", "--rules", "rules", "manifests/douyin.yaml", "manifests/taobao.yaml", "--as-of", "2021-12-01", "--format", "json", "--output", "OUT"],
      ["diff", "manifests/douyin.yaml", "--rules", "rules", "manifests/taobao.yaml", "--format", "json", "--as-of", "2021-12-01", "--output", "OUT"],
    ]),
    Orders(name: "check", invocations: [
      ["check", "manifests", "rules"],
      ["check", "--strict", "rules", "manifests"],
      ["check", "rules", "--strict", "manifests"],
    ]),
    Orders(name: "test", invocations: [
      ["test", "rules", "--verbose"],
      ["test", "--verbose", "rules"],
      ["test", "--strict", "--verbose", "rules/links.yaml"],
    ]),
    Orders(name: "explain", invocations: [
      ["explain", "E2E-LINKS", "--rules", "rules"],
      ["explain", "--rules", "rules", "E2E-LINKS"],
      ["explain", "--rules=rules/links.yaml", "E2E-LINKS"],
    ]),
  ]

  @Test(arguments: orders)
  func optionOrderNeverChangesWhatIsRead(_ orders: Orders) throws {
    var seen: [String] = []
    for invocation in orders.invocations {
      let out = try AuditBinary.Scratch()
      let run = try AuditBinary.run(invocation.map { $0 == "OUT" ? out.path : $0 }, in: Self.e2e)
      #expect(run.status != 2, "\(invocation): \(run.stderr)")
      seen.append(try Self.whatWasRead(orders.name, run: run, output: out.url))
    }
    #expect(!(seen.first ?? "").isEmpty, "\(orders.name) read nothing")
    #expect(Set(seen).count == 1, "\(orders.name): \(seen)")
  }

  @Test func theReportedBugReadsOnlyWhatWasNamed() throws {
    let out = try AuditBinary.Scratch()
    let run = try AuditBinary.run(["run", "--rules", "rules", "manifests/douyin.yaml", "--as-of", "2021-12-01",
      "--format", "json", "--output", out.path, "--fail-on", "none"], in: Self.e2e)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(try Self.inputs(out.url.appendingPathComponent("results.json")) == ["manifests/douyin.yaml", "rules/links.yaml"])
  }

  /// The paths listed under every `inputs` key of the JSON files written, or the streams for
  /// commands that write no files.
  static func whatWasRead(_ name: String, run: AuditBinary.Run, output: URL) throws -> String {
    let files = (try? FileManager.default.contentsOfDirectory(atPath: output.path))?.filter { $0.hasSuffix(".json") } ?? []
    guard !files.isEmpty else { return run.stdout + run.stderr }
    return try files.sorted().map { try inputs(output.appendingPathComponent($0)).joined(separator: ",") }.joined(separator: ";")
  }

  static func inputs(_ file: URL) throws -> [String] {
    var paths: [String] = []
    func walk(_ value: Any) {
      if let object = value as? [String: Any] {
        for (key, child) in object {
          if key == "inputs", let list = child as? [[String: Any]] {
            paths += list.compactMap { $0["path"] as? String }
          } else {
            walk(child)
          }
        }
      } else if let list = value as? [Any] {
        list.forEach(walk)
      }
    }
    walk(try JSONSerialization.jsonObject(with: Data(contentsOf: file)))
    return paths.sorted()
  }

  // MARK: - Failures after parsing

  /// A failure case: its name and the arguments for one subcommand, given a scratch directory.
  struct Failure: Sendable, CustomStringConvertible {
    var name: String
    var arguments: @Sendable (String) -> [String]
    var description: String { name }
  }

  static let commands: [(name: String, base: [String], template: String)] = [
    ("run", ["run", "manifests", "--rules", "rules", "--as-of", "2021-12-01", "--format", "markdown,json"], "report.md"),
    ("timeline", ["timeline", "manifests", "--rules", "rules", "--format", "markdown,json"], "timeline.md"),
    ("diff", ["diff", "manifests", "manifests", "--rules", "rules", "--as-of", "2021-12-01", "--format", "markdown,json"], "diff.md"),
  ]

  static var failures: [Failure] {
    var cases: [Failure] = []
    for command in commands {
      let base = command.base
      cases.append(Failure(name: "\(command.name): --output is a file") { dir in base + ["--output", dir + "/file"] })
      cases.append(Failure(name: "\(command.name): --output cannot be created") { dir in base + ["--output", readOnly(dir) + "/sub"] })
      cases.append(Failure(name: "\(command.name): --templates is missing") { dir in base + ["--output", dir + "/o", "--templates", dir + "/none"] })
      cases.append(Failure(name: "\(command.name): --templates is a file") { dir in base + ["--output", dir + "/o", "--templates", dir + "/file"] })
      cases.append(Failure(name: "\(command.name): a template does not parse") { dir in
        base + ["--output", dir + "/o", "--templates", brokenTemplates(dir, name: command.template)]
      })
      // A directory in the way of a report file is no failure any more: the set is staged and
      // swapped in whole (ReportSetTests), so the old entry is simply replaced.
    }
    cases.append(Failure(name: "diff: a git revision that does not resolve") { dir in
      ["diff", "no-such-revision:manifests", "manifests", "--rules", "rules", "--output", dir + "/o"]
    })
    cases.append(Failure(name: "diff: a results file that does not exist") { dir in
      ["diff", "nowhere/results.json", "manifests", "--rules", "rules", "--output", dir + "/o"]
    })
    return cases
  }

  @Test(arguments: failures)
  func everyFailureExitsTwoWithALocatedMessage(_ failure: Failure) throws {
    let scratch = try AuditBinary.Scratch()
    try Data("x".utf8).write(to: scratch.url.appendingPathComponent("file"))
    let run = try AuditBinary.run(failure.arguments(scratch.path), in: Self.e2e)
    #expect(run.status == 2, "\(failure): \(run.stderr)")
    let lines = run.stderr.split(separator: "\n").map(String.init)
    let errors = lines.filter { $0.contains(": error: ") }
    #expect(!errors.isEmpty, "\(failure): no error line in \(run.stderr)")
    for line in lines {
      #expect(Self.isLocated(line) || line.hasPrefix("audit: "), "\(failure): '\(line)' is not 'path[:line:column]: severity: message' in \(run.stderr)")
      for leak in ["Domain=", "NSCocoaErrorDomain", "ParserError", "Error(", "Optional("] {
        #expect(!line.contains(leak), "\(failure): library text in '\(line)'")
      }
    }
    #expect(!FileManager.default.fileExists(atPath: scratch.path + "/o"), "\(failure): wrote output")
  }

  /// `path[:line:column]: error|warning[W302]: message`.
  static func isLocated(_ line: String) -> Bool {
    line.range(of: #"^[^\s]+: (error|warning|note)(\[W[0-9]{3}\])?: \S"#, options: .regularExpression) != nil
  }

  /// A directory nobody may create entries in: mode 555, or under /proc for root (who ignores modes).
  static func readOnly(_ scratch: String) -> String {
    if getuid() == 0 { return "/proc/audit-contract-test" }
    let dir = scratch + "/read-only"
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    chmod(dir, 0o555)
    return dir
  }

  static func brokenTemplates(_ scratch: String, name: String) -> String {
    let dir = scratch + "/templates"
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    try? Data("{{#section}} never closed".utf8).write(to: URL(fileURLWithPath: dir + "/\(name).mustache"))
    return dir
  }
}
