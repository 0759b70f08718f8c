import XCTest
@testable import Loop

final class EventLoopTests: XCTestCase {
    func testSpawnedTaskRunsOnLoopThreadAcrossAwaits() async {
        let allOnLoop = await EventLoop.shared.spawn { () async -> Bool in
            var onLoop = EventLoop.shared.inLoopThread
            for _ in 0..<100 {
                await Task.yield()
                onLoop = onLoop && EventLoop.shared.inLoopThread
            }
            await EventLoop.shared.sleep(milliseconds: 1)
            return onLoop && EventLoop.shared.inLoopThread
        }.value
        XCTAssertTrue(allOnLoop)
    }

    /// Jobs of a `.low` task run only when no other job is ready: spawned first, the bulk
    /// task still runs after the ordinary ones spawned after it, and each of its later jobs
    /// waits for the ordinary jobs that became ready meanwhile.
    func testBulkJobsWaitWhileOtherJobsAreReady() async {
        let order = await EventLoop.shared.spawn { () async -> [String] in
            let log = OrderLog()
            let bulk = EventLoop.shared.spawn(priority: .low) {
                log.names.append("bulk 1")
                await Task.yield()
                log.names.append("bulk 2")
            }
            let first = EventLoop.shared.spawn {
                log.names.append("urgent 1")
                await Task.yield()
                log.names.append("urgent 2")
            }
            await bulk.value
            await first.value
            return log.names
        }.value
        XCTAssertEqual(order, ["urgent 1", "urgent 2", "bulk 1", "bulk 2"])
    }

    func testLoopActorFunctionsRunOnLoopThread() async {
        let onLoop = await LoopProbe.isOnLoop()
        XCTAssertTrue(onLoop)
    }

    func testRemoteEnqueueFromManyThreadsIsOrderedPerTask() async {
        let sums = await withTaskGroup(of: Int.self) { group in
            for i in 0..<64 {
                group.addTask { await LoopProbe.add(i) }
            }
            var all: [Int] = []
            for await value in group { all.append(value) }
            return all
        }
        XCTAssertEqual(sums.count, 64)
        let total = await LoopProbe.total
        XCTAssertGreaterThanOrEqual(total, (0..<64).reduce(0, +))
    }

    func testOffloadRunsOffLoopAndReturnsOnLoop() async {
        let (workerWasOffLoop, backOnLoop) = await EventLoop.shared.spawn { () async -> (Bool, Bool) in
            let off = await EventLoop.shared.offload { !EventLoop.shared.inLoopThread }
            return (off, EventLoop.shared.inLoopThread)
        }.value
        XCTAssertTrue(workerWasOffLoop)
        XCTAssertTrue(backOnLoop)
    }

    func testTimerFiresOnceAfterDelayAndStopPreventsFiring() async {
        let result = await EventLoop.shared.spawn { () async -> (Int, Int) in
            var fired = 0
            var stoppedFired = 0
            let timer = LoopTimer()
            let stopped = LoopTimer()
            EventLoop.shared.updateTime()
            let start = EventLoop.hrtime()
            await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
                timer.start(after: 20) { fired += 1; c.resume() }
                stopped.start(after: 5) { stoppedFired += 1 }
                stopped.stop()
            }
            let elapsedMs = Int((EventLoop.hrtime() - start) / 1_000_000)
            await EventLoop.shared.sleep(milliseconds: 30)
            timer.close()
            stopped.close()
            XCTAssertGreaterThanOrEqual(elapsedMs, 19)
            return (fired, stoppedFired)
        }.value
        XCTAssertEqual(result.0, 1)
        XCTAssertEqual(result.1, 0)
    }
}

@LoopActor
enum LoopProbe {
    static var total = 0
    static func isOnLoop() -> Bool { EventLoop.shared.inLoopThread }
    static func add(_ value: Int) -> Int {
        precondition(EventLoop.shared.inLoopThread)
        total += value
        return total
    }
}

@LoopActor
private final class OrderLog {
    var names: [String] = []
}
