import AuditCore

/// A result that needs attention (fail, unknown or error), with what a reader needs to act on
/// it: the obligation's title, basis and remediation, and the platforms' names.
public struct Finding: Sendable {
  public var result: Result
  public var obligation: ResultsDocument.ObligationInfo?
  public var platform: ReportModel.PlatformInfo
  public var counterparty: ReportModel.PlatformInfo?
  /// A stable id for links within a report: `f-<obligation>-<platform>[-<counterparty>]`.
  public var anchor: String
  /// For a failed comparison with an affiliate, the finding as a sentence: "微信 WeChat gives
  /// 京东 JD 'direct' (腾讯 Tencent holds 17 %, source) but gives 淘宝 Taobao 'copy_out'
  /// (links.inbound.{counterparty}.private_chat)".
  public var discrimination: String?

  /// The statuses that make a finding.
  public static let statuses: Set<Status> = [.fail, .unknown, .error]

  /// Findings grouped by obligation: groups worst first (status, then severity, then id),
  /// findings within a group by status, platform and counterparty.
  static func build(_ digest: ResultDigest, directory: Directory) -> [FindingGroup] {
    digest.findingCounts.map { id, counts in
      let kept = digest.keptFindings(id)
      let shown = digest.limit.map { Array(kept.prefix(max(0, $0))) } ?? kept
      let findings = shown.map { result in
        Finding(result: result, obligation: directory.obligations[result.obligation],
          platform: directory.platform(result.platform),
          counterparty: result.counterparty.map(directory.platform), anchor: anchor(for: result),
          discrimination: discrimination(result, directory: directory))
      }
      let worst = [Status.error, .fail, .unknown].filter { counts[$0] > 0 }.min { $0.order < $1.order } ?? .unknown
      return FindingGroup(id: id, obligation: directory.obligations[id], findings: findings,
        total: counts.error + counts.fail + counts.unknown, counts: counts, worst: worst,
        folds: digest.keptFolds(id).map { UnknownFold($0, directory: directory) },
        foldsOmitted: digest.foldsOmitted[id] ?? 0)
    }
    .sorted { ($0.worst.order, -$0.severity.rank, $0.id) < ($1.worst.order, -$1.severity.rank, $1.id) }
    .budgeted(findings: listBudget, folds: listBudget)
  }

  /// The most fails and errors, and the most folds of unknowns, that a report lists over all
  /// obligations (besides the cap per obligation), so that its size stays bounded however many
  /// results there are; the groups first in the report's order keep theirs.
  static let listBudget = 1_000

  /// The evidence of the values the result rests on: entries of the same manifest that cover a
  /// decisive check's path (for a fail, the failed checks and the affiliates compared with), not
  /// every entry of every path read.
  static func decisiveEvidence(_ result: Result) -> [Evidence] {
    var checks = result.restsOn
    if result.status == .fail {
      let failed = checks.filter { $0.status == .fail || $0.relation != nil }
      if !failed.isEmpty { checks = failed }
    }
    guard !checks.isEmpty else { return result.evidence }
    return result.evidence.filter { e in
      checks.contains { c in
        (c.location.map { $0.file == e.location.file } ?? true) && e.covers(c.path)
      }
    }
  }

  /// The sentence of a failed comparison with an affiliate, or `nil` for any other result. Under
  /// `all:` the checks of several leaves follow each other; the sentence is told of the first
  /// failed leaf that is followed by its best-treated affiliate, not of the first leaf.
  static func discrimination(_ result: Result, directory: Directory) -> String? {
    let checks = result.checks
    guard result.status == .fail, let counterparty = result.counterparty,
      let i = checks.indices.dropLast().first(where: {
        checks[$0].status == .fail && checks[$0].relation == nil && checks[$0 + 1].relation != nil
      })
    else { return nil }
    let (own, best) = (checks[i], checks[i + 1])
    guard let relation = best.relation, let ownValue = own.found, let bestValue = best.found else { return nil }
    let subject = directory.platform(result.platform).displayName
    let affiliate = directory.platform(relation.platform).displayName
    let rival = directory.platform(counterparty).displayName
    let template = own.path.split(separator: ".", omittingEmptySubsequences: false)
      .map { $0 == counterparty || $0 == "*" ? "{counterparty}" : String($0) }.joined(separator: ".")
    return Messages.current.format("discrimination", [
      "subject": subject, "affiliate": affiliate, "best": bestValue, "tie": tie(relation), "rival": rival,
      "own": ownValue, "template": template,
    ])
  }

