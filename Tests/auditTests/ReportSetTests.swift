import AuditReports
import AuditTestSupport
import Foundation
import Testing

/// The report set is replaced as a unit: `audit run` killed at random instants leaves the output
/// directory holding one complete set, old or new; concurrent runs serialise; leftovers go.
/// `AUDIT_KILL_RUNS` sets how many kills (the issue asks for 100; the default keeps the suite fast).
@Suite(.serialized) struct ReportSetTests {
  let e2e = AuditBinary.fixtures.appendingPathComponent("e2e")
  let dates = ["2022-03-01", "2022-03-02"]

  private func arguments(_ date: String, _ output: String) -> [String] {
    ["run", "manifests", "--rules", "rules", "--as-of", date, "--format", "markdown,html,json,csv",
     "--output", output, "--fail-on", "none"]
  }

  /// Every file of a directory, by name, but the temporary files of a run in progress (hidden,
  /// `.audit-tmp-*`, never a report's name).
  private func contents(_ directory: URL) -> [String: Data] {
    var out: [String: Data] = [:]
    for name in (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [] where !name.hasPrefix(".audit-tmp-") {
      out[name] = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path)
    }
    return out
  }

  /// The hashes the run manifest among `found` gives, by file name.
  private func manifest(_ found: [String: Data]) throws -> [String: String] {
    let data = try #require(found[".audit-set-run.json"])
    return try #require(ReportSetManifest.decode(data, kind: .run)).files
  }

