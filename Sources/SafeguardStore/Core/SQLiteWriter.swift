import Logging
import NIOCore
import NIOPosix
import SQLiteKit

/// SQLite's one writer: a connection with a thread of its own, on which each unit of work runs from BEGIN to COMMIT.
///
/// SQLite takes one writer at a time, so every write waits for the one before it, and the time a write holds the
/// lock is the server's ceiling. A connection from the shared pool spends most of that time handing each statement
/// between threads: to NIO's thread pool to run, back to an event loop (busy with HTTP) for the next line of Swift.
/// Here the statements and the Swift between them run on one dedicated thread, one after another, with nothing else
/// queued on it, so a unit of work costs what SQLite and the domain cost and little more. Measured with
/// `safeguard bench triggers` (see docs/decisions/2026-11-23-sqlite-writer-thread.md).
final class SQLiteWriter: Sendable {
    private let connection: SQLiteConnection
    private let thread: NIOThreadPool
    /// One unit of work at a time. Waiting for it in SQLite's busy loop would block a thread (and with it the writer
    /// everyone waits for), so writers queue here, without holding a thread, instead.
    private let turn = AsyncMutex()
    /// Runs the unit of work's Swift on the writer's thread (see `ThreadPoolTaskExecutor`).
    let executor: ThreadPoolTaskExecutor

    private init(connection: SQLiteConnection, thread: NIOThreadPool) {
        self.connection = connection
        self.thread = thread
        self.executor = ThreadPoolTaskExecutor(thread)
    }

    /// Opens the writer's connection to `path` with the settings every connection has.
    static func open(path: String, logger: Logger, memoryMapped: Bool = true) async throws -> SQLiteWriter {
        let thread = NIOThreadPool(numberOfThreads: 1)
        thread.start()
        do {
            let source = SQLiteFileSource(path: path, threadPool: thread, memoryMapped: memoryMapped)
            let connection = try await source.makeConnection(logger: logger, on: MultiThreadedEventLoopGroup.singleton.any()).get()
            return SQLiteWriter(connection: connection, thread: thread)
        } catch {
            try? await thread.shutdownGracefully()
            throw error
        }
    }

    /// Runs `body` with the connection when its turn comes, its Swift on the writer's thread. The queue is taken and
    /// handed on on that thread too, so the next unit of work starts as soon as one ends, without a thread waking.
    ///
    /// `onWriterThread: false` is for bulk loads, which prepare the next batch in child tasks while one is written: on
    /// the writer's thread (child tasks inherit the preference) preparing and writing would take turns on one core.
    /// (The turn is taken here in the closure, not in a helper: through a helper call every write ran at about half
    /// speed in `bench journey`.)
    func exclusive<R: Sendable>(onWriterThread: Bool = true, _ body: (SQLiteConnection) async throws -> R) async throws -> R {
        try await withTaskExecutorPreference(onWriterThread ? executor : nil) {
            await turn.lock()
            do {
                let result = try await body(connection)
                await turn.unlock()
                return result
            } catch {
                await turn.unlock()
                throw error
            }
        }
    }

    func close() async throws {
        try await connection.close()
        try await thread.shutdownGracefully()
    }
}

/// A first-come, first-served lock for async code that never blocks a thread while waiting.
actor AsyncMutex {
    private var locked = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func lock() async {
        guard locked else {
            locked = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func unlock() {
        if waiters.isEmpty { locked = false } else { waiters.removeFirst().resume() }
    }
}

/// Runs a task's jobs on a thread pool's threads. For the writer the pool is one thread, which also runs each
/// statement, so a statement's result is picked up by the very thread that is waiting for it.
final class ThreadPoolTaskExecutor: TaskExecutor, @unchecked Sendable {
    private let pool: NIOThreadPool

    init(_ pool: NIOThreadPool) { self.pool = pool }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        // A job must run even if the pool has shut down (it is then run at once, here), or its task would never end.
        pool.submit { _ in job.runSynchronously(on: executor) }
    }
}

/// Runs a task's jobs on one event loop. A read on a pooled SQLite connection prefers its connection's loop: each
/// statement's result arrives on that loop, and the work carries on there instead of waking a thread of the shared
/// pool first.
final class EventLoopTaskExecutor: TaskExecutor, @unchecked Sendable {
    private let loop: any EventLoop

    init(_ loop: any EventLoop) { self.loop = loop }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        loop.execute { job.runSynchronously(on: executor) }
    }
}
