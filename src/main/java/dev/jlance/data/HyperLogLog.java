package dev.jlance.data;

/** A HyperLogLog cardinality estimator over pre-computed 64-bit hashes. */
public final class HyperLogLog {

    private final int precision;
    private final byte[] registers;

    public HyperLogLog(int precision) {
        if (precision < 4 || precision > 16) {
            throw new IllegalArgumentException("precision must be in 4..16: " + precision);
        }
        this.precision = precision;
        this.registers = new byte[1 << precision];
    }

    public void add(long hash) {
        int index = (int) (hash >>> (64 - precision));
        long rest = (hash << precision) | (1L << (precision - 1));
        int rank = Long.numberOfLeadingZeros(rest) + 1;
        if (rank > registers[index]) {
            registers[index] = (byte) rank;
        }
    }

    /** The estimated number of distinct hashes added. */
    public long estimate() {
        int m = registers.length;
        double sum = 0;
        int zeros = 0;
        for (byte r : registers) {
            sum += 1.0 / (1L << r);
            if (r == 0) {
                zeros++;
            }
        }
        double alpha = switch (m) {
            case 16 -> 0.673;
            case 32 -> 0.697;
            case 64 -> 0.709;
            default -> 0.7213 / (1 + 1.079 / m);
        };
        double estimate = alpha * m * m / sum;
        if (estimate <= 2.5 * m && zeros > 0) {
            estimate = m * Math.log((double) m / zeros);
        }
        return Math.round(estimate);
    }
}
