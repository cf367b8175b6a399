/// When a duty (an obligation's `effective`, or a phase's `from`) starts to bind: a fixed day, or
/// the day after a period that runs from a date recorded in each manifest.
///
/// The relative form is written `{within: P2Y, of: dma.designated_on}` and reads as the law does
/// ("within 2 years from the designation"): the period ends on the date at `of` plus `within`
/// (Regulation (EEC, Euratom) No 1182/71, Art. 3(2)(c): on the same date of the last month, or
/// that month's last day where it has no such date), and the duty binds from the next day. The
/// DMA's first gatekeepers were designated on 2023-09-06; `{within: P6M, of: ...}` gives
/// 2024-03-07, the compliance date the Commission announced.
public enum StartDate: Sendable, Hashable, CustomStringConvertible {
  /// The same day for every platform.
  case day(Day)
  /// The day after `within` from the date each platform records at `of`.
  case relative(within: Period, of: CapabilityPath)

  /// The fixed day, if this start does not depend on a manifest.
  public var fixed: Day? {
    if case .day(let day) = self { return day }
    return nil
  }

  /// "2024-03-07", or "the day after P2Y from dma.designated_on".
  public var description: String {
    switch self {
    case .day(let day): day.description
    case .relative(let period, let path): "the day after \(period) from \(path)"
    }
  }

  /// The first day on which the duty binds, for a date read at `of`.
  public static func binds(after date: Day, within period: Period) -> Day {
    period.added(to: date).adding(days: 1)
  }
}

/// An ISO 8601 period of whole years, months and days (`P6M`, `P2Y`, `P1Y6M`, `P30D`).
public struct Period: Sendable, Hashable, CustomStringConvertible {
  /// Whole years, added first.
  public var years: Int
  /// Whole months, added with the years (kept within the target month).
  public var months: Int
  /// Days, added last.
  public var days: Int

  /// A period of the given parts (all zero by default).
  public init(years: Int = 0, months: Int = 0, days: Int = 0) {
    self.years = years
    self.months = months
    self.days = days
  }

  /// Parses `PnYnMnD` (each part optional, at least one present, in that order).
  public init?(_ text: String) {
    var rest = Substring(text)
    guard rest.first == "P", rest.count > 1 else { return nil }
    rest = rest.dropFirst()
    var values: [Character: Int] = [:]
    var order: [Character] = []
    var digits = ""
    for ch in rest {
      if ch.isASCII, ch.isNumber {
        digits.append(ch)
      } else if ["Y", "M", "D"].contains(ch), !digits.isEmpty, digits.count <= 4, let n = Int(digits),
        values[ch] == nil
      {
        values[ch] = n
        order.append(ch)
        digits = ""
      } else {
        return nil
      }
    }
    guard digits.isEmpty, !order.isEmpty, order == order.sorted(by: { Period.rank($0) < Period.rank($1) })
    else { return nil }
    self.init(years: values["Y"] ?? 0, months: values["M"] ?? 0, days: values["D"] ?? 0)
  }

  private static func rank(_ unit: Character) -> Int { unit == "Y" ? 0 : unit == "M" ? 1 : 2 }

  /// `date` moved by the years and months (kept within the target month), then the days. Past
  /// year 9999 the date goes on (`+11023-09-06`); past `Day.last` it stops there — never back
  /// to `date`, which would make a duty of thousands of years bind tomorrow.
  public func added(to date: Day) -> Day {
    let total = date.year * 12 + (date.month - 1) + years * 12 + months
    let year = total / 12
    let month = total % 12 + 1
    guard Day.years.contains(year) else { return Day.last }
    let day = min(date.day, Day.daysIn(month: month, year: year))
    let moved = Day(year: year, month: month, day: day) ?? Day.last
    return moved.adding(days: days)
  }

  /// "P2Y", "P1Y6M", "P30D".
  public var description: String {
    var text = "P"
    if years > 0 { text += "\(years)Y" }
    if months > 0 { text += "\(months)M" }
    if days > 0 || text == "P" { text += "\(days)D" }
    return text
  }
}

/// Resolves a `StartDate` against a manifest.
public enum StartResolver {
  /// What a start resolves to for one manifest.
  public enum Resolution: Sendable {
    /// The day the duty binds.
    case day(Day)
    /// The date it counts from is not recorded (null or absent): the lookup says where.
    case unknown(Lookup)
    /// The value there is not a date, or the path runs into a scalar or list.
    case error(Lookup, Message)
  }

  /// The start for `manifest`; `nil` manifest resolves only fixed days.
  public static func resolve(_ start: StartDate, in manifest: Manifest?) -> Resolution? {
    switch start {
    case .day(let day): return .day(day)
    case .relative(let period, let path):
      guard let manifest else { return nil }
      let lookup = CapabilityLookup.lookup(path, in: manifest.capabilities, platform: manifest.id, counterparty: nil)
      switch lookup.found {
      case .value(let node):
        switch DateValue.read(node) {
        case .value(let date): return .day(StartDate.binds(after: date, within: period))
        case .problem(let message): return .error(lookup, message)
        }
      case .null, .missing: return .unknown(lookup)
      case .blocked(_, let message): return .error(lookup, message)
      }
    }
  }

  /// The day, when it resolves to one.
  public static func day(_ start: StartDate, in manifest: Manifest?) -> Day? {
    if case .day(let day)? = resolve(start, in: manifest) { return day }
    return nil
  }
}

extension StartDate {
  /// The start as messages say it: the date, or "the day after P2Y from dma.designated_on".
  public var message: Message {
    switch self {
    case .day(let day): Message(.startDay, ["date": .date(day.description)])
    case .relative(let period, let path):
      Message(.startRelative, ["period": .text(period.description), "path": .path(path)])
    }
  }
}

extension MessageKey {
  static let startDay = MessageKey("start.day", "{date}")
  static let startRelative = MessageKey("start.relative", "the day after {period} from {path}")
}
