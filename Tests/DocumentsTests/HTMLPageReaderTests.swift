import Testing
import Documents

@Suite("HTML page outlines")
struct HTMLPageReaderTests {
    let chrome = [
        "Gå direkt till", "Du är här", "Dela på", "Hjälpte informationen", "Hittade du", "cookies", "kakor",
        "Meddelandet har skickats", "Twitter-ikon", "Webbkarta", "Tillgänglighetsinformation", "Senast uppdaterad",
    ]

    @Test(arguments: [
        "Regions/Blekinge/Sources/Snapshot/vaxtplats-blekinge.html",
        "Regions/Blekinge/Sources/Snapshot/regional-utvecklingsstrategi.html",
        "Regions/Kalmar/Sources/Snapshot/regional-utvecklingsstrategi.html",
        "Regions/Kalmar/Sources/Snapshot/uppfoljning.html",
        "Regions/Vasternorrland/Sources/Snapshot/regional-utvecklingsstrategi-2011-2020.html",
        "Regions/Vasternorrland/Sources/Snapshot/ett-vasternorrland.html",
    ])
    func pageChromeIsNotMainContent(path: String) throws {
        let outline = try HTMLPageReader().read(try ProjectFiles.bytes(path), url: "https://example.se/sida/")
        let text = outline.mainText
        #expect(text.count > 500)
        for phrase in chrome {
            #expect(!text.localizedCaseInsensitiveContains(phrase), "\(path): '\(phrase)' is chrome but is in the main text")
        }
    }

    @Test func kalmarStrategyPageOutline() throws {
        let url = "https://utveckling.regionkalmar.se/regional-utvecklingsstrategi/"
        let outline = try HTMLPageReader().read(try ProjectFiles.bytes("Regions/Kalmar/Sources/Snapshot/regional-utvecklingsstrategi.html"), url: url)
        #expect(outline.language == "sv")
        let h1 = try #require(outline.allSections.first { $0.level == 1 })
        #expect(h1.heading == "Klimat att växa i — Regional utvecklingsstrategi för Kalmar län 2030")
        let goals = try #require(outline.allSections.first { $0.heading == "Mål" })
        guard case let .list(list)? = goals.blocks.first(where: { if case .list = $0 { true } else { false } }) else {
            Issue.record("no goal list")
            return
        }
        #expect(list.ordered)
        #expect(list.items.count == 10)
        #expect(list.items.first?.text == "Hög delaktighet och upplevd trygghet i hela länet")
        #expect(list.items.last?.text == "Ökat antal företag inom kunskapsintensiv tjänstesektor")
        let links = outline.root.allBlocks.flatMap { block -> [Link] in
            if case let .list(l) = block { return l.items.flatMap(\.links) }
            return []
        }
        #expect(links.contains { $0.url == "https://utveckling.regionkalmar.se/globalassets/regional-utveckling/handlingsprogram/innovationsagenda.pdf" })
    }

    @Test func latin1PageKeepsSwedishLetters() throws {
        let bytes = try ProjectFiles.bytes("Regions/Vasternorrland/Sources/Snapshot/regional-utvecklingsstrategi-2011-2020.html")
        #expect(!bytes.elementsEqual(Array("Västernorrland".utf8)))
        let outline = try HTMLPageReader().read(bytes)
        #expect(outline.mainText.contains("Halvtidsuppföljning av Regionala utvecklingsstrategin för Västernorrland"))
        #expect(!outline.mainText.contains("Ã"))
    }

    @Test func structureOfSyntheticPage() throws {
        let html = """
        <!DOCTYPE html><html lang="sv"><head><title>T</title><base href="https://www.exempel.se/a/">
        <link rel="canonical" href="/kanonisk/"></head><body>
        <header><a href="/">Logo</a><nav><ul><li>Meny</li></ul></nav></header>
        <main><h1>Rubrik</h1><p>Ingress med <a href="dok.pdf">länk</a>.</p>
        <h2>Mål</h2><ul><li><strong>Ett</strong> – första<ul><li>Delmål A</li><li>Delmål B</li></ul></li><li>Två</li></ul>
        <h3>Tabell</h3><table><thead><tr><th>Nr</th><th>Mål</th></tr></thead><tbody><tr><td>1</td><td>Hälsa</td></tr></tbody></table>
        <div><b>Remiss</b><br>Remisstiden gick ut i mars.</div>
        <div><b>Antagen</b></div><div>Antogs 2022.</div>
        <div hidden>Dold text</div><div class="share-block">Dela</div>
        <h2>Rader</h2><p>Första raden<br>Andra raden</p>
        </main><footer>Sidfot</footer></body></html>
        """
        let outline = try HTMLPageReader().read(Array(html.utf8), url: "https://www.exempel.se/a/b.html")
        #expect(outline.canonicalURL == "https://www.exempel.se/kanonisk/")
        #expect(outline.dump == """
        Page T lang=sv
        # [h1] Rubrik
          ¶ Ingress med länk. → https://www.exempel.se/a/dok.pdf
          # [h2] Mål
            • Ett – första
              • Delmål A
              • Delmål B
            • Två
            # [h3] Tabell
              ▦ Nr | Mål
                ▪ 1 | Hälsa
              # [h7] Remiss
                ¶ Remisstiden gick ut i mars.
              # [h7] Antagen
                ¶ Antogs 2022.
          # [h2] Rader
            ¶ Första raden ⏎ Andra raden
        """)
        let goals = try #require(outline.allSections.first { $0.heading == "Mål" })
        guard case let .list(list)? = goals.blocks.first else { Issue.record("no list"); return }
        #expect(list.items[0].emphasis == "Ett")
    }

    @Test func pageWithoutMainUsesBodyAndDropsChromeByClass() throws {
        let html = """
        <html><body><div id="cookie-consent">Vi använder kakor</div><div class="breadcrumbs">Start › Sida</div>
        <div class="sv-text-portlet"><h1 class="heading">Innehåll</h1><p class="normal">Text här.</p></div>
        <div class="site-footer">Adress</div></body></html>
        """
        let outline = try HTMLPageReader().read(Array(html.utf8))
        #expect(outline.mainText == "Innehåll\nText här.")
        #expect(outline.title == "Innehåll")
    }
}
