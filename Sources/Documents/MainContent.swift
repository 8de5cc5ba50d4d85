/// Finds the main content of a mirrored page and marks what inside it is chrome.
///
/// The approach follows readability, trafilatura and jusText, in a few passes over the mirror:
/// 1. Scoring. Every paragraph-like block (an element with at least 25 characters of its own
///    inline text and less than half of it in links) scores by its length and punctuation and
///    gives that score to its parent, half to its grandparent and a sixth to the next. Class and
///    id words raise (`article`, `entry-content`, `itemprop="articleBody"`) or lower (`share`,
///    `related`, `sidebar`) an element's score, and elements marked as chrome by tag, role,
///    class or id are left out, unless they hold most of the page's prose. When leaving chrome
///    out makes the best score three times worse, class words are ignored instead (blog engines
///    put `author-…` or `category-social` words on the article itself).
/// 2. Choosing. The best element, discounted by its link density, is the core; its parent is
///    taken when it scores better, an only child stands for its parent, an ancestor holding at
///    least one and a half times its prose is taken when the text is spread over blocks (page
///    builders), and siblings that score nearly as well, or are prose, join it. A page's own
///    `<main>` (or `role="main"`) that holds the core is taken whole; outside the core, short
///    lines that are not sentences are dropped from it.
/// 3. Pruning. Below that, chrome (comments, share bars, related articles, navigation, cookie
///    and newsletter boxes, figures and captions, metadata boxes), link-heavy lists and boxes,
///    "Read more: …" lines, dates on their own line and the labels of dropped link lists are
///    dropped, and so is what is left of a box after its links went. The best element and its
///    ancestors are never dropped. Headings, lists and tables stay in reading order.
enum MainContent {
    /// Per-element values of one run of the finder.
    struct Scratch {
        var run = 0
        var score = 0.0
        var isCandidate = false
        /// One of the elements the scoring chose.
        var isCore = false
        /// The best candidate, its ancestors and the core: never dropped.
        var isProtected = false
        /// Visible characters, leaving out excluded subtrees.
        var text = 0
        /// Visible link characters, leaving out excluded subtrees.
        var links = 0
        /// Characters of prose paragraphs (60 characters or more, few links) in the subtree.
        var good = 0
    }

    /// What the finder chose.
    struct Selection {
        /// The page's title heading, when it stands just before the main content rather than in it.
        var heading: PageElement?
        /// The elements holding the main content, in document order.
        var roots: [PageElement]
    }

    /// Finds the main content below `body`.
    static func select(in body: PageElement) -> Selection {
        var finder = Finder(body: body)
        // Class and id words mislead now and then (`tag-museums` on WordPress posts): when the
        // content scores far better with them ignored, it is read that way.
        // The lenient pass also records the prose each element holds (``PageElement/prose``): an
        // element whose class says chrome but that holds most of the page's prose is not left out.
        let lenient = finder.best(excludingChrome: false)
        let strict = finder.best(excludingChrome: true)
        let useStrict = strict.score * 3 >= lenient.score && strict.text >= 250
        let roots = finder.run(excludingChrome: useStrict)
        return Selection(heading: title(before: roots, in: body), roots: roots)
    }

    /// The first `<h1>` of the page when it is outside `roots` but shortly before them: the
    /// article's title above its text.
    static func title(before roots: [PageElement], in body: PageElement) -> PageElement? {
        guard let first = roots.first, first !== body else { return nil }
        guard let h1 = body.firstDescendant(where: { $0.known == .h1 && $0.textCount > 0 }),
              !roots.contains(where: { $0.contains(h1) }) else { return nil }
        var ancestor: PageElement? = h1
        var chain: [PageElement] = []
        while let a = ancestor {
            if a.isDropped || a.chrome != nil { return nil }
            chain.append(a)
            ancestor = a.parent
        }
        // The lowest common ancestor must be close above the content, and the heading before it.
        var up = first.parent
        var levels = 0
        while let u = up, levels < 4 {
            if chain.contains(where: { $0 === u }) {
                return Self.precedes(h1, first, under: u) ? h1 : nil
            }
            up = u.parent
            levels += 1
        }
        return nil
    }

