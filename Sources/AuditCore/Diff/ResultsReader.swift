import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A results document (results/1 or results/2) read one result at a time, so that `audit diff`
/// never holds a document's JSON tree nor all its results: the file is mapped, a byte scanner
/// finds the top-level `results` array and the bounds of each of its entries, and each entry is
/// decoded on its own when the walk reaches it. Everything else (the header and the summary) is
/// decoded once, as a document whose results are empty.
public struct ResultsReader: Sendable {
  /// The document without its results.
  public let document: ResultsDocument
  private let data: Data
  /// The bytes between the results array's brackets.
  private let entries: Range<Int>
  private let path: String

  /// Whether `data` is a read-only mapping of the file, whose pages the walk may give back.
  private let mapped: Bool

  /// Reads the header of a document and finds its results; throws a located diagnostic for
  /// anything that is not a results document of a version this build reads. With `mapped`
  /// (`data` maps the file read-only), the pages of the results are given back to the system
  /// once scanned and again as the walk passes them: they are read from the file again when
  /// touched, so the process never holds a results file whole.
  public init(data: Data, path: String, mapped: Bool = false) throws {
    // A mapped file's pages are given back as the scan passes them too: the scan reads the
    // whole file, which must not be resident at once.
    let passing: ((Range<Int>) -> Void)? = mapped ? { Self.release($0, of: data) } : nil
    guard let array = Self.resultsArray(in: data, passing: passing) else {
      // Not one well-formed results array at the top: the whole-document decoder says why.
      _ = try ResultsDocument.decode(data, path: path)
      throw DiagnosticError(Diagnostic(.error, file: path, "results document has no 'results' array",
        hint: "pass a results.json written by 'audit run'"))
    }
    var header = Data(data[data.startIndex..<array.lowerBound])
    header.append(data[(array.upperBound)..<data.endIndex])
    document = try ResultsDocument.decode(header, path: path)
    self.data = data
    entries = array.lowerBound..<array.upperBound
    self.path = path
    self.mapped = mapped
    release(entries)
  }

  /// The file at `path` mapped read-only and private (so that `release` may drop its pages);
  /// `nil` when it cannot be opened or mapped (an empty file, a pipe).
  public static func map(_ path: String) -> Data? {
    #if canImport(Glibc)
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size > 0 else { return nil }
    let size = Int(info.st_size)
    guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED else { return nil }
    return Data(bytesNoCopy: base, count: size, deallocator: .custom { pointer, count in _ = munmap(pointer, count) })
    #else
    return nil
    #endif
  }

  /// Gives back the whole pages inside `range` (indices of `data`) when `data` maps the file.
  fileprivate func release(_ range: Range<Int>) {
    if mapped { Self.release(range, of: data) }
  }

