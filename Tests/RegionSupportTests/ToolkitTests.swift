import Testing
import StrategyModel
@testable import RegionSupport

@Suite("Region toolkit")
struct ToolkitTests {
    @Test(arguments: [
        ("23 februari 2022", PartialDate(year: 2022, month: 2, day: 23)),
        ("den 1 december 2011", PartialDate(year: 2011, month: 12, day: 1)),
        ("2022-02-23", PartialDate(year: 2022, month: 2, day: 23)),
        ("juni 2023", PartialDate(year: 2023, month: 6)),
        ("i februari 2020", PartialDate(year: 2020, month: 2)),
        ("13 juni", PartialDate(year: nil, month: 6, day: 13)),
        ("11 sep 2024", PartialDate(year: 2024, month: 9, day: 11)),
        ("31 februari 2022", nil),
        ("2022", nil),
        ("maj", nil),
    ])
    func swedishDates(text: String, expected: PartialDate?) {
        #expect(SwedishDate.parse(text) == expected)
    }

    @Test func datesInProse() {
        let text = "Remissen pågick från den 6 april 2021 till den 30 juni 2021 och strategin antogs 2022-02-23."
        #expect(SwedishDate.all(in: text).map(\.date) == [
            PartialDate(year: 2021, month: 4, day: 6), PartialDate(year: 2021, month: 6, day: 30), PartialDate(year: 2022, month: 2, day: 23),
        ])
        #expect(SwedishDate.all(in: "Vi mar och jun inte.").isEmpty)
    }

    @Test(arguments: [
        ("12,3 mnkr", 12_300_000), ("24,3 mnkr", 24_300_000), ("0,6 mnkr", 600_000), ("5 678 520 kr", 5_678_520),
        ("22 miljoner kronor", 22_000_000), ("4,5 Mkr", 4_500_000), ("350 tkr", 350_000), ("1,25 miljarder kronor", 1_250_000_000),
        ("5\u{A0}678\u{A0}520 kronor", 5_678_520),
    ])
    func amounts(text: String, kronor: Int) {
        #expect(SwedishAmount.parse(text) == kronor)
    }

    @Test func amountsInProse() {
        let text = "Nämnden beviljade mer än 22 mnkr till 7 projekt, bland annat 4,5 mnkr och 6,0 + 1,5 mnkr."
        #expect(SwedishAmount.all(in: text).map(\.kronor) == [22_000_000, 4_500_000, 1_500_000])
        #expect(SwedishAmount.parse("tre kronor") == nil)
        #expect(SwedishAmount.parse("50 %") == nil)
    }

    @Test(arguments: [
        ("Regional utvecklingsstrategi 2014–2020", Period(startYear: 2014, endYear: 2020)),
        ("RUS för Västernorrlands län 2011-2020", Period(startYear: 2011, endYear: 2020)),
        ("mål och prioriteringar till 2030", Period(startYear: nil, endYear: 2030)),
        ("fram till år 2020", Period(startYear: nil, endYear: 2020)),
        ("Kalmar län 2030", nil),
    ])
    func periods(text: String, expected: Period?) {
        #expect(SwedishPeriod.find(in: text) == expected)
    }

    @Test func wordMatching() {
        #expect(Text.containsWord("Mål och delmål", "delmål"))
        #expect(Text.containsWord("Remisstid: 2021", "remiss"))
        #expect(!Text.containsWord("Delmål", "mål"))
        #expect(!Text.containsWord("Malmö", "mål"))
    }

    @Test func sentences() {
        #expect(Text.sentences("Strategin antogs 2022. Den gäller till 2030.") == ["Strategin antogs 2022.", "Den gäller till 2030."])
        #expect(Text.sentences("Se skr. 2020/21:133 och t.ex. Agenda 2030. Klart.") == ["Se skr. 2020/21:133 och t.ex. Agenda 2030.", "Klart."])
    }

    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func sha256(input: String, hex: String) {
        #expect(SHA256.hex(of: Array(input.utf8)) == hex)
    }

    @Test func sha256OfAMillionAs() {
        #expect(SHA256.hex(of: [UInt8](repeating: 0x61, count: 1_000_000)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
