package dev.jlance.bench.data;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;

/** The benchmark dataset suite. */
public final class Datasets {

    private static final List<Dataset> ALL = List.of(EventLog.create(), Integers.create(), Floats.create(),
            People.create(), LongText.create(), Embeddings.create(), Orders.create());

    private Datasets() {
    }

    /** Every dataset, in a fixed order. */
    public static List<Dataset> all() {
        return ALL;
    }

    public static Dataset named(String name) {
        return ALL.stream().filter(d -> d.name().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no dataset named '" + name + "'; there are "
                        + ALL.stream().map(Dataset::name).toList()));
    }

    /** The datasets whose name the regular expression finds (anywhere in the name). */
    public static List<Dataset> matching(String regex) {
        Pattern p = Pattern.compile(regex);
        return ALL.stream().filter(d -> p.matcher(d.name()).find()).toList();
    }
}
