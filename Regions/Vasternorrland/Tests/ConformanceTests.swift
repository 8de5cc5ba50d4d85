import Vasternorrland
import RegionModuleTesting
import Testing

@Test func vasternorrlandConformsToTheKit() {
    let report = ConformanceKit.expectConformance(Vasternorrland())
    #expect(report.evidenceChecked > 30)
}
