/// A place in an input file, 1-based, as editors and compilers print it.
public struct SourceLocation: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var column: Int

  public init(file: String, line: Int, column: Int) {
    self.file = file
    self.line = line
    self.column = column
  }

  /// `path:line:column`, the form that editors and CI annotate.
  public var description: String { "\(file):\(line):\(column)" }

  public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
    (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
  }
}

extension SourceLocation {
  enum CodingKeys: String, CodingKey { case file, line, column }

  /// Reads `{file, line, column}` (results/1 and every other document) or results/2's
  /// `[input, line, column]`, whose input is an index into the inputs table that the decoder's
  /// `InputTable.userInfoKey` holds (or the path itself, for a file that is not an input).
  public init(from decoder: any Decoder) throws {
    if let keyed = try? decoder.container(keyedBy: CodingKeys.self) {
      self.init(file: try keyed.decode(String.self, forKey: .file), line: try keyed.decode(Int.self, forKey: .line),
        column: try keyed.decode(Int.self, forKey: .column))
      return
    }
    var tuple = try decoder.unkeyedContainer()
    let file: String
    if let index = try? tuple.decode(Int.self) {
      let paths = (decoder.userInfo[InputTable.userInfoKey] as? InputTable.Reading)?.paths ?? []
      guard paths.indices.contains(index) else {
        throw DecodingError.dataCorruptedError(in: tuple, debugDescription: "input \(index) is not in the inputs table")
      }
      file = paths[index]
    } else {
      file = try tuple.decode(String.self)
    }
    self.init(file: file, line: try tuple.decode(Int.self), column: try tuple.decode(Int.self))
  }
}

/// results/2's inputs table: the index of each input's path, for locations written
/// `[input, line, column]` instead of repeating the path in every check.
public struct InputTable: Sendable, Hashable {
  public let paths: [String]
  public let index: [String: Int]

  public init(_ paths: [String]) {
    self.paths = paths
    index = Dictionary(paths.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
  }

  /// Where a decoder finds the table while it reads a results/2 document: filled in once the
  /// document's `inputs` are read, before anything that points into them.
  static let userInfoKey = CodingUserInfoKey(rawValue: "interop-audit.inputs")!

  /// The table being read (the decoder's `userInfo` is fixed before decoding starts).
  final class Reading: @unchecked Sendable {
    var paths: [String] = []
  }
}
