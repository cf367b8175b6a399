/// Decodes `kind: rules` documents into packs: first every pack's scales (a pack may span files),
/// then obligations and matrices against them.
enum RulePackDecoder {
  static let keys = [
    "kind", "pack", "title", "title_en", "version", "notes", "scales", "matrices", "obligations",
    "evidence",
  ]
  static let obligationKeys = [
    "id", "title", "title_en", "description", "basis", "severity", "applies_to", "counterparties",
    "effective", "per", "when", "require", "phases", "remediation", "remediation_en", "examples",
    "notes", "evidence",
  ]

  static func decode(_ roots: [YAMLNode], context: DecodeContext) -> [RulePack] {
    var packs: [String: RulePack] = [:]
    var readers: [(String, MappingReader)] = []
    for root in roots {
      guard let map = context.mapping(root, keys: keys, what: Noun.rulePack),
        let id = map.identifier("pack", required: true)
      else { continue }
      var pack = packs[id] ?? RulePack(id: id)
      pack.files.append(root.document.file)
      merge(&pack.title, map, "title")
      merge(&pack.titleEn, map, "title_en")
      merge(&pack.version, map, "version")
      merge(&pack.notes, map, "notes")
      if let scales = map.value("scales") { decodeScales(scales, into: &pack, context: context) }
      if let node = map.value("evidence") { mergeEvidence(node, into: &pack, context: context) }
      packs[id] = pack
      readers.append((id, map))
    }
    for (id, map) in readers {
      guard var pack = packs[id] else { continue }
      let decoder = PredicateDecoder(context: context, scales: pack.scales)
      pack.obligations += (map.list("obligations") ?? []).compactMap {
        decodeObligation($0, pack: id, decoder: decoder, packEvidence: pack.evidence)
      }
      pack.matrices += (map.list("matrices") ?? []).compactMap {
        decodeMatrix($0, pack: id, decoder: decoder)
      }
      packs[id] = pack
    }
    return packs.values.sorted { $0.id < $1.id }
  }

  /// Takes a pack-level field from the first file that sets it; a different value elsewhere is an error.
  private static func merge(_ field: inout String?, _ map: MappingReader, _ key: String) {
    guard let value = map.string(key) else { return }
    if let existing = field, existing != value, let node = map.value(key) {
      map.context.error(node, "pack '\(key)' is '\(value)' here but '\(existing)' in another file of the pack",
        hint: "set it once, or make the files agree")
      return
    }
    field = value
  }

  private static func decodeScales(_ node: YAMLNode, into pack: inout RulePack, context: DecodeContext) {
    guard node.kind == .mapping else {
      context.error(node, "'scales' must be a mapping of scale names to levels (worst first)")
      return
    }
    for (key, value) in node.entries {
      guard let name = key.text else { continue }
      guard let levels = context.strings(value, field: "scales.\(name)") else { continue }
      if levels.count < 2 {
        context.error(value, "scale '\(name)' needs at least two levels, worst first")
        continue
      }
      if let dup = levels.first(where: { level in levels.filter { $0 == level }.count > 1 }) {
        context.error(value, "scale '\(name)' lists '\(dup)' twice")
        continue
      }
      if let existing = pack.scales[name] {
        if existing.levels != levels {
          context.error(key, "scale '\(name)' is declared differently in another file of pack '\(pack.id)' (\(existing.location.map(\.description) ?? "?"))")
        }
        continue
      }
      pack.scales[name] = Scale(name: name, levels: levels, location: key.location)
    }
  }