    /// `true` when `a` comes before `b` in document order below `ancestor`.
    private static func precedes(_ a: PageElement, _ b: PageElement, under ancestor: PageElement) -> Bool {
        var result: Bool?
        ancestor.forEachElement { e in
            guard result == nil else { return }
            if e === a { result = true } else if e === b { result = false }
        }
        return result ?? false
    }

    struct Finder {
        let body: PageElement
        var run = 0
        var candidates: [PageElement] = []
        /// Whether the scratch values and candidates now held are of a pass with chrome left out.
        private var measured: Bool?

        init(body: PageElement) {
            self.body = body
        }

        /// Measures the page anew, unless the last pass measured it the same way (nothing a
        /// pass reads changes between passes but the chrome it leaves out and the prose, which
        /// ``MainContent/select(in:)`` sets before the passes that leave chrome out).
        private mutating func measurePage(excludingChrome: Bool) {
            guard measured != excludingChrome else { return }
            run += 1
            candidates = []
            measure(body, excludingChrome: excludingChrome)
            measured = excludingChrome
        }

        /// The score and text of the best candidate, with or without chrome left out.
        mutating func best(excludingChrome: Bool) -> (score: Double, text: Int) {
            run += 1
            candidates = []
            measure(body, excludingChrome: excludingChrome)
            measured = excludingChrome
            guard let top = candidates.max(by: { finalScore($0) < finalScore($1) }) else { return (0, 0) }
            return (finalScore(top), climb(from: top).scratch.text)
        }

        mutating func run(excludingChrome: Bool) -> [PageElement] {
            if body.tree.anyDropped { body.forEachElement { $0.isDropped = false } }
            measurePage(excludingChrome: excludingChrome)
            guard let best = candidates.max(by: { finalScore($0) < finalScore($1) }) else {
                // No paragraph of prose at all: the whole page, without its chrome.
                prune(body, coreText: body.scratch.text, periphery: false)
                return [body]
            }
            let top = expand(climb(from: best))
            let core = withSiblings(top)
            // The best candidate and the elements above it are content.
            var path: PageElement? = best
            while let p = path {
                p.scratch.isProtected = true
                path = p.parent
            }
            for root in core {
                root.scratch.isProtected = true
                root.scratch.isCore = true
            }
            let coreText = core.reduce(0) { $0 + $1.scratch.text }
            // A page that marks its main content as `<main>` is taken at its word.
            if let landmark = landmark(), landmark.contains(top) {
                prune(landmark, coreText: coreText, periphery: !landmark.scratch.isCore)
                return [landmark]
            }
            for root in core { prune(root, coreText: coreText, periphery: false) }
            return core
        }

        /// The page's own `<main>` or `role="main"`, when it has exactly one with text.
        func landmark() -> PageElement? {
            // The mirror lists the elements named `main` or with role `main`, in document order.
            let found = body.tree.landmarks.filter { $0.textCount > 0 }
            guard let first = found.first, found.allSatisfy({ first.contains($0) }) else { return nil }
            return first
        }

        // MARK: Scoring

        private func isExcluded(_ element: PageElement, excludingChrome: Bool) -> Bool {
            guard excludingChrome, let chrome = element.chrome, element !== body else { return false }
            if case .name = chrome, !Boilerplate.isStrongChrome(element), body.prose > 0,
               Double(element.prose) >= 0.4 * Double(body.prose) {
                return false
            }
            return true
        }

