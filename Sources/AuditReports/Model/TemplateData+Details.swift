import AuditCore

extension TemplateData {
  static func interconnection(_ m: Interconnection) -> [String: Any] {
    let judged = m.judgedPairs
    let unjudged = m.unjudgedPairs
    let words = Messages.current
    let title = words.pick(original: m.title, english: m.titleEn)
    var pathText = words.format("pathOnScale", ["path": m.path, "scale": m.scale])
      + words.format("parenthetical", ["text": words.format("worstToBest", ["levels": m.levels.joined(separator: " < ")])])
    if let obligation = m.obligation { pathText += words["listSemicolon"] + words.format("ofObligation", ["obligation": obligation]) }
    pathText += words["fullStop"]
    if m.omitted > 0 { pathText += " " + words.format("platformsOmitted", count: m.omitted) }
    return [
      "id": text(m.id), "anchor": "ic-" + Finding.slug(m.id),
      "title": text(title.primary ?? m.title), "titleEn": optional(title.other), "pack": text(m.pack),
      "pathText": text(pathText),
      "path": text(m.path), "scale": text(m.scale), "obligation": optional(m.obligation),
      "levels": m.levels.enumerated().map { i, level -> [String: Any] in
        ["name": text(level), "position": i + 1, "tone": i == 0 ? "worst" : i == m.levels.count - 1 ? "best" : "mid"]
      },
      "columns": m.columns.map(platform),
      "rows": m.rows.map { row -> [String: Any] in
        var entry = platform(row.platform)
        entry["cells"] = row.cells.map { cell -> [String: Any] in
          ["text": text(cell.text), "tone": cell.tone, "wildcard": cell.wildcard,
           "counterparty": text(cell.counterparty), "location": location(cell.location),
           "affiliated": cell.affiliation != nil,
           "affiliation": cell.affiliation.map { text(Finding.tie($0)) } ?? false]
        }
        return entry
      },
      "hasPlatforms": !m.columns.isEmpty && !m.rows.isEmpty,
      "idleRows": m.idleRows.isEmpty ? false : text(words.format("interconnectionRowsIdle", count: m.idleRows.count,
        ["list": m.idleRows.map(\.displayName).joined(separator: words["listSeparator"])])),
      "idleColumns": m.idleColumns.isEmpty ? false : text(words.format("interconnectionColumnsIdle", count: m.idleColumns.count,
        ["list": m.idleColumns.map(\.displayName).joined(separator: words["listSeparator"])])),
      "unjudgedSummary": words.format("unjudgedSummary", count: unjudged.count),
      "hasIdle": !m.idleRows.isEmpty || !m.idleColumns.isEmpty,
      "hasAffiliates": m.hasAffiliates,
      "affiliateMark": Interconnection.affiliateMark,
      "judged": judged.prefix(pairListLimit).map(pair),
      "judgedOmitted": judged.count > pairListLimit
        ? words.format("pairsOmitted", count: judged.count - pairListLimit) : false,
      "hasJudged": !judged.isEmpty,
      "unjudged": unjudged.map(pair),
      "unjudgedCount": unjudged.count,
      "hasUnjudged": !unjudged.isEmpty,
      "unjudgedPhrase": words.format("unjudgedPairs", count: unjudged.count),
      "unjudgedList": text(unjudged.prefix(pairListLimit).map { "\($0.a) ↔ \($0.b)" }.joined(separator: ", ")
        + (unjudged.count > pairListLimit ? words.format("andMore", count: unjudged.count - pairListLimit) : "")),
      "omitted": m.omitted > 0 ? m.omitted : false,
    ]
  }

  /// The most pairs an interconnection matrix lists (judged, and behind the disclosure the
  /// unjudged); results.json has every one.
  static let pairListLimit = 60

  static func pair(_ p: Interconnection.Pair) -> [String: Any] {
    ["a": text(p.a), "b": text(p.b), "label": text(p.label), "css": p.verdict.cssClass,
     "verdict": p.verdict.rawValue, "aToB": text(p.aToB), "bToA": text(p.bToA)]
  }

