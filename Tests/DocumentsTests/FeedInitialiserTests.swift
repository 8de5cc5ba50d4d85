import Foundation
import Testing
@testable import Documents

/// `FeedItem`, `FeedText` and `FeedLink` keep their stored properties in another order than
/// their public initialisers' parameters, which hand them to the memberwise initialiser (the
/// only one Swift 6.3 builds without copying the value; see `FeedItem`). Several parameters are
/// strings, so a mix-up there compiles: each field is given a value of its own and read back,
/// and the JSON, written with sorted keys as `rus` writes it, does not follow the order.
@Suite("Feed values' public initialisers")
struct FeedInitialiserTests {
    @Test func everyFieldOfAnItemGetsItsOwnArgument() {
        let published = Date(timeIntervalSince1970: 1)
        let updated = Date(timeIntervalSince1970: 2)
        let title = FeedText(value: "tv", type: "tt", language: "tl", base: "tb")
        let summary = FeedText(value: "sv", type: "st")
        let content = [FeedText(value: "cv", type: "ct")]
        let links = [FeedLink(href: "lh", rel: "lr", type: "lt", title: "ltt", hreflang: "lhl", length: 3)]
        let enclosures = [FeedEnclosure(url: "eu", type: "et", length: 4)]
        let tags = [FeedCategory(term: "gt", scheme: "gs", label: "gl")]
        let people = [FeedPerson(name: "pn", email: "pe", uri: "pu")]
        let media = [FeedMedia(kind: .thumbnail, url: "mu")]
        let item = FeedItem(
            title: "t", link: "l", id: "i", published: published, updated: updated, summary: "s", categories: ["c"],
            authors: ["a"], locator: "/x", titleDetail: title, summaryDetail: summary, content: content, links: links,
            enclosures: enclosures, tags: tags, authorDetails: people, media: media
        )
        // The plain title and summary are made from the details where they are given.
        #expect(item.title == "tv")
        #expect(item.link == "l")
        #expect(item.id == "i")
        #expect(item.published == published)
        #expect(item.updated == updated)
        #expect(item.summary == "sv")
        #expect(item.categories == ["c"])
        #expect(item.authors == ["a"])
        #expect(item.locator == "/x")
        #expect(item.titleDetail == title)
        #expect(item.summaryDetail == summary)
        #expect(item.content == content)
        #expect(item.links == links)
        #expect(item.enclosures == enclosures)
        #expect(item.tags == tags)
        #expect(item.authorDetails == people)
        #expect(item.media == media)
        // Defaults as before.
        let plain = FeedItem(title: nil, link: nil, id: nil, published: nil, updated: nil, summary: nil, categories: [], authors: [], locator: "/y")
        #expect(plain.titleDetail == nil && plain.summaryDetail == nil && plain.content.isEmpty && plain.links.isEmpty)
        #expect(plain.enclosures.isEmpty && plain.tags.isEmpty && plain.authorDetails.isEmpty && plain.media.isEmpty)
    }

    @Test func plainTitleAndSummaryAreMadeFromTheDetails() throws {
        // Without details, the plain values become plain-text details.
        var item = FeedItem(
            title: "  Vårt  län ", link: nil, id: nil, published: nil, updated: nil, summary: "\n", categories: [], authors: [], locator: "/x"
        )
        #expect(item.titleDetail == FeedText(value: "  Vårt  län ", type: "text/plain"))
        #expect(item.title == "Vårt län")
        #expect(item.summaryDetail == FeedText(value: "\n", type: "text/plain"))
        #expect(item.summary == nil)
        // HTML details: markup removed, entities and whitespace as in the reader.
        item.summaryDetail = FeedText(value: "<p>Region <b>Kalmar</b>&nbsp;l&auml;n</p>", type: "text/html")
        #expect(item.summary == "Region Kalmar län")
        item.titleDetail = nil
        #expect(item.title == nil)
        // Setting a plain value sets a plain-text detail.
        item.summary = "Ny sammanfattning"
        #expect(item.summaryDetail == FeedText(value: "Ny sammanfattning", type: "text/plain"))
        item.title = nil
        #expect(item.titleDetail == nil)

        var feed = Feed(format: .rss20, title: "Nyheter", link: nil, subtitle: nil, language: nil, updated: nil, items: [item], problems: [])
        #expect(feed.titleDetail == FeedText(value: "Nyheter", type: "text/plain") && feed.title == "Nyheter")
        #expect(feed.subtitleDetail == nil && feed.subtitle == nil)
        feed.subtitleDetail = FeedText(value: "Om <i>länet</i>", type: "text/html")
        #expect(feed.subtitle == "Om länet")
        feed.title = nil
        #expect(feed.titleDetail == nil)
    }

