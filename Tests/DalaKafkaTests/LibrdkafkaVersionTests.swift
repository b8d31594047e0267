import DalaKafka
import Testing

@Suite struct LibrdkafkaVersionTests {
    @Test func loadsTheLibraryFromUsrLocalNotDebians202() throws {
        // Debian bookworm's 2.0.2 shares the soname; if the loader picked it, the broker would be unusable.
        #expect(Librdkafka.isVersion(Librdkafka.version, atLeast: "2.8.0"), "loaded librdkafka \(Librdkafka.version)")
        #expect(Librdkafka.isVersion(Librdkafka.headerVersion, atLeast: "2.8.0"), "compiled against \(Librdkafka.headerVersion)")
        try Librdkafka.checkVersion()
    }

    @Test(arguments: [
        ("2.8.0", "2.8.0", true), ("2.10.1", "2.8.0", true), ("2.0.2", "2.8.0", false), ("3.0", "2.8.0", true),
        ("2.8", "2.8.0", true), ("2.7.99", "2.8.0", false), ("2.8.0-RC1", "2.8.0", true), ("1.9.2", "2.8.0", false),
        ("2.8.1", "2.8.10", false),
    ])
    func comparesDottedVersionsNumerically(version: String, minimum: String, expected: Bool) {
        #expect(Librdkafka.isVersion(version, atLeast: minimum) == expected)
    }

    @Test func tooOldLibraryFailsWithAnActionableMessage() {
        let error = #expect(throws: KafkaError.self) { try Librdkafka.checkVersion(minimum: "99.0.0") }
        #expect(error?.code == .unsupportedLibrary)
        #expect(error?.message.contains("Read underflow") == true)
        #expect(error?.message.contains("deploy/scripts/install-deps.sh") == true)
    }

    @Test func rejectedPropertyIsAConfigurationErrorWithoutTheValue() {
        let configuration = KafkaConfiguration(
            brokers: "127.0.0.1:1", clientID: "t", properties: ["acks": "sometimes-secret"])
        let error = #expect(throws: KafkaError.self) {
            _ = try KafkaProducer(configuration: configuration, logger: testLogger("t"))
        }
        #expect(error?.code == .configuration)
        #expect(error?.message.contains("acks") == true)
    }
}
