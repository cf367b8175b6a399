import Foundation
import Testing

@testable import AuditCore

/// Inputs an attacker or an unlucky user can leave in a manifests directory: symlinks that leave
/// the input roots, FIFOs, names that are not UTF-8, the same file reached two ways.
@Suite struct HostileInputTests {
  private func scratch() throws -> URL {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("audit-hostile-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root.appendingPathComponent("manifests/sub"), withIntermediateDirectories: true)
    return root
  }

  @Test func symlinksLeavingTheRootsAreNotReadAndNamedInAWarning() throws {
    let root = try scratch()
    defer { try? FileManager.default.removeItem(at: root) }
    let manifests = root.appendingPathComponent("manifests").path
    try Data("SECRET=hunter2\n".utf8).write(to: root.appendingPathComponent("secret.env"))
    try Data("kind: timeline\n".utf8).write(to: root.appendingPathComponent("manifests/sub/in.yaml"))
    try FileManager.default.createSymbolicLink(atPath: manifests + "/leak.yaml", withDestinationPath: "../secret.env")
    try FileManager.default.createSymbolicLink(atPath: manifests + "/passwd.yaml", withDestinationPath: "/etc/passwd")
    try FileManager.default.createSymbolicLink(atPath: manifests + "/inside.yaml", withDestinationPath: "sub/in.yaml")
    let (files, diagnostics) = InputFinder.find([manifests])
    #expect(files == [manifests + "/inside.yaml"])  // a link inside the roots is followed (once)
    #expect(diagnostics.map(\.description) == [
      "\(manifests)/leak.yaml: warning[W203]: symbolic link to a file outside the input paths; skipped, nothing of it was read — pass the target's directory as an input to read it",
      "\(manifests)/passwd.yaml: warning[W203]: symbolic link to a file outside the input paths; skipped, nothing of it was read — pass the target's directory as an input to read it",
    ])
    #expect(!diagnostics.description.contains("hunter2"))
  }

  @Test func aFifoIsSkippedWithoutOpeningIt() throws {
    let root = try scratch()
    defer { try? FileManager.default.removeItem(at: root) }
    let fifo = root.appendingPathComponent("manifests/x.yaml").path
    #expect(mkfifo(fifo, 0o644) == 0)
    let (files, diagnostics) = InputFinder.find([root.appendingPathComponent("manifests").path])
    #expect(files.isEmpty)
    #expect(diagnostics.map(\.description) == ["\(fifo): warning[W201]: a FIFO, not a regular file; skipped without opening it"])
    // Named directly, it is skipped too; and the reader itself refuses it without blocking.
    #expect(InputFinder.find([fifo]).files.isEmpty)
    #expect(SourceFile.load(fifo).diagnostics.map(\.message) == ["not a regular file (a FIFO, device or socket); not read"])
  }

  @Test func aNameThatIsNotUTF8IsAnErrorNotADrop() throws {
    let root = try scratch()
    defer { try? FileManager.default.removeItem(at: root) }
    let directory = root.appendingPathComponent("manifests").path
    let name: [UInt8] = Array((directory + "/caf").utf8) + [0xE9] + Array(".yaml".utf8) + [0]
    let fd = name.withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) }
    }
    #expect(fd >= 0)
    close(fd)
    let (files, diagnostics) = InputFinder.find([directory])
    #expect(files.isEmpty)
    #expect(diagnostics.map(\.description) == [
      "\(directory)/caf\u{FFFD}.yaml: error: the file name is not valid UTF-8; it was not read — rename it to UTF-8 (e.g. with convmv)"
    ])
  }

  @Test func theSameFileReachedTwoWaysIsOneInput() throws {
    let root = try scratch()
    defer { try? FileManager.default.removeItem(at: root) }
    try Data("kind: timeline\n".utf8).write(to: root.appendingPathComponent("manifests/a.yaml"))
    let (files, _) = InputFinder.find([root.path, root.path + "/manifests", root.path + "/./manifests/a.yaml"])
    #expect(files.count == 1)
  }

  @Test(arguments: ["!!python/object/apply:os.system", "!include"])
  func unknownTagsAreErrorsNamingTheTag(tag: String) {
    let output = YAMLParser.parse("v: \(tag) /etc/passwd\n", file: "f.yaml")
    #expect(output.diagnostics.map(\.message) == ["unknown tag '\(tag)'"])
  }
}
