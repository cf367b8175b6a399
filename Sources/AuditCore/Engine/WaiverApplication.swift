/// How a waiver fared in a run: in force, expired, or matching nothing.
public struct WaiverUsage: Codable, Sendable, Hashable {
  /// A waiver's standing on the as-of date.
  public enum State: String, Codable, Sendable {
    case inForce = "in_force"
    case expired
  }

  public var obligation: String
  public var platform: String
  public var counterparty: String?
  public var reason: String
  public var approvedBy: String?
  public var expires: Day
  public var location: SourceLocation
  public var state: State
  /// Days from the as-of date to the expiry (negative once expired).
  public var daysLeft: Int
  /// How many results it covers (all statuses), and how many it turned into `waived`.
  public var matched: Int
  public var applied: Int

  enum CodingKeys: String, CodingKey {
    case obligation, platform, counterparty, state, reason
    case approvedBy = "approved_by"
    case expires
    case daysLeft = "days_left"
    case matched, applied, location
  }
}

/// Applies waivers to results: a waiver in force turns a `fail` or `unknown` into `waived`
/// (errors stay: a waiver does not hide a broken check); an expired one is recorded on the
/// result so it does not vanish silently. Built once per run; `apply` runs on any core, batch by
/// batch, and returns the counts that `usage` adds up at the end.
struct WaiverIndex: Sendable {
  /// Per waiver that covered something in a batch: its index, results matched, results waived.
  typealias Usage = [(waiver: Int, matched: Int, applied: Int)]

  private let waivers: [Waiver]
  private let asOf: Day
  /// Waivers by obligation, then platform.
  private let index: [String: [String: [Int]]]

  init(_ waivers: [Waiver], asOf: Day) {
    self.waivers = waivers
    self.asOf = asOf
    var index: [String: [String: [Int]]] = [:]
    for (i, waiver) in waivers.enumerated() {
      index[waiver.obligation, default: [:]][waiver.platform, default: []].append(i)
    }
    self.index = index
  }

  func apply(to results: inout [Result]) -> Usage {
    guard !waivers.isEmpty else { return [] }
    var counts: [Int: (matched: Int, applied: Int)] = [:]
    for r in results.indices {
      guard let candidates = index[results[r].obligation]?[results[r].platform] else { continue }
      let covering = candidates.filter {
        waivers[$0].covers(obligation: results[r].obligation, platform: results[r].platform,
          counterparty: results[r].counterparty)
      }
      guard !covering.isEmpty else { continue }
      for i in covering { counts[i, default: (0, 0)].matched += 1 }
      guard results[r].status == .fail || results[r].status == .unknown else { continue }
      // The most specific waiver in force wins; otherwise the latest expired one is recorded.
      let ordered = covering.sorted {
        let (a, b) = (waivers[$0], waivers[$1])
        if (a.counterparty != nil) != (b.counterparty != nil) { return a.counterparty != nil }
        return a.expires > b.expires
      }
      if let i = ordered.first(where: { waivers[$0].expires >= asOf }) {
        results[r].waiver = WaiverRecord(waivers[i], status: results[r].status)
        results[r].status = .waived
        counts[i, default: (0, 0)].applied += 1
      } else if let i = ordered.first {
        results[r].expiredWaiver = WaiverRecord(waivers[i], status: results[r].status)
        results[r].reasonMessage = Message(.waiverExpired, [
          "reason": .message(results[r].reasonMessage), "date": .date(waivers[i].expires.description),
        ])
      }
    }
    return counts.map { ($0.key, $0.value.matched, $0.value.applied) }
  }

  /// How each waiver fared over the whole run, and a warning for each that matched nothing.
  func usage(matched: [Int], applied: [Int]) -> ([WaiverUsage], [Diagnostic]) {
    var usage: [WaiverUsage] = []
    var diagnostics: [Diagnostic] = []
    for (i, waiver) in waivers.enumerated() {
      usage.append(WaiverUsage(
        obligation: waiver.obligation, platform: waiver.platform, counterparty: waiver.counterparty,
        reason: waiver.reason, approvedBy: waiver.approvedBy, expires: waiver.expires,
        location: waiver.location, state: waiver.expires >= asOf ? .inForce : .expired,
        daysLeft: waiver.expires.ordinal - asOf.ordinal, matched: matched[i], applied: applied[i]))
      if matched[i] == 0 {
        var unused = Diagnostic.warning(.waiverUnused, waiver.location, "")
        let ids: [String: MessageArgument] = ["obligation": .value(waiver.obligation), "platform": .value(waiver.platform)]
        unused.typed = (
          waiver.counterparty.map { Message(.unusedWaiverAgainst, ids.merging(["counterparty": .value($0)]) { a, _ in a }) }
            ?? Message(.unusedWaiver, ids),
          Message(.unusedWaiverHint)
        )
        diagnostics.append(unused)
      }
    }
    usage.sort { ($0.expires, $0.obligation, $0.platform) < ($1.expires, $1.obligation, $1.platform) }
    return (usage, diagnostics)
  }
}

extension MessageKey {
  static let unusedWaiver = MessageKey("waiver.unused", "waiver for '{obligation}' on '{platform}' matches no result")
  static let unusedWaiverAgainst = MessageKey("waiver.unused_against",
    "waiver for '{obligation}' on '{platform}' against '{counterparty}' matches no result")
  static let unusedWaiverHint = MessageKey("waiver.unused_hint", "check the ids, or remove the waiver")
}
