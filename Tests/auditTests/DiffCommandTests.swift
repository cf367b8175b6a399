import AuditTestSupport
import Foundation
import Testing

/// `audit diff` end to end: the exit codes that CI gates on, and each kind of side.
@Suite struct DiffCommandTests {
  static let fixture = ["Tests/Fixtures/diff/old", "Tests/Fixtures/diff/new", "--rules", "Tests/Fixtures/diff/rules.yaml",
    "--old-as-of", "2021-09-17", "--new-as-of", "2021-11-29"]

  @Test(arguments: [("low", Int32(1)), ("high", Int32(1)), ("critical", Int32(0)), ("none", Int32(0))])
  func aRegressionExitsOneAtOrAboveTheThreshold(failOn: String, status: Int32) throws {
    let out = try AuditBinary.Scratch()
    let run = try AuditBinary.run(["diff"] + Self.fixture + ["--output", out.path, "--fail-on", failOn])
    #expect(run.status == status, "\(run.stderr)")
    #expect(run.stdout.isEmpty)
    #expect(run.stderr.contains("1 regression (1 not waived), 1 fix, 6 new, 6 removed, 4 unchanged"))
    #expect(["diff.md", "diff.html", "diff.json"].allSatisfy(out.exists))
  }

  @Test func noRegressionExitsZero() throws {
    let out = try AuditBinary.Scratch()
    let run = try AuditBinary.run(["diff", "Tests/Fixtures/diff/new", "Tests/Fixtures/diff/new", "--rules",
      "Tests/Fixtures/diff/rules.yaml", "--as-of", "2021-11-29", "--output", out.path])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stderr.contains("0 regressions, 0 fixes, 0 new, 0 removed"))
  }

  @Test func anUnreadableSideExitsTwoAndWritesNothing() throws {
    let out = try AuditBinary.Scratch()
    let run = try AuditBinary.run(["diff", "Tests/Fixtures/diff/old", "no/such/dir", "--rules",
      "Tests/Fixtures/diff/rules.yaml", "--output", out.path + "/d"])
    #expect(run.status == 2)
    #expect(run.stderr.contains("no/such/dir: error: no such file or directory"), "\(run.stderr)")
    #expect(!out.exists("d"))
  }

  @Test func resultsFilesFromAuditRun() throws {
    let out = try AuditBinary.Scratch()
    for (side, date) in [("old", "2021-09-17"), ("new", "2021-11-29")] {
      let run = try AuditBinary.run(["run", "Tests/Fixtures/diff/\(side)", "--rules", "Tests/Fixtures/diff/rules.yaml",
        "--as-of", date, "--format", "json", "--output", "\(out.path)/\(side)", "--fail-on", "none"])
      #expect(run.status == 0, "\(run.stderr)")
    }
    let run = try AuditBinary.run(["diff", "\(out.path)/old/results.json", "\(out.path)/new/results.json",
      "--output", out.path + "/diff", "--format", "json"])
    #expect(run.status == 1, "\(run.stderr)")
    let json = try String(contentsOfFile: out.path + "/diff/diff.json", encoding: .utf8)
    #expect(json.contains("\"kind\": \"results\""))
  }

  @Test func aGitRevisionAgainstTheWorkTree() throws {
    let repo = try AuditBinary.Scratch()
    let fixtures = AuditBinary.packageRoot.appendingPathComponent("Tests/Fixtures/diff")
    try FileManager.default.copyItem(at: fixtures.appendingPathComponent("old"), to: repo.url.appendingPathComponent("manifests"))
    try FileManager.default.copyItem(at: fixtures.appendingPathComponent("rules.yaml"), to: repo.url.appendingPathComponent("rules.yaml"))
    try git(["init", "-q"], in: repo.url)
    try git(["add", "."], in: repo.url)
    try git(["-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "old"], in: repo.url)
    // The work tree moves on to the new snapshot, uncommitted.
    let manifests = repo.url.appendingPathComponent("manifests")
    try FileManager.default.removeItem(at: manifests)
    try FileManager.default.copyItem(at: fixtures.appendingPathComponent("new"), to: manifests)
    let run = try AuditBinary.run(["diff", "HEAD:manifests", "manifests", "--rules", "rules.yaml",
      "--old-as-of", "2021-09-17", "--new-as-of", "2021-11-29", "--output", "out", "--format", "json"], in: repo.url)
    #expect(run.status == 1, "\(run.stderr)")
    let json = try String(contentsOfFile: repo.path + "/out/diff.json", encoding: .utf8)
    #expect(json.contains("\"source\": \"HEAD:manifests\""))
    #expect(json.contains("\"file\": \"HEAD:manifests/chat.yaml\""))
    // The work tree still holds the new snapshot.
    #expect(FileManager.default.fileExists(atPath: repo.path + "/manifests/waivers.yaml"))
    let bad = try AuditBinary.run(["diff", "nope:manifests", "manifests", "--rules", "rules.yaml", "--output", "out2"], in: repo.url)
    #expect(bad.status == 2)
    #expect(bad.stderr.contains("nope:manifests: error: unknown git revision 'nope'"), "\(bad.stderr)")
  }

  private func git(_ arguments: [String], in directory: URL) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git"] + arguments
    process.currentDirectoryURL = directory
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
  }
}