  private static func decodeObligation(
    _ node: YAMLNode, pack: String, decoder: PredicateDecoder, packEvidence: EvidenceRequirement? = nil
  ) -> Obligation?
  {
    let context = decoder.context
    guard let map = context.mapping(node, keys: obligationKeys, what: Noun.obligation) else { return nil }
    let mark = context.diagnostics.count
    let id = map.identifier("id", required: true, pattern: .obligation)
    let title = map.string("title", required: true)
    let severity = map.choice("severity", as: Severity.self, required: true)
    let per = map.choice("per", as: Obligation.Per.self) ?? .platform
    let appliesTo = map.value("applies_to").flatMap { decodeScope($0, field: "applies_to", context) }
    let counterparties = map.value("counterparties").flatMap { decodeScope($0, field: "counterparties", context) }
    if counterparties != nil, per == .platform, let n = map.value("counterparties") {
      context.error(n, "'counterparties' only applies to per: counterparty or per: pair")
    }
    let effective = map.value("effective").flatMap { decodeStart($0, field: "effective", decoder: decoder) }
    let basis = map.value("basis").flatMap { decodeBasis($0, context) }
    let when = map.value("when").flatMap { decoder.decode($0, field: "when") }
    let check = decodeCheck(map, decoder: decoder)
    if let check {
      validate(check, when: when, per: per, node: node, context: context)
    } else {
      // The check did not decode; its shape still says whether it needs a counterparty, so
      // that problem is reported in the same pass as the others.
      let written = ["when", "require", "phases"].compactMap { map.value($0) }
      validate(usesCounterparty: written.contains(where: Self.mentionsCounterparty),
        usesReciprocal: written.contains(where: Self.mentionsReciprocal), per: per, node: node, context: context)
    }
    guard let id, let title, let severity, let check, !context.hasErrors(since: mark) else {
      return nil
    }
    var obligation = Obligation(
      id: id, pack: pack, title: title, titleEn: map.string("title_en"),
      description: map.string("description"), basis: basis, severity: severity,
      appliesTo: appliesTo, counterparties: counterparties, effective: effective, per: per,
      when: when, check: check, remediation: map.string("remediation"),
      remediationEn: map.string("remediation_en"), notes: map.string("notes"),
      location: node.location)
    obligation.evidence = map.value("evidence").flatMap { decodeEvidence($0, context) } ?? packEvidence
    obligation.examples = (map.list("examples") ?? []).compactMap {
      decodeExample($0, obligation: obligation, context: context)
    }
    return obligation
  }

  private static func decodeCheck(_ map: MappingReader, decoder: PredicateDecoder) -> Obligation.Check? {
    let context = decoder.context
    switch (map.value("require"), map.value("phases")) {
    case (let require?, nil):
      return decoder.decode(require, field: "require").map(Obligation.Check.require)
    case (nil, let phasesNode?):
      guard phasesNode.kind == .sequence, phasesNode.count > 0 else {
        context.error(phasesNode, "'phases' must be a non-empty list of {from, label, require}")
        return nil
      }
      var phases: [Phase] = []
      for (i, node) in phasesNode.elements.enumerated() {
        guard let phase = context.mapping(node, keys: ["from", "label", "require"], what: Noun.phase) else {
          continue
        }
        guard let fromNode = phase.required("from"),
          let from = decodeStart(fromNode, field: "from", decoder: decoder),
          let requireNode = phase.required("require"),
          let predicate = decoder.decode(requireNode, field: "require")
        else { continue }
        phases.append(Phase(from: from, label: phase.string("label") ?? "phase \(i + 1)",
          require: predicate, location: node.location))
      }
      guard phases.count == phasesNode.count else { return nil }
      for (a, b) in zip(phases, phases.dropFirst()) {
        guard let order = startOrder(a.from, b.from) else {
          context.error(phasesNode, "phases mix a fixed date and a date relative to a manifest path, or two paths",
            hint: "write every phase's 'from' the same way, e.g. {within: P2Y, of: dma.designated_on}")
          return nil
        }
        if !order {
          context.append(.error(b.location, "phases must be in date order; \(b.from) does not come after \(a.from)"))
          return nil
        }
      }
      return .phases(phases)
    case (_?, _?):
      context.error(map.node, "an obligation takes 'require' or 'phases', not both")
      return nil
    case (nil, nil):
      context.error(map.node, "an obligation needs 'require' (a predicate) or 'phases'")
      return nil
    }
  }

