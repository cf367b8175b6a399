import AuditCore
import Foundation

/// The inline SVG of a chronology: a date axis, one lane per actor, a numbered mark per event
/// (in each of its actors' lanes) coloured and shaped by type, and a legend. Coordinates are
/// computed here; every string that reaches the markup is escaped.
///
/// The axis keeps order and rough spacing but not scale: consecutive dates are at least
/// `minGap` apart, and gaps longer than `maxGap` are cut and marked with a break on the axis,
/// so that years of quiet do not squeeze the busy weeks into a line; a short span stretches to
/// `targetWidth`.
///
/// A chronology that would need more than `maxMarks` marks (a corpus whose every version moves
/// dozens of values) is drawn as cells instead: one mark per lane per date, with the number of
/// events it stands for, so that the chart's size follows lanes × dates, not events.
public struct TimelineChart: Sendable {
  /// How an event type is drawn.
  public struct Mark: Sendable {
    public var colour: String
    public var shape: Shape
  }

  /// A mark's outline; shapes differ so that a black-and-white print still tells types apart.
  public enum Shape: Sendable {
    case circle, square, diamond, triangle, dot
  }

  /// The mark of each event type.
  public static func mark(_ kind: Event.Kind) -> Mark {
    switch kind {
    case .block: Mark(colour: "#c62828", shape: .square)
    case .unblock: Mark(colour: "#2e7d32", shape: .circle)
    case .regulation: Mark(colour: "#1565c0", shape: .diamond)
    case .policy: Mark(colour: "#6a1b9a", shape: .diamond)
    case .lawsuit: Mark(colour: "#e65100", shape: .diamond)
    case .request: Mark(colour: "#00838f", shape: .triangle)
    case .statement: Mark(colour: "#6d4c41", shape: .triangle)
    case .change: Mark(colour: "#757575", shape: .dot)
    }
  }

  let pxPerDay = 0.5
  let minGap = 36.0
  let maxGap = 110.0
  /// The narrowest a gap becomes when a long span is fitted to the page: room for a mark and its
  /// number before the next date's.
  let tightGap = 20.0
  /// The most marks stacked on one date in one lane; the rest are counted in a "+N" label.
  let maxStack = 10
  /// The narrowest and widest lane-label column; within them it fits the longest label.
  let minLabelWidth = 120.0
  let maxLabelWidth = 280.0
  let rowHeight = 18.0
  /// The strip above a company's first lane that holds the company's name.
  let bandStrip = 14.0
  let yearBand = 26.0
  let axisLabelSpace = 74.0
  let rightMargin = 40.0
  /// The width the chart stretches its gaps towards, to fill a page (the report's body is 1400 px).
  let targetWidth = 1300.0
  /// Above this many marks (events × their lanes) the chart draws one mark per lane per date.
  let maxMarks: Int

  /// A chart that draws cells instead of marks once it would need more than `maxMarks` marks.
  public init(maxMarks: Int = 1_000) {
    self.maxMarks = maxMarks
  }

  /// Whether the document's events need more than `maxMarks` marks, so that the chart draws
  /// one mark per lane per date instead (the caption says so).
  public func drawsCells(_ document: TimelineDocument) -> Bool {
    document.events.reduce(0) { $0 + $1.lanes(by: document.lanes).count } > maxMarks
  }

  /// The `<svg>` element for the document's events, numbered from 1 in document order.
  public func svg(_ document: TimelineDocument) -> String {
    let layout = Layout(document, chart: self)
    var out = SVGWriter()
    out.open(width: layout.width, height: layout.height,
      title: Messages.current.pick(original: document.title, english: document.titleEn).primary ?? document.title,
      events: document.events.count, lanes: layout.lanes.count, cells: drawsCells(document))
    drawLanes(layout, into: &out)
    drawYears(layout, into: &out)
    drawAxis(layout, into: &out)
    drawMarks(document, layout, into: &out)
    drawCells(document, layout, into: &out)
    drawLegend(layout, into: &out)
    out.close()
    return out.text
  }

