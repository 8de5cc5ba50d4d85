import Foundation
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
        return containsIgnoringSpacesAndCase(value, "display:none") || containsIgnoringSpacesAndCase(value, "visibility:hidden")
    }

    /// Whether ASCII `hay`, lowercased and without its spaces, contains `needle` (lowercase, no spaces).
    private static func containsIgnoringSpacesAndCase(_ hay: UnsafeBufferPointer<UInt8>, _ needle: StaticString) -> Bool {
        let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        for start in hay.indices where hay[start] != 0x20 {
            var i = start
            var j = 0
            while j < pattern.count, i < hay.count {
                let b = hay[i]
                if b == 0x20 { i += 1; continue }
                if (b >= 0x41 && b <= 0x5A ? b + 0x20 : b) != pattern[j] { break }
                i += 1
                j += 1
            }
            if j == pattern.count { return true }
        }
        return false
    }

    private static func isHiddenByStyle(_ value: String) -> Bool {
        let style = String(value.lowercased().unicodeScalars.filter { $0 != " " })
        return contains(style, "display:none") || contains(style, "visibility:hidden")
    }

    /// Why `element` is chrome, or `nil`. Its children must already be mirrored.
    static func chrome(of element: PageElement) -> Chrome? {
        switch element.tagChromeRule {
        // Navigation, asides, footers and forms are chrome; so is what a page shows only without
        // scripts. Content that a broken page nests inside them is found again by the lenient pass.
        // Figures are pictures with captions and credits, unless they hold a table.
        case .always: return .tag
        case .figure: if element.firstDescendant(where: { $0.known == .table }) == nil { return .tag }
        case .header: if element.firstDescendant(where: { $0.known == .h1 || $0.known == .h2 }) == nil { return .tag }
        case .none: break
        }
        if let role = element.role,
           ["navigation", "banner", "contentinfo", "search", "complementary", "dialog", "alertdialog", "menu", "menubar"].contains(role) {
            return .role
        }
        return element.classChrome
    }

    /// What class and id words say about chrome: a chrome token or word, or `meta` (except on
    /// `p`, `span`, `time` and `small`).
    static func classChrome(_ classAndID: String, name: String) -> Chrome? {
        if classAndID.isEmpty { return nil }
        if let fast = classAndID.utf8.withContiguousStorageIfAvailable({ asciiClassChrome($0, name: name) }), let result = fast {
            return result
        }
        return classChromeByCharacters(classAndID, name: name)
    }

    /// ``classChrome(_:name:)`` of a list given as UTF-8; `string` makes the list's string when
    /// the bytes are not enough (lists that are not ASCII).
    static func classChrome(utf8: UnsafeBufferPointer<UInt8>, name: String, string: () -> String) -> Chrome? {
        if utf8.isEmpty { return nil }
        if let result = asciiClassChrome(utf8, name: name) { return result }
        return classChromeByCharacters(string(), name: name)
    }

    /// ``classChrome(_:name:)`` on characters, for any class and id list (the ASCII ones take a
    /// faster way to the same answer).
    static func classChromeByCharacters(_ classAndID: String, name: String) -> Chrome? {
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

    /// What ``classChrome(_:name:)`` finds, on bytes, for a class and id list of ASCII
    /// without carriage returns (where characters and bytes split alike); `nil` for any other
    /// list, `.some(nil)` when it holds no chrome word.
    private static func asciiClassChrome(_ utf8: UnsafeBufferPointer<UInt8>, name: String) -> Chrome?? {
        let n = utf8.count
        var i = 0
        // ASCII without carriage returns only (eight bytes at a time).
        while i + 8 <= n {
            let word = UnsafeRawPointer(utf8.baseAddress! + i).loadUnaligned(as: UInt64.self)
            if word & 0x8080_8080_8080_8080 != 0 || TextCounts.count(of: 0x0D, in: word) != 0 { return nil }
            i += 8
        }
        while i < n {
            if utf8[i] >= 0x80 || utf8[i] == 0x0D { return nil }
            i += 1
        }
        let words = chromeClassWords
        var metaChecked = false
        var metaIsChrome = false
        i = 0
        while i < n {
            while i < n, utf8[i] == 0x20 || utf8[i] == 0x09 || utf8[i] == 0x0A { i += 1 }
            let start = i
            while i < n, !(utf8[i] == 0x20 || utf8[i] == 0x09 || utf8[i] == 0x0A) { i += 1 }
            guard i > start else { continue }
            let token = UnsafeBufferPointer(rebasing: utf8[start..<i])
            let packed = PackedWord(utf8.baseAddress! + start, count: i - start, readable: n - start)
            if words.isTokenLength(token.count), words.tokens.contains(packed) {
                return .some(.name(String(decoding: token, as: UTF8.self)))
            }
            let first = token[0]
            if first == 0x6A || first == 0x74 || first == 0x63,  // j, t, c
               words.skippedTokenPrefixes.contains(where: { packed.starts(with: $0) }) {
                continue
            }
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
                let wordFirst = token[wordStart]
                // No listed word or prefix starts with most letters.
                guard words.mayStartListedWord(wordFirst) else { continue }
                let word = UnsafeBufferPointer(rebasing: token[wordStart..<w])
                let packedWord = PackedWord(word.baseAddress!, count: word.count, readable: n - start - wordStart)
                if words.isChromeWord(packedWord, first: wordFirst) { return .some(.name(String(decoding: word, as: UTF8.self))) }
                if packedWord == words.meta {
                    if !metaChecked {
                        metaIsChrome = !["p", "span", "time", "small"].contains(name)
                        metaChecked = true
                    }
                    if metaIsChrome { return .some(.name("meta")) }
                }
            }
        }
        return .some(nil)
    }

    @inline(__always)
    private static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
    }

    /// The word lists of ``chrome(of:)`` in packed form.
    final class ChromeClassWords: Sendable {
        let tokens = PackedWordSet(chromeTokens)
        /// `js-`, `tag-`, `category-`: tokens that say nothing about the element.
        let skippedTokenPrefixes = ["js-", "tag-", "category-"].map(PackedPrefix.init(_:))
        let wholeWords = PackedWordSet(chromeWholeWords)
        let notChromeWords = PackedWordSet(notChrome.filter { $0.utf8.count <= 16 })
        let prefixes = PackedPrefixTable(chromePrefixes)
        let meta = PackedWord("meta")
        /// Bit `n` set when a chrome token has `n` bytes.
        private let tokenLengths: UInt64 = chromeTokens.reduce(0) { $0 | 1 << UInt64($1.utf8.count) }
        /// Bit `b` (of 256) set when a whole word, a prefix or `meta` starts with byte `b`.
        private let listedFirstBytes: (UInt64, UInt64, UInt64, UInt64) = {
            var bits: [UInt64] = [0, 0, 0, 0]
            for word in Array(chromeWholeWords) + chromePrefixes + ["meta"] {
                let b = Int(word.utf8.first!)
                bits[b / 64] |= 1 << UInt64(b % 64)
            }
            return (bits[0], bits[1], bits[2], bits[3])
        }()

        @inline(__always)
        func isTokenLength(_ count: Int) -> Bool { count < 64 && (tokenLengths >> UInt64(count)) & 1 != 0 }

        /// `false` when no listed chrome word, prefix or `meta` starts with `first`.
        @inline(__always)
        func mayStartListedWord(_ first: UInt8) -> Bool {
            let word: UInt64
            switch first >> 6 {
            case 0: word = listedFirstBytes.0
            case 1: word = listedFirstBytes.1
            case 2: word = listedFirstBytes.2
            default: word = listedFirstBytes.3
            }
            return (word >> UInt64(first & 63)) & 1 != 0
        }

        /// ``isChromeWord(_:)`` for a word of lowercase ASCII letters and digits.
        @inline(__always)
        func isChromeWord(_ word: PackedWord, first: UInt8) -> Bool {
            if wholeWords.contains(word) { return true }
            guard prefixes.hasPrefixes(startingWith: first), !notChromeWords.contains(word) else { return false }
            return prefixes.matches(word, first: first)
        }
    }

    static let chromeClassWords = ChromeClassWords()


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
        // A known article-body marker counts twice, a content word once.
        switch contentNames(classAndID) {
        case .marker: weight += 50
        case .contentWord: weight += 25
        case .none: break
        }
        return weight
    }

    /// What class and id say about main content.
    enum ContentNames {
        /// A token holds a known article-body marker (`entry-content`, `article__body`, …).
        case marker
        /// A word is one of ``contentWords``.
        case contentWord
        case none
    }

    /// What the class and id list `classAndID` says about main content.
    static func contentNames(_ classAndID: String) -> ContentNames {
        classAndID.utf8.withContiguousStorageIfAvailable(asciiContentNames).flatMap { $0 } ?? contentNamesByCharacters(classAndID)
    }

    /// ``contentNames(_:)`` on characters, for any list.
    static func contentNamesByCharacters(_ classAndID: String) -> ContentNames {
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

    private static let contentWordSet = PackedWordSet(contentWords)

    /// ``contentNames(_:)`` on bytes for ASCII class and id lists (`nil` for others). The markers
    /// hold no space, so one found anywhere lies inside a token.
    private static func asciiContentNames(_ utf8: UnsafeBufferPointer<UInt8>) -> ContentNames? {
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
            if i > start, contentWordSet.contains(PackedWord(UnsafeBufferPointer(rebasing: utf8[start..<i]))) { return .contentWord }
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
        guard text.hasFewerCharacters(than: 120) else { return false }
        var rest = Substring(text)
        if rest.hasPrefix("©") { return true }
        if rest.hasPrefix("(") { rest = rest.dropFirst() }
        guard let colon = rest.firstIndex(of: ":") else { return false }
        let word = TextNormalizer.normalize(String(rest[..<colon])).lowercased()
        return creditWords.contains(word)
    }

    /// The first bytes of ``widgetTextPrefixes`` (all ASCII letters), as bits by code less 0x40.
    private static let widgetFirstBytes: UInt64 = widgetTextPrefixes.reduce(0) { bits, prefix in
        let first = prefix.utf8.first!
        precondition(first >= 0x40 && first < 0x80)
        return bits | 1 << UInt64(first - 0x40)
    }
    /// The first two scalars of each of ``widgetTextPrefixes`` decomposed (`"gå"` gives `"ga"`: a
    /// text may spell "å" as "a" and a ring above), all ASCII, packed as `first | second << 8`.
    private static let widgetFirstPairs: [UInt16] = widgetTextPrefixes.map { prefix in
        let scalars = Array(prefix.decomposedStringWithCanonicalMapping.unicodeScalars.prefix(2))
        precondition(scalars.count == 2 && scalars.allSatisfy(\.isASCII))
        return UInt16(scalars[0].value) | UInt16(scalars[1].value) << 8
    }
    private static let widgetPrefixBytes = widgetTextPrefixes.map { Array($0.utf8) }
    /// One more than the most scalars a text canonically equivalent to a prefix can have.
    private static let widgetScalarLimit = widgetTextPrefixes.map { $0.decomposedStringWithCanonicalMapping.unicodeScalars.count }.max()! + 1

    static func isWidgetText(_ text: String) -> Bool {
        // A text that starts with an ASCII character whose lowercase no prefix starts with cannot
        // match: the lowercase text starts with that character.
        let utf8 = text.utf8
        @inline(__always) func lowered(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte }
        var bytes = utf8.makeIterator()
        if let first = bytes.next(), first < 0x80 {
            let lower = lowered(first)
            guard lower >= 0x40, (widgetFirstBytes >> UInt64(lower - 0x40)) & 1 != 0 else { return false }
            // When the second scalar is ASCII too, the lowercase text's canonical decomposition
            // starts with the two lowered, and so does that of any text it starts with: a prefix
            // whose decomposition starts otherwise cannot match.
            if let second = bytes.next(), second < 0x80,
               !widgetFirstPairs.contains(UInt16(lower) | UInt16(lowered(second)) << 8) {
                return false
            }
        }
        if let decided = utf8.withContiguousStorageIfAvailable(widgetPrefixOnLatin1), let decided { return decided }
        // Lowercasing works scalar by scalar, and a text canonically equivalent to a prefix has at
        // most as many scalars as the prefix decomposed: the lowercase of the first
        // `widgetScalarLimit` scalars starts with a prefix exactly when the lowercase of the whole
        // text does (the character after the prefix is still whole there).
        let head = String(text.unicodeScalars.prefix(widgetScalarLimit))
        let lower = head.lowercased()
        return widgetTextPrefixes.contains { lower.hasPrefix($0) }
    }

    /// ``isWidgetText(_:)`` decided on the characters the text starts with, where it can be:
    /// while each is one scalar of ASCII or of U+00C0–U+00FF ("ö", "Å") that no following scalar
    /// joins (the next lead byte is below 0xCC, below U+0300, where no scalar extends a character;
    /// `\r\n`, the one pair that makes a character there, is in no prefix), the lowercase text is
    /// those scalars lowered one by one (A–Z and U+00C0–U+00DE but U+00D7 by 0x20), and a
    /// character of one such scalar equals a prefix's character (one scalar, in NFC) exactly when
    /// it is the same scalar. A prefix differing within those characters does not match; one
    /// they cover matches. `nil` when undecided (a prefix goes beyond them).
    private static func widgetPrefixOnLatin1(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool? {
        // The lowercase UTF-8 of the leading characters that are decided, at most 64 bytes.
        var lower: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
        return withUnsafeMutableBytes(of: &lower) { buffer -> Bool? in
            var known = 0
            var i = 0
            let n = utf8.count
            while i < n, known + 2 <= buffer.count {
                let b = utf8[i]
                let length: Int
                if b < 0x80 {
                    buffer[known] = b >= 0x41 && b <= 0x5A ? b + 0x20 : b
                    length = 1
                } else if b == 0xC3, i + 1 < n {
                    let c = utf8[i + 1]  // U+00C0 + (c - 0x80)
                    buffer[known] = 0xC3
                    buffer[known + 1] = c >= 0x80 && c <= 0x9E && c != 0x97 ? c + 0x20 : c
                    length = 2
                } else {
                    break
                }
                // Whole only when the next scalar cannot join it.
                if i + length < n, utf8[i + length] >= 0xCC { break }
                known += length
                i += length
            }
            var undecided = false
            for prefix in widgetPrefixBytes {
                let limit = min(known, prefix.count)
                var j = 0
                while j < limit, buffer[j] == prefix[j] { j += 1 }
                if j < limit { continue }  // differs within the known characters
                if prefix.count <= known { return true }
                undecided = true
            }
            return undecided ? nil : false
        }
    }
}