  private func launch(_ arguments: [String]) throws -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: AuditBinary.path)
    process.arguments = arguments
    process.currentDirectoryURL = e2e
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    return process
  }

  @Test func aRunKilledAtAnyInstantLeavesOneCompleteSet() throws {
    let scratch = try AuditBinary.Scratch()
    var references: [[String: Data]] = []
    var slowest = 0.0
    for date in dates {
      let reference = scratch.url.appendingPathComponent("ref-\(date)")
      let start = Date()
      let run = try AuditBinary.run(arguments(date, reference.path), in: e2e)
      slowest = max(slowest, Date().timeIntervalSince(start))
      #expect(run.status == 0, "\(run.stderr)")
      references.append(contents(reference))
    }
    #expect(references[0] != references[1], "the two dates must give different sets")
    let output = scratch.url.appendingPathComponent("out")
    #expect(try AuditBinary.run(arguments(dates[0], output.path), in: e2e).status == 0)
    let kills = ProcessInfo.processInfo.environment["AUDIT_KILL_RUNS"].flatMap(Int.init) ?? 12
    for i in 0..<kills {
      let process = try launch(arguments(dates[(i + 1) % 2], output.path))
      usleep(UInt32.random(in: 0...UInt32(slowest * 1.2e6)))
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      let found = contents(output)
      // Never a half-written file: each is whole, the old run's or the new one's.
      for (name, data) in found {
        #expect(references.contains { $0[name] == data }, "after kill \(i + 1): \(name) is of neither run")
      }
      // A manifest that holds says one set, and then it is one set; else the reader knows.
      let hashes = try manifest(found)
      if hashes.allSatisfy({ found[$0.key].map(ReportSetManifest.sha256) == $0.value }) {
        #expect(references.contains(found), "after kill \(i + 1): the manifest holds for \(found.keys.sorted())")
      } else if found["results.json"].map(ReportSetManifest.sha256) != hashes["results.json"] {
        // `audit diff` reads results.json from the directory: it sees the mixture and says so.
        let results = output.appendingPathComponent("results.json").path
        let diff = try AuditBinary.run(["diff", results, results, "--format", "json",
          "--output", scratch.url.appendingPathComponent("d").path], in: e2e)
        #expect(diff.status == 2 && diff.stderr.contains("is not the one the report set"), "\(diff.stderr)")
      }
    }
    // The next run removes the temporary files that the killed runs left in the output.
    #expect(try AuditBinary.run(arguments(dates[1], output.path), in: e2e).status == 0)
    #expect(contents(output) == references[1])
    let left = try FileManager.default.contentsOfDirectory(atPath: output.path).filter { $0.hasPrefix(".audit-tmp-") }
    #expect(left.isEmpty, "\(left)")
    // Nothing beside the output either: no lock file, no staging directory.
    let beside = try FileManager.default.contentsOfDirectory(atPath: scratch.path).filter { !["out", "d"].contains($0) && !$0.hasPrefix("ref-") }
    #expect(beside.isEmpty, "\(beside)")
  }

  @Test func concurrentRunsIntoOneOutputSerialise() throws {
    let scratch = try AuditBinary.Scratch()
    var references: [[String: Data]] = []
    for date in dates {
      let reference = scratch.url.appendingPathComponent("ref-\(date)")
      #expect(try AuditBinary.run(arguments(date, reference.path), in: e2e).status == 0)
      references.append(contents(reference))
    }
    let output = scratch.url.appendingPathComponent("out")
    for _ in 0..<4 {
      let runs = try dates.map { try launch(arguments($0, output.path)) }
      runs.forEach { $0.waitUntilExit() }
      #expect(runs.map(\.terminationStatus) == [0, 0])
      #expect(references.contains(contents(output)))
    }
  }

  @Test func theWorkingDirectoryTakesTheReportsAndKeepsEverythingElse() throws {
    let scratch = try AuditBinary.Scratch()
    for directory in ["manifests", "rules"] {
      try FileManager.default.copyItem(at: e2e.appendingPathComponent(directory), to: scratch.url.appendingPathComponent(directory))
    }
    let run = try AuditBinary.run(["run", "manifests", "--rules", "rules", "--as-of", dates[0], "--format", "markdown,json",
      "--output", ".", "--fail-on", "none"], in: scratch.url)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(scratch.exists("manifests/wechat.yaml") && scratch.exists("rules/links.yaml"))
    #expect(scratch.exists("report.md") && scratch.exists("results.json") && scratch.exists(".audit-set-run.json"))
  }

  @Test func filesOfTheEarlierSetGoOnlyWhenItWroteThemAndAreNamed() throws {
    let scratch = try AuditBinary.Scratch()
    let output = scratch.url.appendingPathComponent("out")
    try FileManager.default.createDirectory(at: output.appendingPathComponent("2021-09-17"), withIntermediateDirectories: true)
    try Data("keep".utf8).write(to: output.appendingPathComponent("2021-09-17/report.md"))
    try Data("keep".utf8).write(to: output.appendingPathComponent("timeline.md"))
    // Not written by audit (no manifest names it): kept, although it has a report's name.
    try Data("mine".utf8).write(to: output.appendingPathComponent("oscal-assessment-results.json"))
    func run(_ formats: String) throws -> AuditBinary.Run {
      try AuditBinary.run(["run", "manifests", "--rules", "rules", "--as-of", dates[0], "--format", formats,
        "--output", output.path, "--fail-on", "none"], in: e2e)
    }
    let first = try run("markdown,html,json,csv")
    #expect(first.status == 0 && !first.stderr.contains("removed"), "\(first.stderr)")
    #expect(String(decoding: try Data(contentsOf: output.appendingPathComponent("oscal-assessment-results.json")), as: UTF8.self) == "mine")
    // The user changed report.html after the run: the next run, which writes no HTML, keeps it.
    try Data("edited".utf8).write(to: output.appendingPathComponent("report.html"))
    let second = try run("json")
    #expect(second.status == 0)
    #expect(second.stderr.contains("\(output.path)/report.md: note: removed: the previous run wrote it and this one did not"), "\(second.stderr)")
    #expect(second.stderr.contains("\(output.path)/results.csv: note: removed"))
    #expect(second.stderr.contains("\(output.path)/report.html: warning[W401]: kept: the previous run wrote it, this one did not, and it was changed since"))
    #expect(!scratch.exists("out/report.md") && !scratch.exists("out/results.csv"))
    for kept in ["out/report.html", "out/results.json", "out/timeline.md", "out/2021-09-17/report.md", "out/oscal-assessment-results.json"] {
      #expect(scratch.exists(kept), "\(kept)")
    }
  }

  @Test func timelineAndDiffDropTheirOwnEarlierFormatsAndNoOneElses() throws {
    let scratch = try AuditBinary.Scratch()
    let output = scratch.url.appendingPathComponent("out")
    let timeline = ["timeline", "manifests", "--rules", "rules", "--output", output.path]
    #expect(try AuditBinary.run(arguments(dates[0], output.path), in: e2e).status == 0)
    #expect(try AuditBinary.run(timeline + ["--format", "markdown,json"], in: e2e).status == 0)
    let again = try AuditBinary.run(timeline + ["--format", "json"], in: e2e)
    #expect(again.status == 0)
    #expect(again.stderr.contains("\(output.path)/timeline.md: note: removed: the previous timeline wrote it"), "\(again.stderr)")
    #expect(!scratch.exists("out/timeline.md") && scratch.exists("out/timeline.json") && scratch.exists("out/report.md"))
    let results = output.appendingPathComponent("results.json").path
    let diff = ["diff", results, results, "--output", output.path, "--fail-on", "none"]
    #expect(try AuditBinary.run(diff + ["--format", "markdown,json"], in: e2e).status == 0)
    let second = try AuditBinary.run(diff + ["--format", "html"], in: e2e)
    #expect(second.status == 0, "\(second.stderr)")
    #expect(second.stderr.contains("diff.md: note: removed: the previous diff wrote it"))
    #expect(!scratch.exists("out/diff.md") && scratch.exists("out/diff.html") && scratch.exists("out/report.md") && scratch.exists("out/timeline.json"))
  }

  @Test func aResultsFileThatIsNotTheOneOfItsSetIsRefused() throws {
    let scratch = try AuditBinary.Scratch()
    let (old, new) = (scratch.url.appendingPathComponent("old"), scratch.url.appendingPathComponent("new"))
    #expect(try AuditBinary.run(arguments(dates[0], old.path), in: e2e).status == 0)
    #expect(try AuditBinary.run(arguments(dates[1], new.path), in: e2e).status == 0)
    let diff = ["diff", old.appendingPathComponent("results.json").path, new.appendingPathComponent("results.json").path,
      "--format", "json", "--output", scratch.url.appendingPathComponent("d").path, "--fail-on", "none"]
    #expect(try AuditBinary.run(diff, in: e2e).status == 0)
    // As a run killed between its renames leaves it: the new results beside the old manifest.
    try FileManager.default.removeItem(at: old.appendingPathComponent("results.json"))
    try FileManager.default.copyItem(at: new.appendingPathComponent("results.json"), to: old.appendingPathComponent("results.json"))
    let mixed = try AuditBinary.run(diff, in: e2e)
    #expect(mixed.status == 2)
    #expect(mixed.stderr.contains("\(old.path)/results.json: error: results.json is not the one the report set in this directory names"), "\(mixed.stderr)")
  }

  @Test func aLinkedOutputIsWrittenThroughAndATildeIsADirectoryName() throws {
    let scratch = try AuditBinary.Scratch()
    let target = scratch.url.appendingPathComponent("target")
    try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(atPath: scratch.url.appendingPathComponent("link").path, withDestinationPath: "target")
    #expect(try AuditBinary.run(arguments(dates[0], "link"), in: scratch.url).status == 2)  // no manifests here: exit 2 before writing
    let run = try AuditBinary.run(arguments(dates[0], scratch.url.appendingPathComponent("link").path), in: e2e)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: scratch.url.appendingPathComponent("link").path) == "target")
    #expect(scratch.exists("target/report.md") && scratch.exists("target/.audit-set-run.json"))
    // `~` as a script passes it: a directory named `~` under the working directory.
    try FileManager.default.copyItem(at: e2e.appendingPathComponent("manifests"), to: scratch.url.appendingPathComponent("manifests"))
    try FileManager.default.copyItem(at: e2e.appendingPathComponent("rules"), to: scratch.url.appendingPathComponent("rules"))
    let tilde = try AuditBinary.run(arguments(dates[0], "~"), in: scratch.url)
    #expect(tilde.status == 0, "\(tilde.stderr)")
    #expect(scratch.exists("~/report.md"))
  }
}