  private func drawLanes(_ layout: Layout, into out: inout SVGWriter) {
    for lane in layout.lanes {
      // Lanes of one company share a shade: the band alternates, not the lane.
      let fill = lane.shade % 2 == 0 ? "#f4f5f7" : "#ffffff"
      out.element("rect", ["x": 0, "y": lane.top, "width": layout.width - rightMargin / 2, "height": lane.height],
        attributes: ["fill": fill, "class": "lane"])
      if let band = lane.band {
        // The band's caption sits in a strip above its first lane, under a rule.
        let strip = lane.top - bandStrip
        out.element("line", ["x1": 0, "y1": strip, "x2": layout.width - rightMargin / 2, "y2": strip],
          attributes: ["stroke": "#57606a", "stroke-width": "1", "class": "band"])
        let caption = band.count > 40 ? String(band.prefix(39)) + "…" : band
        out.raw("<g class=\"band-label\"><title>\(SVGWriter.escape(band))</title>")
        out.text(caption, x: 4, y: strip + 11, attributes: ["font-size": "10", "font-weight": "bold", "fill": "#57606a"])
        out.raw("</g>\n")
      }
      // The name, never cut: a name wider than the column takes two lines; the id is the tooltip.
      let lines = Self.labelLines(lane.label, width: layout.labelWidth - 14)
      out.raw("<g class=\"lane-label\"><title>\(SVGWriter.escape(lane.actor == lane.label ? lane.label : "\(lane.label) (\(lane.actor))"))</title>")
      let middle = lane.top + min(lane.height / 2, rowHeight) + 4
      for (n, line) in lines.enumerated() {
        out.text(line, x: layout.labelWidth - 10, y: middle + (Double(n) - Double(lines.count - 1) / 2) * 13,
          attributes: ["text-anchor": "end", "font-size": "12"])
      }
      out.raw("</g>\n")
    }
  }

  private func drawYears(_ layout: Layout, into out: inout SVGWriter) {
    var previousYear: Int?
    // Where the last year's label ends: a year that starts closer than that (a narrowed gap)
    // keeps its line, and its label moves down a row.
    var labelEnd = -Double.infinity
    var row = 0
    for (i, column) in layout.columns.enumerated() where column.date.year != previousYear {
      previousYear = column.date.year
      let x = i == 0 ? layout.x[0] - minGap / 2 : (layout.x[i - 1] + layout.x[i]) / 2
      out.element("line", ["x1": x, "y1": 4, "x2": x, "y2": layout.lanesBottom],
        attributes: ["stroke": "#9e9e9e", "stroke-dasharray": "3 3", "class": "year"])
      let year = String(column.date.year)
      row = x + 4 < labelEnd && row == 0 ? 1 : 0
      // The label's estimated width (bold runs a little wider) and a gap.
      if row == 0 { labelEnd = x + 4 + Self.textWidth(year, size: 13) + 5 }
      out.text(year, x: x + 4, y: row == 0 ? 12 : 24,
        attributes: ["font-size": row == 0 ? "13" : "11", "font-weight": "bold", "class": "year-label"])
    }
  }

  private func drawAxis(_ layout: Layout, into out: inout SVGWriter) {
    let y = layout.lanesBottom + 6
    out.element("line", ["x1": layout.labelWidth, "y1": y, "x2": layout.x.last.map { $0 + minGap / 2 } ?? layout.labelWidth, "y2": y],
      attributes: ["stroke": "#212121", "class": "axis"])
    for (i, column) in layout.columns.enumerated() {
      let x = layout.x[i]
      out.element("line", ["x1": x, "y1": y, "x2": x, "y2": y + 5], attributes: ["stroke": "#212121"])
      var attributes = ["text-anchor": "end", "font-size": "11", "class": "date",
        "transform": "rotate(-50 \(SVGWriter.number(x)) \(SVGWriter.number(y + 14)))"]
      if column.date.precision < 3 { attributes["font-style"] = "italic" }
      out.text(column.date.description, x: x, y: y + 14, attributes: attributes)
      if column.breakBefore, i > 0 {
        let mid = (layout.x[i - 1] + x) / 2
        out.element("rect", ["x": mid - 5, "y": y - 5, "width": 10, "height": 10], attributes: ["fill": "#ffffff"])
        for dx in [-3.0, 3.0] {
          out.element("line", ["x1": mid + dx - 3, "y1": y + 5, "x2": mid + dx + 3, "y2": y - 5],
            attributes: ["stroke": "#212121", "class": "break"])
        }
      }
    }
  }