  /// A start date: `YYYY-MM-DD`, or `{within: PERIOD, of: PATH}` (the day after PERIOD from the
  /// date recorded at PATH in each manifest).
  private static func decodeStart(_ node: YAMLNode, field: String, decoder: PredicateDecoder) -> StartDate? {
    let context = decoder.context
    guard node.kind == .mapping else { return context.day(node, field: field).map(StartDate.day) }
    guard let map = context.mapping(node, keys: ["within", "of"], what: Noun.relativeDate(field)) else {
      return nil
    }
    let period: Period? = map.string("within", required: true).flatMap { text in
      guard let period = Period(text) else {
        if let n = map.value("within") {
          context.error(n, "'within' must be an ISO 8601 period of years, months and days, found '\(text)'",
            hint: "write e.g. P6M, P2Y or P1Y6M")
        }
        return nil
      }
      return period
    }
    let path = map.required("of").flatMap { decoder.decodePath($0, field: "of") }
    if let path, path.segments.contains(where: { if case .key = $0 { false } else { true } }),
      let n = map.value("of")
    {
      context.error(n, "the date a '\(field)' counts from is read in the platform's own manifest; its path cannot use placeholders")
      return nil
    }
    guard let period, let path else { return nil }
    return .relative(within: period, of: path)
  }

  /// Whether `b` starts after `a` for every manifest; `nil` when that depends on the manifest.
  private static func startOrder(_ a: StartDate, _ b: StartDate) -> Bool? {
    switch (a, b) {
    case (.day(let x), .day(let y)): return y > x
    case (.relative(let p, let pathA), .relative(let q, let pathB)) where pathA == pathB:
      let reference = Day(validYear: 2001, month: 1, day: 1)
      return q.added(to: reference) > p.added(to: reference)
    default: return nil
    }
  }

  /// Checks that `{counterparty}` and `reciprocal` are used only where a counterparty exists.
  private static func validate(
    _ check: Obligation.Check, when: Predicate?, per: Obligation.Per, node: YAMLNode,
    context: DecodeContext
  ) {
    let predicates = (when.map { [$0] } ?? []) + check.predicates
    validate(usesCounterparty: predicates.contains(where: \.usesCounterparty),
      usesReciprocal: predicates.contains(where: { !$0.reciprocals.isEmpty }), per: per, node: node, context: context)
  }

  /// Whether a YAML tree mentions `{counterparty}` anywhere (in a path or an argument).
  private static func mentionsCounterparty(_ node: YAMLNode) -> Bool {
    switch node.kind {
    case .scalar: return node.text?.contains("{counterparty}") ?? false
    case .sequence: return node.elements.contains(where: mentionsCounterparty)
    case .mapping: return node.entries.contains { mentionsCounterparty($0.value) }
    }
  }

  /// Whether a YAML tree has a `reciprocal:` key anywhere.
  private static func mentionsReciprocal(_ node: YAMLNode) -> Bool {
    switch node.kind {
    case .scalar: return false
    case .sequence: return node.elements.contains(where: mentionsReciprocal)
    case .mapping: return node.entries.contains { $0.key.text == "reciprocal" || mentionsReciprocal($0.value) }
    }
  }

  private static func validate(
    usesCounterparty: Bool, usesReciprocal: Bool, per: Obligation.Per, node: YAMLNode, context: DecodeContext
  ) {
    if per == .platform, usesCounterparty {
      context.error(node, "a path uses {counterparty} or 'reciprocal', but the obligation is per: platform",
        hint: "set per: counterparty (one result per other platform) or per: pair")
    }
    if per != .pair, usesReciprocal {
      context.error(node, "'reciprocal' needs per: pair", hint: "add per: pair to the obligation")
    }
  }

  private static func decodeScope(_ node: YAMLNode, field: String, _ context: DecodeContext) -> Scope? {
    let keys = ["categories", "jurisdictions"] + (field == "counterparties" ? ["relation"] : [])
    guard let map = context.mapping(node, keys: keys, what: Noun.field(field)) else {
      return nil
    }
    let scope = Scope(categories: map.strings("categories"), jurisdictions: map.strings("jurisdictions"),
      relation: map.choice("relation", as: Scope.Relation.self))
    if scope.categories == nil && scope.jurisdictions == nil && scope.relation == nil {
      context.warning(.scopeMatchesEverything, node, "'\(field)' names neither \(keys.dropLast().joined(separator: ", ")) nor \(keys.last ?? ""), so it matches every platform")
    }
    return scope
  }

