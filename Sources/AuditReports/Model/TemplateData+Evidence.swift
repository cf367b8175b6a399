import AuditCore

extension TemplateData {
  /// The evidence keys of the whole model: the legend of the matrices' mark, the summary's
  /// counts by strength, and the passes with what they rest on.
  static func evidence(_ model: ReportModel) -> [String: Any] {
    let s = model.summary
    let m = Messages.current
    return [
      "mark": EvidenceStrength.weakMark,
      "legend": m.format("evidenceLegend", ["mark": EvidenceStrength.weakMark]),
      "markNote": m.format("passesMarkNote", ["mark": EvidenceStrength.weakMark]),
      "sentence": s.byEvidence.map { results in
        m.format("evidenceSummary", ["results": results.text, "passCount": s.passesByEvidence?.total ?? 0,
          "passes": s.passesByEvidence.map { $0.text } ?? ""])
      } ?? false,
      "results": s.byEvidence.map { $0.text } ?? false,
      "passes": s.passesByEvidence.map { $0.text } ?? false,
      "passCount": s.passesByEvidence?.total ?? 0,
      "resultCount": s.byEvidence?.total ?? 0,
      "strengths": EvidenceStrength.strongestFirst.map { strength -> [String: Any] in
        ["word": strength.word, "results": s.byEvidence?[strength] ?? 0, "passes": s.passesByEvidence?[strength] ?? 0]
      },
      "passList": model.passes.map(pass),
      "hasPasses": !model.passes.isEmpty,
      "passesOmitted": model.passesOmitted > 0 ? m.format("passesOmitted", count: model.passesOmitted) : false,
    ]
  }

  /// A pass and the values it rests on.
  static func pass(_ p: PassEvidence) -> [String: Any] {
    let r = p.result
    let strength = r.evidenceStrength ?? .none
    return [
      "obligation": text(r.obligation), "anchor": Finding.anchor(for: r),
      "platform": text(r.platform), "platformName": text(p.platform.displayName),
      "counterparty": optional(r.counterparty),
      "strength": strength.word, "tested": strength == .test, "weak": strength < .test,
      "observed": r.evidenceObserved.map { $0.description } ?? false,
      "source": optional(r.evidenceSource), "link": link(r.evidenceSource),
      "restsOn": restsOn(r),
    ]
  }

  /// The values a result rests on, each with the method, date and source of the one entry that
  /// counts for it, joined by "; ", or `false`.
  static func restsOn(_ r: Result) -> Any {
    let values = r.restsOn
    guard !values.isEmpty else { return false }
    let m = Messages.current
    // `Check.evidenceText`, with the method in the report's language.
    return text(values.map { check in
      "\(check.platform): \(check.path) — \(m.word("strength", check.method?.rawValue ?? "none"))"
        + (check.observed.map { " \($0)" } ?? "") + (check.method == nil ? "" : check.source.map { " (\($0))" } ?? "")
    }.joined(separator: m["listSemicolon"]))
  }

  /// The mark of a compliance cell whose passes rest on less than a test: "† announcement".
  static func evidenceMark(_ cell: ComplianceMatrix.Cell) -> Any {
    guard cell.status == .pass, let weak = cell.weakPass else { return false }
    return "\(EvidenceStrength.weakMark) \(weak.word)"
  }
}
