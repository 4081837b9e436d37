package dev.jlance.file;

import java.util.concurrent.Semaphore;

/**
 * Keeps jlance's encode threads, together with the writer threads feeding them, to one running
 * thread per core. A writer's thread copies batches, encodes pages nobody has started and writes
 * pages to the file; with a full pool beside it there would be one runnable thread more than cores,
 * and the scheduler would park one of them for a whole time slice (milliseconds). When the parked
 * thread holds the page the file needs next, the pipeline stalls behind it.
 *
 * <p>So a pool thread takes a slot before each task and waits when there is none. A writer's thread
 * takes one whenever it works, without waiting (a {@code write} call never queues behind pool
 * threads), and gives it back while it waits for a page and when its call returns: a pool thread
 * already running finishes its task, and no new task starts until the slot is free again.
 * Uncontended, a slot is one atomic update.
 */
final class CoreSlots {

    /** A semaphore that can be taken below zero, by a writer that will not wait. */
    private static final class Permits extends Semaphore {
        private static final long serialVersionUID = 1L;

        Permits(int permits) {
            super(permits);
        }

        void takeWithoutWaiting() {
            reducePermits(1);
        }
    }

    /** The slots of jlance's own pools: one per core this JVM may use. */
    static final CoreSlots MACHINE = new CoreSlots(Runtime.getRuntime().availableProcessors());

    /** No limit: for writers on a caller's executor, whose threads jlance does not schedule. */
    static final CoreSlots NONE = new CoreSlots(0);

    private final Permits permits;

    /** {@code slots} threads may run at once; 0 for no limit. */
    CoreSlots(int slots) {
        if (slots < 0) {
            throw new IllegalArgumentException("slots must be >= 0: " + slots);
        }
        this.permits = slots == 0 ? null : new Permits(slots);
    }

    /** A pool thread about to run a task: waits until a slot is free. */
    void acquireForTask() {
        if (permits != null) {
            permits.acquireUninterruptibly();
        }
    }

    /** A pool thread done with its task. */
    void releaseTask() {
        if (permits != null) {
            permits.release();
        }
    }

    /** A writer's thread starting work: takes a slot even when none is free, so it never waits here. */
    void writerWorks() {
        if (permits != null) {
            permits.takeWithoutWaiting();
        }
    }

    /** A writer's thread about to wait, or returning to its caller: its slot goes to the pool. */
    void writerRests() {
        if (permits != null) {
            permits.release();
        }
    }

    /** Free slots now; negative while writers work on more slots than there are. */
    int available() {
        return permits == null ? Integer.MAX_VALUE : permits.availablePermits();
    }
}
