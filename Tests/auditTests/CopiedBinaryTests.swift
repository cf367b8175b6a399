import AuditTestSupport
import Foundation
import Testing

/// A copied `audit`, with no resource bundle beside it, still writes Markdown and HTML.
@Suite struct CopiedBinaryTests {
  @Test func aCopiedBinaryNeedsNoBundle() throws {
    let scratch = try AuditBinary.Scratch()
    let copy = scratch.url.appendingPathComponent("audit")
    try FileManager.default.copyItem(atPath: AuditBinary.path, toPath: copy.path)
    let process = Process()
    process.executableURL = copy
    process.arguments = ["run", "manifests", "--rules", "rules", "--as-of", "2021-12-01", "--format", "markdown,html",
      "--output", scratch.url.appendingPathComponent("out").path, "--fail-on", "none"]
    process.currentDirectoryURL = AuditBinary.fixtures.appendingPathComponent("e2e")
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    #expect(scratch.exists("out/report.md"))
    #expect(scratch.exists("out/report.html"))
  }
}
