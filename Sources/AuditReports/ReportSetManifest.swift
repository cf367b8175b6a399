import AuditCore
import Crypto
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Which command wrote a set of reports: each keeps its own manifest in the output directory, so
/// that `run`, `timeline` and `diff` may share one directory without taking each other's files.
public enum ReportSetKind: String, Sendable, CaseIterable {
  case run, timeline, diff, history

  /// The manifest's file name in the output directory (`.audit-set-run.json`).
  public var manifestName: String { ".audit-set-\(rawValue).json" }
}

/// The manifest of one report set, written last into the output directory: the files of the set
/// and the SHA-256 of each, and a set id that hashes them all. A reader that finds a file whose
/// hash differs knows that the directory does not hold one set (a run was interrupted between
/// its renames, or a file was changed since); the next run knows which files it wrote before.
public struct ReportSetManifest: Equatable, Sendable {
  public var kind: ReportSetKind
  /// Name → lowercase hex SHA-256, sorted by name when written.
  public var files: [String: String]

  public init(kind: ReportSetKind, files: [String: String]) {
    self.kind = kind
    self.files = files
  }

  /// The SHA-256 of the sorted `name  hash` lines: the same files give the same id, byte for byte.
  public var id: String {
    let lines = files.keys.sorted().map { "\($0)  \(files[$0] ?? "")\n" }.joined()
    return Self.hex(SHA256.hash(data: Data(lines.utf8)))
  }

  /// The manifest's bytes: keys in a fixed order, one file per line, a final newline.
  public var encoded: Data {
    let entries = files.keys.sorted().map { name in
      "    {\"name\": \(Self.quoted(name)), \"sha256\": \"\(files[name] ?? "")\"}"
    }
    let text = """
      {
        "format": "audit-report-set/1",
        "set": "\(kind.rawValue)",
        "id": "\(id)",
        "files": [
      \(entries.joined(separator: ",\n"))
        ]
      }

      """
    return Data(text.utf8)
  }

  /// Reads a manifest; `nil` when the bytes are not one (the writer then trusts none of it).
  public static func decode(_ data: Data, kind: ReportSetKind) -> ReportSetManifest? {
    guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      object["set"] as? String == kind.rawValue, let entries = object["files"] as? [[String: Any]]
    else { return nil }
    var files: [String: String] = [:]
    for entry in entries {
      guard let name = entry["name"] as? String, let hash = entry["sha256"] as? String,
        isPlainName(name), hash.count == 64
      else { return nil }
      files[name] = hash
    }
    return ReportSetManifest(kind: kind, files: files)
  }

  /// The manifest of `kind` in the directory open at `directory`, when there is a valid one.
  static func read(in directory: Int32, kind: ReportSetKind) -> ReportSetManifest? {
    guard let data = RegularFile.read(kind.manifestName, in: directory, limit: 1 << 22) else { return nil }
    return decode(data, kind: kind)
  }

  /// What a reader finds about `name` in the directory at `path`: whether a manifest of `kind`
  /// is there, and if so whether the file is the one it names (by hash).
  public enum Standing: Equatable, Sendable {
    case noManifest, notInSet, matches, differs
  }

  /// Checks the file `name` in the directory `path` against the manifest of `kind` there.
  public static func standing(of name: String, inDirectory path: String, kind: ReportSetKind) -> Standing {
    let fd = open(path.isEmpty ? "." : path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard fd >= 0 else { return .noManifest }
    defer { close(fd) }
    guard let manifest = read(in: fd, kind: kind) else { return .noManifest }
    guard let expected = manifest.files[name] else { return .notInSet }
    return RegularFile.sha256(name, in: fd) == expected ? .matches : .differs
  }

  /// Why the results file at `path` cannot be read as its directory's report set: the run
  /// manifest beside it names it with another hash (a run was interrupted between its renames,
  /// or the file changed since). `nil` when it matches, or when no manifest names it.
  public static func mismatch(ofResults path: String) -> Diagnostic? {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    let directory = path.contains("/") ? String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)]) : "."
    guard standing(of: name, inDirectory: directory.isEmpty ? "/" : directory, kind: .run) == .differs else { return nil }
    return Diagnostic(.error, file: path,
      "\(name) is not the one the report set in this directory names (\(ReportSetKind.run.manifestName) gives another SHA-256): a run into it was interrupted, or the file was changed since",
      hint: "run 'audit run' into that directory again, or pass a copy of the file from elsewhere")
  }

  /// A name the set may hold: one path component, not hidden, not `.` or `..`.
  static func isPlainName(_ name: String) -> Bool {
    !name.isEmpty && !name.hasPrefix(".") && !name.contains("/") && !name.contains("\0") && name.utf8.count <= 255
  }

  /// The SHA-256 of `data` in lowercase hex, as the manifest writes it.
  public static func sha256(_ data: Data) -> String { hex(SHA256.hash(data: data)) }

  static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
    digest.map { String(format: "%02x", $0) }.joined()
  }

  private static func quoted(_ text: String) -> String {
    let data = (try? JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])) ?? Data("[\"\"]".utf8)
    return String(decoding: data.dropFirst().dropLast(), as: UTF8.self)
  }
}

/// Reading regular files by name inside an open directory, never following a link, never
/// opening anything else (a FIFO, a device): what the set writer reads in the user's directory.
enum RegularFile {
  /// The file's descriptor, open for reading, or `nil` when `name` is not a regular file.
  static func open(_ name: String, in directory: Int32) -> Int32? {
    let fd = openat(directory, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    var info = stat()
    guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
      close(fd)
      return nil
    }
    return fd
  }

  /// The file's bytes, when it is a regular file of at most `limit` bytes.
  static func read(_ name: String, in directory: Int32, limit: Int) -> Data? {
    guard let fd = open(name, in: directory) else { return nil }
    defer { close(fd) }
    var data = Data()
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
      if n < 0 && errno == EINTR { continue }
      guard n >= 0 else { return nil }
      if n == 0 { return data }
      data.append(contentsOf: chunk[0..<n])
      if data.count > limit { return nil }
    }
  }

  /// The SHA-256 of the open file `fd` from its start, in hex; `nil` when it cannot be read.
  static func sha256(of fd: Int32) -> String? {
    var hasher = SHA256()
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    var offset: off_t = 0
    while true {
      let n = chunk.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, offset) }
      if n < 0 && errno == EINTR { continue }
      guard n >= 0 else { return nil }
      if n == 0 { return ReportSetManifest.hex(hasher.finalize()) }
      chunk.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
      offset += off_t(n)
    }
  }

  /// The SHA-256 of the regular file `name`, in hex.
  static func sha256(_ name: String, in directory: Int32) -> String? {
    guard let fd = open(name, in: directory) else { return nil }
    defer { close(fd) }
    return sha256(of: fd)
  }
}
