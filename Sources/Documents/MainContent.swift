/// Finds the main content of a mirrored page.
enum MainContent {
    /// The elements holding the page's main content, in document order.
    static func roots(of body: PageElement) -> [PageElement] {
        let ids = ["main-content", "maincontent", "content"]
        var candidates: [PageElement?] = [
            body.name == "main" ? body : body.firstDescendant { $0.name == "main" && $0.textCount > 0 },
            body.firstDescendant { $0.role == "main" && $0.textCount > 0 },
        ]
        for id in ids {
            candidates.append(body.firstDescendant { $0.source.attribute("id") == id && $0.textCount > 0 })
        }
        if let found = candidates.compactMap({ $0 }).first { return [found] }
        var articles: [PageElement] = []
        body.forEachElement { if $0.name == "article" { articles.append($0) } }
        if articles.count == 1 { return articles }
        return [body]
    }
}
