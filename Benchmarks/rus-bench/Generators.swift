import Foundation

/// A small deterministic generator (SplitMix64), so every run reads the same bytes.
struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
    mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }

    /// A sentence of `words` words from the Swedish vocabulary, capitalised, with a full stop.
    mutating func sentence(_ words: Int) -> String {
        var parts: [String] = []
        for _ in 0..<words { parts.append(pick(Vocabulary.words)) }
        let text = parts.joined(separator: " ")
        return text.prefix(1).uppercased() + text.dropFirst() + "."
    }
}

enum Vocabulary {
    static let words = """
    regional utveckling strategi länet kommunerna näringslivet hållbar tillväxt kompetensförsörjning \
    innovation smart specialisering infrastruktur kollektivtrafik landsbygd städer attraktivitet \
    folkhälsa jämställdhet integration klimat omställning energi besöksnäring digitalisering \
    bredband utbildning forskning högskolan samverkan partnerskap finansiering strukturfonderna \
    regionfullmäktige regionstyrelsen beslutade antog remiss yttrande uppföljning indikatorer mål \
    delmål insatsområde prioritering åtgärder genomförande handlingsplan Blekinge Kalmar \
    Västernorrland Sundsvall Härnösand Örnsköldsvik Karlskrona Växjö Öland Småland Norrland \
    företagare arbetsmarknad ungdomar äldre välfärd vård skogsnäring havsplanering vatten \
    miljö biologisk mångfald cirkulär ekonomi år miljoner kronor mnkr procent tillsammans
    """.split(separator: " ").map(String.init)

    static let headings = [
        "Regional utvecklingsstrategi", "Mål och prioriteringar", "Hållbar tillväxt", "Kompetensförsörjning",
        "Attraktiva livsmiljöer", "Uppföljning och analys", "Finansiering", "Så arbetar vi", "Remiss och dialog",
    ]
}

/// A large Swedish RSS 2.0 feed, shaped like a region's news feed (Sitevision style: escaped
/// HTML in `<description>`, RFC 822 dates, `dc:creator`, categories; some items with CDATA and
/// some with HTML named entities as real feeds have).
enum FeedGenerator {
    /// Writes a feed of about `megabytes` MB (10^6 bytes) to `path`; returns bytes and items.
    @discardableResult
    static func write(megabytes: Int, to path: String, seed: UInt64 = 2030) throws -> (bytes: Int, items: Int) {
        guard FileManager.default.createFile(atPath: path, contents: nil) else { throw BenchError("cannot write \(path)") }
        guard let handle = FileHandle(forWritingAtPath: path) else { throw BenchError("cannot write \(path)") }
        defer { try? handle.close() }
        var random = SplitMix64(state: seed)
        let target = megabytes * 1_000_000
        var buffer = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:atom="http://www.w3.org/2005/Atom">
        <channel>
        <title>Region Exempel – Aktuellt om regional utveckling</title>
        <link>https://www.regionexempel.se/regional-utveckling/aktuellt.html</link>
        <atom:link rel="self" type="application/rss+xml" href="https://www.regionexempel.se/4.1a2b3c/12.4d5e6f.portlet?state=rss"/>
        <description>Nyheter om den regionala utvecklingsstrategin från Region Exempel</description>
        <language>sv</language>
        <lastBuildDate>Wed, 23 Feb 2022 09:00:00 +0100</lastBuildDate>
        <generator>SiteVision</generator>

        """
        let closing = "</channel>\n</rss>\n"
        var written = 0
        var items = 0
        let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        while written + buffer.utf8.count + closing.utf8.count < target {
            items += 1
            let title = random.sentence(random.int(4...9)).dropLast()
            var paragraphs: [String] = []
            for _ in 0..<random.int(1...3) { paragraphs.append(random.sentence(random.int(12...30))) }
            let date = "\(random.pick(days)), \(String(format: "%02d", random.int(1...28))) \(random.pick(months)) \(random.int(2015...2024)) \(String(format: "%02d", random.int(6...18))):\(String(format: "%02d", random.int(0...59))):00 \(random.pick(["+0100", "+0200", "GMT"]))"
            let description: String
            switch items % 20 {
            case 0:
                description = "<![CDATA[<p>" + paragraphs.joined(separator: "</p><p>") + "</p>]]>"
            case 7:
                // An HTML named entity XML does not define, as in Västernorrland's feed.
                description = "&lt;p&gt;" + paragraphs.joined(separator: " ").replacingOccurrences(of: "ö", with: "&ouml;") + "&lt;/p&gt;"
            default:
                description = "&lt;p&gt;" + paragraphs.joined(separator: "&lt;/p&gt;&lt;p&gt;&lt;strong&gt;Läs mer&lt;/strong&gt; ") + "&lt;/p&gt;"
            }
            buffer += """
            <item>
            <title>\(title)</title>
            <link>https://www.regionexempel.se/regional-utveckling/aktuellt/\(items)-nyhet.html</link>
            <description>\(description)</description>
            <pubDate>\(date)</pubDate>
            <guid isPermaLink="false">4.\(String(random.next() % 0xFFFF_FFFF, radix: 16)).\(items)</guid>
            <category>\(random.pick(Vocabulary.headings))</category>
            <dc:creator>Kommunikationsenheten</dc:creator>
            </item>

            """
            if buffer.utf8.count > 1 << 20 {
                handle.write(Data(buffer.utf8))
                written += buffer.utf8.count
                buffer = ""
            }
        }
        buffer += closing
        handle.write(Data(buffer.utf8))
        written += buffer.utf8.count
        return (written, items)
    }
}

/// A large Swedish web page: header, navigation, a main article of sections with headings,
/// paragraphs, lists and tables, a sidebar, cookie banner, share bar and footer.
enum PageGenerator {
    static func make(megabytes: Int, seed: UInt64 = 2022) -> [UInt8] {
        var random = SplitMix64(state: seed)
        let target = megabytes * 1_000_000
        var html = """
        <!DOCTYPE html>
        <html lang="sv"><head><meta charset="utf-8"><title>Regional utvecklingsstrategi – Region Exempel</title>
        <link rel="canonical" href="https://www.regionexempel.se/regional-utveckling/rus.html">
        <script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}</script>
        <style>body { font-family: sans-serif } .sv-layout { margin: 0 }</style></head>
        <body><div id="cookie-banner" class="cookie-notice"><p>Vi använder kakor för att webbplatsen ska fungera.</p><button>Godkänn</button></div>
        <header class="site-header"><a class="skip-link" href="#main">Till innehållet</a><nav class="main-menu"><ul>