  private func drawMarks(_ document: TimelineDocument, _ layout: Layout, into out: inout SVGWriter) {
    for placed in layout.marks {
      let event = document.events[placed.event]
      let number = placed.event + 1
      out.raw("<a href=\"#e\(number)\" class=\"mark t-\(event.type.rawValue)\">")
      out.raw("<title>\(SVGWriter.escape(Self.tooltip(event, number: number)))</title>")
      shape(Self.mark(event.type), partial: event.date.precision < 3, x: placed.x, y: placed.y, into: &out)
      out.text(String(number), x: placed.x + 9, y: placed.y + 4, attributes: ["font-size": "10", "class": "number"])
      out.raw("</a>")
    }
    for overflow in layout.overflows {
      let numbers = overflow.events.map { String($0 + 1) }.joined(separator: ", ")
      out.raw("<g class=\"more\"><title>\(SVGWriter.escape(Messages.current.format("chartAlsoEvents", ["numbers": numbers])))</title>")
      out.text("+\(overflow.events.count)", x: overflow.x - 6, y: overflow.y + 4,
        attributes: ["font-size": "10", "font-weight": "bold"])
      out.raw("</g>\n")
    }
  }

  /// A cell's mark: its events' type when they share one (else `change`), hollow when all their
  /// dates are partial, the count beside it, linked to its first row; the tooltip names the rows.
  private func drawCells(_ document: TimelineDocument, _ layout: Layout, into out: inout SVGWriter) {
    let m = Messages.current
    for cell in layout.cells {
      let rows = cell.rows.map { document.events[$0] }
      let type = Set(rows.map(\.type)).count == 1 ? rows[0].type : .change
      let count = rows.reduce(0) { $0 + ($1.fold?.events ?? 1) }
      let listed = cell.rows.prefix(Self.maxListedRows).map { String($0 + 1) }.joined(separator: ", ")
        + (cell.rows.count > Self.maxListedRows ? ", …" : "")
      let tip = m.format("chartCell", ["lane": layout.lanes[cell.lane].label, "date": rows[0].date.description,
        "events": m.format("timelineEvents", count: count), "rows": listed])
      out.raw("<a href=\"#e\(cell.rows[0] + 1)\" class=\"mark cell t-\(type.rawValue)\"><title>\(SVGWriter.escape(tip))</title>")
      shape(Self.mark(type), partial: rows.allSatisfy { $0.date.precision < 3 }, x: cell.x, y: cell.y, into: &out)
      out.text("×\(count)", x: cell.x + 9, y: cell.y + 4, attributes: ["font-size": "10", "class": "number"])
      out.raw("</a>\n")
    }
  }

  /// The most row numbers a cell's tooltip lists; its link leads to the first.
  static let maxListedRows = 8

