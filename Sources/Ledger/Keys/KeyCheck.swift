/// The outcome of checking a presented key; every case but `valid` answers 401.
public enum KeyCheck: Sendable, Equatable {
    case valid(VirtualKey)
    /// Not shaped like a Switchyard key (wrong scheme, length or characters).
    case malformed
    case unknown
    case revoked(VirtualKey)
    case expired(VirtualKey)

    /// The key when it may be used.
    public var key: VirtualKey? {
        if case .valid(let key) = self { return key }
        return nil
    }
}
