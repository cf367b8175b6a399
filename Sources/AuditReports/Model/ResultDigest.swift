import AuditCore

/// What the human reports need of a run's results, kept as the results stream by, so that the
/// Markdown, HTML and PDF reports never need them all at once: the compliance matrices' counts,
/// per obligation the first findings and passes that a report lists (the cap) with the counts
/// of all, the duties coming due, and every `error` result.
///
/// Results come in document order (obligation, platform, counterparty), so the first ones kept
/// per status, or per evidence strength, are the ones the reports' sort puts first.
public final class ResultDigest: ResultConsumer, @unchecked Sendable {
  /// How many findings (and passes) per obligation a report lists; `nil`: all.
  public let limit: Int?
  /// (pack, obligation, platform) → counts.
  private(set) var cells: [String: [String: [String: StatusCounts]]] = [:]
  /// "obligation|platform" → the weakest evidence behind a pass.
  private(set) var weakestPass: [String: EvidenceStrength] = [:]
  /// Per obligation: counts of its fail, unknown and error results.
  private(set) var findingCounts: [String: StatusCounts] = [:]
  /// Per obligation and finding status: the first `limit` results.
  private(set) var findings: [String: [Status: [Result]]] = [:]
  /// Per obligation: how many passes.
  private(set) var passCounts: [String: Int] = [:]
  /// Per obligation and evidence strength: the first `limit` passes.
  private(set) var passes: [String: [EvidenceStrength: [Result]]] = [:]
  /// Per obligation: the results with a duty coming due that are due first (by date, then
  /// platform and counterparty), at most `limit`, in that order.
  private var upcomingKept: [String: [Result]] = [:]
  /// How many results have a duty coming due, listed or not.
  private(set) var upcomingCount = 0
  /// Every `error` result.
  public private(set) var errors: [Result] = []
  /// Per obligation: its unknown results folded by platform and cause, in arrival order, at
  /// most `limit` folds (each keeps its count, its first result and a few counterparties).
  private(set) var folds: [String: [UnknownFold.Key: UnknownFold.Tally]] = [:]
  private(set) var foldOrder: [String: [UnknownFold.Key]] = [:]
  /// Per obligation: unknown results in folds beyond the cap.
  private(set) var foldsOmitted: [String: Int] = [:]

  public init(limit: Int?) { self.limit = limit }

  /// The digest of results at hand.
  package convenience init(_ results: [Result], limit: Int?) {
    self.init(limit: limit)
    add(results)
  }

  public func consume(_ batch: [Result], prepared: Void) { add(batch) }

  private func add(_ batch: [Result]) {
    // Results of one cell come together: count a run of them, then store it once.
    var run: (pack: String, obligation: String, platform: String)?
    var counts = StatusCounts()
    func flush() {
      guard let run else { return }
      cells[run.pack, default: [:]][run.obligation, default: [:]][run.platform, default: StatusCounts()].add(counts)
      counts = StatusCounts()
    }
    for result in batch {
      if run.map({ $0.platform != result.platform || $0.obligation != result.obligation || $0.pack != result.pack }) ?? true {
        flush()
        run = (result.pack, result.obligation, result.platform)
      }
      counts[result.status] += 1
      switch result.status {
      case .pass:
        let strength = result.evidenceStrength ?? .none
        let key = "\(result.obligation)|\(result.platform)"
        weakestPass[key] = min(weakestPass[key] ?? strength, strength)
        passCounts[result.obligation, default: 0] += 1
        if below(passes[result.obligation]?[strength]?.count) {
          passes[result.obligation, default: [:]][strength, default: []].append(result)
        }
      case .fail, .unknown, .error:
        findingCounts[result.obligation, default: StatusCounts()][result.status] += 1
        if result.status == .unknown {
          fold(result)
        } else if below(findings[result.obligation]?[result.status]?.count) {
          findings[result.obligation, default: [:]][result.status, default: []].append(result)
        }
        if result.status == .error { errors.append(result) }
      case .waived, .notApplicable:
        break
      }
      if result.upcoming != nil { keepUpcoming(result) }
    }
    flush()
  }

  /// The results with a duty coming due that a report lists.
  var upcoming: [Result] { upcomingKept.sorted { $0.key < $1.key }.flatMap(\.value) }

  /// Keeps `result` among its obligation's first `limit` duties coming due, in due order: results
  /// arrive by platform, not by date, so a later one can displace the last kept.
  private func keepUpcoming(_ result: Result) {
    upcomingCount += 1
    func precedes(_ a: Result, _ b: Result) -> Bool {
      let (x, y) = (a.upcoming?.date ?? .distantFuture, b.upcoming?.date ?? .distantFuture)
      if x != y { return x < y }
      return (a.platform, a.counterparty ?? "") < (b.platform, b.counterparty ?? "")
    }
    var kept = upcomingKept.removeValue(forKey: result.obligation) ?? []
    defer { upcomingKept[result.obligation] = kept }
    // Without a cap every one is listed, and the report sorts them: no order to keep here.
    guard let limit else { return kept.append(result) }
    if kept.count >= limit {
      guard let last = kept.last, precedes(result, last) else { return }
      kept.removeLast()
    }
    let at = kept.firstIndex { precedes(result, $0) } ?? kept.endIndex
    kept.insert(result, at: at)
  }

  /// Counts an unknown result into the fold of its platform and cause.
  private func fold(_ result: Result) {
    let key = UnknownFold.Key(result)
    if folds[result.obligation]?[key] != nil {
      folds[result.obligation]?[key]?.add(result)
    } else if below(foldOrder[result.obligation]?.count) {
      folds[result.obligation, default: [:]][key] = UnknownFold.Tally(result)
      foldOrder[result.obligation, default: []].append(key)
    } else {
      foldsOmitted[result.obligation, default: 0] += 1
    }
  }

  /// An obligation's folds of unknown results, in the order they came in.
  func keptFolds(_ obligation: String) -> [UnknownFold.Tally] {
    (foldOrder[obligation] ?? []).compactMap { folds[obligation]?[$0] }
  }

  private func below(_ count: Int?) -> Bool {
    guard let limit else { return true }
    return (count ?? 0) < limit
  }

  /// An obligation's kept findings, in the reports' order: by status, then platform and
  /// counterparty (the order they came in).
  func keptFindings(_ obligation: String) -> [Result] {
    let byStatus = findings[obligation] ?? [:]
    return byStatus.keys.sorted { $0.order < $1.order }.flatMap { byStatus[$0] ?? [] }
  }

  /// An obligation's kept passes, weakest evidence first, then by platform and counterparty.
  func keptPasses(_ obligation: String) -> [Result] {
    let byStrength = passes[obligation] ?? [:]
    return byStrength.keys.sorted { $0.rank < $1.rank }.flatMap { byStrength[$0] ?? [] }
  }
}
