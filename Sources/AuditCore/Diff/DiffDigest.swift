/// What diff.md and diff.html show of a diff, kept as the walk classifies each key, as
/// `ResultDigest` keeps what a run's reports show: per class and obligation, the first entries
/// that a report lists (at most `listed`, the run's `--findings` cap) with the count of all;
/// unchanged entries only as counts. diff.json has every entry; a report of a diff in which
/// nothing changed is a table of counts, not a row per result.
///
/// Entries come per obligation in platform and counterparty order (the walk's and the
/// document's), so the first ones kept are the ones the document lists first.
public struct DiffDigest: Sendable {
  /// One obligation's entries of one class.
  public struct Group: Sendable {
    public var pack: String
    public var obligation: String
    public var severity: Severity
    /// The first `listed` entries (none for `unchanged`).
    public var entries: [DiffEntry] = []
    /// How many entries of this class the obligation has.
    public var count = 0

    /// Entries counted but not kept.
    public var omitted: Int { count - entries.count }
  }

  /// How many entries per obligation and class a report lists; `nil`: all.
  public let listed: Int?
  private var groups: [ResultsDiff.Change: [String: Group]] = [:]

  public init(listed: Int?) { self.listed = listed }

  /// The digest of entries at hand (a document read back, a test).
  public init(_ entries: [DiffEntry], listed: Int?) {
    self.init(listed: listed)
    for entry in entries { add(entry) }
  }

  /// Counts an entry, and keeps it when it changed and its obligation's class is below the cap.
  public mutating func add(_ entry: DiffEntry) {
    let key = "\(entry.severity.rawValue)|\(entry.pack)|\(entry.obligation)"
    let fresh = Group(pack: entry.pack, obligation: entry.obligation, severity: entry.severity)
    // In place, through the default subscripts: a kept list is never copied.
    groups[entry.change, default: [:]][key, default: fresh].count += 1
    guard entry.change != .unchanged else { return }
    if listed.map({ (groups[entry.change]?[key]?.entries.count ?? 0) < $0 }) ?? true {
      groups[entry.change, default: [:]][key, default: fresh].entries.append(entry)
    }
  }

  /// A class's groups in the document's order: worst severity first, then pack and obligation.
  public func groups(_ change: ResultsDiff.Change) -> [Group] {
    (groups[change] ?? [:]).values.sorted {
      if $0.severity != $1.severity { return $0.severity > $1.severity }
      return ($0.pack, $0.obligation) < ($1.pack, $1.obligation)
    }
  }
}
