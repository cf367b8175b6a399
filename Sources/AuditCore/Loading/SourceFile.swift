import Crypto
import Foundation

/// One input file read from disk: its bytes' SHA-256 and its parsed YAML documents.
public struct SourceFile: Sendable {
  public var path: String
  public var sha256: String
  public var size: Int
  public var documents: [YAMLDocument]
  public var diagnostics: [Diagnostic]

  /// Reads, hashes and parses a file; problems become diagnostics, never crashes.
  public static func load(_ path: String, limits: YAMLLimits = .default) -> SourceFile {
    switch readBytes(path, limit: limits.maxFileBytes) {
    case .failure(let failure):
      return SourceFile(path: path, sha256: "", size: 0, documents: [], diagnostics: failure.diagnostics)
    case .success(let bytes):
      return parse(bytes, path: path, limits: limits)
    }
  }

  /// Hashes and parses bytes already in memory (for `GIT-REV:PATH` and tests).
  public static func parse(_ bytes: [UInt8], path: String, limits: YAMLLimits = .default) -> SourceFile {
    let digest = SHA256.hash(data: bytes).map { byte in
      let hex = String(byte, radix: 16)
      return byte < 16 ? "0" + hex : hex
    }.joined()
    guard bytes.count <= limits.maxFileBytes else {
      return SourceFile(path: path, sha256: digest, size: bytes.count, documents: [],
        diagnostics: [tooLarge(path, bytes.count, limits.maxFileBytes)])
    }
    let output = YAMLParser.parse(bytes, file: path, limits: limits)
    var diagnostics = output.diagnostics
    if output.documents.isEmpty && diagnostics.isEmpty {
      diagnostics.append(Diagnostic(.error, file: path, "the file has no YAML document",
        hint: "start it with 'kind:' (platform, rules, waivers or timeline)"))
    }
    return SourceFile(path: path, sha256: digest, size: bytes.count, documents: output.documents,
      diagnostics: diagnostics)
  }

  private static func tooLarge(_ path: String, _ size: Int, _ limit: Int) -> Diagnostic {
    Diagnostic(.error, file: path,
      "the file is \(megabytes(size)) MB; the limit is \(megabytes(limit)) MB",
      hint: "split it; manifests and rule packs are small")
  }

  private static func megabytes(_ bytes: Int) -> String {
    let tenths = (bytes * 10 + (1 << 19)) >> 20
    return "\(tenths / 10).\(tenths % 10)"
  }

  /// Reads a whole file with POSIX calls, refusing it before reading when it is over the limit.
  private static func readBytes(_ path: String, limit: Int) -> Swift.Result<[UInt8], DiagnosticError> {
    // O_NONBLOCK: a FIFO that slipped past the finder must not hang the open.
    let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard fd >= 0 else {
      return .failure(DiagnosticError(Diagnostic(.error, file: path, "cannot open: \(String(cString: strerror(errno)))")))
    }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else {
      return .failure(DiagnosticError(Diagnostic(.error, file: path, "cannot stat: \(String(cString: strerror(errno)))")))
    }
    guard info.st_mode & S_IFMT == S_IFREG else {
      return .failure(DiagnosticError(Diagnostic(.error, file: path, "not a regular file (a FIFO, device or socket); not read")))
    }
    let size = Int(info.st_size)
    guard size <= limit else { return .failure(DiagnosticError(tooLarge(path, size, limit))) }
    var bytes = [UInt8](repeating: 0, count: size)
    var offset = 0
    while offset < size {
      let n = bytes.withUnsafeMutableBytes { buffer -> Int in
        guard let base = buffer.baseAddress else { return 0 }
        return read(fd, base + offset, size - offset)
      }
      if n < 0 {
        if errno == EINTR { continue }
        return .failure(DiagnosticError(Diagnostic(.error, file: path, "cannot read: \(String(cString: strerror(errno)))")))
      }
      if n == 0 { break }
      offset += n
    }
    bytes.removeSubrange(offset...)
    return .success(bytes)
  }
}
