import AuditCore

/// Small inputs shared by the timeline tests: a pack with a link scale, three versions of one
/// messenger, and a hand-written timeline with partial dates.
enum TimelineSamples {
  static let rules = """
    kind: rules
    pack: t
    scales:
      link_access: [blocked, copy_out, interstitial, direct]
    matrices:
      - id: group
        title: group chats
        path: links.inbound.{counterparty}.group_chat
        scale: link_access
    obligations:
      - id: T-PRIVATE
        title: private chats open links
        severity: high
        per: counterparty
        require: {path: "links.inbound.{counterparty}.private_chat", at_least: interstitial, scale: link_access}
    """

  static func messenger(_ date: String, _ body: String) -> String {
    """
    kind: platform
    id: chat
    categories: [instant-messaging]
    as_of: \(date)
    capabilities:
    \(body)
    """
  }

  static let v1 = messenger("2021-09-16", """
      links:
        inbound:
          shop: {private_chat: blocked, group_chat: blocked}
          video: {private_chat: blocked, group_chat: blocked}
          "*": {private_chat: ~}
      controls: {complaints: ~, limit: 3}
    """)

  static let v2 = messenger("2021-09-17", """
      links:
        inbound:
          shop: {private_chat: copy_out, group_chat: blocked}
          video: {private_chat: interstitial, group_chat: blocked}
          "*": {private_chat: ~}
      controls: {complaints: available, limit: 3}
    """)

  static let v3 = messenger("2021-11-29", """
      links:
        inbound:
          shop: {private_chat: direct, group_chat: direct}
          video: {private_chat: copy_out, group_chat: sometimes}
          "*": {private_chat: direct}
      controls: {complaints: available}
    """)

  /// The two counterparties, in one file of two documents.
  static let others = """
    kind: platform
    id: shop
    categories: [e-commerce]
    as_of: 2021-01-01
    capabilities: {}
    ---
    kind: platform
    id: video
    categories: [short-video]
    as_of: 2021-01-01
    capabilities: {}
    """

  static let timeline = """
    kind: timeline
    id: story
    title: 故事
    title_en: The story
    events:
      - date: 2021-09-17
        type: unblock
        actors: [chat]
        affects: [shop]
        title: one-to-one chats open links
        source: https://example.org/a
      - date: 2018
        type: lawsuit
        actors: [video]
        affects: [chat]
        title: a suit, year only
        source: https://example.org/b
      - date: 2018-04-02
        type: block
        actors: [chat]
        affects: [video]
        title: a block, full date
        source: https://example.org/c
      - date: 2018-04
        type: block
        actors: [chat]
        affects: [video]
        title: a block, month only
        source: https://example.org/d
      - date: 2021-09
        type: regulation
        actors: [regulator]
        affects: [chat]
        title: a deadline, month only
        source: https://example.org/e
    """

  static func workspace(versions: [String] = [v1, v2, v3], timeline: Bool = true) -> Workspace {
    var files = [("rules.yaml", rules)]
    files += versions.enumerated().map { ("chat/v\($0.offset + 1).yaml", $0.element) }
    if timeline { files.append(("story.yaml", Self.timeline)) }
    return Fixtures.workspace(files)
  }
}
