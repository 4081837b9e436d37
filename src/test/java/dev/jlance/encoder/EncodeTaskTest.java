package dev.jlance.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Empty;
import dev.jlance.parallel.PieceWork;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class EncodeTaskTest {

    /** A task whose first piece finishes only once another thread has started the second. */
    private static EncodeTask needingAHelper() {
        return new EncodeTask() {
            @Override
            public EncodedPage call() {
                CountDownLatch secondStarted = new CountDownLatch(1);
                PieceWork.run(2, i -> {
                    if (i == 1) {
                        secondStarted.countDown();
                        return;
                    }
                    try {
                        assertTrue(secondStarted.await(10, TimeUnit.SECONDS), "no helper took the second piece");
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                });
                return new EncodedPage(List.of(), Empty.getDefaultInstance(), 0, 0, 0, "test", "test", () -> { });
            }

            @Override
            public void discard() {
            }

            @Override
            public long inputBytes() {
                return 0;
            }
        };
    }

    @Test
    @Timeout(30)
    void aStartedTaskOffersItsPiecesToItsExecutor() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            EncodedPage page = needingAHelper().startOn(pool).result().get(20, TimeUnit.SECONDS);
            assertEquals("test", page.layoutName());
        } finally {
            pool.shutdownNow();
        }
    }
}
