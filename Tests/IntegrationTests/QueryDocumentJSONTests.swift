import DalaCore
import DalaPostgres
import DalaStorage
import Foundation
import Testing

/// `GET /v1/documents/{id}` sends the JSON PostgreSQL renders; it must say exactly what encoding `DocumentDetail`
/// says (same keys, omitted nulls, same values), for every fixture document and label language.
@Suite(.enabled(if: Env.pgURL != nil, "set DALA_TEST_PG_URL (make test does) to run query API tests"))
struct QueryDocumentJSONTests {
    @Test func postgresRenderedDetailEqualsTheEncodedDetail() async throws {
        let (url, ids) = try await QueryFixture.prepare()
        let pg = Env.postgres(poolSize: 1, url: url)
        let store = QueryStore(client: pg)
        do {
            for id in ids {
                for language in [nil, "kk", "ru", "en"] {
                    let detail = try #require(try await store.documentDetail(id, labelLanguage: language))
                    let rendered = try #require(try await store.documentDetailJSON(id, labelLanguage: language))
                    let expected = try JSONSerialization.jsonObject(with: Data(try DalaJSON.encode(detail))) as? NSDictionary
                    // The store may render the id upper-case (`upper(d.id::text)`); the API lower-cases it before sending
                    // (QueryAPITests checks the served body), so compare ids case-insensitively here.
                    let actual = (try JSONSerialization.jsonObject(with: Data(rendered.utf8)) as? [String: Any]).map { object in
                        var o = object
                        o["id"] = (o["id"] as? String)?.lowercased()
                        return o as NSDictionary
                    }
                    #expect(actual != nil && actual == expected, "\(id) lang \(language ?? "-"):\n\(rendered)")
                    #expect((actual?["entities"] as? [Any])?.isEmpty == false)
                }
            }
            #expect(try await store.documentDetailJSON(UUID()) == nil)
        } catch {
            await pg.shutdown()
            throw error
        }
        await pg.shutdown()
    }
}