        /// Fills `scratch.text` and `scratch.links` bottom-up and scores paragraphs.
        private mutating func measure(_ element: PageElement, excludingChrome: Bool) {
            // Without chrome left out every element is measured: its prose is what it ends with.
            defer { if !excludingChrome { element.prose = element.scratch.good } }
            element.scratch = Scratch(run: run)
            var text = 0, links = 0, good = 0
            var ownText = 0, ownLinks = 0, ownPunctuation = 0
            for child in element.children {
                switch child {
                case let .text(t):
                    ownText += t.visible
                    ownPunctuation += t.punctuation
                    text += t.visible
                    if element.isInLink { links += t.visible; ownLinks += t.visible }
                case let .element(e):
                    if isExcluded(e, excludingChrome: excludingChrome) {
                        e.scratch = Scratch(run: run)
                        continue
                    }
                    measure(e, excludingChrome: excludingChrome)
                    text += e.scratch.text
                    links += e.scratch.links
                    good += e.scratch.good
                    if e.isInline {
                        ownText += e.scratch.text
                        ownLinks += e.scratch.links
                        ownPunctuation += e.punctuationCount
                    }
                }
            }
            element.scratch.text = text
            element.scratch.links = links
            element.scratch.good = good
            guard !element.isInline, ownText >= 25 else { return }
            let ownDensity = Double(ownLinks) / Double(ownText)
            if ownText >= 60, ownDensity < 0.25 { element.scratch.good += ownText - ownLinks }
            guard ownDensity < 0.5 else { return }
            var score = 1 + Double(ownPunctuation) + min(Double(ownText) / 100, 3)
            score *= 1 - ownDensity
            var ancestor = element.parent
            var level = 0
            while let a = ancestor, level < 3 {
                if a.scratch.run != run || !a.scratch.isCandidate {
                    a.scratch.run = run
                    a.scratch.isCandidate = true
                    a.scratch.score += Self.initialScore(a)
                    candidates.append(a)
                }
                a.scratch.score += score / (level == 0 ? 1 : level == 1 ? 2 : 6)
                if a === body { break }
                ancestor = a.parent
                level += 1
            }
        }

        private func finalScore(_ element: PageElement) -> Double {
            let s = element.scratch
            let density = s.text == 0 ? 0 : Double(s.links) / Double(s.text)
            return s.score * (1 - density)
        }

        /// The parent when it scores better, as readability does.
        private func climb(from top: PageElement) -> PageElement {
            var top = top
            var last = finalScore(top)
            let threshold = last / 3
            var parent = top.parent
            while let p = parent, p !== body.parent {
                if p.scratch.run == run, p.scratch.isCandidate {
                    let score = finalScore(p)
                    if score < threshold { break }
                    if score > last {
                        top = p
                        break
                    }
                    last = score
                }
                if p === body { break }
                parent = p.parent
            }
            // An only child stands for its parent.
            while top !== body, let p = top.parent, p.elementChildren.filter({ $0.textCount > 0 }).count == 1 {
                top = p
            }
            return top
        }

        /// The ancestor of `top` that holds most of the page's prose, when the content is spread
        /// over many blocks (page builders, grids) rather than in one container.
        private func expand(_ top: PageElement) -> PageElement {
            var current = top
            var ancestor = top.parent
            while let a = ancestor {
                if a.scratch.run == run, Double(a.scratch.good) >= 1.5 * Double(max(current.scratch.good, 1)),
                   Double(a.scratch.links) < 0.35 * Double(max(a.scratch.text, 1)) {
                    current = a
                }
                if a === body { break }
                ancestor = a.parent
            }
            return current
        }

        /// `top` and those of its siblings that belong to the same content.
        private func withSiblings(_ top: PageElement) -> [PageElement] {
            guard top !== body, let parent = top.parent else { return [top] }
            let topScore = finalScore(top)
            let threshold = max(10, topScore * 0.2)
            var roots: [PageElement] = []
            for sibling in parent.elementChildren where sibling.scratch.run == run {
                if sibling === top { roots.append(sibling); continue }
                if sibling.chrome != nil || sibling.scratch.text == 0 { continue }
                var bonus = 0.0
                if !top.classAndID.isEmpty, sibling.hasSameClassAttribute(as: top) { bonus = topScore * 0.2 }
                if sibling.scratch.isCandidate, finalScore(sibling) + bonus >= threshold {
                    roots.append(sibling)
                } else if sibling.known == .p {
                    let density = Double(sibling.scratch.links) / Double(max(1, sibling.scratch.text))
                    let text = sibling.normalizedText
                    if sibling.scratch.text > 80, density < 0.25 {
                        roots.append(sibling)
                    } else if sibling.scratch.text <= 80, density == 0, text.last?.isSentenceEnd == true {
                        roots.append(sibling)
                    }
                } else if sibling.scratch.good >= 60, Double(sibling.scratch.good) >= 0.8 * Double(sibling.scratch.text) {
                    // A lead or a standfirst: prose beside the text.
                    roots.append(sibling)
                }
            }
            return roots
        }

