import AuditCore
import Foundation
import Testing

/// `GIT-REV:PATH` against a git repository made for the test, and the other kinds of side.
@Suite struct DiffInputTests {
  /// A repository whose HEAD has the sample rules and messenger v2; v3 is written on top,
  /// uncommitted, so the work tree differs from HEAD.
  final class Repository {
    let root: String

    init() throws {
      root = FileManager.default.temporaryDirectory
        .appendingPathComponent("audit-diff-\(UUID().uuidString)").path
      try write("rules/rules.yaml", TimelineSamples.rules)
      try write("manifests/chat.yaml", TimelineSamples.v2)
      try write("manifests/others.yaml", TimelineSamples.others)
      try git("init", "-q")
      try git("add", ".")
      try git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "v2")
      try write("manifests/chat.yaml", TimelineSamples.v3)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    func write(_ path: String, _ text: String) throws {
      let url = URL(fileURLWithPath: root).appendingPathComponent(path)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: url)
    }

    @discardableResult
    func git(_ arguments: String...) throws -> String {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments = ["git"] + arguments
      process.currentDirectoryURL = URL(fileURLWithPath: root)
      let pipe = Pipe()
      process.standardOutput = pipe
      try process.run()
      let output = pipe.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      return String(decoding: output, as: UTF8.self)
    }

    var rules: [SourceFile] { DiffInput.readFiles([root + "/rules"]).files }
  }

  static let asOf = Day("2021-12-02")!

  @Test func gitRevisionAgainstTheWorkTree() throws {
    let repo = try Repository()
    let statusBefore = try repo.git("status", "--porcelain")
    let reader = GitReader(directory: repo.root)
    let old = DiffInput.load(.git(rev: "HEAD", path: "manifests"), rules: repo.rules, asOf: Self.asOf, git: reader)
    let new = DiffInput.load(.manifests(repo.root + "/manifests"), rules: repo.rules, asOf: Self.asOf)
    #expect(old.diagnostics.isEmpty, "\(old.diagnostics)")
    #expect(old.platforms.map { "\($0.id)@\($0.asOf) \($0.file)" } == [
      "chat@2021-09-17 HEAD:manifests/chat.yaml", "shop@2021-01-01 HEAD:manifests/others.yaml",
      "video@2021-01-01 HEAD:manifests/others.yaml",
    ])
    #expect(new.platforms.map { "\($0.id)@\($0.asOf)" } == ["chat@2021-11-29", "shop@2021-01-01", "video@2021-01-01"])
    let diff = try DiffDocument(old: old, new: new)
    // chat → video went from interstitial to copy_out: a regression.
    #expect(diff.entries.map { "\($0.platform)/\($0.counterparty ?? "-") \($0.change.rawValue)" } == [
      "chat/shop fix", "chat/video regression", "shop/chat unchanged", "shop/video unchanged",
      "video/chat unchanged", "video/shop unchanged",
    ])
    #expect(diff.summary.gatingBySeverity.high == 1)
    // Reading the revision touched neither the work tree nor the index.
    #expect(try repo.git("status", "--porcelain") == statusBefore)
    let text = try String(contentsOfFile: repo.root + "/manifests/chat.yaml", encoding: .utf8)
    #expect(text == TimelineSamples.v3)
  }

  @Test func gitRevisionOfAResultsFile() throws {
    let repo = try Repository()
    let side = DiffInput.load(.manifests(repo.root + "/manifests"), rules: repo.rules, asOf: Self.asOf)
    let workspace = Workspace.load(files: DiffInput.readFiles([repo.root + "/manifests"]).files + repo.rules)
    let evaluation = Engine(packs: workspace.packs, asOf: Self.asOf).evaluate(manifests: workspace.manifests)
    let json = String(decoding: try ResultsDocument(workspace: workspace, evaluation: evaluation).encoded(), as: UTF8.self)
    try repo.write("out/results.json", json)
    try repo.git("add", "out/results.json")
    try repo.git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "results")
    let fromGit = DiffInput.load(.git(rev: "HEAD", path: "out/results.json"), rules: [], asOf: Self.asOf,
      git: GitReader(directory: repo.root))
    #expect(fromGit.diagnostics.isEmpty, "\(fromGit.diagnostics)")
    #expect(try fromGit.allResults() == side.results)
  }

  @Test func unknownRevisionsAndPathsAreErrors() throws {
    let repo = try Repository()
    let reader = GitReader(directory: repo.root)
    let badRev = DiffInput.load(.git(rev: "no-such-branch", path: "manifests"), rules: repo.rules, asOf: Self.asOf, git: reader)
    #expect(badRev.diagnostics.map(\.description) == ["no-such-branch:manifests: error: unknown git revision 'no-such-branch' — name a commit, branch or tag, e.g. HEAD~1:manifests"])
    let badPath = DiffInput.load(.git(rev: "HEAD", path: "nowhere"), rules: repo.rules, asOf: Self.asOf, git: reader)
    #expect(badPath.diagnostics.first?.message == "no YAML files at 'nowhere' in HEAD")
    let option = DiffInput.load(.git(rev: "--output=x", path: "m"), rules: [], asOf: Self.asOf, git: reader)
    #expect(option.diagnostics.first?.message == "'--output=x' is not a git revision")
  }

  @Test func argumentsAreReadAsPathsFirst() throws {
    let repo = try Repository()
    #expect(DiffSource.parse(repo.root + "/manifests") == .manifests(repo.root + "/manifests"))
    #expect(DiffSource.parse("HEAD~1:manifests") == .git(rev: "HEAD~1", path: "manifests"))
    #expect(DiffSource.parse("origin/main:") == .git(rev: "origin/main", path: ""))
    #expect(DiffSource.parse("old/results.json") == .results("old/results.json"))
    #expect(DiffSource.parse(":manifests") == .manifests(":manifests"))
  }

  @Test func oneManifestsDirectoryAtTwoDates() throws {
    let ws = [("rules.yaml", TimelineSamples.rules), ("v1.yaml", TimelineSamples.v1), ("v3.yaml", TimelineSamples.v3), ("others.yaml", TimelineSamples.others)]
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("audit-dates-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    for (name, text) in ws { try Data(text.utf8).write(to: dir.appendingPathComponent(name)) }
    let old = DiffInput.load(.manifests(dir.path), rules: [], asOf: Day("2021-09-16")!)
    let new = DiffInput.load(.manifests(dir.path), rules: [], asOf: Day("2021-11-29")!)
    let diff = try DiffDocument(old: old, new: new)
    #expect(diff.old.platforms.first?.asOf.description == "2021-09-16")
    #expect(diff.new.platforms.first?.asOf.description == "2021-11-29")
    #expect(diff.entries.prefix(2).map { "\($0.counterparty ?? "-") \($0.change.rawValue) \($0.values.first?.before ?? "") → \($0.values.first?.after ?? "")" } == [
      "shop fix blocked → direct", "video unchanged blocked → copy_out",
    ])
  }
}
