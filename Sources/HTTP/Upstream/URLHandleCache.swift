import CLibUV

/// Parsed curl URL handles kept per upstream URL (one per deployment and path), so that a
/// transfer starts from a copy of the parsed URL instead of parsing the text again.
struct URLHandleCache {
    /// URLs past this many are set as text per transfer, as curl takes them otherwise.
    static let capacity = 64

    private var entries: [(url: String, handle: OpaquePointer)] = []

    /// The parsed handle for `url`; nil when the cache is full or curl cannot parse it (set
    /// as text, curl then reports the error on the transfer).
    mutating func handle(for url: String) -> OpaquePointer? {
        for entry in entries where entry.url == url { return entry.handle }
        guard entries.count < Self.capacity, let handle = curl_url() else { return nil }
        // The flags curl itself parses a CURLOPT_URL with.
        let flags = UInt32(CURLU_GUESS_SCHEME | CURLU_NON_SUPPORT_SCHEME)
        guard curl_url_set(handle, CURLUPART_URL, url, flags) == CURLUE_OK else {
            curl_url_cleanup(handle)
            return nil
        }
        entries.append((url, handle))
        return handle
    }

    /// Frees every handle; no transfer may still use one.
    mutating func removeAll() {
        for entry in entries { curl_url_cleanup(entry.handle) }
        entries.removeAll()
    }
}
