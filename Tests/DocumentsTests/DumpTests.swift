import Testing
import Documents

@Test func dumpAll() throws {
    for path in ["Regions/Blekinge/Sources/Snapshot/vaxtplats-blekinge.html", "Regions/Kalmar/Sources/Snapshot/regional-utvecklingsstrategi.html", "Regions/Vasternorrland/Sources/Snapshot/regional-utvecklingsstrategi-2011-2020.html", "Regions/Vasternorrland/Tests/Fixtures/variant-minimal.html", "Regions/Blekinge/Sources/Snapshot/uppfoljning-rus.html"] {
        let outline = try HTMLPageReader().read(try ProjectFiles.bytes(path), url: "https://example.se/a/b/")
        print("=====", path)
        print(outline.dump)
    }
}
