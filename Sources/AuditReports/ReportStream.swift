import AuditCore
import Crypto
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A format that writes its results as they come (`audit run` streams them from the engine):
/// it begins with the header (everything the document says before its results), takes the
/// results batch by batch, and assembles its files when the run ends, from the finished
/// document (header and summary). Its `render` feeds the document's results through the same
/// stream, so both ways give the same bytes.
public protocol StreamingReportFormat: ReportFormat {
  /// Begins the output of a run whose results follow, in document order; `spools` holds what
  /// the results become.
  func stream(_ header: RunHeader, spools: SpoolStore) throws -> any ReportStream
}

/// One format's output in the making.
public protocol ReportStream: ResultConsumer {
  /// After the last result, with the finished document (no results: they went by): the files,
  /// whose parts may be spools.
  func finish(_ context: ReportContext) throws -> [ReportFile]
}

extension StreamingReportFormat {
  public func render(_ context: ReportContext) throws -> [ReportFile] {
    var header = context.document.header
    header.gate = context.gate
    let stream = try stream(header, spools: .memory)
    let results = context.document.results
    if !results.isEmpty { try stream.stage(results).commit() }
    return try stream.finish(context)
  }
}

/// Where streamed bytes wait for the end of the run: in memory (tests, `render`) or in
/// anonymous files under the system's temporary directory (`TMPDIR`). A spool's file has no name
/// (`O_TMPFILE`, or a name unlinked the moment it is made), so however the process ends —
/// SIGTERM, SIGINT, SIGKILL — nothing is left in `TMPDIR`, and there is no directory to remove.
public final class SpoolStore: @unchecked Sendable {
  private let directory: String?

  /// Spools in memory.
  public static var memory: SpoolStore { SpoolStore(directory: nil) }

  private init(directory: String?) { self.directory = directory }

  /// Spools in anonymous files under `TMPDIR` (else `/tmp`), which must be a writable directory;
  /// `audit-spool-PID-*` directories that runs of earlier versions left are removed first.
  public static func temporary() throws -> SpoolStore {
    let base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    removeLeftovers((base.hasSuffix("/") ? base : base + "/") + "audit-spool-")
    var info = stat()
    guard stat(base, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR, access(base, W_OK | X_OK) == 0 else {
      let reason = errno == 0 ? "not a writable directory" : String(cString: strerror(errno))
      throw DiagnosticError(Diagnostic(.error, file: base, "cannot use the temporary directory for the results: \(reason)",
        hint: "set TMPDIR to a writable directory with free space"))
    }
    return SpoolStore(directory: base)
  }

  /// Removes `audit-spool-PID-*` directories whose process no longer exists.
  private static func removeLeftovers(_ prefix: String) {
    let directory = URL(fileURLWithPath: prefix).deletingLastPathComponent().path
    let stem = URL(fileURLWithPath: prefix).lastPathComponent
    for entry in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] where entry.hasPrefix(stem) {
      guard let pid = Int32(entry.dropFirst(stem.count).prefix { $0 != "-" }), pid != getpid(),
        kill(pid, 0) != 0, errno == ESRCH
      else { continue }
      try? FileManager.default.removeItem(atPath: directory + "/" + entry)
    }
  }

  /// A new spool.
  public func make() throws -> Spool { Spool(path: directory) }
}

/// Bytes appended in order, kept in memory up to a megabyte and beyond that in a file.
public final class Spool: @unchecked Sendable {
  private let path: String?
  private var buffer = Data()
  private var fd: Int32 = -1
  /// Bytes appended so far.
  public private(set) var size = 0

  init(path: String?) { self.path = path }

  deinit { if fd >= 0 { close(fd) } }

  public var isEmpty: Bool { size == 0 }

  /// Appends bytes (from one thread at a time).
  public func append(_ data: Data) throws {
    guard !data.isEmpty else { return }
    buffer.append(data)
    size += data.count
    if path != nil, buffer.count >= 1 << 20 { try flush() }
  }

  private func flush() throws {
    guard let path, !buffer.isEmpty else { return }
    if fd < 0 {
      fd = Self.anonymousFile(in: path)
      guard fd >= 0 else { throw Self.failure(path, "cannot create") }
    }
    do {
      try Self.write(buffer, to: fd)
    } catch {
      throw Self.failure(path, "cannot write", code: (error as? POSIXError)?.code.rawValue ?? EIO)
    }
    buffer.removeAll(keepingCapacity: true)
  }

