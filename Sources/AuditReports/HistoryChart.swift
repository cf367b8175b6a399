import AuditCore

/// The status strip chart of `history.html`: one row per platform and obligation (the worst
/// status over its counterparties), grouped by the company that controls the platform on the
/// last day, time across; each stretch coloured and marked with its status symbol, as in the
/// matrices. Past `detailRows` rows, one row per obligation instead, each stretch split by how
/// many results have each status, so the page stays bounded however many platforms there are.
struct HistoryChart {
  let history: History
  static let detailRows = 400
  static let labelWidth = 248.0
  static let stripWidth = 584.0
  static let rowHeight = 16.0
  static let groupHeight = 20.0
  static let axisHeight = 24.0

  /// A stretch of days `[start, end)` and how many results had each status in it.
  struct Stretch {
    var start: Day
    var end: Day
    var counts: [Status: Int]

    /// The worst status with a count, as a matrix cell shows it.
    var worst: Status? { Status.displayOrder.first { (counts[$0] ?? 0) > 0 } }
  }

  /// A row: its label, and its stretches.
  struct Row {
    var label: String
    var tooltip: String
    var stretches: [Stretch]
  }

  /// Rows under a heading (a company, or none).
  struct Group {
    var heading: String?
    var rows: [Row]
  }

  /// The chart's groups, and whether it shows one row per obligation, and how many rows it left out.
  var layout: (groups: [Group], aggregated: Bool, omitted: Int, detailed: Int) {
    let byRow = Dictionary(grouping: history.tracks) { "\($0.obligation)\u{0}\($0.platform)" }
    let obligationOrder = Dictionary(history.obligations.enumerated().map { ("\($0.element.pack)/\($0.element.id)", $0.offset) },
      uniquingKeysWith: { a, _ in a })
    let detailed = byRow.count
    guard detailed <= Self.detailRows else {
      let byObligation = Dictionary(grouping: history.tracks) { "\($0.pack)/\($0.obligation)" }
      let rows = byObligation.keys.sorted { (obligationOrder[$0] ?? 0) < (obligationOrder[$1] ?? 0) }.compactMap { key -> Row? in
        guard let tracks = byObligation[key], let first = tracks.first else { return nil }
        let platforms = Set(tracks.map(\.platform)).count
        return Row(label: first.obligation,
          tooltip: Messages.current.format("historyAggregateRow", ["obligation": first.obligation, "platforms": platforms, "results": tracks.count]),
          stretches: profile(tracks))
      }
      return ([Group(heading: nil, rows: rows)], true, 0, detailed)
    }
    var omitted = 0
    var groups: [String: Group] = [:]
    var headings: [String: String] = [:]
    let names = Dictionary(history.platforms.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    for platform in history.platforms {
      let key = platform.controller ?? "\u{10FFFF}"
      let name = Messages.current.pick(original: platform.controllerName, english: platform.controllerNameEn).primary
      headings[key] = platform.controller.map { name ?? $0 } ?? Messages.current["historyNoGroup"]
    }
    let keys = byRow.keys.sorted { a, b in
      let (ta, tb) = (byRow[a]?.first, byRow[b]?.first)
      return (ta?.platform ?? "", obligationOrder["\(ta?.pack ?? "")/\(ta?.obligation ?? "")"] ?? 0)
        < (tb?.platform ?? "", obligationOrder["\(tb?.pack ?? "")/\(tb?.obligation ?? "")"] ?? 0)
    }
    for key in keys {
      guard let tracks = byRow[key], let first = tracks.first else { continue }
      let stretches = profile(tracks)
      // Rows that are not applicable (or absent) throughout say nothing: leave them out.
      guard stretches.contains(where: { $0.worst.map { $0 != .notApplicable } ?? false }) else {
        omitted += 1
        continue
      }
      let platform = names[first.platform]
      let name = platform.map(HistoryReport.name) ?? first.platform
      let group = platform?.controller ?? "\u{10FFFF}"
      groups[group, default: Group(heading: headings[group], rows: [])].rows.append(
        Row(label: "\(name) · \(first.obligation)", tooltip: "\(name) (\(first.platform)) · \(first.obligation)", stretches: stretches))
    }
    let ordered = groups.keys.sorted { (headings[$0] ?? $0, $0) < (headings[$1] ?? $1, $1) }.compactMap { groups[$0] }
    return (ordered, false, omitted, detailed)
  }

  /// The stretches of a set of tracks: a count per status between consecutive boundaries.
  func profile(_ tracks: [History.Track]) -> [Stretch] {
    let end = history.to.adding(days: 1)
    var deltas: [Day: [Status: Int]] = [:]
    for track in tracks {
      for segment in track.segments {
        deltas[segment.from, default: [:]][segment.status, default: 0] += 1
        deltas[segment.until ?? end, default: [:]][segment.status, default: 0] -= 1
      }
    }
    var counts: [Status: Int] = [:]
    var stretches: [Stretch] = []
    let days = deltas.keys.sorted()
    for (i, day) in days.enumerated() {
      for (status, delta) in deltas[day] ?? [:] { counts[status, default: 0] += delta }
      let next = i + 1 < days.count ? days[i + 1] : end
      guard day < end, next > day else { continue }
      let live = counts.filter { $0.value > 0 }
      if let last = stretches.last, last.end == day, last.counts == live {
        stretches[stretches.count - 1].end = next
      } else if !live.isEmpty {
        stretches.append(Stretch(start: day, end: next, counts: live))
      }
    }
    return stretches
  }

  /// What the chart shows, for its caption.
  var caption: String {
    let m = Messages.current
    let layout = self.layout
    if layout.aggregated {
      return m.format("historyAggregateCaption", ["rows": layout.detailed, "from": history.from, "to": history.to])
    }
    return m.format("historyChartCaption", ["date": history.to, "from": history.from, "to": history.to, "omitted": layout.omitted])
  }

  /// The chart as inline SVG.
  func svg() -> String {
    let layout = self.layout
    let rows = layout.groups.reduce(0) { $0 + $1.rows.count }
    let headings = layout.groups.filter { $0.heading != nil }.count
    let height = Self.axisHeight + Double(rows) * Self.rowHeight + Double(headings) * Self.groupHeight + 8
    let width = Self.labelWidth + Self.stripWidth + 10
    let (w, h) = (SVGWriter.number(width), SVGWriter.number(height))
    var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"history-chart\" role=\"img\" width=\"\(w)\" height=\"\(h)\""
    out += " viewBox=\"0 0 \(w) \(h)\" font-family=\"system-ui, 'Noto Sans CJK SC', 'PingFang SC', sans-serif\" font-size=\"11\">\n"
    out += "<title>\(SVGWriter.escape(Messages.current.format("historyChartTitle", ["from": history.from, "to": history.to])))</title>\n"
    out += axis(height: height)
    var y = Self.axisHeight
    for group in layout.groups {
      if let heading = group.heading {
        out += "<text x=\"2\" y=\"\(SVGWriter.number(y + 14))\" font-weight=\"bold\" fill=\"#1f2328\">\(SVGWriter.escape(heading))</text>\n"
        y += Self.groupHeight
      }
      for row in group.rows {
        out += draw(row, y: y, stacked: layout.aggregated)
        y += Self.rowHeight
      }
    }
    return out + "</svg>"
  }

  private func x(_ day: Day) -> Double {
    let span = Double(max(1, history.to.ordinal + 1 - history.from.ordinal))
    return Self.labelWidth + Double(day.ordinal - history.from.ordinal) / span * Self.stripWidth
  }

  /// Year lines and labels (months for spans under two years), and a tick for each change day.
  private func axis(height: Double) -> String {
    var out = ""
    let short = history.to.ordinal - history.from.ordinal < 730
    var ticks: [(Day, String)] = []
    for year in history.from.year...history.to.year {
      for month in short ? [1, 4, 7, 10] : [1] {
        guard let day = Day(year: year, month: month, day: 1), day >= history.from, day <= history.to else { continue }
        ticks.append((day, short ? String(day.description.prefix(7)) : String(year)))
      }
    }
    for (day, label) in ticks {
      let px = SVGWriter.number(x(day))
      out += "<line x1=\"\(px)\" x2=\"\(px)\" y1=\"14\" y2=\"\(SVGWriter.number(height - 4))\" stroke=\"#d0d7de\" stroke-width=\"1\"/>\n"
      out += "<text x=\"\(SVGWriter.number(x(day) + 2))\" y=\"11\" fill=\"#59636e\">\(SVGWriter.escape(label))</text>\n"
    }
    for change in history.changes where change.changed > 0 {
      let px = SVGWriter.number(x(change.date))
      out += "<line x1=\"\(px)\" x2=\"\(px)\" y1=\"16\" y2=\"22\" stroke=\"#1f2328\" stroke-width=\"1\"><title>\(change.date)</title></line>\n"
    }
    return out
  }

  private func draw(_ row: Row, y: Double, stacked: Bool) -> String {
    let label = row.label.count > 38 ? String(row.label.prefix(37)) + "…" : row.label
    var out = "<g><title>\(SVGWriter.escape(row.tooltip))</title>"
    out += "<text x=\"10\" y=\"\(SVGWriter.number(y + 12))\" fill=\"#1f2328\">\(SVGWriter.escape(label))</text></g>\n"
    let height = Self.rowHeight - 2
    for stretch in row.stretches {
      let (x0, x1) = (x(stretch.start), x(stretch.end))
      let period = "\(stretch.start) – \(stretch.end.adding(days: -1))"
      if stacked {
        let total = Double(stretch.counts.values.reduce(0, +))
        var top = y + 1
        for status in Status.displayOrder {
          guard let count = stretch.counts[status], count > 0 else { continue }
          let part = height * Double(count) / total
          out += rect(x0, top, x1 - x0, part, status, title: "\(period): \(count) \(status.label)")
          top += part
        }
        continue
      }
      guard let status = stretch.worst else { continue }
      out += rect(x0, y + 1, x1 - x0, height, status, title: "\(row.tooltip), \(period): \(status.label)")
      if x1 - x0 >= 12 {
        out += "<text x=\"\(SVGWriter.number((x0 + x1) / 2))\" y=\"\(SVGWriter.number(y + 12))\" text-anchor=\"middle\" fill=\"\(Self.ink(status))\" aria-hidden=\"true\">\(status.symbol)</text>\n"
      }
    }
    return out
  }

  private func rect(_ x: Double, _ y: Double, _ width: Double, _ height: Double, _ status: Status, title: String) -> String {
    "<rect x=\"\(SVGWriter.number(x))\" y=\"\(SVGWriter.number(y))\" width=\"\(SVGWriter.number(max(width, 0.5)))\" height=\"\(SVGWriter.number(height))\" fill=\"\(Self.fill(status))\" stroke=\"\(Self.ink(status))\" stroke-opacity=\"0.35\" stroke-width=\"0.5\"><title>\(SVGWriter.escape(title))</title></rect>\n"
  }

  /// The matrices' colours (`st-*` in the report's style).
  static func fill(_ status: Status) -> String {
    switch status {
    case .pass: "#dafbe1"
    case .fail: "#ffebe9"
    case .unknown: "#fff8c5"
    case .waived: "#eef1ff"
    case .notApplicable: "#f6f8fa"
    case .error: "#82071e"
    }
  }

  static func ink(_ status: Status) -> String {
    switch status {
    case .pass: "#116329"
    case .fail: "#a40e26"
    case .unknown: "#7d4e00"
    case .waived: "#3a3fb0"
    case .notApplicable: "#59636e"
    case .error: "#ffffff"
    }
  }
}
