/// Connection settings shared by producers, consumers and admin calls.
public struct KafkaConfiguration: Sendable {
    /// Bootstrap servers, "host:port,host:port".
    public var brokers: String
    /// `client.id`, shown in broker logs.
    public var clientID: String
    /// Extra librdkafka properties; they override the defaults each client sets.
    public var properties: [String: String]

    public init(brokers: String, clientID: String, properties: [String: String] = [:]) {
        self.brokers = brokers
        self.clientID = clientID
        self.properties = properties
    }
}
