import Foundation
import Logging
import Metrics
import Prometheus

/// Logging and metrics set up once per process.
public enum Observability {
    /// The registry `/metrics` renders.
    public static let registry = PrometheusCollectorRegistry()

    private static let bootstrapOnce: Void = {
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
    }()

    /// Bootstraps logging (structured key=value lines on stderr) and the Prometheus metrics factory.
    public static func bootstrap(service: String, level: Logger.Level) -> Logger {
        _ = bootstrapOnce
        // A write to a socket the peer closed (a broker or database that went away) must be an EPIPE error, not a
        // SIGPIPE that ends the process without a word.
        signal(SIGPIPE, SIG_IGN)
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        var logger = Logger(label: service)
        logger.logLevel = level
        return logger
    }

    /// Metrics without touching logging (tests).
    public static func bootstrapMetrics() { _ = bootstrapOnce }
}

/// Metadata keys of the structured logs, in one place so dashboards can rely on them.
public enum LogKey {
    public static let documentID = "dala.document.id"
    public static let topic = "kafka.topic"
    public static let partition = "kafka.partition"
    public static let offset = "kafka.offset"
    public static let attempt = "dala.attempt"
    public static let error = "error"
    public static let duration = "dala.duration_ms"
}
