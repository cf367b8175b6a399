import AuditCore

/// The report model as the nested dictionaries and arrays that Mustache templates read
/// (`[String: Any]`, looked up by key, no reflection). Every string from the inputs passes
/// through `TextEscaping.printable`; templates escape it for their format. An absent optional
/// value is `false`, never a missing key, so that a section cannot pick up a parent's value.
///
/// The keys are the templates' contract; `Resources/templates/README.mustache` lists them.
public enum TemplateData {
  /// The whole model.
  public static func context(_ model: ReportModel) -> [String: Any] {
    let p = model.provenance
    let m = Messages.current
    return [
      "m": m.table,
      "title": m.format("title", ["asOf": p.asOf]),
      "tool": ["name": text(p.tool.name), "version": text(p.tool.version)],
      "schema": text(p.schema),
      "asOf": p.asOf.description,
      "generatedAt": optional(p.generatedAt),
      "legend": Status.displayOrder.map(status),
      "summary": summary(model),
      "platforms": model.platforms.map(platform),
      "compliance": model.compliance.map(compliance),
      "interconnections": model.interconnections.map(interconnection),
      "hasInterconnections": !model.interconnections.isEmpty,
      "findingGroups": model.findings.map(findingGroup),
      "failSummary": failSummary(model.findings),
      "hasFailSummary": model.findings.contains { $0.counts.fail + $0.counts.error > 0 },
      "findingCount": model.findings.reduce(0) { $0 + $1.total },
      "upcoming": model.upcoming.map(upcoming),
      "hasUpcoming": !model.upcoming.isEmpty,
      "upcomingOmitted": model.upcomingOmitted > 0 ? m.format("upcomingOmitted", count: model.upcomingOmitted) : false,
      "changes": model.changes.map(versionChanges),
      "hasChanges": !model.changes.isEmpty,
      "waivers": waivers(model.waivers, asOf: p.asOf),
      "provenance": provenance(p),
      "footer": m.format("footer", ["tool": "\(p.tool.name) \(p.tool.version)", "schema": p.schema]),
      "findingNote": m.format("findingsNote", count: model.findings.reduce(0) { $0 + $1.total }),
      "findingNav": m.format("findingsCount", count: model.findings.reduce(0) { $0 + $1.total }),
      "noUpcoming": m.format("noUpcoming", ["asOf": p.asOf]),
      "evidence": evidence(model),
    ]
  }

  // MARK: - Small values

  /// Input text made printable, and cut past `Bounded.maxReported` characters with its size.
  static func text(_ value: String) -> String { TextEscaping.printable(Bounded.cut(value, limit: Bounded.maxReported)) }

  /// An optional string, or `false`.
  static func optional(_ value: String?) -> Any { value.map(text) ?? false }

  /// A link target when the text is an http(s) URL, or `false`.
  static func link(_ value: String?) -> Any { value.flatMap(TextEscaping.safeURL).map(text) ?? false }

  /// A location as `path:line:column`, or `false`.
  static func location(_ value: SourceLocation?) -> Any { value.map { text($0.description) } ?? false }

  /// A location cut after each `/`, so that HTML can offer a line break there (`<wbr>`) and
  /// nowhere else: "manifests/", "cn/", "qq/", "2021-09-17.yaml:29:42". Empty when absent.
  static func locationParts(_ value: SourceLocation?) -> [String] {
    guard let value else { return [] }
    var parts: [String] = []
    var current = ""
    for ch in text(value.description) {
      current.append(ch)
      if ch == "/" { parts.append(current); current = "" }
    }
    if !current.isEmpty { parts.append(current) }
    return parts
  }

  /// A status with its symbol, word, class and meaning.
  static func status(_ s: Status) -> [String: Any] {
    ["status": s.rawValue, "symbol": s.symbol, "word": s.word, "label": s.label, "css": s.cssClass,
     "meaning": s.meaning, "order": s.order]
  }

  /// Counts as "✘ 1 fail · ✔ 9 pass", and as items.
  static func counts(_ c: StatusCounts) -> [String: Any] {
    let items = c.nonZero
    return [
      "text": items.map { "\($0.status.symbol) \($0.count) \($0.status.word)" }.joined(separator: " · "),
      "items": items.map { item -> [String: Any] in
        var entry = status(item.status)
        entry["count"] = item.count
        return entry
      },
      "total": c.total,
      "problems": c.fail + c.error + c.unknown,
    ]
  }

  static func platform(_ p: ReportModel.PlatformInfo) -> [String: Any] {
    let r = p.record
    return [
      "id": text(p.id), "name": text(p.displayName), "group": optional(p.groupName),
      "operator": optional(r?.operatorName), "asOf": r.map { $0.asOf.description } ?? false,
      "version": optional(r?.version), "file": optional(r?.file),
      "categories": text((r?.categories ?? []).joined(separator: ", ")),
      "jurisdictions": text((r?.jurisdictions ?? []).joined(separator: ", ")),
    ]
  }

