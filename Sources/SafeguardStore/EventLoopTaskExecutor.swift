import NIOCore

/// Runs a task's jobs on one event loop. A unit of work on a SQLite connection prefers its connection's loop: each
/// statement's result arrives on that loop, and the work carries on there instead of waking a thread of the shared
/// pool first — one thread hand-over fewer per statement, which is most of what a short statement costs while the
/// single SQLite writer waits.
final class EventLoopTaskExecutor: TaskExecutor, @unchecked Sendable {
    private let loop: any EventLoop

    init(_ loop: any EventLoop) { self.loop = loop }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        loop.execute { job.runSynchronously(on: executor) }
    }
}
