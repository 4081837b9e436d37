package dev.jlance.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The machine's CPU time in clock ticks, all cores together, from the first line of Linux's
 * {@code /proc/stat}: how much of it the hypervisor gave to other guests ("steal") while a paired
 * run measured. On a shared virtual machine that is the first thing to know about a ratio, so
 * {@code ./jlance versus} and {@code ./jlance threads} print it with every dataset.
 *
 * @param steal ticks stolen by the hypervisor
 * @param total ticks of every state up to and including steal
 */
record CpuTicks(long steal, long total) {

    private static final Path PROC_STAT = Path.of("/proc/stat");
    /** user, nice, system, idle, iowait, irq, softirq, steal: guest time is already inside user. */
    private static final int STATES = 8;

    /** The ticks now, or empty where {@code /proc/stat} is missing or unreadable (not Linux). */
    static Optional<CpuTicks> now() {
        try {
            return parse(Files.readString(PROC_STAT));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** The ticks of {@code procStat}'s aggregate {@code cpu} line, or empty when it has none or too few fields. */
    static Optional<CpuTicks> parse(String procStat) {
        for (String line : procStat.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (!f[0].equals("cpu")) {
                continue;
            }
            if (f.length < STATES + 1) {
                return Optional.empty();
            }
            try {
                long total = 0;
                for (int i = 1; i <= STATES; i++) {
                    total += Long.parseLong(f[i]);
                }
                return Optional.of(new CpuTicks(Long.parseLong(f[STATES]), total));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** "steal 613 of 60,412 ticks (1.0 %)" from {@code before} to {@code after}, or a note that they are not known. */
    static String stolenSince(Optional<CpuTicks> before, Optional<CpuTicks> after) {
        if (before.isEmpty() || after.isEmpty()) {
            return "steal not known (no /proc/stat)";
        }
        long steal = after.get().steal - before.get().steal;
        long total = after.get().total - before.get().total;
        return String.format(Locale.ROOT, "steal %,d of %,d ticks (%.1f %%)", steal, total,
                total == 0 ? 0.0 : 100.0 * steal / total);
    }
}
