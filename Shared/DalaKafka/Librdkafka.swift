import CRdKafka

/// Facts about the librdkafka the process actually loaded.
public enum Librdkafka {
    /// The version string of the loaded library (`rd_kafka_version_str()`), e.g. "2.8.0".
    public static var version: String { String(cString: rd_kafka_version_str()) }

    /// The version of the headers this module was compiled against, e.g. "2.8.0".
    public static var headerVersion: String {
        let v = UInt32(RD_KAFKA_VERSION)
        return "\(v >> 24 & 0xff).\(v >> 16 & 0xff).\(v >> 8 & 0xff)"
    }

    /// Throws a `KafkaError` (`.unsupportedLibrary`) with an actionable message when the loaded library is
    /// older than `minimum`.
    public static func checkVersion(minimum: String = "2.8.0") throws {
        let loaded = version
        guard isVersion(loaded, atLeast: minimum) else {
            throw KafkaError(
                code: .unsupportedLibrary,
                message: """
                    librdkafka \(loaded) is loaded (headers \(headerVersion)), but Dala needs \(minimum) or newer: \
                    older versions, such as Debian bookworm's 2.0.2, cannot talk to the local Tansu broker and fail \
                    every connection with "ApiVersionRequest failed: Local: Read underflow". Run \
                    deploy/scripts/install-deps.sh (builds librdkafka into /usr/local), then check that the loader \
                    picks it: `ldconfig -p | grep librdkafka.so.1` must list /usr/local/lib first.
                    """
            )
        }
    }

    /// Compares dotted numeric versions ("2.10.1" ≥ "2.8.0"); a suffix such as "-RC1" is ignored and
    /// missing components count as 0.
    public static func isVersion(_ version: String, atLeast minimum: String) -> Bool {
        let a = components(version), b = components(minimum)
        for i in 0..<max(a.count, b.count) {
            let x = i < a.count ? a[i] : 0, y = i < b.count ? b[i] : 0
            if x != y { return x > y }
        }
        return true
    }

    private static func components(_ version: String) -> [Int] {
        let core = version.split(whereSeparator: { $0 == "-" || $0 == "+" || $0 == " " }).first ?? ""
        return core.split(separator: ".").map { part in Int(part.prefix(while: \.isNumber)) ?? 0 }
    }
}
