package dev.jlance.bench;

import dev.jlance.bench.data.DatasetSize;
import java.util.ArrayList;
import java.util.List;

/**
 * The arguments of the paired measurements ({@code ./jlance threads}, {@code ./jlance versus}):
 * {@code DATASET[,DATASET...] [PAIRS] [--quick]}.
 *
 * @param datasets the dataset names, in order
 * @param pairs pairs per dataset (100 unless given)
 * @param size the generated size: {@link DatasetSize#QUICK} with {@code --quick}
 */
record PairedRunArgs(List<String> datasets, int pairs, DatasetSize size) {

    static final int DEFAULT_PAIRS = 100;

    /** The arguments, or null when they do not fit the form above. */
    static PairedRunArgs parse(String[] args) {
        List<String> positional = new ArrayList<>();
        DatasetSize size = DatasetSize.DEFAULT;
        for (String a : args) {
            if (a.equals("--quick")) {
                size = DatasetSize.QUICK;
            } else {
                positional.add(a);
            }
        }
        if (positional.isEmpty() || positional.size() > 2) {
            return null;
        }
        int pairs = DEFAULT_PAIRS;
        if (positional.size() == 2) {
            try {
                pairs = Integer.parseInt(positional.get(1));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return new PairedRunArgs(List.of(positional.get(0).split(",")), pairs, size);
    }
}
