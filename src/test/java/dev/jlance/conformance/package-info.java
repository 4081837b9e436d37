/**
 * Conformance tests: files written by jlance's {@code LanceFileWriter} are read back with the
 * OFFICIAL Lance reader ({@code org.lance.file.LanceFileReader}, lance-core 7.0.0) and compared
 * bit-exactly with what was written.
 *
 * <ul>
 *   <li>{@link dev.jlance.conformance.OfficialReaderHarness}: write with jlance or the official writer,
 *       read with the official reader, compare schema / row count / every value across batch boundaries.
 *   <li>{@link dev.jlance.conformance.TestData}: deterministic adversarial data for every flat Arrow type.
 *   <li>{@link dev.jlance.conformance.ConformanceTestBase}: per-test RootAllocator (leaks fail the test)
 *       and temp directory.
 *   <li>{@code HarnessSelfCheckTest}: proves the harness against files from the official writer.
 *   <li>{@code FlatTypeRoundTripTest}, {@code MultiPageTest}, {@code MultiColumnTest},
 *       {@code CallerBuffersTest}, {@code OfficialWriterParityTest}, {@code ErrorHandlingTest}.
 * </ul>
 *
 * <p>Run (outside the shared checkout): {@code mvn -B test -Dtest='dev.jlance.conformance.*Test'
 * -DreuseForks=false}. {@code -DreuseForks=false} runs every class in its own JVM, so a panic in the
 * native reader (which aborts the JVM) only loses one class.
 */
package dev.jlance.conformance;
