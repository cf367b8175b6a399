import Foundation

/// `diff.json`: how the results of NEW differ from those of OLD (schema `interop-audit/diff/1`),
/// entry by entry, with counts; what the diff reports render.
public struct DiffDocument: Codable, Sendable {
  public static let schemaID = "interop-audit/diff/1"

  /// One side as the document records it.
  public struct Side: Codable, Sendable, Hashable {
    /// The argument as given: a path, or `REV:PATH`.
    public var source: String
    /// What the side was read from: `results`, `manifests` or `git`.
    public var kind: DiffSource.Kind
    public var asOf: Day?
    /// The platform versions evaluated (id and `as_of`).
    public var platforms: [Version]
    public var inputs: [Workspace.Input]

    enum CodingKeys: String, CodingKey {
      case source, kind
      case asOf = "as_of"
      case platforms, inputs
    }
  }

  /// A platform version in force on one side.
  public struct Version: Codable, Sendable, Hashable {
    public var id: String
    public var asOf: Day
    public var file: String

    enum CodingKeys: String, CodingKey {
      case id
      case asOf = "as_of"
      case file
    }
  }

  /// Counts per class, and the regressions by severity that `--fail-on` compares.
  public struct Summary: Codable, Sendable, Hashable {
    public var regression = 0
    public var fix = 0
    public var new = 0
    public var removed = 0
    public var unchanged = 0
    /// Regressions whose newer result is not waived, by severity.
    public var gatingBySeverity = SeverityCounts()

    enum CodingKeys: String, CodingKey {
      case regression, fix, new, removed, unchanged
      case gatingBySeverity = "gating_by_severity"
    }

    /// The count of one class.
    public subscript(change: ResultsDiff.Change) -> Int {
      get {
        switch change {
        case .regression: regression
        case .fix: fix
        case .new: new
        case .removed: removed
        case .unchanged: unchanged
        }
      }
      set {
        switch change {
        case .regression: regression = newValue
        case .fix: fix = newValue
        case .new: new = newValue
        case .removed: removed = newValue
        case .unchanged: unchanged = newValue
        }
      }
    }
  }

  public var schema: String
  public var tool: ResultsDocument.Tool
  public var old: Side
  public var new: Side
  public var summary: Summary
  /// Every key of either side, in pack, obligation, platform, counterparty order. Unchanged
  /// entries keep their statuses and values but not the two full results (each side's
  /// results.json has them), which keeps the document small when most results stand still.
  public var entries: [DiffEntry]
  /// What the human reports show, kept by the walk; `nil` for a document read back (the
  /// reports then digest its entries).
  public var digest: DiffDigest? = nil

  enum CodingKeys: String, CodingKey {
    case schema, tool, old, new, summary, entries
  }

  /// Compares two loaded sides in one walk (`ResultsDiff.walk`), digesting it for reports that
  /// list at most `listed` entries per obligation and class; throws when a results file's
  /// result does not decode, or the file repeats a key.
  public init(old: DiffSide, new: DiffSide, listed: Int? = nil) throws {
    var digest = DiffDigest(listed: listed)
    self.init(old: old, new: new, entries: try ResultsDiff.walk(old: old, new: new, digest: &digest))
    self.digest = digest
  }

  /// The document of two sides and their entries (none, when reading a side failed).
  init(old: DiffSide, new: DiffSide, entries: [DiffEntry]) {
    schema = Self.schemaID
    tool = ResultsDocument.Tool(name: AuditVersion.name, version: AuditVersion.current)
    self.old = Side(old)
    self.new = Side(new)
    self.entries = entries
    var summary = Summary()
    for entry in entries {
      summary[entry.change] += 1
      if entry.gates { summary.gatingBySeverity[entry.severity] += 1 }
    }
    self.summary = summary
  }

  /// The entries of one class.
  public func entries(_ change: ResultsDiff.Change) -> [DiffEntry] { entries.filter { $0.change == change } }

  /// The document as stable, pretty JSON, keys in schema order, with a final newline.
  public func encoded() throws -> Data { try OrderedJSONEncoder().encode(self) }
}

extension DiffDocument.Side {
  init(_ side: DiffSide) {
    self.init(source: side.source.description, kind: side.source.kind, asOf: side.asOf,
      platforms: side.platforms.map { .init(id: $0.id, asOf: $0.asOf, file: $0.file) },
      inputs: side.inputs)
  }
}
