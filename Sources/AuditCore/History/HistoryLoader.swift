/// Reads a history's manifests without keeping them: one pass over the manifest files finds
/// each version's change days and where it is, then the sweep reads a version again when it
/// comes into force. Only the versions in force and a batch of parse trees are in memory at once.
enum HistoryLoader {
  /// The catalogue of versions and the schedule of change days of the manifest files among
  /// `workspace.inputs`.
  static func catalogue(
    _ workspace: Workspace, obligations: [Obligation], from: Day, to: Day, limits: YAMLLimits
  ) -> (VersionCatalogue, ChangeSchedule) {
    let dates = workspace.versions
    var schedule = ChangeSchedule(obligations: obligations, waivers: workspace.waivers, entities: workspace.entities,
      from: from, to: to)
    let blank = schedule.blank
    let files = workspace.inputs.filter { $0.kinds.contains(.platform) }.map(\.path)
    var paths: [String: [Day: String]] = [:]
    var names: [String: (day: Day, name: String?, nameEn: String?)] = [:]
    let batch = max(64, activeCores * 32)
    for start in stride(from: 0, to: files.count, by: batch) {
      let parts = parallelMap(Array(files[start..<min(files.count, start + batch)])) { path in
        var part = blank
        var records: [(id: String, asOf: Day, name: String?, nameEn: String?)] = []
        for manifest in Self.read(path, limits: limits) {
          part.add(manifest, until: dates[manifest.id]?.first { $0 > manifest.asOf } ?? .distantFuture)
          records.append((manifest.id, manifest.asOf, manifest.name, manifest.nameEn))
        }
        return (path, part, records)
      }
      for (path, part, records) in parts {
        schedule.merge(part)
        for record in records {
          paths[record.id, default: [:]][record.asOf] = path
          if record.asOf <= to, names[record.id].map({ record.asOf > $0.day }) ?? true {
            names[record.id] = (record.asOf, record.name, record.nameEn)
          }
        }
      }
    }
    schedule.sort()
    let located = paths
    let catalogue = VersionCatalogue(dates: dates, names: names.mapValues { ($0.name, $0.nameEn) }) { wanted in
      parallelMap(wanted.map { ($0.platform, dates[$0.platform]?[$0.index]) }) { item -> Manifest? in
        let (id, day) = item
        guard let day, let path = located[id]?[day] else { return nil }
        return Self.read(path, limits: limits).first { $0.id == id && $0.asOf == day }
      }.compactMap { $0 }
    }
    return (catalogue, schedule)
  }

  /// The manifests of one file, decoded as the workspace decodes them.
  static func read(_ path: String, limits: YAMLLimits) -> [Manifest] {
    Workspace.load(files: [SourceFile.load(path, limits: limits)]).manifests
  }
}
