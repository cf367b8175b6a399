import AuditCore
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Writes the files of one run into the user's `--output` directory and touches nothing else
/// there. Under an exclusive `flock` on the directory itself (no lock file), every file is first
/// written in full to a hidden temporary file beside its place and `fsync`ed; then each is renamed
/// over its name; then the set's manifest (`ReportSetManifest`: each file's SHA-256) is renamed
/// into place last. A run killed at any instant leaves every report file whole — the old one or
/// the new one — and a manifest whose hashes say whether the files are one set; temporary files of
/// killed runs are removed by the next run. Other entries of the directory (files, links,
/// subdirectories, mount points) are never opened, listed into, moved or re-created, and the
/// directory keeps its mode and owner. A file an earlier run of the same command wrote (its
/// manifest says so, and its hash still matches) that this run does not write is removed, and
/// named in the outcome; one changed since is kept, and named too.
public enum ReportSetWriter {
  /// What a write did besides writing the set: files of the earlier set it removed or kept.
  public struct Outcome: Equatable, Sendable {
    /// Files the earlier set held, unchanged since, that this set does not: removed.
    public var removed: [String] = []
    /// Files the earlier set held that this one does not, changed since the earlier run: kept.
    public var kept: [String] = []
  }

  /// The prefix of the temporary files a run writes into the output directory.
  static let temporaryPrefix = ".audit-tmp-"

  /// Writes `files` into `directory` as the set `kind`. Failures are diagnostics naming the path.
  public static func write(_ files: [ReportFile], to directory: String, as kind: ReportSetKind) throws(DiagnosticError) -> Outcome {
    let fd = try OutputDirectory.open(directory)
    defer { close(fd) }
    try lock(fd, directory)
    defer { flock(fd, LOCK_UN) }
    removeLeftovers(in: fd)
    let previous = ReportSetManifest.read(in: fd, kind: kind)
    var staged: [(temporary: String, name: String)] = []
    do throws(DiagnosticError) {
      var hashes: [String: String] = [:]
      for file in files {
        let temporary = temporaryName(staged.count)
        staged.append((temporary, file.name))
        hashes[file.name] = try stage(in: fd, as: temporary, path: path(directory, file.name)) { try file.write(to: $0, releasing: true) }
      }
      let manifest = ReportSetManifest(kind: kind, files: hashes)
      let temporary = temporaryName(staged.count)
      staged.append((temporary, kind.manifestName))
      _ = try stage(in: fd, as: temporary, path: path(directory, kind.manifestName)) { try Spool.write(manifest.encoded, to: $0) }
      // Every file is whole on disk: now the renames, the manifest last.
      for entry in staged where renameat(fd, entry.temporary, fd, entry.name) != 0 {
        throw failure(path(directory, entry.name), "cannot put the report in place")
      }
      staged.removeAll()
      _ = fsync(fd)
    } catch {
      for entry in staged { _ = unlinkat(fd, entry.temporary, 0) }
      throw error
    }
    return dropStale(previous, keeping: Set(files.map(\.name)), in: fd, directory: directory)
  }

  /// Writes a temporary file through `body`, `fsync`s it and returns its SHA-256.
  private static func stage(in directory: Int32, as temporary: String, path: String, _ body: (Int32) throws -> Void) throws(DiagnosticError) -> String {
    let fd = openat(directory, temporary, O_CREAT | O_EXCL | O_RDWR | O_CLOEXEC | O_NOFOLLOW, 0o644)
    guard fd >= 0 else { throw failure(path, "cannot write") }
    defer { close(fd) }
    do {
      try body(fd)
    } catch {
      let code = (error as? POSIXError)?.code.rawValue ?? EIO
      throw failure(path, "cannot write", code: code)
    }
    guard fsync(fd) == 0 || errno == EINVAL else { throw failure(path, "cannot write") }
    guard let hash = RegularFile.sha256(of: fd) else { throw failure(path, "cannot read back") }
    return hash
  }

  /// Files of the earlier set that this one does not hold: removed when unchanged, else kept.
  private static func dropStale(_ previous: ReportSetManifest?, keeping current: Set<String>, in fd: Int32, directory: String) -> Outcome {
    var outcome = Outcome()
    guard let previous else { return outcome }
    for (name, hash) in previous.files.sorted(by: { $0.key < $1.key }) where !current.contains(name) {
      guard let found = RegularFile.sha256(name, in: fd) else { continue }
      if found == hash, unlinkat(fd, name, 0) == 0 {
        outcome.removed.append(path(directory, name))
      } else {
        outcome.kept.append(path(directory, name))
      }
    }
    return outcome
  }

  private static func temporaryName(_ index: Int) -> String {
    "\(temporaryPrefix)\(getpid())-\(UInt32.random(in: 0...UInt32.max))-\(index)"
  }

  /// `directory/name` as the user wrote `directory`, for messages.
  static func path(_ directory: String, _ name: String) -> String {
    (directory.hasSuffix("/") ? directory : directory + "/") + name
  }

  /// An exclusive `flock` on the directory itself: a second run into it waits for the first, and
  /// the lock goes with the process however it ends (no lock file is left anywhere).
  private static func lock(_ fd: Int32, _ directory: String) throws(DiagnosticError) {
    while flock(fd, LOCK_EX) != 0 {
      guard errno == EINTR else { throw failure(directory, "cannot lock the output directory") }
    }
  }

  /// Removes temporary files of runs that were killed (we hold the lock, so none is live). Only
  /// regular files with the tool's own prefix go; nothing else in the directory is looked at.
  private static func removeLeftovers(in fd: Int32) {
    let copy = dup(fd)
    guard copy >= 0, let stream = fdopendir(copy) else {
      if copy >= 0 { close(copy) }
      return
    }
    defer { closedir(stream) }
    var leftovers: [String] = []
    while let entry = readdir(stream) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
      if name.hasPrefix(temporaryPrefix) { leftovers.append(name) }
    }
    for name in leftovers {
      var info = stat()
      if fstatat(fd, name, &info, AT_SYMLINK_NOFOLLOW) == 0, (info.st_mode & S_IFMT) == S_IFREG {
        _ = unlinkat(fd, name, 0)
      }
    }
  }

  static func failure(_ path: String, _ what: String, code: Int32 = errno) -> DiagnosticError {
    DiagnosticError(Diagnostic(.error, file: path, "\(what): \(String(cString: strerror(code)))",
      hint: "check that --output is a writable directory with free space and nothing in the way"))
  }
}
