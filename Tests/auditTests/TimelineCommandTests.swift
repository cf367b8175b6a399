import AuditTestSupport
import Foundation
import Testing

/// `audit timeline` end to end: files written, exit codes, stderr.
@Suite struct TimelineCommandTests {
  @Test func writesTheThreeFormatsAndExitsZero() throws {
    let out = try AuditBinary.Scratch()
    let run = try AuditBinary.run(["timeline", "Tests/Fixtures/timeline", "--output", out.path])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.isEmpty)
    #expect(run.stderr.contains("14 events: 5 from timeline files, 9 derived"))
    #expect(["timeline.md", "timeline.html", "timeline.json"].allSatisfy(out.exists))
  }

  @Test func filtersAndFormatsFromTheCommandLine() throws {
    let out = try AuditBinary.Scratch()
    let run = try AuditBinary.run(["timeline", "Tests/Fixtures/timeline", "--output", out.path,
      "--from", "2021", "--to", "2021-09-30", "--actor", "chat,nobody", "--format", "json"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(out.exists("timeline.json") && !out.exists("timeline.md"))
    let json = try String(contentsOfFile: out.path + "/timeline.json", encoding: .utf8)
    #expect(json.contains("\"from\": \"2021\""))
    #expect(json.contains("\"filtered_out\": 9"))
  }

  @Test func allowDropsAWarningAndStrictMakesItAnError() throws {
    let args = ["timeline", "Tests/Fixtures/timeline", "--actor", "chat,nobody", "--format", "json"]
    let plain = try AuditBinary.run(args + ["--output", try AuditBinary.Scratch().path])
    #expect(plain.status == 0, "\(plain.stderr)")
    #expect(plain.stderr.contains("warning[W502]"), "\(plain.stderr)")
    let allowed = try AuditBinary.run(args + ["--output", try AuditBinary.Scratch().path, "--allow", "W502"])
    #expect(allowed.status == 0, "\(allowed.stderr)")
    #expect(!allowed.stderr.contains("W502"), "\(allowed.stderr)")
    let strict = try AuditBinary.run(args + ["--output", try AuditBinary.Scratch().path, "--strict"])
    #expect(strict.status == 2, "\(strict.stderr)")
    #expect(strict.stderr.contains("error[W502]"), "\(strict.stderr)")
  }

  @Test(arguments: [
    (["--from", "2022", "--to", "2021"], "--from 2022 is after --to 2021"),
    (["--format", "sarif"], "unknown format 'sarif'"),
    (["--from", "2021-13"], "2021-13"),
  ])
  func badInvocationsExitTwo(arguments: [String], message: String) throws {
    let out = try AuditBinary.Scratch()
    let run = try AuditBinary.run(["timeline", "Tests/Fixtures/timeline", "--output", out.path] + arguments)
    #expect(run.status == 2)
    #expect(run.stderr.contains(message), "\(run.stderr)")
  }

  @Test func unreadableInputExitsTwoWithLocations() throws {
    let dir = try AuditBinary.Scratch()
    try Data("kind: timeline\nid: x\ntitle: t\nevents:\n  - date: 2021-02-30\n    type: block\n    actors: [a]\n    title: t\n    source: s\n".utf8)
      .write(to: dir.url.appendingPathComponent("bad.yaml"))
    let run = try AuditBinary.run(["timeline", dir.path, "--output", dir.path + "/out"])
    #expect(run.status == 2)
    #expect(run.stderr.contains("bad.yaml:5:11: error: 'date' must be YYYY, YYYY-MM or YYYY-MM-DD"), "\(run.stderr)")
    #expect(!dir.exists("out"))
  }
}