        static func initialScore(_ element: PageElement) -> Double {
            var score: Double
            switch element.known {
            case .div?, .article?, .main?, .section?: score = 5
            case .pre?, .td?, .blockquote?: score = 3
            case .address?, .ol?, .ul?, .dl?, .dd?, .dt?, .li?, .form?: score = -3
            case .h1?, .h2?, .h3?, .h4?, .h5?, .h6?, .th?: score = -5
            default: score = 0
            }
            return score + Boilerplate.classWeight(element)
        }

        // MARK: Pruning inside the main content

        /// Drops chrome and link-heavy blocks below `root`; outside the scored core (in the
        /// rest of a `<main>`), short lines without a sentence are dropped too.
        private func prune(_ root: PageElement, coreText: Int, periphery: Bool) {
            for child in root.elementChildren {
                _ = prune(element: child, coreText: coreText, periphery: periphery, accepted: nil)
            }
        }

        /// Prunes below `element` and returns the visible characters kept. `accepted` is the
        /// chrome word of a protected ancestor: when the content itself is, say, a live ticker of
        /// "comments", its items are content too.
        private func prune(element: PageElement, coreText: Int, periphery: Bool, accepted: Substring?) -> Int {
            if element.scratch.run != run { return 0 }
            let periphery = periphery && !element.scratch.isCore
            if shouldDrop(element, coreText: coreText, accepted: accepted)
                || periphery && !element.scratch.isProtected && isPeripheralLine(element) {
                drop(element)
                return 0
            }
            var accepted = accepted
            if element.scratch.isProtected, case let .name(word)? = element.chrome { accepted = Self.stem(word) }
            var kept = 0
            var children = 0
            var droppedLinks = 0
            var label: (element: PageElement, kept: Int)?
            for child in element.children {
                switch child {
                case let .text(t):
                    let visible = t.visible
                    kept += visible
                    if visible > 0 { label = nil }
                case let .element(e):
                    let keptHere = prune(element: e, coreText: coreText, periphery: periphery, accepted: accepted)
                    kept += keptHere
                    children += 1
                    if e.isDropped { droppedLinks += e.scratch.links }
                    // "Read more:", "Tags", "Related articles" above a list of links that was dropped.
                    if e.isDropped, e.linkElements >= 2, e.scratch.links * 2 >= e.scratch.text,
                       let l = label, !l.element.scratch.isProtected {
                        drop(l.element)
                        kept -= l.kept
                        label = nil
                    } else if !e.isDropped, keptHere > 0 {
                        label = Self.isLabel(e, kept: keptHere) ? (e, keptHere) : nil
                    } else {
                        label = nil
                    }
                }
            }
            // What is left of a box whose lists and links were chrome ("Read more", "Tags") is a
            // label for them.
            let total = element.scratch.text
            if !element.scratch.isProtected, droppedLinks > 0, kept < total, kept < 40, Double(kept) < 0.3 * Double(total),
               !element.isInline {
                drop(element)
                return 0
            }
            return kept
        }

        private func drop(_ element: PageElement) {
            element.isDropped = true
        }

        private static func stem(_ word: String) -> Substring {
            word.hasSuffix("s") ? word.dropLast() : Substring(word)
        }

