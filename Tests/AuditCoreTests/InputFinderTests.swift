import Foundation
import Testing

@testable import AuditCore

/// Walking inputs: sorted, recursive, each file once, symlink loops survived.
@Suite struct InputFinderTests {
  @Test func walksSortedRecursivelyOnceEachAndSurvivesSymlinkLoops() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("audit-walk-\(UUID().uuidString)")
    let fm = FileManager.default
    try fm.createDirectory(at: root.appendingPathComponent("b/c"), withIntermediateDirectories: true)
    try fm.createDirectory(at: root.appendingPathComponent(".hidden"), withIntermediateDirectories: true)
    defer { try? fm.removeItem(at: root) }
    for name in ["b/c/z.yml", "b/a.yaml", "a.yaml", "notes.txt", ".hidden/h.yaml"] {
      try Data("kind: timeline\n".utf8).write(to: root.appendingPathComponent(name))
    }
    try fm.createSymbolicLink(atPath: root.appendingPathComponent("b/c/loop").path, withDestinationPath: root.path)
    try fm.createSymbolicLink(atPath: root.appendingPathComponent("dangling.yaml").path, withDestinationPath: "/nonexistent")
    let base = root.path
    let (files, diagnostics) = InputFinder.find([base, base + "/a.yaml"])
    #expect(files == [base + "/a.yaml", base + "/b/a.yaml", base + "/b/c/z.yml"])
    #expect(diagnostics.map(\.description) == ["\(base)/dangling.yaml: warning[W202]: broken symbolic link; skipped"])
  }

  @Test func aMissingPathIsAnError() {
    let (files, diagnostics) = InputFinder.find(["/nonexistent-dir"])
    #expect(files.isEmpty)
    #expect(diagnostics.map(\.description) == [
      "/nonexistent-dir: error: no such file or directory — check the path; directories are searched for *.yaml and *.yml"
    ])
  }
}
