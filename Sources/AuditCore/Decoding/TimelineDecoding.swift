extension Timeline {
  static let keys = ["kind", "id", "title", "title_en", "source", "notes", "events"]
  static let eventKeys = ["date", "type", "actors", "affects", "title", "title_en", "source", "note"]

  /// Decodes a `kind: timeline` document.
  static func decode(_ node: YAMLNode, context: DecodeContext) -> Timeline? {
    guard let map = context.mapping(node, keys: keys, what: Noun.timeline) else { return nil }
    let mark = context.diagnostics.count
    let id = map.identifier("id", required: true)
    let title = map.string("title", required: true)
    let events = (map.list("events", required: true) ?? []).compactMap {
      decodeEvent($0, timeline: id ?? "", context: context)
    }
    guard let id, let title, !context.hasErrors(since: mark) else { return nil }
    return Timeline(id: id, title: title, titleEn: map.string("title_en"), source: map.string("source"),
      notes: map.string("notes"), events: events, location: node.location)
  }

  private static func decodeEvent(_ node: YAMLNode, timeline: String, context: DecodeContext) -> Event? {
    guard let map = context.mapping(node, keys: eventKeys, what: Noun.event) else { return nil }
    let mark = context.diagnostics.count
    var date: PartialDate?
    if let dateNode = map.required("date"), let text = context.string(dateNode, field: "date") {
      date = PartialDate(text)
      if date == nil {
        context.error(dateNode, "'date' must be YYYY, YYYY-MM or YYYY-MM-DD, found '\(Bounded.quote(text))'")
      }
    }
    let type = map.choice("type", as: Event.Kind.self, required: true)
    let actors = map.strings("actors", required: true) ?? []
    if actors.isEmpty, let n = map.value("actors") { context.error(n, "'actors' needs at least one id") }
    for field in ["actors", "affects"] {
      for element in map.value(field)?.elements ?? [] {
        guard let id = element.text, !IdentifierPattern.lowercase.matches(id) else { continue }
        context.error(element, "'\(field)' ids must match \(IdentifierPattern.lowercase.description), found '\(id)'")
      }
    }
    let title = map.string("title", required: true)
    let source = map.string("source")
    if source == nil {
      context.error(node, "an event needs 'source'", hint: "name the article, filing or announcement it comes from")
    }
    guard let date, let type, let title, !context.hasErrors(since: mark) else { return nil }
    return Event(date: date, type: type, actors: actors, affects: map.strings("affects") ?? [],
      title: title, titleEn: map.string("title_en"), source: source, note: map.string("note"),
      timeline: timeline, location: node.location)
  }
}
