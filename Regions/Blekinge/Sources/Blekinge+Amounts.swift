import Foundation

/// A local copy of `RegionSupport.SwedishAmount`: the shared pattern writes the narrow no-break
/// space as `\u{202F}`, which ICU (Foundation's regular expressions on Linux) rejects, so the
/// shared one traps on first use. This one writes it `\x{202F}`; otherwise it reads the same
/// forms: "12,3 mnkr", "5 678 520 kr", "22 miljoner kronor", "350 tkr", in whole kronor.
/// Belongs in RegionSupport (fix the pattern there and delete this).
enum Amount {
    struct Match {
        var kronor: Int
        var text: String
    }

    static let pattern = #"(?<![\d,])(\d{1,3}(?:[ \x{00A0}\x{202F}]\d{3})+|\d+)(?:,(\d+))?\s*(mnkr|mkr|miljoner kronor|miljoner kr|miljoner|miljon kronor|mdkr|miljarder kronor|miljarder|tkr|tusen kronor|kronor|kr|sek)\b"#

    /// Every amount in `text`, in order.
    static func all(in text: String) -> [Match] {
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]) else { return [] }
        let ns = text as NSString
        return regex.matches(in: text, range: NSRange(location: 0, length: ns.length)).compactMap { m in
            let whole = ns.substring(with: m.range(at: 1)).filter(\.isNumber)
            let fractionRange = m.range(at: 2)
            let fraction = fractionRange.location == NSNotFound ? "" : ns.substring(with: fractionRange)
            let multiplier: Int
            switch ns.substring(with: m.range(at: 3)).lowercased() {
            case "mnkr", "mkr", "miljoner kronor", "miljoner kr", "miljoner", "miljon kronor": multiplier = 1_000_000
            case "mdkr", "miljarder kronor", "miljarder": multiplier = 1_000_000_000
            case "tkr", "tusen kronor": multiplier = 1_000
            default: multiplier = 1
            }
            guard let integer = Int(whole), fraction.count <= 9 else { return nil }
            var value = integer * multiplier
            if !fraction.isEmpty, let f = Int(fraction) {
                var scale = 1
                for _ in 0..<fraction.count { scale *= 10 }
                guard multiplier % scale == 0 || multiplier == 1 else { return nil }
                value += multiplier == 1 ? 0 : f * (multiplier / scale)
            }
            return Match(kronor: value, text: ns.substring(with: m.range))
        }
    }

    /// A text that is exactly one amount ("1,1 mnkr").
    static func parse(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: ".")))
        let found = all(in: trimmed)
        guard found.count == 1, let only = found.first, only.text.count == trimmed.count else { return nil }
        return only.kronor
    }
}
