public import StrategyModel
public import Foundation

/// Amounts in the Swedish forms the sources use: "24,3 mnkr", "5 678 520 kr".
public enum SEKText {
    /// `kronor` as the sources write it: whole hundred thousands as "24,3 mnkr", other amounts as "5 678 520 kr".
    public static func format(_ kronor: Int) -> String {
        if kronor >= 100_000, kronor % 100_000 == 0 {
            let tenths = kronor / 100_000
            return tenths % 10 == 0 ? "\(tenths / 10) mnkr" : "\(tenths / 10),\(tenths % 10) mnkr"
        }
        var digits = String(kronor)
        var groups: [String] = []
        while digits.count > 3 {
            groups.insert(String(digits.suffix(3)), at: 0)
            digits.removeLast(3)
        }
        groups.insert(digits, at: 0)
        return groups.joined(separator: " ") + " kr"
    }
}

enum FundingText {
    static func describe(_ record: FundingRecord) -> String {
        let year = record.year.map { "\($0) " } ?? ""
        let amount = (record.isLowerBound ? "more than " : "") + SEKText.format(record.amountSEK)
        switch record.kind {
        case .total:
            return "\(year)total \(amount)" + (record.fund.map { " (\($0))" } ?? "")
        case .allocation:
            return "\(year)\(amount) → " + (record.goal ?? "goal unknown")
        case .grant:
            return "\(year)\(amount) to " + (record.recipient ?? "recipient unknown")
        }
    }
}

enum FrameworkText {
    static func name(_ framework: FrameworkReference.Framework) -> String {
        switch framework {
        case .agenda2030: "Agenda 2030"
        case .nationalStrategy: "National strategy 2021–2030"
        case .euCohesionPolicy: "EU cohesion policy"
        case .regionalGrowthFunds: "Regional growth funds (1:1)"
        case .smartSpecialisation: "Smart specialisation"
        }
    }
}

/// Calendar days of instants as they are in Sweden (CET, or CEST from the last Sunday of March
/// to the last Sunday of October, switching at 01:00 UTC), the way the sources date them.
/// Computed here, without time-zone data, so that output is the same on every machine.
public enum DayText {
    /// The Swedish calendar day of `date` as ISO 8601 (`2022-02-23`), or "?" when it cannot be computed.
    public static func swedishDay(_ date: Date) -> String {
        swedishDate(date)?.description ?? "?"
    }

    /// The day as a ``/StrategyModel/PartialDate`` with year, month and day.
    public static func swedishDate(_ date: Date) -> PartialDate? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        let year = calendar.component(.year, from: date)
        func lastSunday(_ month: Int) -> Date {
            let firstOfNext = calendar.date(from: DateComponents(year: year, month: month + 1, day: 1, hour: 1))!
            var day = calendar.date(byAdding: .day, value: -1, to: firstOfNext)!
            while calendar.component(.weekday, from: day) != 1 { day = calendar.date(byAdding: .day, value: -1, to: day)! }
            return day
        }
        let summer = date >= lastSunday(3) && date < lastSunday(10)
        let local = date.addingTimeInterval(summer ? 7200 : 3600)
        let c = calendar.dateComponents([.year, .month, .day], from: local)
        return PartialDate(year: c.year, month: c.month, day: c.day)
    }
}
