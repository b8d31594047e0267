import CRdKafka
import Logging

/// An in-process Kafka cluster from librdkafka's mock broker (`test.mock.num.brokers`), for tests that need
/// no server. Point clients at `bootstrapServers`; the cluster lives until this object is released.
public final class KafkaMockCluster: Sendable {
    private let state: State

    /// Confinement: the handle and cluster are created in `init` and destroyed in `deinit`; the mock API
    /// calls in between are thread-safe (they post to the mock cluster's own thread).
    private final class State: @unchecked Sendable {
        let context: RDKafkaContext
        let handle: OpaquePointer
        let cluster: OpaquePointer

        init(brokers: Int, logger: Logger) throws {
            context = RDKafkaContext(logger: logger)
            handle = try RDKafka.makeHandle(
                type: RD_KAFKA_PRODUCER,
                configuration: KafkaConfiguration(
                    brokers: "", clientID: "dala-mock-cluster",
                    properties: ["test.mock.num.brokers": "\(brokers)"]),
                defaults: [:], context: context)
            guard let cluster = rd_kafka_handle_mock_cluster(handle) else {
                rd_kafka_destroy(handle)
                throw KafkaError(code: .configuration, message: "librdkafka created no mock cluster")
            }
            self.cluster = cluster
            // The mock delays a new group's first rebalance by 3 s, like a real broker; tests need no delay.
            rd_kafka_mock_group_initial_rebalance_delay_ms(cluster, 0)
        }

        deinit {
            // The cluster belongs to the handle that created it and goes away with it.
            rd_kafka_destroy(handle)
        }
    }

    /// Starts `brokers` mock brokers (ids 1...brokers).
    public init(brokers: Int = 1, logger: Logger = Logger(label: "dala.kafka.mock", factory: { _ in SwiftLogNoOpLogHandler() })) throws {
        state = try State(brokers: brokers, logger: logger)
    }

    /// The cluster's bootstrap servers, for `KafkaConfiguration.brokers`.
    public var bootstrapServers: String { String(cString: rd_kafka_mock_cluster_bootstraps(state.cluster)) }

    /// Creates a topic (topics are otherwise auto-created on first use).
    public func createTopic(_ name: String, partitions: Int32, replicationFactor: Int32 = 1) throws {
        let err = rd_kafka_mock_topic_create(state.cluster, name, partitions, replicationFactor)
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR else {
            throw KafkaError(code: .admin, rdKafka: err, context: "mock topic \(name)")
        }
    }

    /// Takes a broker down (connections are closed and refused) or brings it back up.
    public func setBroker(_ id: Int32, up: Bool) {
        _ = up ? rd_kafka_mock_broker_set_up(state.cluster, id) : rd_kafka_mock_broker_set_down(state.cluster, id)
    }
}
