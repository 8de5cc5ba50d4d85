import Foundation
import StrategyModel

/// Dates a module read must be plausible: years in range, months and days valid, and no
/// period or milestone ending before it starts.
struct DateCheck {
    let years: ClosedRange<Int>

    func failures(in profile: RegionProfile) -> [ConformanceFailure] {
        var failures: [ConformanceFailure] = []
        func year(_ value: Int?, _ path: String, _ evidence: Evidence) {
            guard let value, !years.contains(value) else { return }
            failures.append(ConformanceFailure(.dates, path: path, sourceURL: evidence.sourceURL, "year \(value) is outside \(years.lowerBound)...\(years.upperBound) (read at \(evidence.locator): «\(evidence.excerpt)»)"))
        }
        func date(_ value: PartialDate?, _ path: String, _ evidence: Evidence) {
            guard let value else { return }
            year(value.year, path, evidence)
            if PartialDate(year: value.year, month: value.month, day: value.day) == nil {
                failures.append(ConformanceFailure(.dates, path: path, sourceURL: evidence.sourceURL, "\(value) is not a calendar date"))
            }
        }
        for (index, strategy) in profile.strategies.enumerated() {
            let path = "strategies[\(index)](\(strategy.id))"
            if let period = strategy.period {
                year(period.value.startYear, path + ".period.startYear", period.evidence)
                year(period.value.endYear, path + ".period.endYear", period.evidence)
                if let start = period.value.startYear, let end = period.value.endYear, start > end {
                    failures.append(ConformanceFailure(.dates, path: path + ".period", sourceURL: period.evidence.sourceURL, "the period \(period.value) ends before it starts"))
                }
            }
            for (m, milestone) in strategy.milestones.enumerated() {
                let mPath = path + ".milestones[\(m)]"
                date(milestone.date, mPath + ".date", milestone.evidence)
                date(milestone.endDate, mPath + ".endDate", milestone.evidence)
                if let start = milestone.date, let end = milestone.endDate, start.year != nil, end.year != nil, end < start {
                    failures.append(ConformanceFailure(.dates, path: mPath, sourceURL: milestone.evidence.sourceURL, "\(milestone.kind.rawValue) ends (\(end)) before it starts (\(start))"))
                }
            }
            for (f, activity) in strategy.followUp.enumerated() {
                date(activity.date, path + ".followUp[\(f)](\(activity.id)).date", activity.evidence)
            }
        }
        for (index, project) in profile.projects.enumerated() {
            date(project.date, "projects[\(index)](\(project.id)).date", project.evidence)
        }
        for (index, record) in profile.funding.enumerated() {
            year(record.year, "funding[\(index)](\(record.id)).year", record.evidence)
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        for (index, item) in profile.news.enumerated() {
            if let published = item.published {
                year(calendar.component(.year, from: published), "news[\(index)](\(item.id)).published", item.evidence)
            }
        }
        return failures
    }
}
