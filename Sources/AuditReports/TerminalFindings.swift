import AuditCore

/// The worst findings of a run, for stderr after `audit run`: errors, then failures from
/// critical to low, then (when asked) unknowns, each at the manifest line that decided it. The
/// results stream by; only the worst `limit` are kept (a bounded heap), never all of them.
public final class TerminalFindings: ResultConsumer, @unchecked Sendable {
  /// Which findings to list and how many.
  public struct Selection: Sendable, Hashable {
    /// At most this many lines; `nil`: every finding.
    public var limit: Int?
    /// Whether unknown results are listed too.
    public var showUnknown: Bool

    public init(limit: Int? = 20, showUnknown: Bool = false) {
      self.limit = limit
      self.showUnknown = showUnknown
    }
  }

  public let selection: Selection
  /// The kept findings, the least bad at the root (so the next worse one replaces it).
  private var heap: [(key: Key, result: Result)] = []
  /// How many results were findings of the selection, listed or not.
  public private(set) var total = 0
  /// Each platform's manifest, for a finding without a line.
  private var files: [String: String] = [:]

  public init(_ selection: Selection) { self.selection = selection }

  /// Learns the platforms' files from the run's header.
  func begin(_ header: RunHeader) {
    files = Dictionary(header.platforms.map { ($0.id, $0.file) }) { a, _ in a }
  }

  public func consume(_ batch: [Result], prepared: Void) {
    for result in batch {
      guard let rank = Self.rank(result.status, showUnknown: selection.showUnknown) else { continue }
      total += 1
      let key = Key(status: rank, severity: -result.severity.rank, order: total)
      if let limit = selection.limit, heap.count >= limit {
        guard limit > 0, key < heap[0].key else { continue }
        heap[0] = (key, result)
        siftDown(0)
      } else {
        heap.append((key, result))
        siftUp(heap.count - 1)
      }
    }
  }

  /// The kept findings, worst first.
  public var worst: [Result] { heap.sorted { $0.key < $1.key }.map(\.result) }

  /// The lines to print: one per kept finding, then "… and N more (see report.md)" when some
  /// were left out, naming `report` when a human report was written. Reasons are in `messages`'
  /// language; `colour` paints the status word (red fail and error, yellow unknown).
  public func lines(messages: Messages, colour: Bool, report: String?) -> [String] {
    var lines = worst.map { line(for: $0, messages: messages, colour: colour) }
    if total > lines.count {
      lines.append("… and \(total - lines.count) more" + (report.map { " (see \($0))" } ?? ""))
    }
    return lines
  }

  /// `path:line:column: fail: OBLIGATION platform → counterparty: reason`.
  func line(for r: Result, messages: Messages, colour: Bool) -> String {
    let place = r.location.map(\.description) ?? files[r.platform] ?? r.platform
    let word = r.status.rawValue
    let painted = colour ? "\u{1B}[\(r.status == .unknown ? "33" : "31")m\(word)\u{1B}[0m" : word
    let subject = r.platform + (r.counterparty.map { " → \($0)" } ?? "")
    // Inputs are escaped before the colour goes in, which is the only escape sequence printed.
    return Bounded.line(place) + ": \(painted): " + Bounded.line("\(r.obligation) \(subject): \(messages.render(r.reasonMessage))")
  }

  /// `audit diff`'s regressions the same way, gating ones first, then by severity (critical
  /// first): `path:line:column: regression: OBLIGATION platform → counterparty: fail → unknown: reason`.
  public static func regressionLines(_ entries: [DiffEntry], limit: Int?, messages: Messages, colour: Bool, report: String?)
    -> [String]
  {
    let regressions = entries.enumerated().filter { $0.element.change == .regression }.sorted {
      ($0.element.gates ? 0 : 1, -$0.element.severity.rank, $0.offset) < ($1.element.gates ? 0 : 1, -$1.element.severity.rank, $1.offset)
    }.map(\.element)
    let shown = limit.map { Array(regressions.prefix($0)) } ?? regressions
    var lines = shown.map { entry -> String in
      let result = entry.after ?? entry.before
      let place = result?.location.map(\.description) ?? entry.platform
      let word = colour ? "\u{1B}[31mregression\u{1B}[0m" : "regression"
      let subject = entry.platform + (entry.counterparty.map { " → \($0)" } ?? "")
      let change = "\(entry.statusBefore?.rawValue ?? "none") → \(entry.statusAfter?.rawValue ?? "none")"
      let reason = result.map { ": " + messages.render($0.reasonMessage) } ?? ""
      return Bounded.line(place) + ": \(word): "
        + Bounded.line("\(entry.obligation) \(subject) (\(entry.severity.rawValue)): \(change)\(reason)\(entry.gates ? "" : " (waived)")")
    }
    if regressions.count > shown.count {
      lines.append("… and \(regressions.count - shown.count) more" + (report.map { " (see \($0))" } ?? ""))
    }
    return lines
  }

  /// Colour only on a terminal, and never when `NO_COLOR` is set to anything but "" (no-color.org).
  public static func usesColour(isTerminal: Bool, environment: [String: String]) -> Bool {
    isTerminal && (environment["NO_COLOR"] ?? "").isEmpty
  }

  /// Error first, then fail, then unknown (only when shown); `nil`: not a finding to list.
  private static func rank(_ status: Status, showUnknown: Bool) -> Int? {
    switch status {
    case .error: 0
    case .fail: 1
    case .unknown: showUnknown ? 2 : nil
    default: nil
    }
  }

  /// Worse findings have smaller keys: status, then severity (critical first), then arrival.
  struct Key: Comparable {
    var status: Int
    var severity: Int
    var order: Int
    static func < (a: Key, b: Key) -> Bool { (a.status, a.severity, a.order) < (b.status, b.severity, b.order) }
  }

  private func siftUp(_ index: Int) {
    var child = index
    while child > 0 {
      let parent = (child - 1) / 2
      guard heap[parent].key < heap[child].key else { return }
      heap.swapAt(parent, child)
      child = parent
    }
  }

  private func siftDown(_ index: Int) {
    var parent = index
    while true {
      let left = 2 * parent + 1, right = left + 1
      var largest = parent
      if left < heap.count, heap[largest].key < heap[left].key { largest = left }
      if right < heap.count, heap[largest].key < heap[right].key { largest = right }
      guard largest != parent else { return }
      heap.swapAt(parent, largest)
      parent = largest
    }
  }
}
