import AuditCore

/// Writes SVG markup: attributes in sorted order and numbers to one decimal (so output is
/// byte-stable), every text and attribute value escaped for XML.
struct SVGWriter {
  private(set) var text = ""

  /// Starts the `<svg>` element, sized in pixels and scalable through its `viewBox`.
  /// `cells` says that each mark stands for one lane's events on one date.
  mutating func open(width: Double, height: Double, title: String, events: Int, lanes: Int, cells: Bool = false) {
    let (w, h) = (Self.number(width), Self.number(height))
    text += "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline-chart\" role=\"img\""
    text += " width=\"\(w)\" height=\"\(h)\" viewBox=\"0 0 \(w) \(h)\" aria-labelledby=\"chart-title chart-desc\""
    text += " font-family=\"system-ui, 'Noto Sans CJK SC', 'PingFang SC', sans-serif\">\n"
    text += "<title id=\"chart-title\">\(Self.escape(title))</title>\n"
    let desc = Messages.current.format(cells ? "chartDescCells" : "chartDesc", ["events": events, "lanes": lanes])
    text += "<desc id=\"chart-desc\">\(Self.escape(desc))</desc>\n"
  }

  mutating func close() { text += "</svg>" }

  /// An empty element with numeric geometry and string attributes.
  mutating func element(_ name: String, _ geometry: [String: Double], attributes: [String: String] = [:]) {
    var all = attributes
    for (key, value) in geometry { all[key] = Self.number(value) }
    text += "<\(name)\(Self.attributes(all))/>\n"
  }

  /// A `<text>` element at (x, y).
  mutating func text(_ content: String, x: Double, y: Double, attributes: [String: String] = [:]) {
    var all = attributes
    all["x"] = Self.number(x)
    all["y"] = Self.number(y)
    text += "<text\(Self.attributes(all))>\(Self.escape(content))</text>\n"
  }

  /// Markup the caller has built and escaped.
  mutating func raw(_ markup: String) { text += markup }

  private static func attributes(_ values: [String: String]) -> String {
    values.keys.sorted().map { " \($0)=\"\(escape(values[$0] ?? ""))\"" }.joined()
  }

  /// A coordinate to at most one decimal, without a trailing ".0".
  static func number(_ value: Double) -> String {
    let tenths = (value * 10).rounded()
    guard tenths.isFinite, abs(tenths) < 1e12 else { return "0" }
    let whole = Int(tenths)
    let sign = whole < 0 ? "-" : ""
    let magnitude = abs(whole)
    return magnitude % 10 == 0 ? "\(sign)\(magnitude / 10)" : "\(sign)\(magnitude / 10).\(magnitude % 10)"
  }

  /// `x1,y1 x2,y2 …` for a polygon.
  static func points(_ list: [(Double, Double)]) -> String {
    list.map { "\(number($0.0)),\(number($0.1))" }.joined(separator: " ")
  }

  /// Text for XML content and attribute values; characters XML 1.0 forbids become U+FFFD.
  static func escape(_ text: String) -> String {
    var out = ""
    for scalar in TextEscaping.html(text).unicodeScalars {
      switch scalar.value {
      case 0xFFFE, 0xFFFF: out += "\u{FFFD}"
      case 0x09, 0x0A: out += " "
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