  static func versionChanges(_ v: VersionChanges) -> [String: Any] {
    [
      "id": text(v.platform.id), "name": text(v.platform.displayName),
      "previousAsOf": v.previousAsOf.description, "previousFile": text(v.previousFile),
      "asOf": v.asOf.description, "count": v.changes.count, "none": v.changes.isEmpty,
      "items": v.changes.map { c -> [String: Any] in
        [
          "path": text(c.path), "type": c.type.rawValue, "word": c.type.word, "symbol": c.type.symbol,
          "css": c.type.cssClass, "scale": optional(c.scale),
          "before": text(VersionChanges.describe(c.before, c.beforeState)),
          "after": text(VersionChanges.describe(c.after, c.afterState)),
          "location": location(c.location),
        ]
      },
    ]
  }

  /// "1 platform · 13 obligations · 157 results", with the unreadable inputs that
  /// `--keep-going` left out, so that a partial run says so where readers look first.
  static func headline(_ s: ResultsDocument.Summary) -> String {
    let m = Messages.current
    var parts = [m.format("headlinePlatforms", count: s.platforms), m.format("headlineObligations", count: s.obligations),
                 m.format("headlineResults", count: s.results)]
    if let unreadable = s.unreadableInputs, unreadable > 0 {
      parts.append(m.format("headlineUnreadable", count: unreadable))
    }
    return parts.joined(separator: " · ")
  }

  static func summary(_ model: ReportModel) -> [String: Any] {
    let s = model.summary
    let severities = Severity.allCases.reversed().map { severity -> [String: Any] in
      ["severity": Messages.current.word("severity", severity.rawValue), "count": s.failuresBySeverity[severity]]
    }
    return [
      "platforms": s.platforms, "obligations": s.obligations, "results": s.results,
      "headline": headline(s),
      "statuses": Status.displayOrder.map { st -> [String: Any] in
        var entry = status(st)
        entry["count"] = s.byStatus[st]
        return entry
      },
      "failuresBySeverity": severities,
      "counts": counts(s.byStatus),
    ]
  }

  // MARK: - Sections

  /// The most obligation columns one part of a compliance matrix holds, so that a part fits
  /// 1400 px and A4 landscape; a wider matrix is split into balanced parts.
  static let columnsPerPart = 8

  /// Splits `count` items into the fewest parts of at most `limit`, of balanced sizes.
  static func partRanges(_ count: Int, limit: Int) -> [Range<Int>] {
    guard count > 0 else { return [] }
    let parts = (count + limit - 1) / limit
    let size = (count + parts - 1) / parts
    return stride(from: 0, to: count, by: size).map { $0..<min(count, $0 + size) }
  }

  static func compliance(_ m: ComplianceMatrix) -> [String: Any] {
    let words = Messages.current
    let title = words.pick(original: m.pack.title, english: m.pack.titleEn)
    // Only obligations with a result other than n/a are columns; the rest are named below.
    let kept = m.columns.indices.filter { m.columns[$0].totals.total > m.columns[$0].totals.notApplicable }
    let idle = m.columns.indices.filter { !kept.contains($0) }.map { m.columns[$0].obligation.id }
    let ranges = partRanges(kept.count, limit: columnsPerPart)
    let anchor = "pack-" + Finding.slug(m.pack.id)
    let parts = ranges.enumerated().map { n, range -> [String: Any] in
      let indices = Array(kept[range])
      // A row shows in a part when one of its cells there has a result other than n/a.
      let rows = m.rows.filter { row in indices.contains { i in
        let c = row.cells[i].counts
        return c.total > c.notApplicable
      } }
      let hidden = m.rows.count - rows.count
      var previousGroup: String??
      return [
        "id": "matrix-\(anchor)-\(n + 1)",
        "label": ranges.count > 1 ? words.format("matrixPart", ["n": n + 1, "of": ranges.count,
          "first": m.columns[indices.first ?? 0].obligation.id, "last": m.columns[indices.last ?? 0].obligation.id]) : false,
        "columns": indices.map { i -> [String: Any] in
          var entry = obligation(m.columns[i].obligation)
          entry["totals"] = counts(applicable(m.columns[i].totals))
          return entry
        },
        "bandSpan": indices.count + 2,
        "rows": rows.enumerated().map { rank, row -> [String: Any] in
          var entry = platform(row.platform)
          entry["rank"] = rank
          let cells = indices.map { row.cells[$0] }
          entry["cells"] = cells.map(complianceCell)
          var totals = StatusCounts()
          for c in cells { totals.add(c.counts) }
          entry["totals"] = counts(applicable(totals))
          entry["worst"] = totals.worst.map { $0.rawValue } ?? ""
          // The band opens at the first row of each company within this part.
          var band: Any = false
          if m.rows.contains(where: { $0.band != nil }) {
            let name = row.platform.groupName
            if previousGroup != .some(name) { band = text(name ?? words["noControllingCompany"]) }
            previousGroup = .some(name)
          }
          entry["band"] = band
          return entry
        },
        "hiddenRows": hidden > 0 ? words.format("matrixRowsHidden", count: hidden) : false,
      ]
    }
    return [
      "id": text(m.pack.id), "anchor": anchor,
      "title": optional(title.primary), "titleEn": optional(title.other),
      "version": optional(m.pack.version),
      "columns": m.columns.map { column -> [String: Any] in
        var entry = obligation(column.obligation)
        entry["totals"] = counts(column.totals)
        return entry
      },
      "parts": parts,
      "hasGroups": m.rows.contains { $0.band != nil },
      "hasRows": !m.rows.isEmpty && !kept.isEmpty,
      "notApplicable": m.notApplicable.isEmpty ? false : text(words.format("notApplicableToPack",
        count: m.notApplicable.count, ["list": m.notApplicable.map(\.id).joined(separator: ", ")])),
      "notApplicableCount": m.notApplicable.count,
      "idleObligations": idle.isEmpty ? false : text(words.format("matrixColumnsHidden", count: idle.count,
        ["list": idle.joined(separator: ", ")])),
      "totals": counts(m.totals),
    ]
  }

