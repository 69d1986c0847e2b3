import Foundation
import Testing

@testable import SafeguardWeb

@Suite("Typed page models")
struct PageModelTests {
    struct Row: PageModel {
        var name: String
        var note: String?
    }
    struct Page: PageModel {
        var title: String
        var empty: String
        var rows: [Row]
        var none: [Row]
        var child: Row?
        var missing: Row?
        var count: Int
        var flag: Bool
    }

    @Test("A model's properties become the template's values: nested models and lists, nil absent, then the usual section rules")
    func modelValues() throws {
        let page = Page(
            title: "T", empty: "", rows: [Row(name: "a", note: nil), Row(name: "b", note: "n")], none: [], child: Row(name: "c", note: nil), missing: nil,
            count: 2, flag: false)
        let values = Templates.sectionReady(ModelValues.values(page))
        #expect(values["title"] as? String == "T")
        #expect(values["empty"] == nil)
        let rows = try #require(values["rows"] as? [[String: Any]])
        #expect(rows.map { $0["name"] as? String } == ["a", "b"])
        #expect(rows[0]["note"] == nil && rows[1]["note"] as? String == "n")
        #expect(values["has_rows"] as? Bool == true && values["has_none"] as? Bool == false)
        #expect((values["child"] as? [String: Any])?["name"] as? String == "c")
        #expect(values["missing"] == nil)
        #expect(values["count"] as? Int == 2 && values["flag"] as? Bool == false)
        // Merged models: the later one wins on a shared name.
        #expect(ModelValues.merged([Row(name: "x", note: nil), Row(name: "y", note: nil)])["name"] as? String == "y")
    }
}
