import Foundation
import Logging
import Wire

/// A swift-log handler that prints one JSON object per line through a `LogWriter`.
///
/// Metadata values are written as given: callers never put prompts, completions or keys in
/// log metadata (the request log line carries ids, model, status, sizes and timings only).
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    private let label: String
    private let writer: LogWriter

    public init(label: String, level: Logger.Level = .info, writer: LogWriter = .standardError) {
        self.label = label
        self.logLevel = level
        self.writer = writer
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var json = JSONWriter()
        json.beginObject()
        json.key("ts"); json.string(Self.timestamp())
        json.key("level"); json.string(event.level.rawValue)
        json.key("logger"); json.string(label)
        json.key("msg"); json.string(event.message.description)
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        for (key, value) in merged.sorted(by: { $0.key < $1.key }) {
            json.key(key)
            Self.write(value, into: &json)
        }
        json.endObject()
        var line = json.bytes
        line.append(10)
        writer.write(line)
    }

    private static func write(_ value: Logger.MetadataValue, into json: inout JSONWriter) {
        switch value {
        case .string(let s): json.string(s)
        case .stringConvertible(let c):
            if let n = c as? any BinaryInteger { json.int(Int(n)) }
            else if let d = c as? Double { json.double(d) }
            else if let b = c as? Bool { json.bool(b) }
            else { json.string(c.description) }
        case .array(let items):
            json.beginArray()
            for item in items { write(item, into: &json) }
            json.endArray()
        case .dictionary(let dict):
            json.beginObject()
            for (k, v) in dict.sorted(by: { $0.key < $1.key }) { json.key(k); write(v, into: &json) }
            json.endObject()
        }
    }

    private static func timestamp() -> String {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        var time = tm()
        var seconds = spec.tv_sec
        gmtime_r(&seconds, &time)
        let millis = spec.tv_nsec / 1_000_000
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", time.tm_year + 1900, time.tm_mon + 1,
                      time.tm_mday, time.tm_hour, time.tm_min, time.tm_sec, millis)
    }
}
