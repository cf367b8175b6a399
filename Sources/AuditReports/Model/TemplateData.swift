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
      "findingCount": model.findings.reduce(0) { $0 + $1.total },
      "upcoming": model.upcoming.map(upcoming),
      "hasUpcoming": !model.upcoming.isEmpty,
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

  static func compliance(_ m: ComplianceMatrix) -> [String: Any] {
    let title = Messages.current.pick(original: m.pack.title, english: m.pack.titleEn)
    return [
      "id": text(m.pack.id), "anchor": "pack-" + Finding.slug(m.pack.id),
      "title": optional(title.primary), "titleEn": optional(title.other),
      "version": optional(m.pack.version),
      "columns": m.columns.map { column -> [String: Any] in
        var entry = obligation(column.obligation)
        entry["totals"] = counts(column.totals)
        return entry
      },
      "hasGroups": m.rows.contains { $0.band != nil },
      "bandSpan": m.columns.count + 1,
      "rows": m.rows.enumerated().map { i, row -> [String: Any] in
        var entry = platform(row.platform)
        entry["rank"] = i
        entry["cells"] = row.cells.map(complianceCell)
        entry["totals"] = counts(row.totals)
        entry["worst"] = row.totals.worst.map { $0.rawValue } ?? ""
        entry["band"] = optional(row.band)
        return entry
      },
      "hasRows": !m.rows.isEmpty,
      "notApplicable": m.notApplicable.isEmpty ? false : text(Messages.current.format("notApplicableToPack",
        count: m.notApplicable.count, ["list": m.notApplicable.map(\.id).joined(separator: ", ")])),
      "notApplicableCount": m.notApplicable.count,
      "totals": counts(m.totals),
    ]
  }

  static func complianceCell(_ cell: ComplianceMatrix.Cell) -> [String: Any] {
    guard let s = cell.status else {
      return ["label": "", "css": "st-none", "status": "none", "order": 9, "obligation": text(cell.obligation),
              "hasSymbol": false, "countText": false, "detail": false, "mark": false]
    }
    let total = cell.counts.total
    return ["label": cell.label, "css": s.cssClass, "status": s.rawValue, "order": s.order,
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

  static func basis(_ b: Basis) -> [String: Any] {
    ["instrument": text(b.instrument), "article": optional(b.article),
     "date": b.date.map { $0.description } ?? false, "url": optional(b.url), "link": link(b.url),
     "hasLink": b.url.flatMap(TextEscaping.safeURL) != nil,
     "note": optional(b.note)]
  }
}
