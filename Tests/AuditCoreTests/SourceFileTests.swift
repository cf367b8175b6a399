import Foundation
import Testing

@testable import AuditCore

/// Reading files: size limit before reading, hashing, empty files.
@Suite struct SourceFileTests {
  @Test func aFileOverTheSizeLimitIsRefusedBeforeItIsRead() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("audit-big-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("big.yaml")
    let line = Array("  key: a value that pads the file to fifty megabytes\n".utf8)
    var bytes = Array("kind: platform\ncapabilities:\n".utf8)
    bytes.reserveCapacity(50 << 20 + line.count)
    while bytes.count < 50 << 20 { bytes += line }
    try Data(bytes).write(to: url)
    let file = SourceFile.load(url.path)
    #expect(file.documents.isEmpty)
    #expect(file.diagnostics.map(\.description) == [
      "\(url.path): error: the file is 50.0 MB; the limit is 16.0 MB — split it; manifests and rule packs are small"
    ])
  }

  @Test func theHashIsTheSHA256OfTheBytes() {
    let file = SourceFile.parse(Array("kind: timeline\n".utf8), path: "t.yaml")
    #expect(file.sha256 == "1fea6b9d4190ab09f7d6777b2a786c506ae37505614453a8dc94571ac81659ef")
    #expect(SourceFile.parse(Array("".utf8), path: "e").sha256 == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
  }

  @Test func anEmptyFileIsAnError() {
    let file = SourceFile.parse([], path: "e.yaml")
    #expect(file.diagnostics.map(\.description) == [
      "e.yaml: error: the file has no YAML document — start it with 'kind:' (platform, rules, waivers or timeline)"
    ])
  }

  @Test func aMissingFileIsAnErrorNotACrash() {
    let file = SourceFile.load("/nonexistent/x.yaml")
    #expect(file.diagnostics.map(\.description) == ["/nonexistent/x.yaml: error: cannot open: No such file or directory"])
  }
}
