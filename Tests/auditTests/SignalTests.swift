import AuditTestSupport
import Foundation
import Testing

/// A run ended by SIGTERM or SIGINT (or SIGKILL) leaves nothing in `TMPDIR` — its spools have no
/// names — and holds no lock: the next run into the same output goes through and tidies up.
@Suite(.serialized) struct SignalTests {
  @Test(arguments: [SIGTERM, SIGINT, SIGKILL])
  func aSignalledRunLeavesNoSpoolAndNoLock(_ signal: Int32) throws {
    let scratch = try AuditBinary.Scratch()
    try StreamedRunTests.write(120, into: scratch.url)
    let spools = scratch.url.appendingPathComponent("tmp")
    try FileManager.default.createDirectory(at: spools, withIntermediateDirectories: true)
    let arguments = ["run", "manifests", "--rules", "rules", "--as-of", "2021-12-02", "--output", "out",
      "--format", "json,sarif,csv,markdown", "--fail-on", "none"]
    var seen: Set<String> = []
    for delay in [0.4, 1.2] {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: AuditBinary.path)
      process.arguments = arguments
      process.currentDirectoryURL = scratch.url
      process.environment = ProcessInfo.processInfo.environment.merging(["TMPDIR": spools.path]) { $1 }
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      let start = Date()
      // Looked at while it runs: no spool file or directory ever has a name.
      while process.isRunning, Date().timeIntervalSince(start) < delay {
        seen.formUnion(try FileManager.default.contentsOfDirectory(atPath: spools.path))
        usleep(5_000)
      }
      kill(process.processIdentifier, signal)
      process.waitUntilExit()
      #expect(try FileManager.default.contentsOfDirectory(atPath: spools.path).isEmpty)
    }
    #expect(seen.isEmpty, "\(seen.sorted())")
    // No lock is left held: the next run finishes, and removes what the killed ones left.
    let run = try AuditBinary.run(arguments, in: scratch.url, environment: ["TMPDIR": spools.path])
    #expect(run.status == 0, "\(run.stderr)")
    let left = try FileManager.default.contentsOfDirectory(atPath: scratch.url.appendingPathComponent("out").path)
    #expect(left.sorted() == [".audit-set-run.json", "report.md", "results.csv", "results.json", "results.sarif"])
  }
}