  /// Gives back the whole pages of the file mapping `data` inside `range` (indices of `data`);
  /// the mapping stays valid and reads them from the file again when touched.
  private static func release(_ range: Range<Int>, of data: Data) {
    #if canImport(Glibc)
    data.withUnsafeBytes { raw in
      guard let base = raw.baseAddress else { return }
      let page = Int(sysconf(Int32(_SC_PAGESIZE)))
      let start = (Int(bitPattern: base) + range.lowerBound - data.startIndex + page - 1) / page * page
      let end = (Int(bitPattern: base) + range.upperBound - data.startIndex) / page * page
      guard end > start else { return }
      _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, MADV_DONTNEED)
    }
    #endif
  }

  /// The results in document order, one `next()` at a time.
  public func cursor() -> Cursor { Cursor(self) }

  /// Every result, in document order.
  public func all() throws -> [Result] {
    let cursor = cursor()
    var results: [Result] = []
    while let result = try cursor.next() { results.append(result) }
    return results
  }

  /// A position in the results array; each `next()` decodes one entry (`ResultEntryDecoder`).
  /// Throws at the first entry that does not decode, naming it and the key inside it.
  public final class Cursor {
    private let reader: ResultsReader
    private let decoder: ResultEntryDecoder
    private var position: Int
    private var index = 0
    /// Where the pages not yet given back start (a mapped reader's).
    private var released: Int

    init(_ reader: ResultsReader) {
      self.reader = reader
      position = reader.entries.lowerBound
      released = position
      decoder = ResultEntryDecoder(inputs: reader.document.inputs.map(\.path))
    }

    public func next() throws -> Result? {
      guard let range = ResultsReader.element(of: reader.data, from: &position, end: reader.entries.upperBound) else {
        return nil
      }
      defer { index += 1 }
      if position - released >= ResultsReader.releaseEvery {
        reader.release(released..<position)
        released = position
      }
      let decoded = reader.data.withUnsafeBytes { raw -> Swift.Result<Result, ResultEntryDecoder.Failure> in
        let bytes = raw.bindMemory(to: UInt8.self)
        let base = reader.data.startIndex
        do throws(ResultEntryDecoder.Failure) {
          return .success(try decoder.result(UnsafeBufferPointer(rebasing: bytes[(range.lowerBound - base)..<(range.upperBound - base)])))
        } catch {
          return .failure(error)
        }
      }
      switch decoded {
      case .success(let result): return result
      case .failure(let failure):
        let key = failure.location
        throw DiagnosticError(Diagnostic(.error, file: reader.path,
          "results document does not match \(reader.document.schema) at 'results[\(index)]\(key.isEmpty ? "" : key.hasPrefix("[") ? key : "." + key)': \(failure.what)",
          hint: "regenerate it with this version of 'audit run'"))
      }
    }
  }

  // MARK: - Scanning

  /// How many bytes the scan and the walk pass between two `release` calls.
  static let releaseEvery = 4 << 20

  private static let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
  @inline(__always) private static func opens(_ byte: UInt8) -> Bool { byte == 0x7B || byte == 0x5B }
  @inline(__always) private static func closes(_ byte: UInt8) -> Bool { byte == 0x7D || byte == 0x5D }

  /// The bytes inside the `[` … `]` of the root object's `results` key; `nil` when the root is
  /// not an object or has no such array. `passing` is told of each `releaseEvery` bytes the scan
  /// of the array has left behind (indices of `data`).
  static func resultsArray(in data: Data, passing: ((Range<Int>) -> Void)? = nil) -> Range<Int>? {
    data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Range<Int>? in
      let bytes = raw.bindMemory(to: UInt8.self)
      let base = data.startIndex
      var i = 0
      var depth = 0
      while i < bytes.count {
        let byte = bytes[i]
        if byte == quote {
          let start = i + 1
          i = endOfString(bytes, from: start)
          guard i < bytes.count else { return nil }
          if depth == 1, i - start == 7, String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self) == "results" {
            var j = i + 1
            while j < bytes.count, isSpace(bytes[j]) { j += 1 }
            guard j < bytes.count, bytes[j] == UInt8(ascii: ":") else { i += 1; continue }
            j += 1
            while j < bytes.count, isSpace(bytes[j]) { j += 1 }
            guard j < bytes.count, bytes[j] == UInt8(ascii: "[") else { return nil }
            let close = endOfContainer(bytes, from: j, passing: passing.map { tell in { tell((base + $0)..<(base + $1)) } })
            guard close < bytes.count else { return nil }
            return (base + j + 1)..<(base + close)
          }
        } else if opens(byte) {
          depth += 1
        } else if closes(byte) {
          depth -= 1
        }
        i += 1
      }
      return nil
    }
  }

  /// The range of the array entry at or after `position` (moved past it), before `end`; `nil`
  /// when there is none.
  static func element(of data: Data, from position: inout Int, end: Int) -> Range<Int>? {
    let base = data.startIndex
    return data.withUnsafeBytes { raw -> Range<Int>? in
      let bytes = raw.bindMemory(to: UInt8.self)
      var i = position - base
      let stop = end - base
      while i < stop, isSpace(bytes[i]) || bytes[i] == UInt8(ascii: ",") { i += 1 }
      guard i < stop else {
        position = base + stop
        return nil
      }
      let start = i
      if bytes[i] == quote {
        i = endOfString(bytes, from: i + 1) + 1
      } else if opens(bytes[i]) {
        i = endOfContainer(bytes, from: i) + 1
      } else {
        while i < stop, bytes[i] != UInt8(ascii: ","), !isSpace(bytes[i]) { i += 1 }
      }
      i = min(i, stop)
      position = base + i
      return (base + start)..<(base + i)
    }
  }

  /// The index of the quote that closes a string whose first byte is at `from`.
  private static func endOfString(_ bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
    var i = from
    while i < bytes.count {
      if bytes[i] == backslash {
        i += 2
        continue
      }
      if bytes[i] == quote { return i }
      i += 1
    }
    return bytes.count
  }

  /// The index of the bracket that closes the container opened at `from`; `passing`, when
  /// given, is told of each `releaseEvery` bytes scanned (from, to).
  private static func endOfContainer(
    _ bytes: UnsafeBufferPointer<UInt8>, from: Int, passing: ((Int, Int) -> Void)? = nil
  ) -> Int {
    var depth = 0
    var i = from
    var passed = from
    while i < bytes.count {
      if let passing, i - passed >= releaseEvery {
        passing(passed, i)
        passed = i
      }
      let byte = bytes[i]
      if byte == quote {
        i = endOfString(bytes, from: i + 1)
      } else if opens(byte) {
        depth += 1
      } else if closes(byte) {
        depth -= 1
        if depth == 0 { return i }
      }
      i += 1
    }
    return bytes.count
  }

  @inline(__always) private static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
  }
}
