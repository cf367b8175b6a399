import AuditCore
import Foundation

/// The unknown results of one obligation and platform that share a cause, as one line:
/// "QQ — 11 counterparties: `links.inbound.*.group_chat` recorded as unknown". Unknowns are
/// mostly the same missing value seen from every counterparty; listing each would bury the fails.
public struct UnknownFold: Sendable {
  /// What folds together: the platform and the values that were unknown, with the counterparty
  /// in a path written as `{counterparty}`; or, for a would-be pass short of evidence, the shortfall.
  struct Key: Hashable, Sendable {
    var platform: String
    var cause: [String]

    init(_ result: Result) {
      platform = result.platform
      cause = UnknownFold.causeParts(result)
    }
  }

  /// What a digest keeps of one fold while results stream by.
  struct Tally: Sendable {
    /// The first result of the fold, which stands for all of them.
    var first: Result
    var count = 1
    /// The first few counterparties (`shownCounterparties`).
    var counterparties: [String] = []

    init(_ result: Result) {
      first = result
      if let c = result.counterparty { counterparties = [c] }
    }

    mutating func add(_ result: Result) {
      count += 1
      if let c = result.counterparty, counterparties.count < UnknownFold.shownCounterparties { counterparties.append(c) }
    }
  }

  /// How many counterparties a fold names before "…".
  static let shownCounterparties = 6

  public var platform: ReportModel.PlatformInfo
  /// How many results the fold stands for.
  public var count: Int
  /// The first counterparties, by name (all of them when there are few).
  public var counterparties: [ReportModel.PlatformInfo]
  /// Why, in the report's language: "`links.inbound.*.group_chat` recorded as unknown".
  public var cause: String
  /// The anchor of the first result, and where its decisive value is.
  public var anchor: String
  public var location: SourceLocation?
  /// The first result, for its evidence.
  public var first: Result

  init(_ tally: Tally, directory: Directory) {
    platform = directory.platform(tally.first.platform)
    count = tally.count
    counterparties = tally.counterparties.map(directory.platform)
    cause = Self.causeText(tally.first)
    anchor = Finding.anchor(for: tally.first)
    location = tally.first.location
    first = tally.first
  }

  /// The unknown checks the result rests on.
  static func unknownChecks(_ r: Result) -> [Check] {
    r.restsOn.filter { $0.status == .unknown }
  }

  /// A path with the segment naming the counterparty written `{counterparty}` (a path read
  /// through the `"*"` entry already says `*`).
  static func general(_ path: String, counterparty: String?) -> String {
    guard let counterparty else { return path }
    return path.split(separator: ".", omittingEmptySubsequences: false)
      .map { $0 == counterparty ? "{counterparty}" : String($0) }.joined(separator: ".")
  }

  static func causeParts(_ r: Result) -> [String] {
    let checks = unknownChecks(r)
    if !checks.isEmpty {
      return checks.map { c in
        let value = c.state == .value ? "=" + (c.found ?? "") : ""
        return "\(c.platform)|\(general(c.path, counterparty: r.counterparty))|\(c.state.rawValue)\(value)"
      }
    }
    if let shortfall = r.evidenceShortfall { return ["shortfall", generalText(shortfall, r.counterparty)] }
    return ["reason", generalText(r.reason, r.counterparty)]
  }

  /// A sentence with `.counterparty.` path segments written `.{counterparty}.`.
  static func generalText(_ text: String, _ counterparty: String?) -> String {
    guard let counterparty, !counterparty.isEmpty else { return text }
    return text.replacingOccurrences(of: ".\(counterparty).", with: ".{counterparty}.")
  }

  /// The cause in words: each unknown value with what was wrong with it, or the evidence
  /// shortfall, or the reason (the typed messages rendered in the report's language).
  static func causeText(_ r: Result) -> String {
    let m = Messages.current
    let checks = unknownChecks(r)
    if checks.isEmpty {
      if r.evidenceShortfall != nil, r.reasonMessage.id == "evidence.shortfall",
        case .message(let shortfall)? = r.reasonMessage.arguments["shortfall"]
      {
        return m.format("foldShortfall", ["shortfall": generalText(m.render(shortfall), r.counterparty)])
      }
      return generalText(m.render(r.reasonMessage), r.counterparty)
    }
    return checks.map { c -> String in
      let path = general(c.path, counterparty: r.counterparty)
      let owner = c.platform == r.platform ? "" : c.platform + ": "
      switch c.state {
      case .missing: return owner + m.format("foldMissing", ["path": path])
      case .null: return owner + m.format("foldNull", ["path": path])
      case .blocked: return owner + m.format("foldBlocked", ["path": path])
      case .value: return owner + generalText(m.render(c.sentenceMessage), r.counterparty)
      }
    }.joined(separator: m["listSemicolon"])
  }
}
