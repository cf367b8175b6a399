import AuditReports
import AuditTestSupport
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `--output` is the user's directory: a run adds its report files and its manifest, and every
/// other entry — files, links (dangling, to a directory, to itself), private and setgid
/// subdirectories, a FIFO behind a link — keeps its `lstat` exactly: mode, owner, group, size,
/// modification time, inode and link target.
@Suite(.serialized) struct OutputDirectoryTests {
  let e2e = AuditBinary.fixtures.appendingPathComponent("e2e")

  /// What `lstat` says of an entry, with the link's target for a link.
  struct Entry: Equatable, CustomStringConvertible {
    var mode: UInt32
    var uid: UInt32
    var gid: UInt32
    var size: Int
    var mtime: [Int]
    var inode: UInt64
    var target: String?

    var description: String {
      "mode \(String(mode, radix: 8)) uid \(uid) gid \(gid) size \(size) mtime \(mtime) inode \(inode) -> \(target ?? "-")"
    }
  }

  /// Every entry under `root` by relative path, never following a link.
  static func snapshot(_ root: String) -> [String: Entry] {
    var out: [String: Entry] = [:]
    func walk(_ relative: String) {
      let path = relative.isEmpty ? root : root + "/" + relative
      var info = stat()
      guard lstat(path, &info) == 0 else { return }
      var target: String?
      if (info.st_mode & S_IFMT) == S_IFLNK { target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) }
      out[relative] = Entry(mode: info.st_mode, uid: info.st_uid, gid: info.st_gid, size: Int(info.st_size),
        mtime: [info.st_mtim.tv_sec, info.st_mtim.tv_nsec], inode: UInt64(info.st_ino), target: target)
      guard (info.st_mode & S_IFMT) == S_IFDIR else { return }
      for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] {
        walk(relative.isEmpty ? name : relative + "/" + name)
      }
    }
    walk("")
    return out
  }

  @Test func aRunChangesNothingInTheOutputButItsOwnFiles() throws {
    let scratch = try AuditBinary.Scratch()
    let fm = FileManager.default
    let out = scratch.url.appendingPathComponent("out").path
    let elsewhere = scratch.url.appendingPathComponent("elsewhere").path
    try fm.createDirectory(atPath: out + "/sub/deeper", withIntermediateDirectories: true)
    try fm.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
    #expect(mkfifo(elsewhere + "/fifo", 0o600) == 0)
    try fm.createSymbolicLink(atPath: out + "/dangling", withDestinationPath: "no/such/thing")
    try fm.createSymbolicLink(atPath: out + "/to-dir", withDestinationPath: "sub")
    try fm.createSymbolicLink(atPath: out + "/self", withDestinationPath: ".")
    try fm.createSymbolicLink(atPath: out + "/linked", withDestinationPath: elsewhere)
    try fm.createDirectory(atPath: out + "/private", withIntermediateDirectories: false)
    try Data("secret".utf8).write(to: URL(fileURLWithPath: out + "/private/key"))
    #expect(chmod(out + "/private", 0o700) == 0)
    try fm.createDirectory(atPath: out + "/group", withIntermediateDirectories: false)
    #expect(chmod(out + "/group", 0o2770) == 0)
    try Data("notes".utf8).write(to: URL(fileURLWithPath: out + "/notes.txt"))
    try Data("x".utf8).write(to: URL(fileURLWithPath: out + "/.hidden"))
    try Data("y".utf8).write(to: URL(fileURLWithPath: out + "/sub/deeper/report.md"))
    #expect(chmod(out, 0o750) == 0)
    let before = Self.snapshot(out)
    let scratchBefore = try fm.contentsOfDirectory(atPath: scratch.path).sorted()
    usleep(20_000)  // a rewritten entry would show a later mtime
    let run = try AuditBinary.run(["run", "manifests", "--rules", "rules", "--as-of", "2022-03-01",
      "--format", "markdown,html,json,csv,sarif,junit,oscal", "--output", out, "--fail-on", "none"], in: e2e)
    #expect(run.status == 0, "\(run.stderr)")
    let after = Self.snapshot(out)
    let added = Set(after.keys).subtracting(before.keys)
    #expect(added == ["report.md", "report.html", "results.json", "results.csv", "results.sarif", "junit.xml",
      "oscal-assessment-results.json", ".audit-set-run.json"])
    for (path, entry) in before where !path.isEmpty {
      #expect(after[path] == entry, "\(path): before \(entry), after \(after[path].map(\.description) ?? "gone")")
    }
    // The directory itself keeps its mode, owner and inode (its mtime moves: it has new entries).
    let (root, rootAfter) = (try #require(before[""]), try #require(after[""]))
    #expect([root.mode, root.uid, root.gid] == [rootAfter.mode, rootAfter.uid, rootAfter.gid])
    #expect(root.inode == rootAfter.inode)
    // Nothing was created beside it (no lock file, no staging copy).
    #expect(try fm.contentsOfDirectory(atPath: scratch.path).sorted() == scratchBefore)
    #expect(Self.snapshot(elsewhere).count == 2)
  }
}
