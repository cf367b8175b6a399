import Foundation

/// A deterministic corpus of manifest-sized YAML files and a rule pack that exercises every
/// `per:` mode, for timing the loader and the engine.
struct SyntheticCorpus {
  let platforms: Int
  let versions: Int
  var shape: Shape = .mixed

  /// Who the six duties reach. `mixed` is issue 12's corpus, where reading dominates (about six
  /// results a platform); `output` is issue 25's, where writing does: each manifest names 40
  /// others, four platforms in five are major messengers checked pairwise and every other one is
  /// a major shop, so that a run gives about 160 results a platform, half of them fails.
  enum Shape: String {
    case mixed, output

    /// How many other platforms each manifest lists under `links.inbound`.
    var named: Int { self == .mixed ? 30 : 40 }
  }

  /// A small linear congruential generator: the same corpus on every machine.
  private struct Random {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
      state = state &* 6364136223846793005 &+ 1442695040888963407
      return Int((state >> 33) % UInt64(bound))
    }
  }

  private static let levels = ["blocked", "copy_out", "interstitial", "direct"]
  private static let wallets = ["alipay", "wechat_pay", "unionpay", "jd_pay", "apple_pay"]

  /// Writes the corpus under `directory`; returns the manifest directory and the rules directory.
  func write(to directory: URL) throws -> (manifests: URL, rules: URL) {
    let manifests = directory.appendingPathComponent("manifests")
    let rules = directory.appendingPathComponent("rules")
    try FileManager.default.createDirectory(at: manifests, withIntermediateDirectories: true)
    try FileManager.default.createDirectory(at: rules, withIntermediateDirectories: true)
    for p in 0..<platforms {
      for v in 0..<versions {
        // Each version draws the same values, except a few that changed since the last one.
        var random = Random(state: 20211129 &+ UInt64(p))
        let text = manifest(p, version: v, random: &random)
        try Data(text.utf8).write(to: manifests.appendingPathComponent(String(format: "p%05d-v%02d.yaml", p, v)))
      }
    }
    try Data(Self.rules.utf8).write(to: rules.appendingPathComponent("synthetic.yaml"))
    return (manifests, rules)
  }

  private func id(_ p: Int) -> String { String(format: "platform-%05d", p) }

  /// Version `v`'s date: two versions are 2021-09-17 and 2021-11-29 (WeChat's two changes);
  /// more are a week apart, the last on 2021-11-29. `offset` days later for observations.
  private func date(_ v: Int, offset: Int = 0) -> String {
    if versions <= 2 { return v == 0 ? (offset == 0 ? "2021-09-17" : "2021-09-18") : (offset == 0 ? "2021-11-29" : "2021-11-30") }
    let last = Date(timeIntervalSince1970: 1_638_144_000)  // 2021-11-29T00:00:00Z
    let day = last.addingTimeInterval(Double((v - (versions - 1)) * 7 + offset) * 86_400)
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd"
    return formatter.string(from: day)
  }

  /// In `mixed`, every 100th platform is a major messenger and every 125th a major shop: they
  /// bound the pairs. In `output`, four in five and one in two are.
  private func categories(_ p: Int) -> String {
    var list = [p % 3 == 0 ? "instant-messaging" : p % 3 == 1 ? "e-commerce" : "short-video"]
    let (messenger, shop) = shape == .mixed ? (p % 100 == 0, p % 125 == 7) : (p % 5 != 0, p % 2 == 1)
    if messenger { list.append("major-messenger") }
    if shop { list.append("major-shop") }
    return "[" + list.joined(separator: ", ") + "]"
  }

  private func manifest(_ p: Int, version v: Int, random: inout Random) -> String {
    var out = """
      kind: platform
      id: \(id(p))
      name: 平台\(p)
      name_en: Platform \(p)
      operator: Operator \(p % 97) Ltd.
      categories: \(categories(p))
      jurisdictions: [CN]
      as_of: \(date(v))
      version: "\(8 + v).0.\(p % 20)"
      capabilities:
        links:
          inbound:

      """
    for k in 0..<shape.named {
      let other = (p + k * 37 + 1) % platforms
      var (privateChat, groupChat) = (random.next(4), random.next(4))
      if v > 0 && k % 10 == 3 { (privateChat, groupChat) = (min(3, privateChat + 1), min(3, groupChat + 1)) }
      out += "        \(id(other)): {private_chat: \(Self.levels[privateChat]), group_chat: \(Self.levels[groupChat])}\n"
    }
    out += "        \"*\": {private_chat: \(Self.levels[random.next(4)]), group_chat: \(Self.levels[random.next(4)])}\n"
    out += "    user_controls: {link_management: \(["absent", "planned", "available"][random.next(3)])}\n"
    out += "  payments:\n    checkout:\n"
    for wallet in Self.wallets { out += "      \(wallet): \(["not_accepted", "applied", "accepted"][random.next(3)])\n" }
    out += "  search_engine_access: \(random.next(5) == 0 ? "~" : ["blocked", "partial", "open"][random.next(3)])\n"
    out += "evidence:\n"
    for k in 0..<8 {
      let other = (p + k * 37 + 1) % platforms
      out += """
          - path: links.inbound.\(id(other)).private_chat
            source: https://example.org/observations/\(p)/\(k)
            observed: \(date(v, offset: 1))
            method: test
            note: 测试于一对一聊天中打开链接 (observation \(k) of platform \(p)).

        """
    }
    return out
  }

  static let rules = """
    kind: rules
    pack: synthetic
    title: Synthetic obligations for benchmarks
    scales:
      link_access: [blocked, copy_out, interstitial, direct]
      feature: [absent, planned, available]
      acceptance: [not_accepted, applied, accepted]
      search: [blocked, partial, open]
    obligations:
      - id: S-LINK-PRIVATE
        title: links open in private chats (everyone not listed)
        severity: high
        applies_to: {categories: [instant-messaging]}
        effective: 2021-09-17
        require: {path: 'links.inbound.*.private_chat', at_least: interstitial, scale: link_access}
      - id: S-LINK-SHOPS
        title: links of major shops open in group chats
        severity: medium
        per: counterparty
        applies_to: {categories: [instant-messaging]}
        counterparties: {categories: [major-shop]}
        phases:
          - {from: 2021-09-17, label: private chats, require: {path: 'links.inbound.{counterparty}.private_chat', at_least: interstitial, scale: link_access}}
          - {from: 2022-06-01, label: group chats, require: {path: 'links.inbound.{counterparty}.group_chat', at_least: interstitial, scale: link_access}}
      - id: S-RECIPROCAL
        title: major messengers open to each other alike
        severity: medium
        per: pair
        applies_to: {categories: [major-messenger]}
        require: {reciprocal: {path: 'links.inbound.{counterparty}.private_chat', scale: link_access}}
      - id: S-WALLETS
        title: two third-party wallets at checkout
        severity: medium
        applies_to: {categories: [e-commerce]}
        require:
          all:
            - {path: payments.checkout.alipay, at_least: applied, scale: acceptance}
            - {path: payments.checkout.wechat_pay, at_least: applied, scale: acceptance}
      - id: S-CHOICE
        title: users get a link-management choice
        severity: low
        require: {path: links.user_controls.link_management, in: [planned, available]}
      - id: S-SEARCH
        title: content open to search engines
        severity: low
        require: {any: [{path: search_engine_access, equals: open}, {path: search_engine_access, equals: partial}]}

    """
}
