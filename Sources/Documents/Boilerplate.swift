import Markup

/// What counts as page chrome rather than content.
enum Boilerplate {
    /// Elements that are never main content.
    static let skippedTags: Set<String> = [
        "nav", "footer", "aside", "form", "script", "style", "noscript", "template", "iframe", "svg", "button",
        "select", "input", "textarea", "label", "dialog", "object", "embed", "canvas", "video", "audio", "map",
        "head", "link", "meta",
    ]

    /// Words of class and id tokens (split at `-` and `_`, plural `s` ignored) that mark chrome.
    static let chromeWords: Set<String> = [
        "cookie", "breadcrumb", "brodsmula", "brodsmulor", "share", "sharing", "social", "feedback", "skip", "skiplink",
        "sidebar", "related", "navigation", "nav", "navbar", "subnav", "topnav", "mainnav", "menu", "megamenu", "footer",
        "search", "print", "toolbar", "pagination", "paging", "consent", "gdpr", "popup", "modal", "newsletter",
        "kontakt", "contact", "readspeaker", "lyssna", "dela", "tipsa", "sok",
    ]

    /// Whole tokens that mark chrome.
    static let chromeTokens: Set<String> = ["site-header", "page-footer", "header-area", "top-links", "toplinks"]

    /// Normalised texts (lowercased prefixes) of widgets found on the regions' sites.
    static let widgetTextPrefixes = [
        "hjälpte informationen på sidan dig", "hittade du informationen du sökte", "hittade du det du sökte",
        "gå direkt till", "hoppa till innehåll", "meddelandet har skickats", "dela på ", "dela sidan",
        "senast uppdaterad", "sidan uppdaterades", "publicerad av", "till toppen", "skriv ut", "lyssna på sidan",
        "vi använder kakor", "den här webbplatsen använder kakor", "denna webbplats använder kakor",
        "vi använder cookies", "tack för din återkoppling", "tyck till om sidan",
    ]

    static func isChrome(_ element: MarkupNode) -> Bool {
        let name = element.name
        if skippedTags.contains(name) { return true }
        if name == "header", !containsHeading(element) { return true }
        if element.attribute("hidden") != nil || element.attribute("aria-hidden") == "true" { return true }
        if let style = element.attribute("style")?.lowercased().replacingOccurrences(of: " ", with: ""),
           style.contains("display:none") || style.contains("visibility:hidden") {
            return true
        }
        if let role = element.attribute("role")?.lowercased(),
           ["navigation", "banner", "contentinfo", "search", "complementary", "dialog", "alertdialog"].contains(role) {
            return true
        }
        let tokens = ((element.attribute("class") ?? "") + " " + (element.attribute("id") ?? "")).lowercased()
        for token in tokens.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
            if chromeTokens.contains(String(token)) { return true }
            for word in token.split(whereSeparator: { $0 == "-" || $0 == "_" }) {
                let w = word.hasSuffix("s") ? String(word.dropLast()) : String(word)
                if chromeWords.contains(String(word)) || chromeWords.contains(w) { return true }
            }
        }
        return false
    }

    static func isWidgetText(_ text: String) -> Bool {
        let lower = text.lowercased()
        return widgetTextPrefixes.contains { lower.hasPrefix($0) }
    }

    private static func containsHeading(_ element: MarkupNode) -> Bool {
        ((try? element.select(".//h1|.//h2")) ?? []).isEmpty == false
    }
}