        """
        for i in 0..<60 { html += "<li><a href=\"/meny/\(i)\">\(random.pick(Vocabulary.headings))</a></li>\n" }
        html += "</ul></nav><div class=\"breadcrumbs\"><a href=\"/\">Start</a> / <a href=\"/regional-utveckling\">Regional utveckling</a></div></header>\n"
        html += "<main id=\"main\"><article><h1>Regional utvecklingsstrategi för Region Exempel 2030</h1>\n"
        let footer = """
        </article></main>
        <aside class="related"><h2>Relaterat</h2><ul><li><a href="/a">Smart specialisering</a></li><li><a href="/b">Regionala tillväxtmedel</a></li></ul></aside>
        <div class="share-bar"><a href="https://www.facebook.com/sharer">Dela</a></div>
        <footer class="site-footer"><p>Region Exempel, Box 1, 371 21 Karlskrona. Telefon 0455-30 50 00.</p></footer>
        <script src="/sitevision/system-resource/main.js"></script></body></html>

        """
        var section = 0
        while html.utf8.count + footer.utf8.count < target {
            section += 1
            html += "<section><h2>\(section). \(random.pick(Vocabulary.headings))</h2>\n"
            for _ in 0..<random.int(2...5) { html += "<p>\(random.sentence(random.int(20...60))) <a href=\"/dokument/\(random.int(1...9999)).pdf\">\(random.sentence(3))</a> \(random.sentence(random.int(10...30)))</p>\n" }
            html += "<h3>\(random.pick(Vocabulary.headings))</h3><ul>\n"
            for _ in 0..<random.int(3...8) { html += "<li><strong>\(random.pick(Vocabulary.words))</strong> \(random.sentence(random.int(5...15)))</li>\n" }
            html += "</ul>\n"
            if section % 3 == 0 {
                html += "<table><caption>Fördelning av regionala tillväxtmedel</caption><thead><tr><th>År</th><th>Insatsområde</th><th>Mnkr</th></tr></thead><tbody>\n"
                for year in 2018...2024 { html += "<tr><td>\(year)</td><td>\(random.pick(Vocabulary.headings))</td><td>\(random.int(1...40)),\(random.int(0...9))</td></tr>\n" }
                html += "</tbody></table>\n"
            }
            html += "</section>\n"
        }
        html += footer
        return Array(html.utf8)
    }
}
