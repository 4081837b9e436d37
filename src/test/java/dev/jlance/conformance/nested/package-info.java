/**
 * Randomized conformance for nested types (issue 4, item 9): random schemas and data, written by
 * jlance, read back by the official Lance reader (lance-core 7.0.0) and compared value by value.
 *
 * <ul>
 *   <li>{@link dev.jlance.conformance.nested.NestedSchemaGenerator} draws a {@link
 *       dev.jlance.conformance.nested.FuzzCase} (schema, batches, options) from a seed;
 *       {@link dev.jlance.conformance.nested.NestedFeature} switches on what jlance does not write yet.
 *   <li>{@link dev.jlance.conformance.nested.NestedDataGenerator} builds its batches from raw buffers
 *       (nulls at every level, empty/null/long/sparse lists, garbage under nulls, sliced offsets).
 *   <li>{@link dev.jlance.conformance.nested.NestedComparator} compares schema and values (what it
 *       normalises and why is in its class comment).
 *   <li>{@link dev.jlance.conformance.nested.FuzzRunner} runs a case; {@link
 *       dev.jlance.conformance.nested.FuzzExecutor} runs it in a worker JVM, since a panic in the
 *       official native code aborts the JVM; {@link dev.jlance.conformance.nested.Shrinker} makes a
 *       failing case small; {@link dev.jlance.conformance.nested.FuzzSuite} turns seeds into tests and
 *       reports.
 *   <li>Tests: {@code NestedRandomConformanceTest} (jlance, 2000 seeds), {@code
 *       OfficialRoundTripSelfCheckTest} (the same cases through the official writer: proves the harness;
 *       official 7.0.0's own failures are recorded in {@link
 *       dev.jlance.conformance.nested.KnownOfficialFailure}), {@code NestedComparatorSelfTest} (changed
 *       data must be reported with row and path), {@code FuzzGeneratorTest} (determinism, shrink steps).
 * </ul>
 *
 * <p>One case again, as a failure report prints it:
 * {@code ./jlance test -Djlance.skipKernelRuns=true -Dtest=NestedRandomConformanceTest -Djlance.fuzz.seed=0x...
 * [-Djlance.fuzz.shrink=STEPS] [-Djlance.fuzz.features=...]} (Maven passes {@code -D} properties on to
 * the test JVM; no pom change is needed). More cases: {@code -Djlance.fuzz.cases=20000}, another
 * sequence: {@code -Djlance.fuzz.base=0x...}; a line per case: {@code -Djlance.fuzz.verbose=true};
 * in the test JVM, for a debugger: {@code -Djlance.fuzz.fork=false}. Worker JVMs run C1-only (so jlance
 * picks its scalar kernels there, which the kernel tests duel against the Vector API ones);
 * {@code -Djlance.fuzz.workerJvmArgs=" "} runs them with the default JIT (about twice as slow).
 * To keep the written files for {@code lance_dump.py}: {@code -Djlance.fuzz.keep=DIR} in the test
 * JVM, or {@code -Djlance.fuzz.workerJvmArgs="-XX:TieredStopAtLevel=1 -Djlance.fuzz.keep=DIR"} for workers.
 */
package dev.jlance.conformance.nested;
