import Markup

/// Reads a chart part (`c:chartSpace`) into ``ChartData`` from the values cached in it.
enum ChartReader {
    /// The most points read from one cache; a `ptCount` above it is not trusted for allocation.
    static let maximumPoints = 100_000

    static func read(_ document: MarkupDocument, part: String) -> ChartData? {
        guard let root = document.root, let chart = root.firstChild("chart") else { return nil }
        var title: String?
        if let tx = chart.firstChild("title")?.firstChild("tx") {
            if let rich = tx.firstChild("rich") {
                title = DrawingTextReader().plainText(of: rich)
            } else if let cache = tx.firstChild("strRef")?.firstChild("strCache") {
                title = points(of: cache).compactMap { $0 }.joined(separator: " ")
            }
            if title?.isEmpty == true { title = nil }
        }
        var series: [ChartSeries] = []
        var firstType: String?
        for plot in chart.firstChild("plotArea")?.elementChildren ?? [] where plot.name.hasSuffix("Chart") {
            firstType = firstType ?? plot.name
            for ser in plot.children("ser") {
                series.append(ChartSeries(
                    name: seriesName(ser),
                    type: plot.name,
                    categories: (ser.firstChild("cat") ?? ser.firstChild("xVal")).map(values(of:))?.map { $0 ?? "" } ?? [],
                    values: (ser.firstChild("val") ?? ser.firstChild("yVal")).map(values(of:)) ?? [],
                    bubbleSizes: ser.firstChild("bubbleSize").map(values(of:)) ?? []
                ))
            }
        }
        return ChartData(part: part, title: title, type: firstType ?? "", series: series)
    }

    private static func seriesName(_ ser: MarkupNode) -> String? {
        guard let tx = ser.firstChild("tx") else { return nil }
        if let v = tx.firstChild("v") { return v.normalizedText }
        if let cache = tx.firstChild("strRef")?.firstChild("strCache") {
            let name = points(of: cache).compactMap { $0 }.joined(separator: " ")
            return name.isEmpty ? nil : name
        }
        return nil
    }

    /// The cached points of a `c:cat`/`c:val`/`c:xVal`/`c:yVal`/`c:bubbleSize`: from a string or
    /// number reference's cache, a literal, or the innermost level of a multi-level reference.
    private static func values(of data: MarkupNode) -> [String?] {
        for source in data.elementChildren {
            switch source.name {
            case "strRef": if let cache = source.firstChild("strCache") { return points(of: cache) }
            case "numRef": if let cache = source.firstChild("numCache") { return points(of: cache) }
            case "strLit", "numLit": return points(of: source)
            case "multiLvlStrRef":
                if let level = source.firstChild("multiLvlStrCache")?.firstChild("lvl") {
                    let count = source.firstChild("multiLvlStrCache")?.childValue("ptCount").flatMap { Int($0) }
                    return points(of: level, count: count)
                }
            default: continue
            }
        }
        return []
    }

    /// `c:pt idx=…/c:v` into an array indexed by `idx`, as long as `c:ptCount` says.
    private static func points(of cache: MarkupNode, count: Int? = nil) -> [String?] {
        var byIndex: [Int: String] = [:]
        for pt in cache.children("pt") {
            guard let idx = pt.attribute("idx").flatMap({ Int($0) }), idx >= 0, idx < maximumPoints else { continue }
            byIndex[idx] = pt.firstChild("v")?.normalizedText ?? ""
        }
        let highest = (byIndex.keys.max() ?? -1) + 1
        let declared = count ?? cache.childValue("ptCount").flatMap { Int($0) } ?? highest
        let length = min(max(declared, highest), maximumPoints)
        return (0..<length).map { byIndex[$0] }
    }
}