  private func shape(_ mark: Mark, partial: Bool, x: Double, y: Double, into out: inout SVGWriter) {
    var style: [String: String] = partial
      ? ["fill": "#ffffff", "stroke": mark.colour, "stroke-width": "2", "stroke-dasharray": "2 1.5"]
      : ["fill": mark.colour, "stroke": "#212121", "stroke-width": "0.6"]
    style["class"] = "shape"
    switch mark.shape {
    case .circle: out.element("circle", ["cx": x, "cy": y, "r": 6], attributes: style)
    case .dot: out.element("circle", ["cx": x, "cy": y, "r": 4.5], attributes: style)
    case .square: out.element("rect", ["x": x - 5.5, "y": y - 5.5, "width": 11, "height": 11], attributes: style)
    case .diamond:
      style["points"] = SVGWriter.points([(x, y - 7), (x + 7, y), (x, y + 7), (x - 7, y)])
      out.element("polygon", [:], attributes: style)
    case .triangle:
      style["points"] = SVGWriter.points([(x, y - 7), (x + 6.5, y + 5), (x - 6.5, y + 5)])
      out.element("polygon", [:], attributes: style)
    }
  }

  private func drawLegend(_ layout: Layout, into out: inout SVGWriter) {
    for item in layout.legend {
      if let mark = item.mark { shape(mark, partial: item.partial, x: item.x + 6, y: item.y, into: &out) }
      out.text(item.label, x: item.x + (item.mark == nil ? 0 : 16), y: item.y + 4,
        attributes: ["font-size": "11", "class": "legend"])
    }
  }

  /// What a lane says: the platform's or company's name in the report's language, else the
  /// company's name that the document records, else the id.
  static func laneLabel(_ document: TimelineDocument, _ lane: String) -> String {
    if let n = document.names?.first(where: { $0.id == lane }),
      let name = Messages.current.pick(original: n.name, english: n.nameEn).primary, !name.isEmpty {
      return name
    }
    return document.laneName(lane)
  }

  /// A text's width in pixels at `size`, estimated: wide (CJK) characters a full em, others
  /// about 0.6 em. Enough to keep labels from overlapping without measuring fonts.
  static func textWidth(_ text: String, size: Double) -> Double {
    text.reduce(0) { $0 + (isWide($1) ? size : size * 0.6) }
  }

