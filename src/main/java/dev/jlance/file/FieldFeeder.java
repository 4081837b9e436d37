package dev.jlance.file;

import dev.jlance.encoder.EncodeTask;
import dev.jlance.parallel.StartedTask;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.IntFunction;

/**
 * Feeds the fields of one batch to their encoders, which copy the vectors into their pages (and
 * shred nested fields into levels). For a large batch that work is spread over the executor's
 * threads: each field is offered to the executor, the writer's thread takes the fields from the
 * last one down that no executor thread has claimed, and waits only for the ones claimed. With
 * the executor's threads busy encoding, the writer's thread simply feeds every field itself.
 */
final class FieldFeeder {

    /** Below this many Arrow bytes in a batch, handing fields to other threads costs more than it saves. */
    static final long PARALLEL_MIN_BYTES = 1L << 20;

    private final Executor executor;
    private final CoreSlots slots;

    FieldFeeder(Executor executor) {
        this(executor, CoreSlots.NONE);
    }

    /** {@code slots}: the writer's thread gives its core slot back while it waits for a field. */
    FieldFeeder(Executor executor, CoreSlots slots) {
        this.executor = executor;
        this.slots = slots;
    }

    /**
     * Runs {@code feed} for every field in {@code fields} and returns each one's tasks, in the order
     * of {@code fields}. If any feed fails, the tasks the others made are discarded and the failure
     * of the earliest failing field is thrown.
     *
     * @param batchBytes the batch's Arrow bytes, which decide whether other threads are asked to help
     */
    List<List<EncodeTask>> feed(int[] fields, long batchBytes, IntFunction<List<EncodeTask>> feed) {
        Outcome[] outcomes = new Outcome[fields.length];
        if (fields.length < 2 || batchBytes < PARALLEL_MIN_BYTES) {
            for (int i = 0; i < fields.length; i++) {
                outcomes[i] = Outcome.of(feed, fields[i]);
            }
        } else {
            feedConcurrently(fields, feed, outcomes);
        }
        return tasksOrThrow(outcomes);
    }

    private void feedConcurrently(int[] fields, IntFunction<List<EncodeTask>> feed, Outcome[] outcomes) {
        @SuppressWarnings("unchecked")
        StartedTask<Outcome>[] offered = new StartedTask[fields.length];
        // the first field stays here: this thread starts on it while the executor picks up the rest
        for (int i = 1; i < fields.length; i++) {
            int field = fields[i];
            try {
                offered[i] = StartedTask.start(() -> Outcome.of(feed, field), executor);
            } catch (RuntimeException rejected) {
                break; // the executor refuses work: the fields not offered are fed here
            }
        }
        outcomes[0] = Outcome.of(feed, fields[0]);
        for (int i = fields.length - 1; i >= 1; i--) {
            if (offered[i] == null) {
                outcomes[i] = Outcome.of(feed, fields[i]);
            } else {
                offered[i].runHereIfUnclaimed();
            }
        }
        for (int i = 1; i < fields.length; i++) {
            if (offered[i] != null) {
                outcomes[i] = await(offered[i]);
            }
        }
    }

    private Outcome await(StartedTask<Outcome> field) {
        if (field.result().isDone()) {
            return field.result().join(); // Outcome.of never throws: failures are outcomes
        }
        slots.writerRests();
        try {
            return field.result().join();
        } finally {
            slots.writerWorks();
        }
    }

    private static List<List<EncodeTask>> tasksOrThrow(Outcome[] outcomes) {
        Throwable failure = null;
        for (Outcome o : outcomes) {
            if (o.failure() != null) {
                failure = o.failure();
                break;
            }
        }
        if (failure == null) {
            List<List<EncodeTask>> tasks = new ArrayList<>(outcomes.length);
            for (Outcome o : outcomes) {
                tasks.add(o.tasks());
            }
            return tasks;
        }
        for (Outcome o : outcomes) {
            if (o.failure() == null) {
                o.tasks().forEach(EncodeTask::discard);
            } else if (o.failure() != failure) {
                failure.addSuppressed(o.failure());
            }
        }
        switch (failure) {
            case RuntimeException r -> throw r;
            case Error e -> throw e;
            default -> throw new CompletionException(failure);
        }
    }

    /** What feeding one field gave: its tasks, or what it threw. */
    private record Outcome(List<EncodeTask> tasks, Throwable failure) {
        static Outcome of(IntFunction<List<EncodeTask>> feed, int field) {
            try {
                return new Outcome(feed.apply(field), null);
            } catch (RuntimeException | Error e) {
                return new Outcome(List.of(), e);
            }
        }
    }
}
