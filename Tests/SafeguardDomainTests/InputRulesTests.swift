import Foundation
import SafeguardDomain
import SafeguardMatching
import Testing

/// Issue 17: bad input is refused by name before any work is done; a caller's unreadable detail is set aside, not
/// fatal; names in any script have keys to match on.
@Suite("Hostile and foreign input")
struct InputRulesTests {
    private func fields(_ body: () throws -> Void) -> [String] {
        do {
            try body()
            return []
        } catch DomainError.invalid(let errors) {
            return errors.map(\.field)
        } catch {
            return ["unexpected \(error)"]
        }
    }

    @Test("A hostile name in a lookup is refused naming the field and the limit")
    func hostileLookupNameIsRefusedByName() throws {
        // setup
        let query = PersonMatchQuery(firstName: String(repeating: "a", count: 100_000), surname: "Smith")
        // act + check
        do {
            _ = try query.readable()
            Issue.record("a 100,000-character name was accepted")
        } catch DomainError.invalid(let errors) {
            #expect(errors.map(\.field) == ["first_name"])
            #expect(errors[0].message.contains("\(InputLimits.name) characters or fewer"))
        }
    }

    @Test("Control characters and NUL bytes in names are refused, in records, lookups and searches")
    func controlCharactersInNamesAreRefused() throws {
        let now = Date(timeIntervalSince1970: 1_795_000_000)
        #expect(fields { _ = try PersonDraft(firstName: "Ann\u{0}e", surname: "Okafor").validated(now: now) } == ["first_name"])
        #expect(fields { _ = try PersonDraft(firstName: "Anne", surname: "Oka\nfor").validated(now: now) } == ["surname"])
        #expect(fields { _ = try PersonMatchQuery(surname: "Oka\u{0}for").readable() } == ["surname"])
        #expect(fields { _ = try PersonSearchQuery(name: "Oka\u{7}for").validated() } == ["name"])
    }

    @Test("Lists and free text longer than anyone could mean are refused by name")
    func overlongListsAreRefused() throws {
        let now = Date(timeIntervalSince1970: 1_795_000_000)
        let draft = PersonDraft(firstName: "Anne", surname: "Okafor", phones: Array(repeating: "07700 900123", count: InputLimits.listItems + 1))
        #expect(fields { _ = try draft.validated(now: now) } == ["phones"])
        #expect(TextInput.textProblem(String(repeating: "x", count: InputLimits.text + 1)) != nil)
        #expect(TextInput.textProblem("Line one\nline two\tindented") == nil)
    }

    @Test("A lookup sets aside a detail it cannot read and uses the rest")
    func unreadableLookupDetailIsSetAside() throws {
        // setup: the partial postcodes a handler typed as she heard them
        for postcode in ["HD6 6G", "BD5 2HYY"] {
            let query = PersonMatchQuery(firstName: "Anne", surname: "Okafor", dateOfBirth: "1984-03-27", phone: "07700 900123", postcode: postcode)
            // act
            let readable = try query.readable()
            // check
            #expect(readable.setAside.map(\.field) == ["postcode"])
            #expect(readable.setAside[0].message.contains(postcode))
            #expect(readable.record.postcodes.isEmpty)
            #expect(readable.record.dateOfBirth == "1984-03-27")
            #expect(readable.record.phones == ["07700900123"])
        }
    }

    @Test("A lookup or search with nothing readable is a clear 422 naming the field")
    func nothingToMatchOnIsRefusedByName() throws {
        for name in ["!!!", "😀😀", "---"] {
            #expect(fields { _ = try PersonMatchQuery(surname: name).readable() } == ["surname"], "\(name)")
            #expect(fields { _ = try PersonSearchQuery(name: name).validated() } == ["name"], "\(name)")
        }
        #expect(fields { _ = try PersonSearchQuery(name: String(repeating: "x", count: 50_000)).validated() } == ["name"])
        #expect(fields { _ = try PersonSearchQuery(postcode: "BD5 2HYY").validated() } == ["postcode"])
        // A word with no letters beside a real one is set aside, and the real one searched.
        let search = try PersonSearchQuery(name: "!!! Okafor", postcode: "HD6 6G").validated()
        #expect(search.nameWords == ["okafor"])
        #expect(search.setAside.map(\.field) == ["name", "postcode"])
    }

    @Test("Names in any script have keys: their own script meets itself, and a standard transliteration meets Latin letters")
    func namesInAnyScriptHaveKeys() {
        #expect(!NameKey.key("محمد").isEmpty)
        #expect(NameKey.key("محمد") == NameKey.key("محمد"))
        #expect(NameKey.key("张伟") == NameKey.key("Zhang Wei"))
        #expect(NameKey.key("Γιώργος") == NameKey.key("Giorgos"))
        #expect(NameKey.key("Олег") == NameKey.key("Oleg"))
        #expect(NameKey.key("Łukasz") == "lukasz")
        #expect(NameKey.key("Zoë") == "zoe")
        #expect(NameKey.key("O'Brien") == "obrien")
        #expect(NameKey.key("!!!").isEmpty)
        // NYSIIS codes only the Latin letters a key holds; a key in a script with no transliteration has none.
        #expect(Phonetic.nysiis("张伟") == Phonetic.nysiis("Zhang Wei"))
    }

    @Test("The matcher ranks a name recorded in another script first for the same name and date of birth")
    func foreignScriptNameMatchesItself() {
        let recorded = MatchRecord(personID: "p1", firstNames: ["محمد"], surnames: ["العلي"], dateOfBirth: "1990-04-02")
        let other = MatchRecord(personID: "p2", firstNames: ["Mohammed"], surnames: ["Khan"], dateOfBirth: "1990-04-02")
        let query = MatchRecord(firstNames: ["محمد"], surnames: ["العلي"], dateOfBirth: "1990-04-02")
        let ranked = MatchScorer.caller.rank(query, against: [other, recorded], minimumProbability: 0, limit: 2)
        #expect(ranked.first?.personID == "p1")
        #expect(!BlockingKeys().queryKeys(for: query).isEmpty)
    }
}
