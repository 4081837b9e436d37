package dev.jlance.cli;

import dev.jlance.FormatVersion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The options given to one command: {@code --name value}, {@code --name=value} and bare flags. Anything
 * else (unknown options, positional words, repeated options, a value missing) is a usage error.
 */
final class CommandLine {

    private final String command;
    private final Map<String, String> values;

    private CommandLine(String command, Map<String, String> values) {
        this.command = command;
        this.values = values;
    }

    /**
     * @param command the command's name, for messages
     * @param args what followed the command's name
     * @param valueOptions options that take a value, e.g. {@code "--input"}
     * @param flags options that take none, e.g. {@code "--verbose"}
     */
    static CommandLine parse(String command, List<String> args, Set<String> valueOptions, Set<String> flags)
            throws CliException {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || arg.equals("--")) {
                throw CliException.usage("unexpected argument '" + arg + "' for " + command
                        + " (options start with --)");
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            String value;
            if (flags.contains(name)) {
                if (eq >= 0) {
                    throw CliException.usage("option " + name + " takes no value");
                }
                value = "";
            } else if (valueOptions.contains(name)) {
                if (eq >= 0) {
                    value = arg.substring(eq + 1);
                } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                    value = args.get(++i);
                } else {
                    throw CliException.usage("option " + name + " needs a value");
                }
                if (value.isBlank()) {
                    throw CliException.usage("option " + name + " needs a non-empty value");
                }
            } else {
                throw CliException.usage("unknown option '" + name + "' for " + command);
            }
            if (values.putIfAbsent(name, value) != null) {
                throw CliException.usage("option " + name + " is given more than once");
            }
        }
        return new CommandLine(command, values);
    }

    Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    String required(String name) throws CliException {
        String value = values.get(name);
        if (value == null) {
            throw CliException.usage(command + " needs " + name);
        }
        return value;
    }

    boolean has(String flag) {
        return values.containsKey(flag);
    }

    /**
     * A whole number in {@code [min, max]}; accepts {@code _} or {@code ,} between digits and a {@code k}
     * (thousand) or {@code m} (million) suffix, e.g. {@code 1_000_000}, {@code 64k}, {@code 2m}.
     */
    long count(String name, long defaultValue, long min, long max) throws CliException {
        String text = values.get(name);
        if (text == null) {
            return defaultValue;
        }
        long value = parseCount(text).orElseThrow(() -> CliException.usage(
                "option " + name + " needs a whole number, got '" + text + "'"));
        if (value < min || value > max) {
            throw CliException.usage(String.format(Locale.ROOT, "option %s must be between %,d and %,d, got %s",
                    name, min, max, text));
        }
        return value;
    }

    /** A Lance format version ({@link FormatVersion#parse}); the default version when absent. */
    FormatVersion formatVersion(String name) throws CliException {
        try {
            return FormatVersion.parse(values.get(name));
        } catch (IllegalArgumentException e) {
            throw CliException.usage(name + ": " + e.getMessage());
        }
    }

    static Optional<Long> parseCount(String text) {
        String digits = text.trim().replace("_", "").replace(",", "").toLowerCase(Locale.ROOT);
        long scale = 1;
        if (digits.endsWith("k")) {
            scale = 1_000;
        } else if (digits.endsWith("m")) {
            scale = 1_000_000;
        }
        if (scale != 1) {
            digits = digits.substring(0, digits.length() - 1);
        }
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9' || c == '-')
                || digits.lastIndexOf('-') > 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(Math.multiplyExact(Long.parseLong(digits), scale));
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
    }
}
