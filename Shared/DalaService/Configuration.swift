import Foundation
import Logging

/// Reads settings once at start-up: command-line flag (`--pg-url X` or `--pg-url=X`) > environment (`DALA_PG_URL`) > default.
public struct ConfigReader: Sendable {
    let flags: [String: String]
    let environment: [String: String]

    public init(arguments: [String] = CommandLine.arguments, environment: [String: String] = ProcessInfo.processInfo.environment) {
        var flags: [String: String] = [:]
        var i = 1
        while i < arguments.count {
            let arg = arguments[i]
            if arg.hasPrefix("--") {
                let body = arg.dropFirst(2)
                if let eq = body.firstIndex(of: "=") {
                    flags[String(body[..<eq])] = String(body[body.index(after: eq)...])
                } else if i + 1 < arguments.count, !arguments[i + 1].hasPrefix("--") {
                    flags[String(body)] = arguments[i + 1]; i += 1
                } else {
                    flags[String(body)] = "true"
                }
            }
            i += 1
        }
        self.flags = flags
        self.environment = environment
    }

    /// `key` is the flag name (`pg-url`); the environment name is `DALA_PG_URL`.
    public func string(_ key: String, default value: String) -> String {
        flags[key] ?? environment["DALA_" + key.uppercased().replacingOccurrences(of: "-", with: "_")] ?? value
    }

    public func optionalString(_ key: String) -> String? {
        let v = flags[key] ?? environment["DALA_" + key.uppercased().replacingOccurrences(of: "-", with: "_")]
        return (v?.isEmpty ?? true) ? nil : v
    }

    public func int(_ key: String, default value: Int) -> Int { Int(string(key, default: String(value))) ?? value }

    /// `true/false`, `1/0`, `yes/no`, `on/off`; anything else is the default.
    public func bool(_ key: String, default value: Bool) -> Bool {
        switch string(key, default: "").lowercased() {
        case "true", "1", "yes", "on": true
        case "false", "0", "no", "off": false
        default: value
        }
    }
}

/// Settings every Dala service shares. Defaults match the local stack (`make run`).
public struct ServiceConfiguration: Sendable {
    /// PostgreSQL URL (`--pg-url`, `DALA_PG_URL`). Default: the project's local cluster.
    public var postgresURL: String
    /// Connections per process (`--pg-pool-size`, `DALA_PG_POOL_SIZE`). Default 4.
    public var postgresPoolSize: Int
    /// Kafka bootstrap servers (`--kafka-brokers`, `DALA_KAFKA_BROKERS`). Default the local broker.
    public var kafkaBrokers: String
    /// Partitions of topics created at start-up (`--topic-partitions`, `DALA_TOPIC_PARTITIONS`). Default 4.
    public var topicPartitions: Int
    /// HTTP bind address (`--http-host`, `DALA_HTTP_HOST`). Default 127.0.0.1.
    public var httpHost: String
    /// HTTP port (`--http-port`, `DALA_HTTP_PORT`). Default per service: ingest 8081, query 8080, enrichment 8082.
    public var httpPort: Int
    /// trace|debug|info|notice|warning|error|critical (`--log-level`, `DALA_LOG_LEVEL`). Default info.
    public var logLevel: Logger.Level
    /// Extra librdkafka properties, `k=v,k=v` (`--kafka-properties`, `DALA_KAFKA_PROPERTIES`). A part without `=`
    /// continues the previous value, so list-valued properties keep their commas (`debug=cgrp,fetch`).
    public var kafkaProperties: [String: String]

    public init(reader: ConfigReader = ConfigReader(), defaultPort: Int) {
        postgresURL = reader.string("pg-url", default: "postgres://dala@127.0.0.1:55432/dala")
        postgresPoolSize = max(1, reader.int("pg-pool-size", default: 4))
        kafkaBrokers = reader.string("kafka-brokers", default: "127.0.0.1:59092")
        topicPartitions = max(1, reader.int("topic-partitions", default: 4))
        httpHost = reader.string("http-host", default: "127.0.0.1")
        httpPort = reader.int("http-port", default: defaultPort)
        logLevel = Logger.Level(rawValue: reader.string("log-level", default: "info").lowercased()) ?? .info
        kafkaProperties = Self.kafkaProperties(reader.string("kafka-properties", default: ""))
    }
}

extension ServiceConfiguration {
    /// `k=v,k=v` → properties. A part without `=` belongs to the previous value: librdkafka's list-valued properties
    /// (`debug=cgrp,fetch`, `partition.assignment.strategy=range,roundrobin`) are comma-separated themselves.
    static func kafkaProperties(_ text: String) -> [String: String] {
        var props: [String: String] = [:], last: String?
        for part in text.split(separator: ",") {
            let kv = part.split(separator: "=", maxSplits: 1)
            if kv.count == 2 {
                let key = String(kv[0]).trimmingCharacters(in: .whitespaces)
                props[key] = String(kv[1]); last = key
            } else if let key = last {
                props[key]! += "," + part
            }
        }
        return props
    }
}