  /// "腾讯 Tencent holds 17 %, https://…" — how a company holds an affiliate, with the source.
  static func tie(_ a: Affiliation) -> String {
    let company = a.entityName ?? a.entity
    let how: String
    switch a.relation {
    case .controls: how = Messages.current.format("tieControls", ["company": company])
    case .invests:
      how = Holding.percentText(a.share ?? "").map { Messages.current.format("tieHolds", ["company": company, "share": $0]) }
        ?? Messages.current.format("tieHoldsStake", ["company": company])
    }
    return "\(how), \(a.source)"
  }

  /// An HTML id made only of `[A-Za-z0-9_-]`, unique per (obligation, platform, counterparty).
  static func anchor(for result: Result) -> String {
    var parts = [result.obligation, result.platform]
    if let counterparty = result.counterparty { parts.append(counterparty) }
    return "f-" + parts.map(slug).joined(separator: "--")
  }

  /// Keeps ASCII letters, digits, `_` and `-`; every other byte becomes `_XX` (hex), so distinct
  /// ids stay distinct.
  static func slug(_ text: String) -> String {
    var out = ""
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"):
        out.unicodeScalars.append(Unicode.Scalar(byte))
      default:
        out += "_" + String(byte, radix: 16, uppercase: true)
      }
    }
    return out
  }
}

/// The findings of one obligation, which share its title, basis and remediation.
public struct FindingGroup: Sendable {
  public var id: String
  public var obligation: ResultsDocument.ObligationInfo?
  /// The errors and fails listed, worst first, one per result (all of them unless the report
  /// caps the list); unknowns are in `folds`.
  public var findings: [Finding]
  /// How many results of the obligation need attention, listed or not.
  public var total: Int
  /// Counts by status over all of them.
  public var counts: StatusCounts
  /// The worst status among them.
  public var worst: Status
  /// The unknown results folded by platform and cause (at most the cap of folds).
  public var folds: [UnknownFold] = []
  /// Unknown results in folds beyond the cap.
  public var foldsOmitted = 0

  /// The errors and fails not listed because of the cap.
  public var omitted: Int { counts.error + counts.fail - findings.count }
  /// The failing platforms, each once, in the order listed.
  public var failingPlatforms: [ReportModel.PlatformInfo] {
    var seen = Set<String>()
    return findings.filter { $0.result.status == .fail && seen.insert($0.platform.id).inserted }.map(\.platform)
  }
  /// The obligation's severity (all its results share it).
  public var severity: Severity { findings.first?.result.severity ?? obligation?.severity ?? .low }
}

extension Status {
  /// What a check "would" give on a later date, in words: "would fail", "would not apply".
  public var wouldPhrase: String { Messages.current.word("would", rawValue) }
}

/// A duty that has not bitten yet, and what today's manifests would give when it does:
/// "due 2027-09-06: would fail".
public struct UpcomingDuty: Sendable {
  public var result: Result
  public var upcoming: Upcoming
  public var platform: ReportModel.PlatformInfo
  public var counterparty: ReportModel.PlatformInfo?
  public var obligation: ResultsDocument.ObligationInfo?

  /// "due 2027-09-06: would fail".
  public var sentence: String {
    Messages.current.format("dueWould", ["date": upcoming.date, "would": upcoming.status.wouldPhrase])
  }

  /// Results with an `upcoming`, by date, then obligation, platform and counterparty.
  static func build(_ results: [Result], directory: Directory) -> [UpcomingDuty] {
    results.compactMap { result -> UpcomingDuty? in
      guard let upcoming = result.upcoming else { return nil }
      return UpcomingDuty(result: result, upcoming: upcoming,
        platform: directory.platform(result.platform),
        counterparty: result.counterparty.map(directory.platform),
        obligation: directory.obligations[result.obligation])
    }
    .sorted {
      ($0.upcoming.date, $0.result.obligation, $0.result.platform, $0.result.counterparty ?? "")
        < ($1.upcoming.date, $1.result.obligation, $1.result.platform, $1.result.counterparty ?? "")
    }
  }
}

extension Array where Element == FindingGroup {
  /// The groups with their lists cut, in order, once `findings` fails and errors and `folds`
  /// folds are listed (each group keeps at least its first fail); the rest count as omitted.
  func budgeted(findings: Int, folds: Int) -> [FindingGroup] {
    var (findingsLeft, foldsLeft) = (findings, folds)
    return map { group in
      var group = group
      // Every group keeps its first finding, which the summary of what fails links to.
      let keep = Swift.max(findingsLeft, 1)
      if group.findings.count > keep { group.findings = [Finding](group.findings.prefix(keep)) }
      findingsLeft = Swift.max(0, findingsLeft - group.findings.count)
      if group.folds.count > foldsLeft {
        group.foldsOmitted += group.folds.dropFirst(foldsLeft).reduce(0) { $0 + $1.count }
        group.folds = [UnknownFold](group.folds.prefix(foldsLeft))
      }
      foldsLeft -= group.folds.count
      return group
    }
  }
}
