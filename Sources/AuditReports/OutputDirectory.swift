import AuditCore
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The directory reports are written into (`--output`): checked before any work is done, and
/// every failure to write into it turned into a located `Diagnostic` (exit 2), never a
/// Foundation error's description.
public enum OutputDirectory {
  /// Why `directory` cannot take reports, or `nil` when it can (or can be created). The path is
  /// taken as given: `~` is a directory named `~` (only a shell expands it), and a link to a
  /// directory is that directory.
  public static func problem(_ directory: String) -> Diagnostic? {
    guard !directory.isEmpty else {
      return Diagnostic(.error, file: "--output", "the output directory is empty", hint: "give a directory, e.g. --output Reports")
    }
    var info = stat()
    if stat(directory, &info) == 0 {
      guard (info.st_mode & S_IFMT) == S_IFDIR else {
        return Diagnostic(.error, file: directory, "--output is an existing file, not a directory",
          hint: "choose a directory, or remove the file")
      }
      guard access(directory, W_OK | X_OK) == 0 else {
        return Diagnostic(.error, file: directory, "output directory is not writable",
          hint: "choose another --output, or change the directory's permissions")
      }
      return nil
    }
    // Walk up to the first part that exists: it must be a writable directory.
    var parent = directory
    while stat(parent, &info) != 0 {
      let up = parentPath(parent)
      if up == parent { break }
      parent = up
    }
    guard (info.st_mode & S_IFMT) == S_IFDIR else {
      return Diagnostic(.error, file: directory, "cannot create the output directory: '\(parent)' is a file",
        hint: "choose another --output")
    }
    guard access(parent, W_OK | X_OK) == 0 else {
      return Diagnostic(.error, file: directory, "cannot create the output directory: '\(parent)' is not writable",
        hint: "choose another --output, or change that directory's permissions")
    }
    return nil
  }

  /// `path` without its last component (`a/b` → `a`, `b` → `.`, `/a` → `/`), as written.
  static func parentPath(_ path: String) -> String {
    var trimmed = Substring(path)
    while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
    guard let slash = trimmed.lastIndex(of: "/") else { return "." }
    let head = trimmed[..<slash]
    return head.isEmpty ? "/" : String(head)
  }

  /// Opens `directory` (following a link to its target), creating it and any missing parents
  /// first; returns the descriptor the set writer works through.
  static func open(_ directory: String) throws(DiagnosticError) -> Int32 {
    let flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC
    var fd = Glibc.open(directory, flags)
    if fd < 0 && errno == ENOENT {
      try create(directory)
      fd = Glibc.open(directory, flags)
    }
    guard fd >= 0 else {
      if errno == ENOTDIR {
        throw DiagnosticError(Diagnostic(.error, file: directory, "--output is an existing file, not a directory", hint: "choose a directory, or remove the file"))
      }
      throw ReportSetWriter.failure(directory, "cannot open the output directory")
    }
    return fd
  }

  /// `mkdir -p`, component by component, on the path as written.
  private static func create(_ directory: String) throws(DiagnosticError) {
    var prefixes: [String] = []
    var current = directory
    var info = stat()
    while stat(current, &info) != 0 {
      prefixes.append(current)
      let up = parentPath(current)
      if up == current { break }
      current = up
    }
    for prefix in prefixes.reversed() where mkdir(prefix, 0o777) != 0 && errno != EEXIST {
      throw ReportSetWriter.failure(directory, "cannot create the output directory")
    }
  }

  /// A failure to write `file` (a path under the output directory), in words: the path the
  /// error names, and the system's reason (`Is a directory`, `No space left on device`).
  public static func diagnostic(for error: any Error, writing file: String) -> Diagnostic {
    if let failure = error as? DiagnosticError, let diagnostic = failure.diagnostics.first { return diagnostic }
    let ns = error as NSError
    let path = (ns.userInfo[NSFilePathErrorKey] as? String) ?? file
    let reason = posixReason(error).map { ": \($0)" } ?? ""
    return Diagnostic(.error, file: path, "cannot write\(reason)",
      hint: "check that --output is a writable directory with free space and nothing in the way")
  }

  /// The errno message underneath a Foundation error, when there is one.
  static func posixReason(_ error: any Error) -> String? {
    var current: (any Error)? = error
    var depth = 0
    while let error = current, depth < 4 {
      let ns = error as NSError
      if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
      current = ns.userInfo[NSUnderlyingErrorKey] as? any Error
      depth += 1
    }
    if let cocoa = error as? CocoaError {
      switch cocoa.code {
      case .fileWriteOutOfSpace: return "No space left on device"
      case .fileWriteNoPermission: return "Permission denied"
      case .fileWriteVolumeReadOnly: return "Read-only file system"
      default: return nil
      }
    }
    return nil
  }

  /// Writes `files` into `directory` as the set `kind` (`ReportSetWriter`), turning any failure
  /// into a `DiagnosticError`; returns the paths written and notes naming the files of an earlier
  /// set that were removed or kept. Files meant for standard output (`--format github`) are
  /// neither written nor listed.
  public static func write(_ files: [ReportFile], to directory: String, as kind: ReportSetKind) throws -> (written: [String], notes: [Diagnostic]) {
    let files = files.filter { $0.destination == .files }
    guard !files.isEmpty else { return ([], []) }
    if let problem = problem(directory) { throw DiagnosticError([problem]) }
    let outcome = try ReportSetWriter.write(files, to: directory, as: kind)
    let notes = outcome.removed.map {
      Diagnostic(.note, file: $0, "removed: the previous \(kind.rawValue) wrote it and this one did not")
    } + outcome.kept.map {
      Diagnostic(.warning, file: $0, "kept: the previous \(kind.rawValue) wrote it, this one did not, and it was changed since",
        hint: "remove it if it is no longer wanted", code: .outputFileKept)
    }
    return (files.map { ReportSetWriter.path(directory, $0.name) }, notes)
  }
}