  private static func decodeBasis(_ node: YAMLNode, _ context: DecodeContext) -> Basis? {
    guard let map = context.mapping(node, keys: ["instrument", "date", "url", "article", "note"], what: Noun.field("basis"))
    else { return nil }
    guard let instrument = map.string("instrument", required: true) else { return nil }
    let url = map.string("url")
    if let url, !url.hasPrefix("https://"), !url.hasPrefix("http://"), let n = map.value("url") {
      context.warning(.basisURLNotHTTP, n, "basis url '\(url)' is not an http(s) address; reports will not link it")
    }
    return Basis(instrument: instrument, date: map.day("date"), url: url,
      article: map.string("article"), note: map.string("note"))
  }

  private static func decodeMatrix(_ node: YAMLNode, pack: String, decoder: PredicateDecoder) -> MatrixSpec? {
    let context = decoder.context
    guard let map = context.mapping(node, keys: ["id", "title", "title_en", "path", "scale"], what: Noun.matrix)
    else { return nil }
    guard let id = map.identifier("id", required: true), let title = map.string("title", required: true),
      let pathNode = map.required("path"), let path = decoder.decodePath(pathNode, field: "path"),
      let scale = LeafSyntax(node: node, context: context, scales: decoder.scales).scale(for: "matrix")
    else { return nil }
    guard path.usesCounterparty else {
      context.error(pathNode, "a matrix path must contain {counterparty}")
      return nil
    }
    return MatrixSpec(id: id, title: title, titleEn: map.string("title_en"), path: path, scale: scale, pack: pack)
  }

  private static func decodeExample(_ node: YAMLNode, obligation: Obligation, context: DecodeContext)
    -> RuleExample?
  {
    guard let map = context.mapping(node, keys: ["name", "status", "manifest", "counterparty", "affiliates", "as_of"], what: Noun.example)
    else { return nil }
    let mark = context.diagnostics.count
    // Waivers are not part of examples, so 'waived' is neither accepted nor offered.
    let status = map.required("status").flatMap { context.choice($0, field: "status", as: Status.self, excluding: [.waived]) }
    let given = map.day("as_of")
    var asOf = given ?? obligation.fixedMilestones.last?.date ?? .distantFuture
    var manifest = map.required("manifest").flatMap {
      Manifest.decodeExample($0, context: context, defaultID: "subject", scope: obligation.appliesTo, asOf: asOf)
    }
    if given == nil, let decoded = manifest, let last = obligation.milestones(for: decoded).last?.date {
      // Relative starts resolve against the example's own dates (e.g. its dma.designated_on).
      asOf = last
      manifest?.asOf = last
    }
    var counterparty: Manifest?
    let counterpartyScope = obligation.counterparties ?? (obligation.per == .pair ? obligation.appliesTo : nil)
    if let node = map.value("counterparty") {
      if obligation.per == .platform {
        context.error(node, "only per: counterparty or per: pair examples take a counterparty")
      } else {
        counterparty = Manifest.decodeExample(node, context: context, defaultID: "counterparty",
          scope: counterpartyScope, asOf: asOf)
      }
    } else if obligation.per != .platform {
      counterparty = Manifest(id: "counterparty", categories: counterpartyScope?.categories ?? [],
        jurisdictions: counterpartyScope?.jurisdictions ?? [], asOf: asOf, capabilities: nil,
        location: node.location)
    }
    let affiliates = (map.value("affiliates").map { _ in map.strings("affiliates") ?? [] } ?? []).map { id in
      Affiliation(Holding(platform: id, relation: .controls, source: "example", location: node.location),
        of: Entity(id: "group", holdings: [], location: node.location))
    }
    guard let status, let manifest, !context.hasErrors(since: mark) else { return nil }
    return RuleExample(name: map.string("name"), status: status, manifest: manifest,
      counterparty: counterparty, affiliates: affiliates, asOf: asOf, location: node.location)
  }
}