  static func isWide(_ c: Character) -> Bool {
    guard let v = c.unicodeScalars.first?.value else { return false }
    return (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
      || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
  }

  /// A label as one line, or two split at the space nearest its middle (or at its middle when it
  /// has none) when it is wider than `width`.
  static func labelLines(_ label: String, width: Double) -> [String] {
    guard textWidth(label, size: 12) > width, label.count > 1 else { return [label] }
    let chars = Array(label)
    let middle = chars.count / 2
    let spaces = chars.indices.filter { chars[$0] == " " }
    let cut = spaces.min { abs($0 - middle) < abs($1 - middle) } ?? middle
    let first = String(chars[..<cut]).trimmingCharacters(in: .whitespaces)
    let second = String(chars[cut...]).trimmingCharacters(in: .whitespaces)
    return [first, second].filter { !$0.isEmpty }
  }

  /// The legend's entries: the types present, then the partial-date and cut-axis conventions.
  static func legendEntries(_ document: TimelineDocument, cut: Bool) -> [(mark: Mark?, partial: Bool, label: String)] {
    var items: [(mark: Mark?, partial: Bool, label: String)] = Event.Kind.allCases
      .filter { kind in document.events.contains { $0.type == kind } }
      .map { (mark($0), false, Messages.current.word("eventType", $0.rawValue)) }
    if document.events.contains(where: { $0.date.precision < 3 }) {
      items.append((Mark(colour: "#424242", shape: .circle), true, Messages.current["chartPartialDate"]))
    }
    if cut { items.append((nil, false, Messages.current["chartCut"])) }
    return items
  }

  /// The mark's tooltip: "12 · 2021-11-29 · unblock · wechat → taobao: links… blocked → direct".
  static func tooltip(_ event: TimelineDocument.Entry, number: Int) -> String {
    var who = event.actors.joined(separator: ", ")
    if !event.affects.isEmpty { who += " → " + event.affects.joined(separator: ", ") }
    // A folded run's mark says how many changes it holds; its row in the table spells them out.
    let title = event.isDerived ? TimelineReport.title(of: event) : event.title
    var text = "\(number) · \(event.date) · \(Messages.current.word("eventType", event.type.rawValue)) · \(who): \(title)"
    if let en = event.titleEn { text += " / \(en)" }
    return text
  }

  /// Where everything goes.
  struct Layout {
    struct Column {
      var date: PartialDate
      var breakBefore: Bool
    }

    struct Lane {
      var actor: String
      var top: Double
      var height: Double
      /// What the lane says: the actor, or the company's name in `--by entity` charts.
      var label: String
      /// The company whose band starts at this lane, if any.
      var band: String?
      /// Alternates per band (per lane when there are no bands).
      var shade: Int
    }

    struct Placed {
      var event: Int
      var x: Double
      var y: Double
    }

    /// Marks beyond `maxStack` on one date in one lane: their events, shown as "+N".
    struct Overflow {
      var events: [Int]
      var x: Double
      var y: Double
    }

    /// One lane's events on one date, drawn as one mark with their count.
    struct Cell {
      var rows: [Int]
      var lane: Int
      var x: Double
      var y: Double
    }

    struct LegendItem {
      var mark: Mark?
      var partial: Bool
      var label: String
      var x: Double
      var y: Double
    }

    var columns: [Column] = []
    var x: [Double] = []
    var lanes: [Lane] = []
    var marks: [Placed] = []
    var overflows: [Overflow] = []
    /// In a chart drawn as cells: one per lane and date that has events.
    var cells: [Cell] = []
    var legend: [LegendItem] = []
    var lanesBottom = 0.0
    /// The lane-label column: the longest label's width, within the chart's bounds.
    var labelWidth = 120.0
    var legendTop = 0.0
    var width = 0.0
    var height = 0.0

    init(_ document: TimelineDocument, chart: TimelineChart) {
      let widest = document.actors.map { TimelineChart.textWidth(TimelineChart.laneLabel(document, $0), size: 12) }.max() ?? 0
      labelWidth = min(chart.maxLabelWidth, max(chart.minLabelWidth, widest + 24))
      let dates = Array(Set(document.events.map(\.date))).sorted()
      placeColumns(dates, chart: chart)
      placeMarks(document, dates: dates, chart: chart)
      width = max(640, (x.last ?? labelWidth) + chart.minGap / 2 + chart.rightMargin)
      legendTop = lanesBottom + chart.axisLabelSpace
      placeLegend(document, chart: chart)
    }

    /// One column per distinct date: gaps follow the days between, within `minGap`…`maxGap`,
    /// then stretch or narrow together to the target width.
    private mutating func placeColumns(_ dates: [PartialDate], chart: TimelineChart) {
      var gaps: [Double] = [0]
      var cuts = [false]
      for (previous, date) in zip(dates, dates.dropFirst()) {
        let wanted = Double(date.start.ordinal - previous.start.ordinal) * chart.pxPerDay
        gaps.append(min(chart.maxGap, max(chart.minGap, wanted)))
        cuts.append(wanted > chart.maxGap)
      }
      let fixed = labelWidth + chart.minGap + 6 + chart.rightMargin
      let natural = gaps.reduce(0, +)
      let room = chart.targetWidth - fixed
      // A short span stretches to fill the width instead of its left third. A long one gives up
      // the part of each gap above `tightGap`, evenly, until it fits the page: a reviewer at
      // 1400 px sees every date without scrolling; only when even tight gaps do not fit does
      // the chart scroll.
      let tight = chart.tightGap * Double(gaps.count - 1)
      let squeeze = natural > room && natural > tight ? max(0, (room - tight) / (natural - tight)) : 1
      let stretch = natural > 0 && natural < room ? room / natural : 1
      var position = labelWidth + chart.minGap / 2 + 6
      for (i, date) in dates.enumerated() {
        let gap = gaps[i] > chart.tightGap ? chart.tightGap + (gaps[i] - chart.tightGap) * squeeze : gaps[i]
        position += gap * stretch
        columns.append(Column(date: date, breakBefore: cuts[i]))
        x.append(position)
      }
    }

    /// A mark per event in each of its actors' lanes; marks on one date stack down the lane,
    /// which grows to hold its tallest stack. Past `maxMarks`, one mark per lane and date.
    private mutating func placeMarks(_ document: TimelineDocument, dates: [PartialDate], chart: TimelineChart) {
      let columnOf = Dictionary(uniqueKeysWithValues: dates.enumerated().map { ($1, $0) })
      let laneOf = Dictionary(uniqueKeysWithValues: document.actors.enumerated().map { ($1, $0) })
      let asCells = chart.drawsCells(document)
      var stacks: [Int: [Int: Int]] = [:]  // lane -> column -> marks so far
      var slots: [(event: Int, lane: Int, column: Int, row: Int)] = []
      var extra: [Int: [Int: [Int]]] = [:]  // lane -> column -> events not drawn
      var cellRows: [Int: [Int: [Int]]] = [:]  // lane -> column -> events, when drawn as cells
      for (e, event) in document.events.enumerated() {
        guard let column = columnOf[event.date] else { continue }
        for actor in event.lanes(by: document.lanes) {
          guard let lane = laneOf[actor] else { continue }
          if asCells {
            cellRows[lane, default: [:]][column, default: []].append(e)
            stacks[lane, default: [:]][column] = 1
            continue
          }
          let row = stacks[lane, default: [:]][column, default: 0]
          stacks[lane, default: [:]][column] = row + 1
          if row < chart.maxStack {
            slots.append((e, lane, column, row))
          } else {
            extra[lane, default: [:]][column, default: []].append(e)
          }
        }
      }
      var top = chart.yearBand
      var shade = -1
      var previousBand: String??
      for (i, actor) in document.actors.enumerated() {
        let tallest = min(chart.maxStack + 1, stacks[i]?.values.max() ?? 1)
        let height = Double(max(1, tallest)) * chart.rowHeight + 10
        let band = document.band(of: actor).map { $0.name ?? $0.id }
        let starts = previousBand != .some(band) || band == nil
        if starts { shade += 1 }
        if starts, band != nil { top += chart.bandStrip }
        lanes.append(Lane(actor: actor, top: top, height: height, label: TimelineChart.laneLabel(document, actor),
          band: starts ? band : nil, shade: shade))
        previousBand = .some(band)
        top += height
      }
      lanesBottom = top
      let tops = lanes.map(\.top)
      let rowY = { (lane: Int, row: Int) in tops[lane] + 5 + chart.rowHeight / 2 + Double(row) * chart.rowHeight }
      marks = slots.map { Placed(event: $0.event, x: x[$0.column], y: rowY($0.lane, $0.row)) }
      for lane in cellRows.keys.sorted() {
        for (column, rows) in (cellRows[lane] ?? [:]).sorted(by: { $0.key < $1.key }) {
          cells.append(Cell(rows: rows, lane: lane, x: x[column], y: rowY(lane, 0)))
        }
      }
      for lane in extra.keys.sorted() {
        for (column, events) in (extra[lane] ?? [:]).sorted(by: { $0.key < $1.key }) {
          overflows.append(Overflow(events: events, x: x[column], y: rowY(lane, chart.maxStack)))
        }
      }
    }

    /// Legend entries left to right, wrapping at the chart's width.
    private mutating func placeLegend(_ document: TimelineDocument, chart: TimelineChart) {
      var lx = labelWidth
      var ly = legendTop + 10
      for entry in TimelineChart.legendEntries(document, cut: columns.contains(where: \.breakBefore)) {
        let itemWidth = 30 + TimelineChart.textWidth(entry.label, size: 11)
        if lx + itemWidth > width - chart.rightMargin / 2, lx > labelWidth {
          lx = labelWidth
          ly += 20
        }
        legend.append(LegendItem(mark: entry.mark, partial: entry.partial, label: entry.label, x: lx, y: ly))
        lx += itemWidth
      }
      height = ly + 20
    }
  }
}