  static func findingGroup(_ g: FindingGroup) -> [String: Any] {
    var entry: [String: Any] = g.obligation.map(obligation) ?? [
      "id": text(g.id), "anchor": "o-" + Finding.slug(g.id), "title": text(g.id), "titleEn": false,
      "severity": Messages.current.word("severity", g.severity.rawValue), "basis": false, "remediation": false,
      "remediationEn": false,
    ]
    entry["worst"] = status(g.worst)
    entry["counts"] = counts(g.counts)
    entry["findings"] = g.findings.map(finding)
    entry["hasFindings"] = !g.findings.isEmpty
    entry["omitted"] = g.omitted > 0
      ? Messages.current.format("findingsOmitted", count: g.omitted, ["total": g.counts.fail + g.counts.error]) : false
    entry["folds"] = g.folds.map(fold)
    entry["hasFolds"] = !g.folds.isEmpty
    entry["foldSummary"] = g.counts.unknown > 0
      ? Messages.current.format("foldSummary", count: g.counts.unknown, ["groups": g.folds.count]) : false
    entry["foldsOmitted"] = g.foldsOmitted > 0 ? Messages.current.format("foldsOmitted", count: g.foldsOmitted) : false
    entry["total"] = String(g.total)
    entry["severity"] = Messages.current.word("severity", g.severity.rawValue)
    return entry
  }

  static func finding(_ f: Finding) -> [String: Any] {
    let r = f.result
    var entry = status(r.status)
    entry["anchor"] = f.anchor
    entry["severity"] = r.severity.rawValue
    entry["obligation"] = text(r.obligation)
    entry["platform"] = text(r.platform)
    entry["platformName"] = text(f.platform.displayName)
    entry["counterparty"] = optional(r.counterparty)
    entry["counterpartyName"] = optional(f.counterparty?.displayName)
    entry["hasCounterparty"] = r.counterparty != nil
    entry["reason"] = text(Messages.current.render(r.reasonMessage))
    entry["sentence"] = optional(f.discrimination)
    entry["location"] = location(r.location)
    entry["locationParts"] = locationParts(r.location)
    let shown = Finding.decisiveEvidence(r)
    entry["evidence"] = shown.map(evidence)
    entry["hasEvidence"] = !shown.isEmpty
    entry["restsOn"] = restsOn(r)
    entry["upcoming"] = r.upcoming.map { u -> [String: Any] in
      ["date": u.date.description, "label": text(Messages.current.word("phase", u.label)),
       "sentence": Messages.current.format("dueWould", ["date": u.date, "would": u.status.wouldPhrase])]
    } ?? false
    entry["expiredWaiver"] = r.expiredWaiver.map(waiverRecord) ?? false
    return entry
  }

  /// One fold of unknowns: "QQ — 11 counterparties: `links.inbound.*.group_chat` recorded as unknown".
  static func fold(_ f: UnknownFold) -> [String: Any] {
    let m = Messages.current
    let names = f.counterparties.map(\.displayName)
    let more = f.count - names.count
    let list = names.joined(separator: m["listSeparator"]) + (more > 0 && !names.isEmpty ? m.format("andMore", count: more) : "")
    let shown = Finding.decisiveEvidence(f.first)
    return [
      "anchor": f.anchor, "platform": text(f.platform.id), "platformName": text(f.platform.displayName),
      "count": f.count,
      "countText": names.isEmpty ? m.format("foldResults", count: f.count) : m.format("foldCounterparties", count: f.count),
      "counterparties": names.isEmpty ? false : text(list),
      "cause": text(f.cause), "location": location(f.location), "locationParts": locationParts(f.location),
      "evidence": shown.map(evidence), "hasEvidence": !shown.isEmpty,
    ]
  }

  /// The failing obligations for the first screen: one line each with the platforms that
  /// fail it and one sentence of why (the first fail's discrimination sentence or reason).
  static func failSummary(_ groups: [FindingGroup]) -> [[String: Any]] {
    let m = Messages.current
    return groups.filter { $0.counts.fail + $0.counts.error > 0 }.compactMap { g -> [String: Any]? in
      guard let first = g.findings.first else { return nil }
      let platforms = g.failingPlatforms.isEmpty ? [first.platform] : g.failingPlatforms
      let title = g.obligation.map { m.pick(original: $0.title, english: $0.titleEn).primary ?? $0.title } ?? g.id
      let why = first.discrimination ?? m.render(first.result.reasonMessage)
      return [
        "id": text(g.id), "title": text(title), "anchor": first.anchor, "groupAnchor": "o-" + Finding.slug(g.id),
        "worst": status(g.worst),
        "count": g.counts.fail + g.counts.error,
        "platforms": text(platforms.map(\.displayName).joined(separator: m["listSeparator"])),
        "why": text(Bounded.cut(why, limit: summarySentenceLength)),
        "severity": m.word("severity", g.severity.rawValue),
      ]
    }
  }

