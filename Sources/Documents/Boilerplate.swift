import Markup

/// What counts as page chrome rather than content.
enum Boilerplate {
    /// How an element was recognised as chrome.
    enum Chrome: Equatable {
        /// Its tag: `<form>`, a `<header>` without a heading.
        case tag
        /// Its ARIA role: navigation, banner, contentinfo, search, complementary, dialog.
        case role
        /// A word of its class or id.
        case name(String)
    }

    /// Elements that are never main content; they are not even mirrored.
    static let neverContent: Set<String> = [
        "nav", "footer", "aside", "script", "style", "noscript", "template", "iframe", "svg", "button",
        "select", "input", "textarea", "label", "dialog", "object", "embed", "canvas", "video", "audio", "map",
        "head", "link", "meta", "option", "optgroup", "datalist", "math", "applet", "frame", "frameset", "area",
        "source", "track", "picture", "param", "progress", "meter", "output", "marquee",
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

    /// `true` for the `hidden` attribute, `aria-hidden="true"` and inline styles that hide.
    static func isHidden(_ attributes: [(name: String, value: String)]) -> Bool {
        for (name, value) in attributes {
            switch name {
            case "hidden": return true
            case "aria-hidden": if value.lowercased() == "true" { return true }
            case "style":
                let style = value.lowercased().replacingOccurrences(of: " ", with: "")
                if style.contains("display:none") || style.contains("visibility:hidden") { return true }
            default: continue
            }
        }
        return false
    }

    /// Why `element` is chrome, or `nil`. Its children must already be mirrored.
    static func chrome(of element: PageElement) -> Chrome? {
        let name = element.name
        if name == "form" { return .tag }
        if name == "header", element.firstDescendant(where: { $0.name == "h1" || $0.name == "h2" }) == nil { return .tag }
        if let role = element.role,
           ["navigation", "banner", "contentinfo", "search", "complementary", "dialog", "alertdialog"].contains(role) {
            return .role
        }
        for token in element.classAndID.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
            if chromeTokens.contains(String(token)) { return .name(String(token)) }
            for word in token.split(whereSeparator: { $0 == "-" || $0 == "_" }) {
                let w = word.hasSuffix("s") ? String(word.dropLast()) : String(word)
                if chromeWords.contains(String(word)) || chromeWords.contains(w) { return .name(String(word)) }
            }
        }
        return nil
    }

    static func isWidgetText(_ text: String) -> Bool {
        let lower = text.lowercased()
        return widgetTextPrefixes.contains { lower.hasPrefix($0) }
    }
}