        private func shouldDrop(_ element: PageElement, coreText: Int, accepted: Substring?) -> Bool {
            if element.scratch.isProtected { return false }
            let text = element.scratch.text
            if let chrome = element.chrome {
                if case let .name(word) = chrome, let accepted, Self.stem(word) == accepted { return false }
                // A wrapper holding most of the content is not chrome, whatever its class says.
                let guarded = element.known == .noscript || Double(element.prose) >= 0.5 * Double(max(1, body.prose))
                if guarded, coreText > 0, Double(text) >= 0.5 * Double(coreText), !Boilerplate.isStrongChrome(element) {
                    return false
                }
                return true
            }
            if text == 0 { return false }
            let density = Double(element.scratch.links) / Double(text)
            switch element.pruneKind {
            case .list:  // ul, ol, dl, menu
                return element.linkElements >= 2 && density > 0.7 && !Self.linksToDocuments(element)
            case .box:  // div, section, table, p, span
                let limit = element.known == .p ? 30 : 100
                if text < limit, element.linkElements > 0, density > 0.8, !Self.linksToDocuments(element) { return true }
                if element.linkElements >= 3, density > 0.7, !Self.linksToDocuments(element) { return true }
                guard element.known != .table, !Self.hasBlocks(element) else { return false }
                // "Read more: <a>Another story</a>": a label and a link to elsewhere.
                if element.linkElements >= 1, density >= 0.6, text < 250, text - element.scratch.links <= 25,
                   !Self.linksToDocuments(element), !Self.linksToAddresses(element) {
                    return true
                }
                // A date or a time on its own line ("12.12.2022, 08:30 Uhr").
                if text < 30, Self.isDateLike(element.normalizedText) { return true }
                return false
            case .link:  // a
                // A card: a link around a heading (a teaser for another article).
                return element.firstDescendant { Self.isHeading($0.known) } != nil
            case .kept:  // li, td, th, dd, dt, tr, caption, h1–h6
                return false
            case .other:
                // A date or a time on its own line in any other element.
                return text < 30 && !element.isInline && !Self.hasBlocks(element)
                    && Self.isDateLike(element.normalizedText)
            }
        }

        /// Outside the scored core (in the rest of a page's `<main>`): a short line that is not
        /// a sentence, such as a kicker, a credit or a label.
        private func isPeripheralLine(_ element: PageElement) -> Bool {
            let text = element.scratch.text
            guard text > 0, text < 50, !element.isInline,
                  !Self.isHeading(element.known), !Self.isListOrTablePart(element.known),
                  !Self.hasBlocks(element), !Self.linksToDocuments(element) else { return false }
            guard let isSentenceEnd = element.lastCharacterIsSentenceEnd else { return false }
            return !isSentenceEnd
        }

        /// `true` when `element` has block children (it is a container, not a paragraph).
        static func hasBlocks(_ element: PageElement) -> Bool {
            element.children.contains { child in
                if case let .element(e) = child { return !e.isInline }
                return false
            }
        }

        /// Mostly digits and separators, with digits on both sides of `.`, `:`, `/` or `-`: a
        /// date or a time ("12.12.2022, 08:30 Uhr").
        static func isDateLike(_ text: String) -> Bool {
            if let ascii = text.utf8.withContiguousStorageIfAvailable(asciiIsDateLike), let ascii { return ascii }
            var digits = 0, others = 0
            var separated = false
            let scalars = Array(text.unicodeScalars)
            for (index, scalar) in scalars.enumerated() where !scalar.properties.isWhitespace {
                if scalar.properties.numericType != nil || ".:,/-–".unicodeScalars.contains(scalar) { digits += 1 } else { others += 1 }
                if ".:/-".unicodeScalars.contains(scalar), index > 0, index + 1 < scalars.count,
                   scalars[index - 1].properties.numericType != nil, scalars[index + 1].properties.numericType != nil {
                    separated = true
                }
            }
            return separated && Double(digits) > 0.6 * Double(digits + others)
        }