  /// The longest sentence of why a failing obligation fails that the summary shows.
  static let summarySentenceLength = 400

  static func evidence(_ e: Evidence) -> [String: Any] {
    ["path": text(e.path), "source": text(e.source), "link": link(e.source),
     "observed": e.observed.map { $0.description } ?? false, "method": e.method.map { Messages.current.word("strength", $0.rawValue) } ?? false,
     "note": optional(e.note), "location": text(e.location.description)]
  }

  static func waiverRecord(_ w: WaiverRecord) -> [String: Any] {
    ["reason": text(w.reason), "approvedBy": optional(w.approvedBy), "expires": w.expires.description,
     "waiverText": Messages.current.format("waiverExpired", ["date": w.expires]),
     "location": text(w.location.description), "was": status(w.status)]
  }

  static func upcoming(_ u: UpcomingDuty) -> [String: Any] {
    let now = u.result.status
    let would = u.upcoming.status
    return [
      "date": u.upcoming.date.description, "label": text(Messages.current.word("phase", u.upcoming.label)),
      "sentence": u.sentence,
      "obligation": text(u.result.obligation), "obligationTitle": optional(u.obligation?.title),
      "platform": text(u.result.platform), "platformName": text(u.platform.displayName),
      "counterparty": optional(u.result.counterparty),
      "now": status(now), "would": status(would), "location": location(u.result.location),
      "severity": u.result.severity.rawValue,
    ]
  }

  static func waiverUsage(_ w: WaiverUsage) -> [String: Any] {
    let standing: String
    let m = Messages.current
    switch w.state {
    case .expired: standing = m.format("expiredAgo", count: -w.daysLeft)
    case .inForce: standing = w.daysLeft == 0 ? m["expiresToday"] : m.format("expiresIn", count: w.daysLeft)
    }
    return [
      "obligation": text(w.obligation), "platform": text(w.platform),
      "counterparty": optional(w.counterparty), "reason": text(w.reason),
      "approvedBy": optional(w.approvedBy), "expires": w.expires.description,
      "daysLeft": w.daysLeft, "standing": standing, "state": w.state.rawValue,
      "matched": w.matched, "applied": w.applied, "unused": w.matched == 0,
      "covers": m.format("coversOf", ["applied": w.applied, "matched": w.matched]),
      "coversResults": m.format("coversResults", count: w.matched),
      "location": text(w.location.description),
    ]
  }

  static func waivers(_ b: WaiverBuckets, asOf: Day) -> [String: Any] {
    [
      "note": Messages.current.format("waiversNote", ["days": ReportModel.expiryWarningDays, "asOf": asOf]),
      "expiring": b.expiring.map(waiverUsage), "inForce": b.inForce.map(waiverUsage),
      "expired": b.expired.map(waiverUsage), "unused": b.unused.map(waiverUsage),
      "hasUnused": !b.unused.isEmpty,
      "any": !b.isEmpty, "warningDays": ReportModel.expiryWarningDays,
    ]
  }

  static func provenance(_ p: ReportModel.Provenance) -> [String: Any] {
    [
      "inputs": p.inputs.map { input -> [String: Any] in
        ["path": text(input.path), "sha256": text(input.sha256),
         "kinds": input.kinds.map { Messages.current.word("kind", $0.rawValue) }.joined(separator: ", ")]
      },
      "packs": p.packs.map { pack -> [String: Any] in
        ["id": text(pack.id), "title": optional(Messages.current.pick(original: pack.title, english: pack.titleEn).primary),
         "titleEn": optional(pack.titleEn),
         "version": optional(pack.version), "files": text(pack.files.joined(separator: ", "))]
      },
      "diagnostics": p.diagnostics.map { d -> [String: Any] in
        ["severity": text(Messages.current.word("diagnostic", d.severity.rawValue)), "location": location(d.location), "file": optional(d.file),
         "message": text(d.messageMessage.map(Messages.current.render) ?? d.message),
         "hint": optional(d.hintMessage.map(Messages.current.render) ?? d.hint)]
      },
      "hasDiagnostics": !p.diagnostics.isEmpty,
    ]
  }
}