  /// Hands the bytes over in order, a chunk at a time.
  public func read(_ body: (Data) throws -> Void) throws {
    if fd >= 0, let path {
      try flush()
      var offset: off_t = 0
      var chunk = Data(count: 1 << 20)
      while true {
        let n = chunk.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, offset) }
        if n < 0 {
          if errno == EINTR { continue }
          throw Self.failure(path, "cannot read back")
        }
        if n == 0 { break }
        try body(n == chunk.count ? chunk : chunk.prefix(n))
        offset += off_t(n)
      }
    } else if !buffer.isEmpty {
      try body(buffer)
    }
  }

  /// Writes the bytes to the file `out` at its offset: a spool in a file is copied by the kernel
  /// (`copy_file_range`) where it can be, else read back a chunk at a time. With `releasing`,
  /// what has been copied is freed from the spool's file as the copy goes (its last use), so
  /// that a results file of many gigabytes never needs twice its size on disk.
  public func write(to out: Int32, releasing: Bool = false) throws {
    if fd >= 0, let copy = Self.copyFileRange {
      try flush()
      var offset: Int64 = 0
      let chunk = 64 << 20
      while offset < Int64(size) {
        let before = offset
        let n = copy(fd, &offset, out, nil, min(chunk, size - Int(offset)), 0)
        if n < 0 && errno == EINTR { continue }
        if n <= 0 {
          if offset == 0 && n < 0 && [ENOSYS, EXDEV, EINVAL, EOPNOTSUPP].contains(errno) { break }
          throw POSIXError(POSIXErrorCode(rawValue: n < 0 ? errno : EIO) ?? .EIO)
        }
        // FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE; where it is refused, the file simply stays.
        if releasing, let punch = Self.fallocate { _ = punch(fd, 0x02 | 0x01, before, offset - before) }
      }
      if offset == Int64(size) { return }
    }
    try read { try Self.write($0, to: out) }
  }

  /// Writes all of `data` to `out`.
  static func write(_ data: Data, to out: Int32) throws {
    try data.withUnsafeBytes { raw in
      var offset = 0
      while offset < raw.count {
        let n = Glibc.write(out, raw.baseAddress! + offset, raw.count - offset)
        if n < 0 {
          if errno == EINTR { continue }
          throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        offset += n
      }
    }
  }

  /// `fallocate` and `copy_file_range` (glibc 2.27 and later), which Swift's Glibc module
  /// declares only under _GNU_SOURCE.
  private static let fallocate = libcFunction("fallocate", as: (@convention(c) (Int32, Int32, Int64, Int64) -> Int32).self)
  private static let copyFileRange = libcFunction("copy_file_range",
    as: (@convention(c) (Int32, UnsafeMutablePointer<Int64>?, Int32, UnsafeMutablePointer<Int64>?, Int, UInt32) -> Int).self)

  /// A file in `directory` that has no name: `O_TMPFILE` where the file system has it, else a
  /// `mkstemp` name unlinked at once. -1 (errno set) when neither works.
  private static func anonymousFile(in directory: String) -> Int32 {
    let fd = open(directory, oTmpfile | O_RDWR | O_CLOEXEC, 0o600)
    if fd >= 0 { return fd }
    var template = Array("\(directory.hasSuffix("/") ? directory : directory + "/")audit-spool-XXXXXX".utf8CString)
    let named = mkstemp(&template)
    guard named >= 0 else { return -1 }
    template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
    _ = fcntl(named, F_SETFD, FD_CLOEXEC)
    return named
  }

  /// Linux's `O_TMPFILE` (`__O_TMPFILE | O_DIRECTORY`), which Swift's Glibc module does not import.
  private static let oTmpfile: Int32 = 0o20000000 | O_DIRECTORY

  private static func failure(_ path: String, _ what: String, code: Int32 = errno) -> DiagnosticError {
    DiagnosticError(Diagnostic(.error, file: path, "\(what) the results' temporary file: \(String(cString: strerror(code)))",
      hint: "set TMPDIR to a writable directory with free space"))
  }
}

extension ReportFile {
  /// Every byte of the file in order, a chunk at a time.
  public func read(_ body: (Data) throws -> Void) throws {
    for part in parts {
      switch part {
      case .bytes(let data): if !data.isEmpty { try body(data) }
      case .spool(let spool): try spool.read(body)
      }
    }
  }

