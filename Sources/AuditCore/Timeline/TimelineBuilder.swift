/// Builds a chronology: the events of `kind: timeline` files merged with events derived from
/// consecutive manifest versions of each platform, filtered and sorted.
public enum TimelineBuilder {
  /// The id that derived events carry as their `timeline`.
  public static let derivedTimelineID = "manifests"

  /// Merges, derives, filters and sorts. Events sort by date (a partial date before the full
  /// dates of its period), then hand-written before derived, then by where they were written
  /// (derived ones by platform and path order).
  ///
  /// With entities, each event records its actors' companies on its date, actors of one
  /// company are drawn side by side, and `by: .entity` draws one lane per company.
  ///
  /// With `rereading`, the workspace kept no version (`Retention.inForce` of a day before them
  /// all): each platform's versions are read again from their files with these limits, a pair
  /// at a time (`ManifestChanges.history(rereading:)`).
  public static func build(
    _ workspace: Workspace, filter: TimelineDocument.Filter = .init(), by: TimelineDocument.Lanes = .actor,
    rereading limits: YAMLLimits? = nil
  ) -> TimelineDocument {
    let scales = ScaleIndex(packs: workspace.packs)
    var keyed: [(key: SortKey, entry: TimelineDocument.Entry)] = []
    for timeline in workspace.timelines {
      for (index, event) in timeline.events.enumerated() {
        keyed.append((SortKey(event, origin: 0, group: timeline.location.file, index: index), entry(event)))
      }
    }
    let reread = limits.map { ManifestChanges.history(rereading: workspace, limits: $0, scales: scales) }
    let history = reread?.pairs ?? ManifestChanges.pairs(workspace.manifests, scales: scales)
    for pair in history {
      for (index, change) in pair.changes.enumerated() {
        let event = derivedEvent(change, platform: pair.platform, date: pair.asOf)
        var item = entry(event)
        item.previousAsOf = pair.previousAsOf
        item.change = change
        keyed.append((SortKey(event, origin: 1, group: pair.platform, index: index), item))
      }
    }
    keyed.sort { $0.key < $1.key }
    var entries = keyed.map(\.entry)
    let entities = workspace.entities
    if !entities.isEmpty {
      for i in entries.indices { entries[i].groups = groups(of: entries[i], entities) }
    }
    let kept = entries.filter { filter.admits(event(of: $0), groups: $0.groups ?? []) }
    var result = document(workspace, filter: filter, all: keyed.count, kept: kept, pairs: history.count)
    if !entities.isEmpty { group(&result, entities: entities, by: by) }
    result.names = names(of: result.actors, workspace, latest: reread?.names)
    return result
  }

  /// The names of the lanes that are platforms (their latest manifest's names, from `latest`
  /// when the versions were read again) or companies (the entity's), in lane order; `nil` when
  /// none has one.
  private static func names(
    of lanes: [String], _ workspace: Workspace, latest: [String: (name: String?, nameEn: String?)]?
  ) -> [TimelineDocument.Name]? {
    var platforms = latest ?? [:]
    if latest == nil {
      var manifests: [String: Manifest] = [:]
      for m in workspace.manifests where manifests[m.id].map({ $0.asOf <= m.asOf }) ?? true { manifests[m.id] = m }
      platforms = manifests.mapValues { (name: $0.name, nameEn: $0.nameEn) }
    }
    let names = lanes.compactMap { lane -> TimelineDocument.Name? in
      if let m = platforms[lane], m.name != nil || m.nameEn != nil {
        return TimelineDocument.Name(id: lane, name: m.name, nameEn: m.nameEn)
      }
      if let e = workspace.entities.entities.first(where: { $0.id == lane }), e.name != nil || e.nameEn != nil {
        return TimelineDocument.Name(id: lane, name: e.name, nameEn: e.nameEn)
      }
      return nil
    }
    return names.isEmpty ? nil : names
  }

  /// The company of each actor on the event's date: an entity id stands for itself, a platform
  /// for its controller, anything else for itself.
  private static func groups(of entry: TimelineDocument.Entry, _ entities: Entities) -> [String] {
    var out: [String] = []
    for actor in entry.actors {
      let company = entities.entities.contains { $0.id == actor } ? actor
        : entities.controller(of: actor, on: entry.date.start)?.entity.id ?? actor
      if !out.contains(company) { out.append(company) }
    }
    return out
  }

