import AuditCore

/// What the passes rest on: per pass, the strength and date of the evidence behind its values,
/// so that a reader sees which passes rest on a test and which on a platform's own word.
public struct PassEvidence: Sendable {
  public var result: Result
  public var platform: ReportModel.PlatformInfo
  public var counterparty: ReportModel.PlatformInfo?

  /// Passes by obligation, then weakest evidence first, then platform and counterparty; at most
  /// `limit` per obligation when given (the machine formats carry every one).
  static func build(_ digest: ResultDigest, directory: Directory) -> (shown: [PassEvidence], omitted: Int) {
    var shown: [PassEvidence] = []
    var omitted = 0
    for id in digest.passCounts.keys.sorted() {
      let sorted = digest.keptPasses(id)
      let kept = digest.limit.map { Array(sorted.prefix(max(0, $0))) } ?? sorted
      omitted += (digest.passCounts[id] ?? 0) - kept.count
      shown += kept.map {
        PassEvidence(result: $0, platform: directory.platform($0.platform),
          counterparty: $0.counterparty.map(directory.platform))
      }
    }
    return (shown, omitted)
  }
}

extension EvidenceStrength {
  /// The mark a compliance cell carries when a pass rests on less than a test: "†".
  public static let weakMark = "†"

  /// How the strength reads in reports: "test", "filing", "report", "announcement", "no evidence".
  public var word: String { Messages.current.word("strength", rawValue) }
}

extension EvidenceCounts {
  /// "test 6 · filing 0 · report 3 · announcement 0 · no evidence 0".
  public var text: String {
    EvidenceStrength.strongestFirst.map { "\($0.word) \(self[$0])" }.joined(separator: " · ")
  }
}
