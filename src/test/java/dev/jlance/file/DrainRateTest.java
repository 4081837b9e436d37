package dev.jlance.file;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DrainRateTest {

    @Test
    void knowsNothingUntilTwoPagesHaveLeft() {
        DrainRate rate = new DrainRate();
        assertEquals(0, rate.nanosToDrain(1_000));
        rate.pageLeft(5_000_000, 1_000);
        assertEquals(0, rate.nanosToDrain(1_000), "one page gives no time span");
        rate.pageLeft(6_000_000, 1_000);
        assertEquals(1_000_000, rate.nanosToDrain(1_000));
        assertEquals(0, rate.nanosToDrain(0));
    }

    @Test
    void theRateIsTheBytesAfterTheOldestPageOverTheTimeSinceIt() {
        DrainRate rate = new DrainRate();
        // 3,000 bytes in 2 ms, in pages of different sizes: 1.5 bytes per microsecond
        rate.pageLeft(10_000_000, 7_777);
        rate.pageLeft(10_500_000, 1_000);
        rate.pageLeft(12_000_000, 2_000);
        assertEquals(2_000_000, rate.nanosToDrain(3_000));
        assertEquals(1_000_000, rate.nanosToDrain(1_500));
    }

    @Test
    void onlyTheLastWindowOfPagesCounts() {
        DrainRate rate = new DrainRate();
        long t = 0;
        for (int i = 0; i < 40; i++) { // slow: 1,000 bytes a millisecond
            rate.pageLeft(t, 1_000);
            t += 1_000_000;
        }
        for (int i = 0; i < DrainRate.WINDOW; i++) { // then ten times as fast
            t += 100_000;
            rate.pageLeft(t, 1_000);
        }
        assertEquals(100_000, rate.nanosToDrain(1_000), "the slow pages have left the window");
        rate.pageLeft(t + 100_000, 1_000);
        assertEquals(100_000, rate.nanosToDrain(1_000));
    }

    @Test
    void pagesThatAllLeftAtOnceGiveNoRate() {
        DrainRate rate = new DrainRate();
        for (int i = 0; i < 5; i++) {
            rate.pageLeft(42, 1_000);
        }
        assertEquals(0, rate.nanosToDrain(1_000));
    }
}
