// README: "`list` and `show` print a table, or JSON with `--format json`", for every group: a
// `show --format json` is the same object as that item in `list --format json`.
import Foundation
import Testing

@Suite struct CLIShowJSONTests {
    @Test(arguments: [("reader", "entre", "name"), ("visitor", "", "code"), ("venue", "tingshuset", "slug")])
    func showAsJSONIsTheListItem(group: String, key: String, field: String) throws {
        let ws = try CLIWorkspace()
        try ws.setUp()
        #expect(try ws.narvaro("visitor", "add", "--nickname", "Amir", "--birth-year", "2008").status == 0)
        let list = try #require(try JSONSerialization.jsonObject(with: Data(ws.narvaro(group, "list", "--format", "json").stdout.utf8)) as? [[String: Any]])
        let item = try #require(key.isEmpty ? list.first : list.first { $0[field] as? String == key })
        let name = try #require(item[field] as? String)
        let show = try ws.narvaro(group, "show", name, "--format", "json")
        #expect(show.status == 0, "\(show.stderr)")
        let shown = try #require(try? JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any], "\(show.stdout)")
        let canonical = { (object: [String: Any]) in try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) }
        #expect(try canonical(shown) == canonical(item), "\(shown) is not \(item)")
    }
}
