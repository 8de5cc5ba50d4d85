public import StrategyModel

/// Builds the side-by-side ``ComparisonTable`` from region profiles.
///
/// Each region is represented by its current regional development strategy
/// (``/StrategyModel/RegionProfile/currentStrategy``); earlier versions are listed in the `versions` row.
/// A dimension the documents do not cover is ``ComparisonCell/unknown``, never blank.
public enum SideBySide {
    /// The table for `profiles`, one column per profile in the order given.
    public static func table(for profiles: [RegionProfile]) -> ComparisonTable {
        let rows = ComparisonDimension.allCases.map { dimension in
            ComparisonRow(dimension: dimension, cells: profiles.map { cell(dimension, for: $0) })
        }
        return ComparisonTable(regions: profiles.map(\.region), rows: rows)
    }

    static func cell(_ dimension: ComparisonDimension, for profile: RegionProfile) -> ComparisonCell {
        let id = profile.region.id
        let current = profile.currentStrategy
        func known(_ summary: String, _ items: [CellItem]) -> ComparisonCell {
            ComparisonCell(regionID: id, summary: summary, items: items)
        }
        let unknown = ComparisonCell(regionID: id, summary: ComparisonCell.unknown, items: [])
        func list(_ items: [CellItem], counted: Bool = true) -> ComparisonCell {
            guard !items.isEmpty else { return unknown }
            let names = items.map(\.value).joined(separator: "; ")
            return known(counted ? "\(items.count): \(names)" : names, items)
        }

        switch dimension {
        case .organisation:
            return known(profile.region.organisation, [CellItem(profile.region.organisation, evidence: nil)])
        case .strategyTitle:
            guard let current else { return unknown }
            return known(current.title.value, [CellItem(current.title.value, evidence: current.title.evidence)])
        case .period:
            guard let period = current?.period else { return unknown }
            return known(period.value.description, [CellItem(period.value.description, evidence: period.evidence)])
        case .status:
            guard let status = current?.status else { return unknown }
            return known(status.value.rawValue, [CellItem(status.value.rawValue, evidence: status.evidence)])
        case .adopted:
            guard let adoption = current?.milestone(.adopted) ?? current?.milestone(.published) else { return unknown }
            let what = adoption.kind == .adopted ? "" : "\(adoption.kind.rawValue) "
            let value = what + (adoption.date?.description ?? "date unknown") + (adoption.body.map { " (\($0))" } ?? "")
            return known(value, [CellItem(value, evidence: adoption.evidence)])
        case .versions:
            return list(profile.strategies.filter { $0.kind == .regionalDevelopment }.map { s in
                var details: [String] = []
                if let period = s.period, !s.title.value.contains(period.value.description) { details.append(period.value.description) }
                let decided = (s.milestone(.adopted) ?? s.milestone(.published)).flatMap { m in m.date.map { (m.kind.rawValue, $0) } }
                if let status = s.status?.value.rawValue, status != decided?.0 { details.append(status) }
                if let (kind, date) = decided { details.append("\(kind) \(date)") }
                return CellItem(s.title.value + (details.isEmpty ? "" : " (" + details.joined(separator: ", ") + ")"), evidence: s.title.evidence)
            })
        case .vision:
            guard let vision = current?.vision else { return unknown }
            return known(vision.value, [CellItem(vision.value, evidence: vision.evidence)])
        case .areas:
            guard let current else { return unknown }
            return list(current.areas.map { area in
                let sub = area.subareas.isEmpty ? "" : " (" + area.subareas.map(\.name).joined(separator: ", ") + ")"
                return CellItem(area.name + sub, evidence: area.evidence)
            })
        case .goals:
            guard let current else { return unknown }
            return list(current.allGoals.map { goal in
                let subs = goal.subGoals.isEmpty ? "" : " [\(goal.subGoals.count) delmål]"
                return CellItem((goal.code.map { "\($0). " } ?? "") + goal.title + subs, evidence: goal.evidence)
            })
        case .perspectives:
            guard let current else { return unknown }
            return list(current.perspectives.map { CellItem($0.name, evidence: $0.evidence) })
        case .smartSpecialisation:
            let areas = profile.strategies.flatMap(\.specialisationAreas)
            return list(areas.map { CellItem($0.name, evidence: $0.evidence) })
        case .actionPlans:
            let plans = profile.strategies.flatMap(\.actionPlans)
            return list(plans.map { CellItem($0.title + ($0.documents.isEmpty ? "" : " (\($0.documents.count) document\($0.documents.count == 1 ? "" : "s"))"), evidence: $0.evidence) })
        case .funding:
            return list(profile.funding.map { CellItem(FundingText.describe($0), evidence: $0.evidence) }, counted: false)
        case .followUp:
            let activities = (current?.followUp ?? []) + profile.strategies.filter { $0.id != current?.id }.flatMap(\.followUp)
            return list(activities.map { CellItem($0.name + ($0.date.map { " (\($0))" } ?? ""), evidence: $0.evidence) })
        case .frameworks:
            var seen = Set<FrameworkReference.Framework>()
            let refs = profile.strategies.flatMap(\.frameworks).filter { seen.insert($0.framework).inserted }
                .sorted { $0.framework.rawValue < $1.framework.rawValue }
            return list(refs.map { CellItem(FrameworkText.name($0.framework), evidence: $0.evidence) })
        case .news:
            guard !profile.news.isEmpty else { return unknown }
            let latest = profile.news.compactMap(\.published).max()
            let summary = "\(profile.news.count) items" + (latest.map { ", latest \(DayText.swedishDay($0))" } ?? ", none dated")
            return known(summary, profile.news.prefix(3).map { CellItem($0.title, evidence: $0.evidence) })
        }
    }
}
