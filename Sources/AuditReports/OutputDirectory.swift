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

  /// A failure to write `file` (a path under the output directory), in words.
  public static func diagnostic(for error: any Error, writing file: String) -> Diagnostic {
    if let diagnostic = error as? Diagnostic { return diagnostic }
    let reason = posixReason(error).map { ": \($0)" } ?? ""
    return Diagnostic(.error, file: file, "cannot write the report\(reason)",
      hint: "check that --output is a writable directory with free space")
  }

  /// The errno message underneath a Foundation error (`No space left on device`), when there is one.
  private static func posixReason(_ error: any Error) -> String? {
    var current: NSError? = error as NSError
    while let ns = current {
      if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
      current = ns.userInfo[NSUnderlyingErrorKey] as? NSError
    }
    if let cocoa = error as? CocoaError {
      switch cocoa.code {
      case .fileWriteOutOfSpace: return "no space left on device"
      case .fileWriteNoPermission: return "permission denied"
      case .fileWriteVolumeReadOnly: return "read-only file system"
      case .fileWriteFileExists: return "a file is in the way"
      default: return nil
      }
    }
    return nil
  }

  /// Writes `files` into `directory` through `ReportWriter`, turning any failure into a
  /// `DiagnosticError`; returns the paths written.
  public static func write(_ files: [ReportFile], to directory: String) throws -> [String] {
    if let problem = problem(directory) { throw DiagnosticError([problem]) }
    do {
      try ReportWriter.write(files, to: directory)
    } catch {
      throw DiagnosticError([diagnostic(for: error, writing: directory)])
    }
    return files.map { (directory.hasSuffix("/") ? directory : directory + "/") + $0.name }
  }
}