/// An override template that includes itself stops the command with exit 2 and a located error,
/// never a crash (signal 11), and nothing is written.
@Suite struct TemplateCycleCommandTests {
  @Test(arguments: [
    (["report.md.mustache": "{{> report.md}}"], "report.md.mustache:1:1: error: templates include each other in a cycle: 'report.md' → 'report.md'"),
    (["html-head.mustache": "{{> html-style}}", "html-style.mustache": "{{> html-head}}"],
      "html-head.mustache:1:1: error: templates include each other in a cycle: 'html-head' → 'html-style' → 'html-head'"),
  ])
  func aCycleOfPartialsIsExitTwo(_ files: [String: String], _ message: String) throws {
    let scratch = try AuditBinary.Scratch()
    let templates = scratch.url.appendingPathComponent("templates")
    try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
    for (name, text) in files { try Data(text.utf8).write(to: templates.appendingPathComponent(name)) }
    let run = try AuditBinary.run(["run", "manifests", "--rules", "rules", "--as-of", "2022-03-01",
      "--templates", templates.path, "--output", scratch.url.appendingPathComponent("out").path],
      in: AuditBinary.fixtures.appendingPathComponent("e2e"))
    #expect(run.status == 2)
    #expect(run.stderr.contains(templates.path + "/" + message), "\(run.stderr)")
    #expect(!scratch.exists("out"))
  }
}