    @Test func jsonKeepsThePlainValuesAndReadsJSONWithoutDetails() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let item = FeedItem(
            title: nil, link: nil, id: nil, published: nil, updated: nil, summary: nil, categories: [], authors: [], locator: "/i",
            titleDetail: FeedText(value: "A &amp; B", type: "text/html"), summaryDetail: FeedText(value: "<p>Text</p>", type: "text/html")
        )
        let json = String(decoding: try encoder.encode(item), as: UTF8.self)
        #expect(json.contains(#""title":"A & B""#) && json.contains(#""summary":"Text""#))
        #expect(try JSONDecoder().decode(FeedItem.self, from: Data(json.utf8)) == item)
        // JSON with only the plain values (as written before the details existed).
        let old = #"{"authors":[],"categories":[],"locator":"/i","summary":"S","title":"T"}"#
        let read = try JSONDecoder().decode(FeedItem.self, from: Data(old.utf8))
        #expect(read.title == "T" && read.summary == "S" && read.titleDetail?.type == "text/plain")
        let oldFeed = #"{"format":"rss-2.0","items":[],"problems":[],"subtitle":"U","title":"F"}"#
        let feed = try JSONDecoder().decode(Feed.self, from: Data(oldFeed.utf8))
        #expect(feed.title == "F" && feed.subtitle == "U" && feed.subtitleDetail?.type == "text/plain")
        let feedJSON = String(decoding: try encoder.encode(feed), as: UTF8.self)
        #expect(feedJSON.contains(#""subtitle":"U""#) && feedJSON.contains(#""title":"F""#))
    }

    @Test func everyFieldOfATextAndALinkGetsItsOwnArgument() {
        let text = FeedText(value: "v", type: "t", language: "l", base: "b")
        #expect(text.value == "v" && text.type == "t" && text.language == "l" && text.base == "b")
        let bare = FeedText(value: "v", type: "t")
        #expect(bare.language == nil && bare.base == nil)
        let link = FeedLink(href: "h", rel: "r", type: "t", title: "ti", hreflang: "hl", length: 5)
        #expect(link.href == "h" && link.rel == "r" && link.type == "t" && link.title == "ti" && link.hreflang == "hl" && link.length == 5)
        let alternate = FeedLink(href: "h")
        #expect(alternate.rel == "alternate" && alternate.type == nil && alternate.title == nil && alternate.hreflang == nil && alternate.length == nil)
    }

    @Test func jsonWithSortedKeysDoesNotFollowThePropertyOrder() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let text = String(decoding: try encoder.encode(FeedText(value: "v", type: "t", language: "l", base: "b")), as: UTF8.self)
        #expect(text == #"{"base":"b","language":"l","type":"t","value":"v"}"#)
        let link = String(decoding: try encoder.encode(FeedLink(href: "h", rel: "r")), as: UTF8.self)
        #expect(link == #"{"href":"h","rel":"r"}"#)
        let item = FeedItem(title: "t", link: nil, id: nil, published: nil, updated: nil, summary: nil, categories: [], authors: [], locator: "/x")
        let decoded = try JSONDecoder().decode(FeedItem.self, from: try encoder.encode(item))
        #expect(decoded == item)
    }
}
