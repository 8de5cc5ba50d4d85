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
            case "style": if isHiddenByStyle(value) { return true }
            default: continue
            }
        }
        return false
    }

    /// `aria-hidden` whose value, lowercased, is `true`.
    static func isHiddenByARIA(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        guard value.allSatisfy({ $0 < 0x80 }) else { return String(decoding: value, as: UTF8.self).lowercased() == "true" }
        guard value.count == 4 else { return false }
        return zip(value, "true".utf8).allSatisfy { ($0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0) == $1 }
    }

    /// A `style` that hides: `display:none` or `visibility:hidden`, in any case and with spaces.
    static func isHiddenByStyle(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        guard value.allSatisfy({ $0 < 0x80 }) else { return isHiddenByStyle(String(decoding: value, as: UTF8.self)) }
        var squeezed: [UInt8] = []
        squeezed.reserveCapacity(value.count)
        for byte in value where byte != 0x20 { squeezed.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte) }
        return squeezed.withUnsafeBufferPointer { bytes in
            contains(bytes: bytes, Array("display:none".utf8)) || contains(bytes: bytes, Array("visibility:hidden".utf8))
        }
    }

    private static func isHiddenByStyle(_ value: String) -> Bool {
        let style = String(value.lowercased().unicodeScalars.filter { $0 != " " })
        return contains(style, "display:none") || contains(style, "visibility:hidden")
    }

    /// Why `element` is chrome, or `nil`. Its children must already be mirrored.
    static func chrome(of element: PageElement) -> Chrome? {
        let name = element.name
        switch name {
        // Navigation, asides, footers and forms are chrome; so is what a page shows only without
        // scripts. Content that a broken page nests inside them is found again by the lenient pass.
        case "nav", "footer", "aside", "form", "noscript": return .tag
        // Figures are pictures with captions and credits, unless they hold a table.
        case "figure": if element.firstDescendant(where: { $0.name == "table" }) == nil { return .tag }
        case "figcaption": return .tag
        case "header": if element.firstDescendant(where: { $0.name == "h1" || $0.name == "h2" }) == nil { return .tag }
        default: break
        }
        if let role = element.role,
           ["navigation", "banner", "contentinfo", "search", "complementary", "dialog", "alertdialog", "menu", "menubar"].contains(role) {
            return .role
        }
        let classAndID = element.classAndID
        if classAndID.isEmpty { return nil }
        if let fast = classAndID.utf8.withContiguousStorageIfAvailable({ asciiClassChrome($0, name: name) }), let result = fast {
            return result
        }
        for token in classAndID.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
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

    /// What the token loop of ``chrome(of:)`` finds, on bytes, for a class and id list of ASCII
    /// without carriage returns (where characters and bytes split alike); `nil` for any other
    /// list, `.some(nil)` when it holds no chrome word.
    private static func asciiClassChrome(_ utf8: UnsafeBufferPointer<UInt8>, name: String) -> Chrome?? {
        for byte in utf8 where byte >= 0x80 || byte == 0x0D { return nil }
        let n = utf8.count
        var i = 0
        while i < n {
            while i < n, utf8[i] == 0x20 || utf8[i] == 0x09 || utf8[i] == 0x0A { i += 1 }
            let start = i
            while i < n, !(utf8[i] == 0x20 || utf8[i] == 0x09 || utf8[i] == 0x0A) { i += 1 }
            guard i > start else { continue }
            let token = UnsafeBufferPointer(rebasing: utf8[start..<i])
            if chromeTokenLengths.contains(token.count) {
                let text = String(decoding: token, as: UTF8.self)
                if chromeTokens.contains(text) { return .some(.name(text)) }
            }
            if starts(token, with: "js-") || starts(token, with: "tag-") || starts(token, with: "category-") { continue }
            // The head before a BEM modifier (`--`).
            var headEnd = token.count
            for k in 1..<max(1, token.count) where token[k] == 0x2D && token[k - 1] == 0x2D {
                headEnd = k - 1
                break
            }
            // Words: runs of letters and digits.
            var w = 0
            while w < headEnd {
                while w < headEnd, !isWordByte(token[w]) { w += 1 }
                let wordStart = w
                while w < headEnd, isWordByte(token[w]) { w += 1 }
                guard w > wordStart else { continue }
                let word = UnsafeBufferPointer(rebasing: token[wordStart..<w])
                if isChromeWord(ascii: word) { return .some(.name(String(decoding: word, as: UTF8.self))) }
                if word.count == 4, starts(word, with: "meta"), !["p", "span", "time", "small"].contains(name) {
                    return .some(.name("meta"))
                }
            }
        }
        return .some(nil)
    }

    @inline(__always)
    private static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
    }

    private static func starts(_ bytes: UnsafeBufferPointer<UInt8>, with prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard bytes.count >= count else { return false }
        let p = prefix.utf8Start
        for k in 0..<count where bytes[k] != p[k] { return false }
        return true
    }

    /// The lengths of ``chromeTokens``.
    private static let chromeTokenLengths = Set(chromeTokens.map(\.utf8.count))

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

    /// ``chromePrefixes`` as bytes, by their first byte.
    private static let prefixBytesByFirstByte: [[[UInt8]]] = {
        var table = [[[UInt8]]](repeating: [], count: 256)
        for prefix in chromePrefixes { table[Int(prefix.utf8.first!)].append(Array(prefix.utf8)) }
        return table
    }()

    private static let chromeWholeWordBytes = ByteWordSet(chromeWholeWords)
    private static let notChromeBytes = ByteWordSet(notChrome)

    /// ``isChromeWord(_:)`` of a word of lowercase ASCII letters and digits.
    static func isChromeWord(ascii word: UnsafeBufferPointer<UInt8>) -> Bool {
        if chromeWholeWordBytes.contains(word) { return true }
        guard let first = word.first else { return false }
        let prefixes = prefixBytesByFirstByte[Int(first)]
        guard !prefixes.isEmpty, !notChromeBytes.contains(word) else { return false }
        return prefixes.contains { prefix in
            prefix.count <= word.count && prefix.indices.allSatisfy { word[$0] == prefix[$0] }
        }
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
        // A known article-body marker counts twice, a content word once.
        let names = classAndID.utf8.withContiguousStorageIfAvailable(asciiNamesContent).flatMap { $0 }
            ?? namesContent(classAndID)
        switch names {
        case .marker: weight += 50
        case .contentWord: weight += 25
        case .none: break
        }
        return weight
    }

    /// What class and id say about main content.
    private enum ContentNames {
        /// A token holds a known article-body marker (`entry-content`, `article__body`, …).
        case marker
        /// A word is one of ``contentWords``.
        case contentWord
        case none
    }

    private static func namesContent(_ classAndID: String) -> ContentNames {
        for token in classAndID.split(separator: " ") where articleBodyMarkers.contains(where: { contains(token, $0) }) {
            return .marker
        }
        for word in words(of: Substring(classAndID)) where contentWords.contains(String(word)) {
            return .contentWord
        }
        return .none
    }

    /// ``articleBodyMarkers`` as bytes, by their first byte.
    private static let markerBytesByFirstByte: [[[UInt8]]] = {
        var table = [[[UInt8]]](repeating: [], count: 256)
        for marker in articleBodyMarkers { table[Int(marker.utf8.first!)].append(Array(marker.utf8)) }
        return table
    }()

    private static let contentWordBytes = ByteWordSet(contentWords)

    /// ``namesContent(_:)`` on bytes for ASCII class and id lists (`nil` for others). The markers
    /// hold no space, so one found anywhere lies inside a token.
    private static func asciiNamesContent(_ utf8: UnsafeBufferPointer<UInt8>) -> ContentNames? {
        for byte in utf8 where byte >= 0x80 { return nil }
        let n = utf8.count
        for i in 0..<n {
            for marker in markerBytesByFirstByte[Int(utf8[i])] where marker.count <= n - i {
                if marker.indices.allSatisfy({ utf8[i + $0] == marker[$0] }) { return .marker }
            }
        }
        var i = 0
        while i < n {
            while i < n, !isWordByte(utf8[i]) { i += 1 }
            let start = i
            while i < n, isWordByte(utf8[i]) { i += 1 }
            if i > start, contentWordBytes.contains(UnsafeBufferPointer(rebasing: utf8[start..<i])) { return .contentWord }
        }
        return ContentNames.none
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
        return text.utf8.withContiguousStorageIfAvailable { contains(bytes: $0, needle) }
            ?? Array(text.utf8).withUnsafeBufferPointer { contains(bytes: $0, needle) }
    }

    static func contains(bytes hay: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard let first = needle.first else { return true }
        guard hay.count >= needle.count else { return false }
        for i in 0...(hay.count - needle.count) where hay[i] == first {
            var j = 1
            while j < needle.count, hay[i + j] == needle[j] { j += 1 }
            if j == needle.count { return true }
        }
        return false
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

    /// The first bytes of ``widgetTextPrefixes`` (all ASCII letters).
    private static let widgetFirstBytes = Set(widgetTextPrefixes.map { $0.utf8.first! })
    /// The first two bytes of those ``widgetTextPrefixes`` that start with two ASCII characters.
    private static let widgetFirstPairs = Set(widgetTextPrefixes.compactMap { prefix -> [UInt8]? in
        let bytes = Array(prefix.utf8.prefix(2))
        return bytes.count == 2 && bytes.allSatisfy({ $0 < 0x80 }) ? bytes : nil
    })

    static func isWidgetText(_ text: String) -> Bool {
        // A text that starts with ASCII characters whose lowercase no prefix starts with cannot
        // match: its lowercase starts with those characters, and an ASCII letter of a prefix is a
        // character of its own.
        let utf8 = text.utf8
        if let first = utf8.first, first < 0x80 {
            let a = first >= 0x41 && first <= 0x5A ? first + 0x20 : first
            if !widgetFirstBytes.contains(a) { return false }
            let second = utf8.dropFirst().first ?? 0x80
            if second < 0x80 {
                let b = second >= 0x41 && second <= 0x5A ? second + 0x20 : second
                if !widgetFirstPairs.contains([a, b]) { return false }
            }
        }
        // Lowercasing works scalar by scalar, and the longest prefix is far shorter than 256
        // scalars: the lowercase of the first 256 scalars starts with a prefix exactly when the
        // lowercase of the whole text does.
        let head = utf8.count > 1024 ? String(text.unicodeScalars.prefix(256)) : text
        let lower = head.lowercased()
        return widgetTextPrefixes.contains { lower.hasPrefix($0) }
    }
}

/// A set of ASCII words, looked up by their bytes.
struct ByteWordSet {
    /// The words by length.
    private let byLength: [[[UInt8]]]

    init(_ words: Set<String>) {
        var table = [[[UInt8]]](repeating: [], count: (words.map(\.utf8.count).max() ?? 0) + 1)
        for word in words.sorted() { table[word.utf8.count].append(Array(word.utf8)) }
        byLength = table
    }

    /// Whether `bytes` are one of the words: for bytes of any kind, the same answer as the
    /// `Set<String>` gives for their string, since the words are ASCII.
    func contains(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count < byLength.count else { return false }
        for word in byLength[bytes.count] where word.indices.allSatisfy({ bytes[$0] == word[$0] }) {
            return true
        }
        return false
    }
}
