import Markup

/// What counts as page chrome rather than content.
enum Boilerplate {
    /// How an element was recognised as chrome.
    enum Chrome: Equatable {
        /// Its tag: `<nav>`, `<aside>`, `<footer>`, `<form>`, `<noscript>`, a `<header>` without a heading.
        case tag
        /// Its ARIA role: navigation, banner, contentinfo, search, complementary, dialog.
        case role
        /// A word of its class or id.
        case name(String)
    }

    /// Elements that are never main content; they are not even mirrored.
    static let neverContent: Set<String> = [
        "script", "style", "template", "iframe", "svg", "button",
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
                let style = String(value.lowercased().unicodeScalars.filter { $0 != " " })
                if contains(style, "display:none") || contains(style, "visibility:hidden") { return true }
            default: continue
            }
        }
        return false
    }

    /// Why `element` is chrome, or `nil`. Its children must already be mirrored.
    static func chrome(of element: PageElement) -> Chrome? {
        let name = element.name
        // Navigation, asides, footers and forms are chrome; so is what a page shows only without
        // scripts. Content that a broken page nests inside them is found again by the lenient pass.
        if ["nav", "footer", "aside", "form", "noscript"].contains(name) { return .tag }
        // Figures are pictures with captions and credits, unless they hold a table.
        if name == "figure", element.firstDescendant(where: { $0.name == "table" }) == nil { return .tag }
        if name == "figcaption" { return .tag }
        if name == "header", element.firstDescendant(where: { $0.name == "h1" || $0.name == "h2" }) == nil { return .tag }
        if let role = element.role,
           ["navigation", "banner", "contentinfo", "search", "complementary", "dialog", "alertdialog", "menu", "menubar"].contains(role) {
            return .role
        }
        for token in element.classAndID.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
            if chromeTokens.contains(String(token)) { return .name(String(token)) }
            // Hooks for scripts and taxonomy classes of blog posts say nothing about the element.
            if token.hasPrefix("js-") || token.hasPrefix("tag-") || token.hasPrefix("category-") { continue }
            // BEM modifiers (`section--ads`) name a variant, not what the element is.
            let head = bemHead(token)
            for word in words(of: head) {
                if isChromeWord(word) { return .name(String(word)) }
                // Metadata boxes (author, date, categories) are chrome; a single line of metadata
                // such as a publication date is kept.
                if word == "meta", !["p", "span", "time", "small"].contains(name) { return .name(String(word)) }
            }
        }
        return nil
    }

    /// Words that mark chrome when a class or id word starts with them.
    static let chromePrefixes = [
        "comment", "disqus", "share", "sharing", "social", "sociable", "related", "newsletter", "subscri", "cookie",
        "breadcrumb", "brodsmul", "sidebar", "widget", "advert", "sponsor", "promo", "popup", "pagination", "navigation",
        "navbar", "megamenu", "menu", "footer", "byline", "author", "outbrain", "taboola", "recommend", "trending",
        "popular", "mostread", "tagcloud", "taglist", "readspeaker", "skiplink", "toolbar", "signup", "newsticker",
        "teaser", "caption", "legend", "adblock", "notification", "notice", "disclaimer",
    ]

    /// Whole class or id words that mark chrome.
    static let chromeWholeWords: Set<String> = [
        "nav", "subnav", "topnav", "mainnav", "ad", "ads", "adsense", "banner", "modal", "overlay", "pager", "paging",
        "tags", "print", "message", "messages", "skip", "login", "rating", "masthead", "copyright", "credit", "credits",
        "respond", "reply", "replies", "consent", "gdpr", "feedback", "search", "kontakt", "contact", "lyssna", "dela",
        "tipsa", "sok", "timestamp",
    ]

    /// Words that start like chrome words but are content.
    static let notChrome: Set<String> = ["commentary", "commentaries", "shared", "caption-text"]

    /// `chromePrefixes` by their first byte.
    private static let prefixesByFirstByte: [UInt8: [String]] = Dictionary(grouping: chromePrefixes) { $0.utf8.first! }

    /// `word` is lowercase (class and id are lowercased when mirrored).
    static func isChromeWord(_ word: Substring) -> Bool {
        guard let first = word.utf8.first, let prefixes = prefixesByFirstByte[first] else {
            return chromeWholeWords.contains(String(word))
        }
        let lower = String(word)
        if chromeWholeWords.contains(lower) { return true }
        if notChrome.contains(lower) { return false }
        return prefixes.contains { lower.hasPrefix($0) }
    }

    /// Chrome words that hold even for an element that wraps most of the content.
    static let strongPrefixes = [
        "comment", "disqus", "respond", "repl", "related", "share", "sharing", "social", "newsletter", "cookie",
        "consent", "gdpr", "breadcrumb", "outbrain", "taboola", "recommend", "advert", "sponsor",
    ]

    static func isStrongChrome(_ element: PageElement) -> Bool {
        guard case let .name(word)? = element.chrome else { return false }
        if word == "ad" || word == "ads" { return true }
        return strongPrefixes.contains { word.hasPrefix($0) }
    }

    /// Class and id words that name main content.
    static let contentWords: Set<String> = [
        "article", "articlebody", "articletext", "articlecontent", "body", "content", "entry", "hentry", "main",
        "maincontent", "post", "postbody", "postcontent", "posttext", "text", "blog", "story", "storybody",
        "storycontent", "prose", "bodytext", "fulltext", "page",
    ]

    /// Class and id fragments that trafilatura and readability find to hold an article's text.
    static let articleBodyMarkers = [
        "entry-content", "post-content", "post_content", "postcontent", "post-body", "post-text", "post_text",
        "post-entry", "postentry", "article-body", "article__body", "articlebody", "article-content",
        "article__content", "articlecontent", "article-text", "articletext", "article__text", "story-body",
        "storybody", "story-content", "storycontent", "body-text", "bodytext", "field-body", "fulltext",
        "text-content", "content-body", "content__body", "post-bodycopy", "single-content", "blog-content",
    ]

    /// The readability-style weight of an element's class and id: +25 for words of content,
    /// more for known article-body markers, −25 for chrome.
    static func classWeight(_ element: PageElement) -> Double {
        if let cached = element.cachedClassWeight { return cached }
        let weight = computeClassWeight(element)
        element.cachedClassWeight = weight
        return weight
    }

    private static func computeClassWeight(_ element: PageElement) -> Double {
        var weight = 0.0
        if element.itemprop == "articlebody" { weight += 50 }
        let classAndID = element.classAndID
        guard !classAndID.isEmpty else { return weight }
        if case .name? = element.chrome { weight -= 25 }
        var positive = false
        for token in classAndID.split(separator: " ") {
            if articleBodyMarkers.contains(where: { contains(token, $0) }) {
                weight += 25
                positive = true
                break
            }
        }
        if !positive {
            for word in words(of: Substring(classAndID)) where contentWords.contains(String(word)) {
                positive = true
                break
            }
        }
        if positive { weight += 25 }
        return weight
    }

    /// The part of a BEM token before its modifier (`section--ads` → `section`).
    static func bemHead(_ token: Substring) -> Substring {
        var previous: UInt8 = 0
        for index in token.utf8.indices {
            let byte = token.utf8[index]
            if byte == UInt8(ascii: "-"), previous == UInt8(ascii: "-") {
                return token[..<token.utf8.index(before: index)]
            }
            previous = byte
        }
        return token
    }

    /// The words of a lowercased class or id token: runs of letters and digits.
    static func words(of token: Substring) -> [Substring] {
        token.unicodeScalars.split { scalar in
            scalar.isASCII && !(("a"..."z").contains(scalar) || ("0"..."9").contains(scalar))
        }.map { Substring($0) }
    }

    /// Substring search on UTF-8 bytes (class names and styles are short; this beats the generic
    /// searchers by far).
    static func contains(_ text: some StringProtocol, _ part: String) -> Bool {
        let needle = Array(part.utf8)
        func search(_ hay: UnsafeBufferPointer<UInt8>) -> Bool {
            guard let first = needle.first else { return true }
            guard hay.count >= needle.count else { return false }
            for i in 0...(hay.count - needle.count) where hay[i] == first {
                var j = 1
                while j < needle.count, hay[i + j] == needle[j] { j += 1 }
                if j == needle.count { return true }
            }
            return false
        }
        return text.utf8.withContiguousStorageIfAvailable(search) ?? Array(text.utf8).withUnsafeBufferPointer(search)
    }

    /// Words that open a credit or source line under a picture or a chart ("Foto: …", "(Credit: …)").
    static let creditWords: Set<String> = [
        "foto", "fotos", "photo", "photos", "bild", "bilder", "bildquelle", "image", "images", "credit", "credits",
        "crédit", "crédits", "crédits photos", "kuva", "quelle", "source", "fuente", "zdjęcie", "abbildung",
        "illustration", "grafik", "källa", "bildkälla",
    ]

    /// A short line that credits a picture or names a source: "Foto: NN", "(Bild: NN)", "© NN".
    static func isCreditLine(_ text: String) -> Bool {
        guard text.count < 120 else { return false }
        var rest = Substring(text)
        if rest.hasPrefix("©") { return true }
        if rest.hasPrefix("(") { rest = rest.dropFirst() }
        guard let colon = rest.firstIndex(of: ":") else { return false }
        let word = TextNormalizer.normalize(String(rest[..<colon])).lowercased()
        return creditWords.contains(word)
    }

    static func isWidgetText(_ text: String) -> Bool {
        let lower = text.lowercased()
        return widgetTextPrefixes.contains { lower.hasPrefix($0) }
    }
}
