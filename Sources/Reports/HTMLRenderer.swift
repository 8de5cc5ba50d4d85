import Foundation
import StrategyModel
import Comparison

/// The comparison as one self-contained HTML file: inline CSS, inline SVG charts, no network.
///
/// It has the sections of the Markdown report, in ``ReportSection`` order, with charts where a
/// picture says more: a coverage heatmap per codebook, funding bars and a news timeline. Every
/// fact links to its evidence: the source marker (`B2`) goes to the document's URL and shows
/// the locator and excerpt as its tooltip, and lists open (`<details>`) to the full evidence.
/// All text is escaped, and the same report gives the same bytes (no dates, no random ids).
/// The page reads completely without scripts; a few lines of script only open the lists a link
/// points into, and every list before printing.
enum HTMLRenderer {
    static func render(_ report: ComparisonReport, sections: [ReportSection]) -> String {
        let context = HTMLContext(report)
        var body: [String] = []
        var contents: [(id: String, title: String)] = []
        for section in sections {
            switch section {
            case .table:
                contents.append(("table", "Side by side"))
                body.append(HTMLSections.table(context))
            case .profile:
                contents.append(("profile", "Structure"))
                body.append(HTMLSections.profile(context))
            case .diff:
                contents.append(("diff", "Versions"))
                body.append(HTMLSections.diff(context))
            case .coverage, .gaps, .alignment, .news, .funding, .coding:
                if report.codebooks.isEmpty {
                    contents.append((section.rawValue, HTMLCodebookSections.title(section)))
                    body.append(HTMLSections.open(section, id: section.rawValue, title: HTMLCodebookSections.title(section))
                        + "<p class=\"note\">No codebook was applied: <code>--codebook</code> names one.</p>\n</section>")
                }
                for book in report.codebooks {
                    let id = HTMLText.id(section.rawValue, book.codebook.id)
                    contents.append((id, HTMLCodebookSections.title(section) + (report.codebooks.count > 1 ? ": " + book.codebook.title.en : "")))
                    body.append(HTMLCodebookSections.render(section, book, id: id, context))
                }
            }
        }
        var page = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
        page += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
        page += "<meta name=\"generator\" content=\"\(HTMLText.escape(report.citation.library + " " + report.citation.version))\"/>\n"
        page += "<title>Regional development strategies compared</title>\n"
        page += "<style>\n\(HTMLStyle.css)</style>\n</head>\n<body>\n"
        page += header(context, contents: contents)
        page += "<main>\n" + body.joined(separator: "\n") + "\n</main>\n"
        page += footer(context)
        page += "<script>\n\(HTMLStyle.script)</script>\n</body>\n</html>\n"
        return page
    }

    static func header(_ context: HTMLContext, contents: [(id: String, title: String)]) -> String {
        let regions = context.report.table.regions.map { region in
            "<strong>\(HTMLText.escape(region.name))</strong> (\(HTMLText.escape(region.organisation)), county \(HTMLText.escape(region.countyCode)), \(HTMLText.escape(region.nutsCode)))"
        }
        var html = "<header class=\"page\">\n<h1>Regional development strategies compared</h1>\n"
        html += "<p class=\"lede\">Regions: " + regions.joined(separator: "; ") + ".</p>\n"
        html += "<p>Each region’s current regional development strategy is compared; <span class=\"unknown\">unknown</span> means the documents read do not say. "
        html += "Every fact names its source with a marker such as <span class=\"ev\">B2</span>: hover over it for the place in the document and its words, follow it to the document, "
        html += "or see the <a href=\"#sources\">sources</a> with the SHA-256 of the exact bytes read.</p>\n"
        if !context.report.codebooks.isEmpty {
            let books = context.report.codebooks.map { "\(HTMLText.escape($0.codebook.title.en)) (<code>\(HTMLText.escape($0.codebook.id))</code> \(HTMLText.escape($0.codebook.version)))" }
            html += "<p>Codebook\(books.count > 1 ? "s" : ""): " + books.joined(separator: "; ") + ".</p>\n"
        }
        html += "<nav class=\"toc\" aria-label=\"Contents\">\n<ol>\n"
        for entry in contents + [("sources", "Sources"), ("citation", "Citation")] {
            html += "<li><a href=\"#\(entry.id)\">\(HTMLText.escape(entry.title))</a></li>\n"
        }
        html += "</ol>\n</nav>\n</header>\n"
        return html
    }

    static func footer(_ context: HTMLContext) -> String {
        var html = "<footer>\n<section id=\"sources\" class=\"report-section\" data-section=\"sources\">\n<h2>Sources</h2>\n"
        html += "<p>Every document read, by region, with the SHA-256 of the exact bytes. Locators and excerpts for every item are in the lists above and in <code>rus compare --format csv</code> or <code>--format json</code>.</p>\n"
        for profile in context.report.profiles {
            html += "<h3>\(HTMLText.escape(profile.region.name))</h3>\n"
            let list = context.markers.lists[profile.region.id] ?? []
            if list.isEmpty { html += "<p class=\"note\">No document was read.</p>\n"; continue }
            html += "<table class=\"sources\">\n<thead><tr><th scope=\"col\">Ref</th><th scope=\"col\">Document</th><th scope=\"col\">Type</th><th scope=\"col\">SHA-256</th><th scope=\"col\">Origin</th></tr></thead>\n<tbody>\n"
            for (marker, source) in list {
                let address = HTMLText.safeURL(source.url).map { "<a href=\"\(HTMLText.escape($0))\">\(HTMLText.escape($0))</a>" } ?? HTMLText.escape(source.url)
                let origin = source.origin == "reconstruction" ? "reconstruction (not a download)" : source.origin + (source.retrieved.map { ", retrieved \($0)" } ?? "")
                html += "<tr id=\"\(HTMLText.id("src", profile.region.id, marker))\"><td class=\"ref\"><span class=\"marker\">\(HTMLText.escape(marker))</span></td><td class=\"url\">\(address)</td>"
                html += "<td>\(HTMLText.escape(source.mediaType))</td><td class=\"sha\"><code>\(HTMLText.escape(source.sha256))</code></td><td>\(HTMLText.escape(origin))</td></tr>\n"
            }
            html += "</tbody>\n</table>\n"
        }
        html += "</section>\n<section id=\"citation\" class=\"report-section\" data-section=\"citation\">\n<h2>Citation</h2>\n"
        html += "<pre class=\"citation\">" + context.report.citation.lines.map(HTMLText.escape).joined(separator: "\n") + "</pre>\n</section>\n</footer>\n"
        return html
    }
}
