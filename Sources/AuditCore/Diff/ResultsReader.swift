import Foundation

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

  /// Reads the header of a document and finds its results; throws a located diagnostic for
  /// anything that is not a results document of a version this build reads.
  public init(data: Data, path: String) throws {
    guard let array = Self.resultsArray(in: data) else {
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

    init(_ reader: ResultsReader) {
      self.reader = reader
      position = reader.entries.lowerBound
      decoder = ResultEntryDecoder(inputs: reader.document.inputs.map(\.path))
    }

    public func next() throws -> Result? {
      guard let range = ResultsReader.element(of: reader.data, from: &position, end: reader.entries.upperBound) else {
        return nil
      }
      defer { index += 1 }
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

  private static let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
  @inline(__always) private static func opens(_ byte: UInt8) -> Bool { byte == 0x7B || byte == 0x5B }
  @inline(__always) private static func closes(_ byte: UInt8) -> Bool { byte == 0x7D || byte == 0x5D }

  /// The bytes inside the `[` … `]` of the root object's `results` key; `nil` when the root is
  /// not an object or has no such array.
  static func resultsArray(in data: Data) -> Range<Int>? {
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
            let close = endOfContainer(bytes, from: j)
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

  /// The index of the bracket that closes the container opened at `from`.
  private static func endOfContainer(_ bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
    var depth = 0
    var i = from
    while i < bytes.count {
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