  /// Writes the file's bytes to the open file `out`; with `releasing`, this is the spools' last
  /// use and their files shrink as they are copied.
  public func write(to out: Int32, releasing: Bool = false) throws {
    for part in parts {
      switch part {
      case .bytes(let data): try Spool.write(data, to: out)
      case .spool(let spool): try spool.write(to: out, releasing: releasing)
      }
    }
  }

  /// The file's size in bytes.
  public var size: Int {
    parts.reduce(0) { total, part in
      switch part {
      case .bytes(let data): total + data.count
      case .spool(let spool): total + spool.size
      }
    }
  }

  /// Lowercase hex SHA-256 of the file's bytes.
  public func sha256() throws -> String {
    var hasher = SHA256()
    try read { hasher.update(data: $0) }
    return hasher.finalize().map { String(format: "%02x", $0) }.joined()
  }
}

/// A C library function looked up at run time (`nil` where this libc lacks it), for those that
/// Swift's Glibc module does not declare.
func libcFunction<Function>(_ name: String, as type: Function.Type) -> Function? {
  guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
  return unsafeBitCast(symbol, to: type)
}

extension JSONSplice {
  /// The document with `entries` (encoded by `encodeEntries`) in its array, closed; the array
  /// stays `[]` when none came.
  func parts(with entries: Spool) -> [ReportFile.Part] {
    entries.isEmpty
      ? [.bytes(head), .bytes(JSONSplice.emptyClose), .bytes(tail)]
      : [.bytes(head), .spool(entries), .bytes(close), .bytes(tail)]
  }
}

/// A stream that encodes each batch into a few channels (one spool each) on any core, and
/// appends them in order; the format assembles its files from fixed text and the channels.
/// A channel may have a separator that every encoded entry starts with: the first one written
/// loses it (a comma before an array's first entry).
final class ChannelStream: ReportStream, @unchecked Sendable {
  /// What one batch adds to one channel.
  enum Entries: Sendable {
    /// Every byte, in order.
    case all(Data)
    /// Entries under keys, of which only the first under each key (in run order) is written: an
    /// entry that many results share (an OSCAL observation of a manifest) is written once.
    case once([(key: String, entry: Data)])
  }

  let channels: [Spool]
  private let separators: [Int]
  private var started: [Bool]
  /// The keys of `once` entries written so far, a set per channel: one key per shared entry, far
  /// fewer than the results.
  private var written: [Set<String>]
  private let encode: @Sendable ([Result]) throws -> [Entries]
  private let assemble: (ReportContext, [Spool]) throws -> [ReportFile]

  /// `separators[i]`: how many bytes of channel i's first entry to drop.
  init(
    spools: SpoolStore, separators: [Int], entries encode: @escaping @Sendable ([Result]) throws -> [Entries],
    assemble: @escaping (ReportContext, [Spool]) throws -> [ReportFile]
  ) throws {
    channels = try separators.map { _ in try spools.make() }
    self.separators = separators
    started = separators.map { _ in false }
    written = separators.map { _ in [] }
    self.encode = encode
    self.assemble = assemble
  }

  /// Channels whose batches are written whole.
  convenience init(
    spools: SpoolStore, separators: [Int], encode: @escaping @Sendable ([Result]) throws -> [Data],
    assemble: @escaping (ReportContext, [Spool]) throws -> [ReportFile]
  ) throws {
    try self.init(spools: spools, separators: separators, entries: { try encode($0).map(Entries.all) }, assemble: assemble)
  }

  func prepare(_ batch: [Result]) -> Swift.Result<[Entries], any Error> {
    Swift.Result { try encode(batch) }
  }

  func consume(_ batch: [Result], prepared encoded: Swift.Result<[Entries], any Error>) throws {
    for (i, entries) in try encoded.get().enumerated() {
      switch entries {
      case .all(let data): try append(data, to: i)
      case .once(let keyed):
        for (key, entry) in keyed where written[i].insert(key).inserted { try append(entry, to: i) }
      }
    }
  }

  private func append(_ data: Data, to i: Int) throws {
    guard !data.isEmpty else { return }
    try channels[i].append(started[i] ? data : data.dropFirst(separators[i]))
    started[i] = true
  }

  func finish(_ context: ReportContext) throws -> [ReportFile] { try assemble(context, channels) }
}
