import AuditCore
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Writes the files of one run as a unit: everything is rendered into a staging directory beside
/// `--output`, and the staged directory then replaces the old one in one step (Linux's
/// `renameat2(RENAME_EXCHANGE)`), so a reader — or a run killed at any instant — sees the old set
/// or the new set, never a mixture. A lock file beside the output serialises concurrent runs, and
/// staging directories left by killed runs are removed by the next run.
///
/// Entries of the old directory that are not part of the set (other commands' reports,
/// subdirectories) are carried over into the new one as hard links.
public enum ReportSetWriter {
  /// The files that `audit run` can write, as the formats name them: a new run drops those it did
  /// not write this time, so the set never mixes formats from two runs.
  public static var runReportNames: Set<String> { ReportFormats.fileNames(for: .results) }

  /// Replaces the set in `directory` with `files`; `owned` names older files of the same set that
  /// must go when this run did not write them. Failures are diagnostics naming the path.
  public static func write(_ files: [ReportFile], to directory: String, owning owned: Set<String> = []) throws(Diagnostic) {
    let output = URL(fileURLWithPath: directory, isDirectory: true).standardizedFileURL
    let parent = output.deletingLastPathComponent()
    let name = output.lastPathComponent
    // The whole directory is replaced: never the working directory or one that contains it.
    let real = InputFinder.realPath(output.path) ?? output.path
    let here = InputFinder.realPath(FileManager.default.currentDirectoryPath) ?? ""
    if output.path == "/" || here == real || here.hasPrefix(real.hasSuffix("/") ? real : real + "/") {
      throw Diagnostic(.error, file: directory, "the output directory contains the working directory; it is replaced as a whole",
        hint: "write reports into a directory of their own, e.g. --output Reports")
    }
    try attempt(directory, "cannot create the parent directory") {
      try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
    }
    let lock = try Lock(parent.appendingPathComponent(".\(name).lock").path)
    defer { lock.release() }
    removeLeftovers(in: parent, of: name)
    let staging = parent.appendingPathComponent(".\(name).staging-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    do {
      try stage(files, into: staging, carryingOver: output, dropping: owned.union(files.map(\.name)))
      try swap(staging, into: output)
    } catch {
      try? FileManager.default.removeItem(at: staging)
      throw error
    }
    // After the exchange the staging path holds the old set.
    try? FileManager.default.removeItem(at: staging)
  }

  private static func stage(
    _ files: [ReportFile], into staging: URL, carryingOver old: URL, dropping: Set<String>
  ) throws(Diagnostic) {
    let fm = FileManager.default
    try attempt(staging.path, "cannot create the staging directory") {
      try fm.createDirectory(at: staging, withIntermediateDirectories: false)
    }
    if let entries = try? fm.contentsOfDirectory(atPath: old.path) {
      for entry in entries where !dropping.contains(entry) {
        try attempt(old.appendingPathComponent(entry).path, "cannot carry over into the new report set") {
          try linkTree(old.appendingPathComponent(entry), to: staging.appendingPathComponent(entry))
        }
      }
    }
    for file in files {
      let url = staging.appendingPathComponent(file.name)
      try attempt(directoryPath(of: url, in: staging, old: old), "cannot write") {
        try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? fm.removeItem(at: url)  // a carried-over link must not be written through
        try write(file, to: url.path)
      }
    }
  }

  /// Writes a file's parts in order (a spooled part is copied by the kernel where it can be).
  private static func write(_ file: ReportFile, to path: String) throws {
    let fd = open(path, O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    defer { close(fd) }
    // The last use of the file's spools: they are released as they are copied.
    try file.write(to: fd, releasing: true)
  }

  /// The path a file will have once swapped in, for messages.
  private static func directoryPath(of url: URL, in staging: URL, old: URL) -> String {
    old.path + url.path.dropFirst(staging.path.count)
  }

  /// Hard links for files, new directories for directories (recursively).
  private static func linkTree(_ source: URL, to target: URL) throws {
    let fm = FileManager.default
    var isDirectory: ObjCBool = false
    guard fm.fileExists(atPath: source.path, isDirectory: &isDirectory) else { return }
    if isDirectory.boolValue {
      try fm.createDirectory(at: target, withIntermediateDirectories: false)
      for entry in try fm.contentsOfDirectory(atPath: source.path) {
        try linkTree(source.appendingPathComponent(entry), to: target.appendingPathComponent(entry))
      }
    } else if link(source.path, target.path) != 0 {
      try fm.copyItem(at: source, to: target)  // another file system, or no hard links
    }
  }

  /// Puts `staging` at `output` in one step: an atomic exchange when the output exists.
  private static func swap(_ staging: URL, into output: URL) throws(Diagnostic) {
    if rename(staging.path, output.path) == 0 { return }  // no old set (or an empty directory)
    if let exchange = renameExchange, exchange(AT_FDCWD, staging.path, AT_FDCWD, output.path, 2) == 0 { return }
    // No atomic exchange here: move the old set aside, then the new one in (a brief gap, never a mix).
    let aside = staging.path + ".old"
    guard rename(output.path, aside) == 0, rename(staging.path, output.path) == 0 else {
      throw Diagnostic(.error, file: output.path, "cannot replace the report set: \(String(cString: strerror(errno)))")
    }
    _ = rename(aside, staging.path)
  }

  /// `renameat2` looked up at run time (glibc 2.28 and later; Swift's Glibc module lacks it).
  private static let renameExchange = libcFunction("renameat2",
    as: (@convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32).self)

  /// Removes staging directories of runs that were killed (we hold the lock, so none is live).
  private static func removeLeftovers(in parent: URL, of name: String) {
    let prefix = ".\(name).staging-"
    for entry in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? [] where entry.hasPrefix(prefix) {
      try? FileManager.default.removeItem(at: parent.appendingPathComponent(entry))
    }
  }

  private static func attempt(_ path: String, _ what: String, _ body: () throws -> Void) throws(Diagnostic) {
    do {
      try body()
    } catch {
      // The system's reason in words (`No such file or directory`), never a Foundation error dump.
      let reason = OutputDirectory.posixReason(error).map { ": \($0)" } ?? ""
      throw Diagnostic(.error, file: path, "\(what)\(reason)",
        hint: "check that --output is in a writable directory with free space")
    }
  }

  /// An exclusive `flock` on a lock file beside the output; a second run waits for the first.
  private struct Lock {
    let fd: Int32

    init(_ path: String) throws(Diagnostic) {
      fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
      guard fd >= 0 else {
        throw Diagnostic(.error, file: path, "cannot create the lock file: \(String(cString: strerror(errno)))")
      }
      while flock(fd, LOCK_EX) != 0 {
        guard errno == EINTR else {
          let reason = String(cString: strerror(errno))
          close(fd)
          throw Diagnostic(.error, file: path, "cannot lock the output: \(reason)")
        }
      }
    }

    func release() {
      flock(fd, LOCK_UN)
      close(fd)
    }
  }
}
