import Testing
import Documents

/// The main-content finder on pages shaped like real news and blog pages.
@Suite("Main content of web pages")
struct MainContentTests {
    static let prose = [
        "The county council adopted the new regional development strategy on Tuesday, after a consultation that ran for six months and drew more than fifty responses.",
        "Its three goals cover skills, transport and climate, and each goal comes with indicators that the region will report on every year until 2030.",
        "Critics said the plan lacked funding, but the council pointed to the regional growth grants, which rise to 24 million kronor next year.",
        "The strategy replaces the one adopted in 2014, which expired in 2020, and it will be followed up in a report to the council every second year.",
    ]

    @Test func articleKeepsStructureAndLosesChrome() throws {
        let html = """
        <html><head><title>Strategy adopted</title></head><body>
        <div id="cookie-notice">We use cookies to improve your experience. Accept all cookies?</div>
        <header class="site-header"><a href="/">News site</a><nav><ul><li><a href="/a">Politics</a></li><li><a href="/b">Sports</a></li></ul></nav></header>
        <div class="layout">
          <div class="main-column">
            <article>
              <h1>Council adopts strategy to 2030</h1>
              <div class="byline">By A. Reporter</div>
              <div class="share-bar"><a href="https://facebook.com/x">Share on Facebook</a><a href="https://twitter.com/x">Tweet</a></div>
              <p>\(Self.prose[0])</p>
              <p>\(Self.prose[1])</p>
              <h2>Goals</h2>
              <ul><li>Skills for everyone in the county</li><li>Faster trains between the towns</li><li>Half the emissions by 2030</li></ul>
              <table><tr><th>Year</th><th>Grant</th></tr><tr><td>2024</td><td>24 mnkr</td></tr></table>
              <p>\(Self.prose[2])</p>
              <p>Read more: <a href="/news/earlier-strategy">The strategy that came before</a></p>
              <p>\(Self.prose[3])</p>
            </article>
            <div class="newsletter-signup"><p>Get our daily newsletter with the most important regional news, every morning.</p></div>
            <section id="comments"><h3>12 comments</h3>
              <div class="comment"><p>I think this is a terrible plan and nobody asked the people in the north about it, as usual.</p></div>
              <div class="comment"><p>Finally, a plan that takes the trains seriously, which the last one never did in six years.</p></div>
            </section>
          </div>
          <aside class="sidebar"><h3>Most read</h3><ul><li><a href="/1">Storm hits the coast</a></li><li><a href="/2">New bridge opens</a></li></ul></aside>
        </div>
        <div class="related-articles"><h3>Related articles</h3><ul><li><a href="/r1">Budget talks stall in the council chamber</a></li><li><a href="/r2">Rail link gets funding from the state</a></li></ul></div>
        <footer><p>© News site 2024. All rights reserved.</p></footer>
        </body></html>
        """
        let outline = try HTMLPageReader().read(Array(html.utf8), url: "https://news.example/strategy")
        let text = outline.mainText
        for paragraph in Self.prose { #expect(text.contains(paragraph)) }
        for kept in ["Council adopts strategy to 2030", "Goals", "Faster trains between the towns", "2024 | 24 mnkr"] {
            #expect(text.contains(kept), "'\(kept)' is content")
        }
        for chrome in [
            "cookies", "Politics", "Share on Facebook", "newsletter", "comments", "terrible plan", "Most read",
            "Storm hits", "Related articles", "Budget talks", "All rights reserved", "Read more", "The strategy that came before",
        ] {
            #expect(!text.contains(chrome), "'\(chrome)' is chrome")
        }
        // Reading order: title, first paragraph, the goals heading with its list, the table, the rest.
        let order = ["Council adopts", Self.prose[0], "Goals", "Skills for everyone", "2024 | 24 mnkr", Self.prose[2], Self.prose[3]]
        let positions = order.compactMap { text.range(of: $0)?.lowerBound }
        #expect(positions.count == order.count)
        #expect(positions == positions.sorted())
        let goals = try #require(outline.allSections.first { $0.heading == "Goals" })
        #expect(goals.level == 2)
    }

    @Test func misleadingClassWordsOnTheArticleDoNotHideIt() throws {
        // WordPress puts taxonomy words on the post: tag-…, category-…, author-….
        let html = """
        <html><body><div id="page">
        <div class="message-box"><p>We noticed you are using an ad blocker, please consider turning it off for this site.</p></div>
        <article class="post tag-share-economy category-social author-jane"><h1>Sharing economy</h1>
        <div class="entry-content"><p>\(Self.prose[0])</p><p>\(Self.prose[1])</p><p>\(Self.prose[2])</p></div></article>
        </div></body></html>
        """
        let text = try HTMLPageReader().read(Array(html.utf8)).mainText
        for paragraph in Self.prose.prefix(3) { #expect(text.contains(paragraph)) }
        #expect(!text.contains("ad blocker"))
    }

    @Test func contentSpreadOverBuilderBlocksIsGathered() throws {
        let blocks = Self.prose.map { "<div class=\"row\"><div class=\"col\"><div class=\"text-block\"><p>\($0)</p></div></div></div>" }
        let html = """
        <html><body><div class="builder">\(blocks.joined())</div>
        <div class="sidebar-col"><ul><li><a href="/x">Other page one</a></li><li><a href="/y">Other page two</a></li></ul></div>
        </body></html>
        """
        let text = try HTMLPageReader().read(Array(html.utf8)).mainText
        for paragraph in Self.prose { #expect(text.contains(paragraph)) }
        #expect(!text.contains("Other page"))
    }

    @Test func datesAndLabelsOfDroppedLinkListsAreLeftOut() throws {
        let html = """
        <html><body><main>
        <p>12.12.2022, 08:30 Uhr</p>
        <p>\(Self.prose[0])</p><p>\(Self.prose[1])</p>
        <div><h4>Mehr zum Thema</h4><ul><li><a href="/a">Ein anderer Artikel über etwas</a></li><li><a href="/b">Noch ein Artikel über etwas</a></li></ul></div>
        <p>\(Self.prose[2])</p>
        </main></body></html>
        """
        let text = try HTMLPageReader().read(Array(html.utf8)).mainText
        #expect(text == [Self.prose[0], Self.prose[1], Self.prose[2]].joined(separator: "\n"))
    }
}
