package dev.jlance.file;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jlance.parallel.BackgroundPriority;
import dev.jlance.parallel.BackgroundPriorityTest;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EncodeExecutorsTest {

    /** The calling thread's nice value; 0 where jlance cannot change it (no /proc to read either). */
    private static int currentNice() throws Exception {
        return BackgroundPriority.supported() ? BackgroundPriorityTest.currentNice() : 0;
    }

    @Test
    void jlancePoolThreadsRunBelowTheWritersPriority() throws Exception {
        int expected = BackgroundPriority.supported() ? BackgroundPriority.DEFAULT_NICE : 0;
        ExecutorService own = EncodeExecutors.ownPool(2);
        try {
            Future<Integer> inOwn = own.submit(EncodeExecutorsTest::currentNice);
            assertEquals(expected, inOwn.get(10, TimeUnit.SECONDS), "a writer's own pool");
        } finally {
            own.shutdown();
        }
        Future<Integer> inShared = EncodeExecutors.shared().submit(EncodeExecutorsTest::currentNice);
        assertEquals(expected, inShared.get(10, TimeUnit.SECONDS), "the shared pool");
        assertEquals(0, currentNice(), "the calling thread keeps its priority");
    }
}
