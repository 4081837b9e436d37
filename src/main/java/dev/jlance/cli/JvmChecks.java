package dev.jlance.cli;

/** Checks, before any Arrow memory is touched, that the JVM was started the way Arrow needs. */
final class JvmChecks {

    static final String ADD_OPENS = "--add-opens=java.base/java.nio=ALL-UNNAMED";

    private JvmChecks() {
    }

    /**
     * Arrow's allocator reads {@code java.nio.Buffer.address} reflectively; without the package opened
     * it fails with an {@code ExceptionInInitializerError} deep inside Arrow. Say so plainly instead.
     */
    static void requireArrowMemoryAccess() throws CliException {
        if (!Object.class.getModule().isOpen("java.nio", JvmChecks.class.getModule())) {
            throw CliException.failure("Arrow memory needs the JVM option " + ADD_OPENS
                    + " (with the launcher: JLANCE_JAVA_OPTS='" + ADD_OPENS + "' ./jlance ...)");
        }
    }
}
