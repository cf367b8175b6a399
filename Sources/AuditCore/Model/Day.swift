/// A calendar date, `YYYY-MM-DD`, as the file formats write dates.
public struct Day: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
  public let year: Int
  public let month: Int
  public let day: Int

  /// The years a day may have: from 1, past 9999 too (written `+YYYYY-MM-DD`, ISO 8601's
  /// expanded form), so that a period of thousands of years added to a date stays a date.
  public static let years = 1...999_999

  /// The last day there is: where a date moved past `years` stops, rather than wrapping around.
  public static let last = Day(validYear: years.upperBound, month: 12, day: 31)

  /// Creates a day when the numbers name a real calendar date.
  public init?(year: Int, month: Int, day: Int) {
    guard Day.years.contains(year), (1...12).contains(month),
      (1...Day.daysIn(month: month, year: year)).contains(day)
    else { return nil }
    self.year = year
    self.month = month
    self.day = day
  }

  /// A day from numbers already known to be valid.
  init(validYear year: Int, month: Int, day: Int) {
    self.year = year
    self.month = month
    self.day = day
  }

  /// 1970-01-01, the placeholder date of a manifest whose `as_of` did not parse.
  public static let epoch = Day(validYear: 1970, month: 1, day: 1)
  /// 2100-01-01, the date on which examples of undated obligations are evaluated.
  public static let distantFuture = Day(validYear: 2100, month: 1, day: 1)

  /// Parses exactly `YYYY-MM-DD`, or `+YYYYY-MM-DD` (five or six digits) for years past 9999.
  public init?(_ text: String) {
    if text.utf8.first == UInt8(ascii: "+") {
      let digits = text.utf8.dropFirst().prefix { $0 >= 48 && $0 <= 57 }
      guard (5...6).contains(digits.count), let year = Int(String(decoding: digits, as: UTF8.self)), year > 9999,
        let rest = Day("2000" + String(decoding: text.utf8.dropFirst(1 + digits.count), as: UTF8.self))
      else { return nil }
      self.init(year: year, month: rest.month, day: rest.day)
      return
    }
    // `YYYY-MM-DD`, read byte by byte: manifests hold tens of thousands of dates.
    var fields = (0, 0, 0)
    var count = 0
    for byte in text.utf8 {
      switch count {
      case 4, 7:
        guard byte == UInt8(ascii: "-") else { return nil }
      case 0..<10:
        guard byte >= 48 && byte <= 57 else { return nil }
        let digit = Int(byte - 48)
        if count < 4 {
          fields.0 = fields.0 * 10 + digit
        } else if count < 7 {
          fields.1 = fields.1 * 10 + digit
        } else {
          fields.2 = fields.2 * 10 + digit
        }
      default:
        return nil
      }
      count += 1
    }
    guard count == 10 else { return nil }
    self.init(year: fields.0, month: fields.1, day: fields.2)
  }

  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// Days since 1970-01-01 (proleptic Gregorian), for arithmetic.
  public var ordinal: Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146097 + doe - 719468
  }

  /// The day `ordinal` days after 1970-01-01.
  public init(ordinal: Int) {
    let z = ordinal + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
    self.month = m
    self.day = d
  }

  /// This day moved by `days`, stopping at `Day.last` (and at year 1) rather than leaving the years.
  public func adding(days: Int) -> Day {
    let target = ordinal + days
    if target > Day.last.ordinal { return Day.last }
    if target < Day.first.ordinal { return Day.first }
    return Day(ordinal: target)
  }

  /// 0001-01-01.
  public static let first = Day(validYear: 1, month: 1, day: 1)

  /// The UTC day of a Unix time, for `SOURCE_DATE_EPOCH` and "today"; nil outside years 1–9999
  /// (checked before any arithmetic, so no value can overflow).
  public init?(unixTime: Int) {
    // 0001-01-01 and 9999-12-31 as Unix times.
    guard (-62_135_596_800...253_402_300_799).contains(unixTime) else { return nil }
    self.init(ordinal: unixTime >= 0 ? unixTime / 86_400 : (unixTime - 86_399) / 86_400)
  }

  /// `YYYY-MM-DD`; `+YYYYY-MM-DD` past 9999, which `init(_:)` reads back.
  public var description: String {
    let y = String(year)
    let m = month < 10 ? "0\(month)" : String(month)
    let d = day < 10 ? "0\(day)" : String(day)
    return "\(year > 9999 ? "+" : String(repeating: "0", count: max(0, 4 - y.count)))\(y)-\(m)-\(d)"
  }

  public static func < (lhs: Day, rhs: Day) -> Bool {
    (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
  }

  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let day = Day(text) else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "expected YYYY-MM-DD, found '\(text)'"))
    }
    self = day
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}

/// A date known to the year, the month or the day (`2018`, `2018-04`, `2018-04-02`), for events.
public struct PartialDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
  public let year: Int
  public let month: Int?
  public let day: Int?

  public init?(_ text: String) {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard (1...3).contains(parts.count), parts[0].count == 4,
      parts.dropFirst().allSatisfy({ $0.count == 2 }),
      parts.allSatisfy({ $0.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }),
      let y = Int(parts[0]), y >= 1
    else { return nil }
    year = y
    if parts.count >= 2 {
      guard let m = Int(parts[1]), (1...12).contains(m) else { return nil }
      month = m
    } else {
      month = nil
    }
    if parts.count == 3 {
      guard let m = month, let d = Int(parts[2]), (1...Day.daysIn(month: m, year: y)).contains(d)
      else { return nil }
      day = d
    } else {
      day = nil
    }
  }

  public init(_ day: Day) {
    year = day.year
    month = day.month
    self.day = day.day
  }

  /// The first day of the period, used to place the date on an axis.
  public var start: Day { Day(validYear: year, month: month ?? 1, day: day ?? 1) }

  /// The last day of the period, for `--from`/`--to` filters.
  public var end: Day {
    let m = month ?? 12
    return Day(validYear: year, month: m, day: day ?? Day.daysIn(month: m, year: year))
  }

  /// How precise the date is: 1 year, 2 month, 3 day.
  public var precision: Int { day != nil ? 3 : month != nil ? 2 : 1 }

  public var description: String {
    var text = String(year)
    if let month { text += month < 10 ? "-0\(month)" : "-\(month)" }
    if let day { text += day < 10 ? "-0\(day)" : "-\(day)" }
    return text
  }

  /// Earlier periods first; a partial date sorts before the full dates of its own period.
  public static func < (lhs: PartialDate, rhs: PartialDate) -> Bool {
    if lhs.year != rhs.year { return lhs.year < rhs.year }
    switch (lhs.month, rhs.month) {
    case (nil, nil): return false
    case (nil, _): return true
    case (_, nil): return false
    case (let a?, let b?) where a != b: return a < b
    default: break
    }
    switch (lhs.day, rhs.day) {
    case (nil, nil): return false
    case (nil, _): return true
    case (_, nil): return false
    case (let a?, let b?): return a < b
    }
  }

  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let date = PartialDate(text) else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "expected YYYY[-MM[-DD]], found '\(text)'"))
    }
    self = date
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}