        /// ``isDateLike(_:)`` on the bytes of an ASCII text (`nil` for others): there a byte is a
        /// scalar, the numeric ones are the digits and the whitespace ones U+0009–U+000D and space.
        private static func asciiIsDateLike(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool? {
            for byte in utf8 where byte >= 0x80 { return nil }
            func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
            var digits = 0, others = 0
            var separated = false
            let n = utf8.count
            for i in 0..<n {
                let b = utf8[i]
                if b == 0x20 || (b >= 0x09 && b <= 0x0D) { continue }
                // . : , / -
                let separator = b == 0x2E || b == 0x3A || b == 0x2F || b == 0x2D
                if isDigit(b) || separator || b == 0x2C { digits += 1 } else { others += 1 }
                if separator, i > 0, i + 1 < n, isDigit(utf8[i - 1]), isDigit(utf8[i + 1]) { separated = true }
            }
            return separated && Double(digits) > 0.6 * Double(digits + others)
        }

        /// `h1`–`h6`.
        static func isHeading(_ tag: KnownTag?) -> Bool {
            tag?.isHeading == true
        }

        /// `li`, `td`, `th`, `dt`, `dd`, `tr`, `caption`, `table`, `ul`, `ol`.
        static func isListOrTablePart(_ tag: KnownTag?) -> Bool {
            switch tag {
            case .li?, .td?, .th?, .dt?, .dd?, .tr?, .caption?, .table?, .ul?, .ol?: true
            default: false
            }
        }

        /// A short line that names what follows: a heading, or a few words ending in a colon.
        static func isLabel(_ element: PageElement, kept: Int) -> Bool {
            guard kept <= 50 else { return false }
            switch element.known {
            case .h2?, .h3?, .h4?, .h5?, .h6?: return true
            case .p?, .div?, .span?, .strong?, .b?, .header?: break
            default: return false
            }
            guard let isSentenceEnd = element.lastCharacterIsSentenceEnd else { return false }
            return !isSentenceEnd
        }

        /// `true` when a link below `element` is an e-mail address or a phone number.
        static func linksToAddresses(_ element: PageElement) -> Bool {
            element.hasLinkBelow(.address)
        }

        /// `true` when a link below `element` points to a document file (PDF, Word, Excel, …).
        static func linksToDocuments(_ element: PageElement) -> Bool {
            element.hasLinkBelow(.document)
        }

        /// An `href` that is an e-mail address or a phone number.
        static func isAddressLink(_ href: String) -> Bool {
            if let ascii = href.utf8.withContiguousStorageIfAvailable(asciiIsAddressLink), let ascii { return ascii }
            let href = href.lowercased()
            return href.hasPrefix("mailto:") || href.hasPrefix("tel:")
        }

        static let documentExtensions = [".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".ods", ".odp", ".rtf", ".csv", ".zip"]
        private static let documentExtensionBytes = documentExtensions.map { Array($0.utf8) }

        /// An `href` whose path (before a query) ends in the extension of a document file.
        static func isDocumentLink(_ href: String) -> Bool {
            if let ascii = href.utf8.withContiguousStorageIfAvailable(asciiIsDocumentLink), let ascii { return ascii }
            let href = href.lowercased()
            let path = href.split(separator: "?").first.map(String.init) ?? href
            return documentExtensions.contains { path.hasSuffix($0) }
        }

        /// ``isAddressLink(_:)`` on the bytes of an ASCII `href` (one character per byte, and no
        /// prefix ends in `\r`), `nil` for others.
        private static func asciiIsAddressLink(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool? {
            for byte in utf8 where byte >= 0x80 { return nil }
            return startsLowercased(utf8, with: "mailto:") || startsLowercased(utf8, with: "tel:")
        }

        /// ``isDocumentLink(_:)`` on the bytes of an ASCII `href`, `nil` for others. As
        /// `split(separator: "?")` does, the path is the first run of characters other than `?`
        /// (the whole `href` when there is none).
        private static func asciiIsDocumentLink(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool? {
            for byte in utf8 where byte >= 0x80 { return nil }
            var start = 0
            while start < utf8.count, utf8[start] == 0x3F { start += 1 }
            var end = utf8.count
            if start < utf8.count {
                end = start
                while end < utf8.count, utf8[end] != 0x3F { end += 1 }
            } else {
                start = 0
            }
            let length = end - start
            return documentExtensionBytes.contains { ext in
                guard ext.count <= length else { return false }
                for k in 0..<ext.count {
                    let b = utf8[end - ext.count + k]
                    if (b >= 0x41 && b <= 0x5A ? b + 0x20 : b) != ext[k] { return false }
                }
                return true
            }
        }

        private static func startsLowercased(_ utf8: UnsafeBufferPointer<UInt8>, with prefix: StaticString) -> Bool {
            let count = prefix.utf8CodeUnitCount
            guard utf8.count >= count else { return false }
            for k in 0..<count {
                let b = utf8[k]
                if (b >= 0x41 && b <= 0x5A ? b + 0x20 : b) != prefix.utf8Start[k] { return false }
            }
            return true
        }
    }
}