  /// Counts without the n/a ones, for a matrix's totals (n/a stays quiet; the pack's line
  /// under the matrix still counts it).
  static func applicable(_ c: StatusCounts) -> StatusCounts {
    var c = c
    c.notApplicable = 0
    return c
  }

  static func complianceCell(_ cell: ComplianceMatrix.Cell) -> [String: Any] {
    guard let s = cell.status else {
      return ["label": "", "css": "st-none", "status": "none", "order": 9, "obligation": text(cell.obligation),
              "hasSymbol": false, "quiet": false, "countText": false, "detail": false, "mark": false]
    }
    let total = cell.counts.total
    if s == .notApplicable {
      return ["label": "", "css": "st-na", "status": s.rawValue, "order": s.order, "symbol": s.symbol,
              "hasSymbol": false, "quiet": true, "word": s.word, "obligation": text(cell.obligation),
              "countText": false, "detail": counts(cell.counts)["text"] ?? "", "mark": false]
    }
    return ["label": cell.label, "quiet": false, "css": s.cssClass, "status": s.rawValue, "order": s.order,
            "symbol": s.symbol, "hasSymbol": true, "word": s.word, "obligation": text(cell.obligation),
            "countText": total > 1 ? Messages.current.format("cellCount", ["count": cell.counts[s], "total": total]) : false,
            "detail": counts(cell.counts)["text"] ?? "", "mark": evidenceMark(cell)]
  }

  static func obligation(_ o: ResultsDocument.ObligationInfo) -> [String: Any] {
    let m = Messages.current
    let title = m.pick(original: o.title, english: o.titleEn)
    let remediation = m.pick(original: o.remediation, english: o.remediationEn)
    let severity = m.word("severity", o.severity.rawValue)
    let per = m.word("per", o.per.rawValue)
    return [
      "id": text(o.id), "anchor": "o-" + Finding.slug(o.id), "pack": text(o.pack),
      "title": text(title.primary ?? o.title), "titleEn": optional(title.other),
      "shortTitle": text(shortTitle(title.primary ?? o.title)),
      "severity": severity, "per": per, "check": text(o.checkMessage.map(m.render) ?? o.check),
      "facts": o.effective.map {
        m.format("obligationFactsEffective", ["severity": severity, "per": per,
          "date": o.effectiveMessage.map(m.render) ?? $0.description])
      }
        ?? m.format("obligationFacts", ["severity": severity, "per": per]),
      "effective": o.effective.map { $0.description } ?? false,
      "remediation": optional(remediation.primary), "remediationEn": optional(remediation.other),
      "basis": o.basis.map(basis) ?? false,
      "location": text(o.location.description),
    ]
  }

  /// A title short enough for a matrix heading: up to the first bracket or dash, at most
  /// `shortTitleLength` characters (cut with "…").
  static func shortTitle(_ title: String) -> String {
    var short = title
    for stop in [" (", "（", " — ", "：", ": "] {
      // A stop this early would leave a stub ("Reciprocal"); the cut below handles those.
      if let r = short.range(of: stop), short.distance(from: short.startIndex, to: r.lowerBound) >= 12 {
        short = String(short[..<r.lowerBound])
      }
    }
    guard short.count > shortTitleLength else { return short }
    let head = short.prefix(shortTitleLength - 1)
    // Cut at the last space when there is one in the second half (words stay whole).
    if let space = head.lastIndex(of: " "), head.distance(from: head.startIndex, to: space) > shortTitleLength / 2 {
      return String(head[..<space]) + "…"
    }
    return String(head) + "…"
  }

  static let shortTitleLength = 48

  static func basis(_ b: Basis) -> [String: Any] {
    ["instrument": text(b.instrument), "article": optional(b.article),
     "date": b.date.map { $0.description } ?? false, "url": optional(b.url), "link": link(b.url),
     "hasLink": b.url.flatMap(TextEscaping.safeURL) != nil,
     "note": optional(b.note)]
  }
}
