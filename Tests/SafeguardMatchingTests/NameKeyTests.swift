import SafeguardMatching
import Testing

@Suite("Name keys")
struct NameKeyTests {
    @Test("Case, accents, apostrophes, hyphens and spaces do not stop a name matching")
    func namesCompareLoosely() {
        #expect(NameKey.key("O'Brien") == "obrien")
        #expect(NameKey.key("o brien") == "obrien")
        #expect(NameKey.key("Zoë") == "zoe")
        #expect(NameKey.key("SMITH-JONES") == "smithjones")
    }

    @Test("A double-barrelled surname splits into the names it was made from")
    func doubleBarrelledParts() {
        #expect(NameKey.parts("Smith-Jones") == ["smith", "jones"])
        #expect(NameKey.parts("van der Berg") == ["van", "der", "berg"])
    }

    @Test("Names one slip apart share a spelling variant; short names and two slips do not")
    func oneSlipNeighbours() {
        #expect(NameVariants.of("burns") == ["burns", "urns", "brns", "buns", "burs", "burn"])
        #expect(NameVariants.of("lee").isEmpty)
        for typed in ["bursn", "burn", "burnes", "birns"] {  // swap, deletion, insertion, substitution
            #expect(!Set(NameVariants.of(typed)).isDisjoint(with: NameVariants.of("burns")), "\(typed)")
            #expect(NameVariants.corrections(of: typed, among: ["burns", "byrne"]) == ["burns"], "\(typed)")
        }
        #expect(NameVariants.corrections(of: "brusn", among: ["burns"]).isEmpty)
        // A name nobody has is tried again as its neighbours; a name on record only when nobody at all was found.
        let near = ["bursn": ["burns"], "christian": ["christian", "christina"]]
        #expect(NameVariants.worthTrying(near, nothingFound: false) == ["bursn": ["burns"]])
        #expect(NameVariants.worthTrying(near, nothingFound: true) == ["bursn": ["burns"], "christian": ["christina"]])
    }
}
