import AuditCore
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The directory reports are written into (`--output`): checked before any work is done, and
/// every failure to write into it turned into a located `Diagnostic` (exit 2), never a
/// Foundation error's description.
public enum OutputDirectory {
  /// Why `directory` cannot take reports, or `nil` when it can (or can be created).
  public static func problem(_ directory: String) -> Diagnostic? {
    let manager = FileManager.default
    var isDirectory: ObjCBool = false
    if manager.fileExists(atPath: directory, isDirectory: &isDirectory) {
      guard isDirectory.boolValue else {
        return Diagnostic(.error, file: directory, "--output is an existing file, not a directory",
          hint: "choose a directory, or remove the file")
      }
      guard manager.isWritableFile(atPath: directory) else {
        return Diagnostic(.error, file: directory, "output directory is not writable",
          hint: "choose another --output, or change the directory's permissions")
      }
      return nil
    }
    // Walk up to the first part that exists: it must be a writable directory.
    var parent = URL(fileURLWithPath: directory).deletingLastPathComponent().path
    while !manager.fileExists(atPath: parent, isDirectory: &isDirectory) {
      let up = URL(fileURLWithPath: parent).deletingLastPathComponent().path
      if up == parent { break }
      parent = up
    }
    guard isDirectory.boolValue else {
      return Diagnostic(.error, file: directory, "cannot create the output directory: '\(parent)' is a file",
        hint: "choose another --output")
    }
    guard manager.isWritableFile(atPath: parent) else {
      return Diagnostic(.error, file: directory, "cannot create the output directory: '\(parent)' is not writable",
        hint: "choose another --output, or change that directory's permissions")
    }
    return nil
  }

  /// A failure to write `file` (a path under the output directory), in words: the path the
  /// error names, and the system's reason (`Is a directory`, `No space left on device`).
  public static func diagnostic(for error: any Error, writing file: String) -> Diagnostic {
    if let diagnostic = error as? Diagnostic { return diagnostic }
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

  /// Writes `files` into `directory` as one set (`ReportSetWriter`: staged, then swapped in),
  /// turning any failure into a `DiagnosticError`; returns the paths written. `owned` names the
  /// files of the same set that go when this run did not write them. Files meant for standard
  /// output (`--format github`) are neither written nor listed.
  public static func write(_ files: [ReportFile], to directory: String, owning owned: Set<String> = []) throws -> [String] {
    let files = files.filter { $0.destination == .files }
    guard !files.isEmpty else { return [] }
    if let problem = problem(directory) { throw DiagnosticError([problem]) }
    do {
      try ReportSetWriter.write(files, to: directory, owning: owned)
    } catch {
      throw DiagnosticError([error])
    }
    return files.map { (directory.hasSuffix("/") ? directory : directory + "/") + $0.name }
  }
}
