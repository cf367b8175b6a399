/// Folds, for people, each run of derived changes of one actor on one date (the changes one
/// manifest version brings) that holds at least `threshold` events into one entry, which spells
/// out its most common kinds of change ("12 counterparties: links.inbound.{counterparty}.private_chat
/// direct → interstitial") and counts the rest. A corpus where each version moves dozens of
/// counterparties otherwise gives a table of hundreds of thousands of rows; a shorter run keeps
/// its rows, as a hand-edited sample has them. `timeline.json` never folds: it lists every event.
public enum TimelineFolding {
  /// A run of this many derived changes or more folds; a shorter one renders row by row. The
  /// shipped samples' longest runs (8, in the EU case: distinct duties of one gatekeeper on one
  /// day) stay unfolded.
  public static let threshold = 10
  /// The kinds of change a folded entry spells out, most counterparties first.
  public static let maxLines = 3
  /// The counterparties a line names; the rest are counted.
  public static let maxNames = 3
  /// A table that still has more rows than this once folded folds every run of two or more
  /// (`readable`): the rows then follow platforms × dates, not events, which keeps a corpus
  /// whose every version moves a few values to a Markdown and an HTML page people can open.
  public static let maxRows = 2_000

  /// The events as people read them, and the run length that folds: `threshold`, or 2 when
  /// that leaves more than `maxRows` rows.
  public static func readable(_ events: [TimelineDocument.Entry]) -> (events: [TimelineDocument.Entry], threshold: Int) {
    let rows = runs(events).reduce(0) { $0 + ($1.count >= threshold ? 1 : $1.count) }
    let chosen = rows > maxRows ? 2 : threshold
    return (fold(events, threshold: chosen), chosen)
  }

  /// `events` (in document order) with each run of at least `threshold` derived changes of one
  /// actor on one date replaced by one folded entry; everything else as it was.
  public static func fold(_ events: [TimelineDocument.Entry], threshold: Int = threshold) -> [TimelineDocument.Entry] {
    // Runs fold independently, so on every core: a large corpus has tens of thousands.
    parallelMap(runs(events)) { run in
      run.count >= threshold ? [folded(events[run])] : Array(events[run])
    }.flatMap { $0 }
  }

  /// The ranges of `events` that could fold: each maximal run of derived changes of one actor
  /// on one date, every other event a range of its own.
  static func runs(_ events: [TimelineDocument.Entry]) -> [Range<Int>] {
    var out: [Range<Int>] = []
    var start = 0
    while start < events.count {
      var end = start + 1
      if events[start].change != nil {
        while end < events.count, events[end].change != nil, events[end].date == events[start].date,
          events[end].actors == events[start].actors
        {
          end += 1
        }
      }
      out.append(start..<end)
      start = end
    }
    return out
  }

  /// One entry for a run: its date, actor and first location, its type when all agree (else
  /// `change`), and the kinds of change with their counterparties.
  static func folded(_ run: ArraySlice<TimelineDocument.Entry>) -> TimelineDocument.Entry {
    let first = run[run.startIndex]
    var order: [LineKey] = []
    var lines: [LineKey: TimelineDocument.Fold.Line] = [:]
    var counterparties = Set<String>()
    for entry in run {
      guard let change = entry.change else { continue }
      let named = change.counterparty.flatMap { $0 == "*" ? nil : $0 }
      let key = LineKey(path: shape(change.path, counterparty: named),
        before: CapabilityChange.display(change.before, change.beforeState),
        after: CapabilityChange.display(change.after, change.afterState))
      if lines[key] == nil {
        order.append(key)
        lines[key] = TimelineDocument.Fold.Line(path: key.path, before: key.before, after: key.after, type: change.type,
          count: 0, names: [])
      }
      lines[key]?.count += 1
      if let named {
        counterparties.insert(named)
        if (lines[key]?.names.count ?? 0) < maxNames { lines[key]?.names.append(named) }
      }
    }
    // Most counterparties first; among equals, the first written.
    let ranked = order.enumerated().sorted { a, b in
      let (x, y) = (lines[a.element]?.count ?? 0, lines[b.element]?.count ?? 0)
      return x != y ? x > y : a.offset < b.offset
    }.compactMap { lines[$0.element] }
    let types = Set(run.map(\.type))
    let fold = TimelineDocument.Fold(events: run.count, counterparties: counterparties.count,
      lines: Array(ranked.prefix(maxLines)), moreKinds: max(0, ranked.count - maxLines))
    var entry = TimelineDocument.Entry(date: first.date, type: types.count == 1 ? first.type : .change,
      actors: first.actors, affects: [], title: "\(run.count) derived changes", source: first.source,
      timeline: first.timeline, location: first.location)
    entry.previousAsOf = first.previousAsOf
    entry.groups = first.groups
    entry.fold = fold
    return entry
  }

  /// The path with the counterparty's key written `{counterparty}`, as rule packs write it.
  static func shape(_ path: String, counterparty: String?) -> String {
    guard let counterparty else { return path }
    // Key by key without splitting: a fold sees every derived change of a large corpus.
    var start = path.startIndex
    while true {
      let end = path[start...].firstIndex(of: ".") ?? path.endIndex
      if path[start..<end] == counterparty { return path[..<start] + "{counterparty}" + path[end...] }
      guard end < path.endIndex else { return path }
      start = path.index(after: end)
    }
  }

  private struct LineKey: Hashable {
    var path: String
    var before: String
    var after: String
  }
}

extension TimelineDocument {
  /// What a folded entry stands for (`TimelineFolding`): never written to `timeline.json`.
  public struct Fold: Sendable, Hashable {
    /// One kind of change in the run: a path shape and its values before and after.
    public struct Line: Sendable, Hashable {
      /// The path, the counterparty's key written `{counterparty}`.
      public var path: String
      /// The values as people read them (`~`, `(none)`).
      public var before: String
      public var after: String
      public var type: CapabilityChange.Kind
      /// How many events of the run are of this kind.
      public var count: Int
      /// The first `TimelineFolding.maxNames` counterparties, in document order.
      public var names: [String]
    }

    /// The derived events folded.
    public var events: Int
    /// The distinct counterparties they concern.
    public var counterparties: Int
    /// The kinds of change spelled out, most events first.
    public var lines: [Line]
    /// The kinds of change not spelled out.
    public var moreKinds: Int
  }
}
