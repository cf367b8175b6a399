import Foundation

/// Runs the built `audit` binary, found next to the test executable (`/proc/self/exe`).
public enum AuditBinary {
  /// What a run left: exit status and both streams.
  public struct Run: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
  }

  /// The package root.
  public static var packageRoot: URL { TestPaths.packageRoot }

  /// `Tests/Fixtures`.
  public static var fixtures: URL { TestPaths.fixtures }

  /// The binary: `AUDIT_BIN`, else `audit` next to the test executable.
  public static var path: String {
    if let path = ProcessInfo.processInfo.environment["AUDIT_BIN"] { return path }
    let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? ""
    return URL(fileURLWithPath: exe).deletingLastPathComponent().appendingPathComponent("audit").path
  }

  /// Runs `audit` with `arguments` in `directory`; `SOURCE_DATE_EPOCH` is cleared unless given.
  public static func run(
    _ arguments: [String], in directory: URL = packageRoot, environment: [String: String] = [:]
  ) throws -> Run {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var env = ProcessInfo.processInfo.environment
    env.removeValue(forKey: "SOURCE_DATE_EPOCH")
    env.merge(environment) { $1 }
    process.environment = env
    let (out, err) = (Pipe(), Pipe())
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Drain stderr on its own thread so that a full pipe never blocks the child.
    let errors = Box()
    let reader = Thread { errors.data = err.fileHandleForReading.readDataToEndOfFile() }
    reader.start()
    let output = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    while errors.data == nil { usleep(1000) }
    return Run(status: process.terminationStatus, stdout: String(decoding: output, as: UTF8.self),
      stderr: String(decoding: errors.data ?? Data(), as: UTF8.self))
  }

  /// A fresh directory that is removed when the test's value goes away.
  public final class Scratch {
    public let url = FileManager.default.temporaryDirectory.appendingPathComponent("audit-e2e-\(UUID().uuidString)")
    public init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
    deinit { try? FileManager.default.removeItem(at: url) }
    public var path: String { url.path }
    public func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: url.appendingPathComponent(name).path) }
  }

  private final class Box: @unchecked Sendable {
    var data: Data?
  }
}
