/// A set of byte-range edits applied to an original JSON body in one copy.
///
/// Edits never re-serialize: bytes outside the edited ranges are copied verbatim. Ranges come from
/// a scan of the same body (`RequestFields`); edits must not overlap, and insertions at the same
/// offset keep the order in which they were added.
public struct JSONSplice: Sendable {
    /// New bytes for an edit.
    public enum Replacement: Sendable {
        /// Bytes copied as they are (already valid JSON for their position).
        case bytes([UInt8])
        /// Static text copied as it is.
        case text(StaticString)
        /// A Swift string written as a quoted, escaped JSON string.
        case jsonString(String)

        /// Upper bound of the bytes this replacement writes, for reserving capacity.
        var maxCount: Int {
            switch self {
            case .bytes(let b): b.count
            case .text(let t): t.utf8CodeUnitCount
            case .jsonString(let s): 2 + 6 * s.utf8.count
            }
        }

        func write(to out: inout [UInt8]) {
            switch self {
            case .bytes(let b): out.append(contentsOf: b)
            case .text(let t):
                out.append(contentsOf: UnsafeBufferPointer(start: t.utf8Start, count: t.utf8CodeUnitCount))
            case .jsonString(let s): JSONWriter.appendQuoted(s, to: &out)
            }
        }
    }

    /// One edit: `range` of the original is replaced (an empty range inserts).
    public struct Edit: Sendable {
        public var range: Range<Int>
        public var replacement: Replacement
    }

    public private(set) var edits: [Edit] = []
    /// Members added to the top-level object so far, so a second insert knows it needs a comma.
    var insertedMembers = 0

    public init() {}

    public var isEmpty: Bool { edits.isEmpty }

    /// Replaces the original bytes in `range`.
    public mutating func replace(_ range: Range<Int>, with replacement: Replacement) {
        edits.append(Edit(range: range, replacement: replacement))
    }

    /// Inserts bytes before the original byte at `offset`.
    public mutating func insert(_ replacement: Replacement, at offset: Int) {
        edits.append(Edit(range: offset ..< offset, replacement: replacement))
    }

    /// The edited body. Traps if edits overlap or fall outside `original`.
    public func apply(to original: UnsafeRawBufferPointer) -> [UInt8] {
        var ordered = edits
        // Stable insertion sort: edits are few and equal offsets keep their order.
        if ordered.count > 1 {
            for i in 1 ..< ordered.count {
                var j = i
                let edit = ordered[i]
                while j > 0 && ordered[j - 1].range.lowerBound > edit.range.lowerBound {
                    ordered[j] = ordered[j - 1]
                    j -= 1
                }
                ordered[j] = edit
            }
        }
        var capacity = original.count
        for edit in ordered { capacity += edit.replacement.maxCount }
        var out: [UInt8] = []
        out.reserveCapacity(capacity)
        var copied = 0
        for edit in ordered {
            precondition(edit.range.lowerBound >= copied && edit.range.upperBound <= original.count,
                         "JSONSplice edits overlap or lie outside the body")
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: original[copied ..< edit.range.lowerBound]))
            edit.replacement.write(to: &out)
            copied = edit.range.upperBound
        }
        out.append(contentsOf: UnsafeRawBufferPointer(rebasing: original[copied...]))
        return out
    }

    /// `apply` to an array's bytes.
    public func apply(to original: [UInt8]) -> [UInt8] {
        original.withUnsafeBytes { apply(to: $0) }
    }
}
