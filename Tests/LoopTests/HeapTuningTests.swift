import CLibUV
import Glibc
import XCTest
@testable import Loop

final class HeapTuningTests: XCTestCase {
    /// Small chunks freed in a burst are coalesced as they are freed, not parked for one big
    /// merge inside a later malloc.
    func testSmallFreesAreNotDeferred() {
        HeapTuning.avoidDeferredCoalescing()
        let before = sy_malloc_fastbin_bytes()
        let chunks = (0 ..< 4000).map { _ in malloc(48) }
        for chunk in chunks { free(chunk) }
        // Other threads' arenas may still hold chunks parked before the call; none are added.
        XCTAssertLessThanOrEqual(sy_malloc_fastbin_bytes(), before)
    }
}
