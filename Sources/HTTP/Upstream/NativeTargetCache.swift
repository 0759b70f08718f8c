import Loop

/// Where a request URL points for the native client: its origin and the request target.
struct NativeTarget {
    let origin: UpstreamOrigin
    /// Path and query as sent on the request line (`/` when the URL has none).
    let target: [UInt8]
}

/// URL → native target, parsed once per distinct URL (a deployment's few endpoints).
@LoopActor
struct NativeTargetCache {
    private var byURL: [String: NativeTarget?] = [:]
    private var origins: [String: UpstreamOrigin] = [:]

    /// The native target of `url`, or nil when curl must carry it.
    mutating func target(for url: String, client: UpstreamClient) -> NativeTarget? {
        if let known = byURL[url] { return known }
        let parsed = Self.parse(url).flatMap { parts -> NativeTarget? in
            let key = "\(parts.host):\(parts.port)"
            if let origin = origins[key] { return NativeTarget(origin: origin, target: parts.target) }
            let address = parts.isIP ? try? SocketAddress(host: parts.host, port: parts.port) : nil
            if parts.isIP && address == nil { return nil }
            let origin = UpstreamOrigin(client: client, host: parts.host, port: parts.port, address: address,
                                        authority: parts.authority)
            origins[key] = origin
            return NativeTarget(origin: origin, target: parts.target)
        }
        if byURL.count < 4096 { byURL[url] = parsed }
        return parsed
    }

    /// Every origin, for shutdown.
    var allOrigins: Dictionary<String, UpstreamOrigin>.Values { origins.values }

    /// Splits `http://host[:port][/path][?query]`; nil for anything the native client does not
    /// carry (another scheme, user info, a fragment, a host that is neither an IP literal nor a
    /// DNS name, bytes a request line cannot hold).
    nonisolated static func parse(_ url: String) -> (host: String, port: Int, isIP: Bool, authority: [UInt8], target: [UInt8])? {
        let bytes = Array(url.utf8)
        let scheme = Array("http://".utf8)
        guard bytes.count > scheme.count,
              zip(bytes, scheme).allSatisfy({ $0 | 0x20 == $1 }) else { return nil }
        var end = scheme.count
        while end < bytes.count, bytes[end] != UInt8(ascii: "/"), bytes[end] != UInt8(ascii: "?") { end += 1 }
        let authority = Array(bytes[scheme.count..<end])
        var target = Array(bytes[end...])
        if target.first == UInt8(ascii: "?") { target.insert(UInt8(ascii: "/"), at: 0) }
        if target.isEmpty { target = [UInt8(ascii: "/")] }
        // Bytes a request line must not carry; curl would percent-encode some of them.
        guard !target.contains(where: { $0 <= 0x20 || $0 >= 0x7F || $0 == UInt8(ascii: "#") }) else { return nil }
        guard !authority.isEmpty, !authority.contains(UInt8(ascii: "@")) else { return nil }
        var host: [UInt8]
        var portText: [UInt8] = []
        if authority.first == UInt8(ascii: "[") {
            guard let close = authority.firstIndex(of: UInt8(ascii: "]")) else { return nil }
            host = Array(authority[1..<close])
            let rest = authority[(close + 1)...]
            if !rest.isEmpty {
                guard rest.first == UInt8(ascii: ":"), rest.count > 1 else { return nil }
                portText = Array(rest.dropFirst())
            }
        } else if let colon = authority.firstIndex(of: UInt8(ascii: ":")) {
            host = Array(authority[..<colon])
            portText = Array(authority[(colon + 1)...])
            guard !portText.isEmpty else { return nil }
        } else {
            host = authority
        }
        var port = 80
        if !portText.isEmpty {
            guard portText.count <= 5, portText.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
            port = portText.reduce(0) { $0 * 10 + Int($1 - 48) }
            guard port > 0, port < 65536 else { return nil }
        }
        let hostText = String(decoding: host, as: UTF8.self).lowercased()
        let isIP = Self.isIPLiteral(hostText)
        guard isIP || Self.isDNSName(hostText) else { return nil }
        let written = port == 80 && !portText.isEmpty ? Array(authority.prefix(authority.count - portText.count - 1)) : authority
        return (hostText, port, isIP, written, target)
    }

    /// Letters, digits and hyphens in dot-separated labels of 1 to 63 (a trailing dot allowed).
    nonisolated private static func isDNSName(_ host: String) -> Bool {
        var labels = host.split(separator: ".", omittingEmptySubsequences: false)
        if labels.count > 1, labels.last == "" { labels.removeLast() }
        return host.utf8.count <= 253 && labels.allSatisfy { label in
            (1...63).contains(label.utf8.count) && label.first != "-" && label.last != "-"
                && label.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
        } && !labels.last!.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    nonisolated private static func isIPLiteral(_ host: String) -> Bool {
        if host.contains(":") { return host.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." } }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { $0.count >= 1 && $0.count <= 3 && $0.allSatisfy(\.isNumber) && Int($0)! < 256 }
    }
}
