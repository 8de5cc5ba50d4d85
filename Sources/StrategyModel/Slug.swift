/// Stable ASCII ids from Swedish names: `"Växtplats Blekinge"` → `"vaxtplats-blekinge"`.
public enum Slug {
    /// Lowercases, folds å ä ö é ü to ASCII, and joins runs of letters and digits with `-`.
    public static func make(_ text: String) -> String {
        var out = ""
        var pendingDash = false
        for scalar in text.lowercased().unicodeScalars {
            let folded: String
            switch scalar {
            case "å", "ä", "à", "á", "â": folded = "a"
            case "ö", "ø", "ó", "ò", "ô": folded = "o"
            case "é", "è", "ê", "ë": folded = "e"
            case "ü", "ú": folded = "u"
            case "í", "ï": folded = "i"
            default:
                folded = (("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)) ? String(scalar) : ""
            }
            if folded.isEmpty {
                pendingDash = !out.isEmpty
            } else {
                if pendingDash { out += "-" }
                pendingDash = false
                out += folded
            }
        }
        return out
    }

    /// An id below `parent`, which is kept as it is: `Slug.child("blekinge.vaxtplats", "area", "Hög livskvalitet")`
    /// → `blekinge.vaxtplats.area.hog-livskvalitet`.
    public static func child(_ parent: String, _ parts: String...) -> String {
        ([parent] + parts.map(make).filter { !$0.isEmpty }).joined(separator: ".")
    }

    /// Joins id parts with `.`, slugging each: `Slug.id("blekinge", "Växtplats")` → `blekinge.vaxtplats`.
    public static func id(_ parts: String...) -> String {
        parts.map(make).filter { !$0.isEmpty }.joined(separator: ".")
    }
}
