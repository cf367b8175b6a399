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

  /// Every file of a directory, by name.
  private func contents(_ directory: URL) -> [String: Data] {
    var out: [String: Data] = [:]
    for name in (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [] {
      out[name] = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path)
    }
    return out
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
      #expect(references.contains(found), "after kill \(i + 1): \(found.keys.sorted())")
    }
    // The next run removes the staging directories that the killed runs left beside the output.
    #expect(try AuditBinary.run(arguments(dates[1], output.path), in: e2e).status == 0)
    #expect(contents(output) == references[1])
    let left = try FileManager.default.contentsOfDirectory(atPath: scratch.path).filter { $0.contains("staging") }
    #expect(left.isEmpty, "\(left)")
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

  @Test func theWorkingDirectoryIsNeverReplaced() throws {
    let scratch = try AuditBinary.Scratch()
    for directory in ["manifests", "rules"] {
      try FileManager.default.copyItem(at: e2e.appendingPathComponent(directory), to: scratch.url.appendingPathComponent(directory))
    }
    let run = try AuditBinary.run(arguments(dates[0], "."), in: scratch.url)
    #expect(run.status == 2)
    #expect(run.stderr.contains(".: error: the output directory contains the working directory; it is replaced as a whole"))
    #expect(scratch.exists("manifests/wechat.yaml"))
  }

  @Test func otherFilesInTheOutputAreKeptAndStaleFormatsDropped() throws {
    let scratch = try AuditBinary.Scratch()
    let output = scratch.url.appendingPathComponent("out")
    try FileManager.default.createDirectory(at: output.appendingPathComponent("2021-09-17"), withIntermediateDirectories: true)
    try Data("keep".utf8).write(to: output.appendingPathComponent("2021-09-17/report.md"))
    try Data("keep".utf8).write(to: output.appendingPathComponent("timeline.md"))
    try Data("stale".utf8).write(to: output.appendingPathComponent("oscal-assessment-results.json"))
    #expect(try AuditBinary.run(arguments(dates[0], output.path), in: e2e).status == 0)
    #expect(scratch.exists("out/2021-09-17/report.md"))
    #expect(scratch.exists("out/timeline.md"))
    #expect(!scratch.exists("out/oscal-assessment-results.json"))
    #expect(scratch.exists("out/results.json"))
  }
}