  /// Orders actor lanes so that a company's actors sit together (companies in order of first
  /// appearance), lists the companies, and with `by: .entity` makes the companies the lanes.
  private static func group(_ document: inout TimelineDocument, entities: Entities, by: TimelineDocument.Lanes) {
    var companyOf: [String: String] = [:]
    for entry in document.events {
      for (actor, company) in zip(entry.actors, entry.actors.map { a in
        entities.entities.contains { $0.id == a } ? a : entities.controller(of: a, on: entry.date.start)?.entity.id ?? a
      }) where companyOf[actor] == nil {
        companyOf[actor] = company
      }
    }
    var order: [String] = []
    for actor in document.actors {
      let company = companyOf[actor] ?? actor
      if !order.contains(company) { order.append(company) }
    }
    var groups: [TimelineDocument.Group] = []
    for company in order {
      let members = document.actors.filter { (companyOf[$0] ?? $0) == company }
      guard let entity = entities.entities.first(where: { $0.id == company }) else { continue }
      groups.append(TimelineDocument.Group(id: company, name: entity.name ?? entity.nameEn, actors: members))
    }
    document.groups = groups
    switch by {
    case .actor:
      document.actors = order.flatMap { company in document.actors.filter { (companyOf[$0] ?? $0) == company } }
    case .entity:
      document.by = .entity
      var lanes: [String] = []
      for entry in document.events {
        for lane in entry.groups ?? entry.actors where !lanes.contains(lane) { lanes.append(lane) }
      }
      document.actors = lanes
    }
  }

  /// The event for one changed value: dated at the newer version, acted by the platform,
  /// affecting the counterparty that the path names, linked to the manifest line.
  public static func derivedEvent(_ change: CapabilityChange, platform: String, date: Day) -> Event {
    let affects = change.counterparty.map { $0 == "*" || $0 == platform ? [] : [$0] } ?? []
    return Event(date: PartialDate(date), type: change.type.eventKind, actors: [platform],
      affects: affects, title: change.summary, source: change.location?.description,
      timeline: derivedTimelineID, location: change.location)
  }

  private static func document(
    _ workspace: Workspace, filter: TimelineDocument.Filter, all: Int,
    kept: [TimelineDocument.Entry], pairs: Int
  ) -> TimelineDocument {
    var actors: [String] = []
    var seen = Set<String>()
    for entry in kept {
      for actor in entry.actors where seen.insert(actor).inserted { actors.append(actor) }
    }
    let sources = workspace.timelines.sorted { $0.id < $1.id }.map {
      TimelineDocument.Source(id: $0.id, title: $0.title, titleEn: $0.titleEn, source: $0.source,
        notes: $0.notes, location: $0.location)
    }
    let single = sources.count == 1 ? sources.first : nil
    return TimelineDocument(
      schema: TimelineDocument.schemaID,
      tool: ResultsDocument.Tool(name: AuditVersion.name, version: AuditVersion.current),
      title: single?.title ?? "Timeline", titleEn: single?.titleEn, filter: filter,
      summary: .init(events: kept.count, derived: kept.filter(\.isDerived).count,
        versionPairs: pairs, filteredOut: all - kept.count),
      timelines: sources, actors: actors, events: kept,
      inputs: workspace.inputs.sorted { $0.path < $1.path })
  }

  private static func entry(_ event: Event) -> TimelineDocument.Entry {
    TimelineDocument.Entry(date: event.date, type: event.type, actors: event.actors,
      affects: event.affects, title: event.title, titleEn: event.titleEn, source: event.source,
      note: event.note, timeline: event.timeline, location: event.location)
  }

  private static func event(of entry: TimelineDocument.Entry) -> Event {
    Event(date: entry.date, type: entry.type, actors: entry.actors, affects: entry.affects,
      title: entry.title, timeline: entry.timeline)
  }

  /// Date, then hand-written (0) before derived (1), then file or platform, then position.
  private struct SortKey: Comparable {
    var date: PartialDate
    var origin: Int
    var group: String
    var line: Int
    var index: Int

    init(_ event: Event, origin: Int, group: String, index: Int) {
      date = event.date
      self.origin = origin
      self.group = group
      line = origin == 0 ? event.location?.line ?? 0 : 0
      self.index = index
    }

    static func < (a: SortKey, b: SortKey) -> Bool {
      if a.date != b.date { return a.date < b.date }
      return (a.origin, a.group, a.line, a.index) < (b.origin, b.group, b.line, b.index)
    }
  }
}

extension TimelineBuilder {
  /// Warnings for `--actor` ids that no kept event involves (as actor or affected), with the
  /// nearest id that some event or manifest does name.
  public static func unmatchedActors(_ actors: [String], document: TimelineDocument, workspace: Workspace)
    -> [Diagnostic]
  {
    let kept = Set(document.events.flatMap { $0.actors + $0.affects })
    var known = Set(workspace.manifests.map(\.id)).union(workspace.versions.keys)
    for timeline in workspace.timelines {
      for event in timeline.events { known.formUnion(event.actors + event.affects) }
    }
    return actors.filter { !kept.contains($0) }.map { actor in
      if known.contains(actor) {
        return Diagnostic(.warning, file: "--actor", "'\(actor)' takes part in no event in the chosen period",
          hint: "widen --from and --to", code: .actorInNoEvent)
      }
      return Diagnostic(.warning, file: "--actor", "'\(actor)' takes part in no event, so it keeps nothing",
        hint: Suggestion.closest(to: actor, in: known.sorted()).map { "did you mean '\($0)'?" }
          ?? "known ids: \(known.sorted().prefix(12).joined(separator: ", "))", code: .actorInNoEvent)
    }
  }
}
