package dev.jlance.codec.fsst;

import dev.jlance.data.VariableWidthBlock;
import dev.jlance.memory.LanceBuffer;
import dev.jlance.memory.Layouts;
import dev.jlance.memory.OffHeapArena;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic string corpora for FSST tests and benchmarks: English-like text (common words drawn
 * with Zipf frequencies), URLs, e-mail addresses, short codes and log lines. Same seed, same
 * strings.
 */
public final class FsstCorpus {

    /** The most common English words, most frequent first (rank r is drawn with weight 1/r). */
    static final String[] WORDS = ("the of and to a in is it you that he was for on are with as I his they be at one"
            + " have this from or had by hot word but what some we can out other were all there when up use your how"
            + " said an each she which do their time if will way about many then them write would like so these her"
            + " long make thing see him two has look more day could go come did number sound no most people my over"
            + " know water than call first who may down side been now find any new work part take get place made live"
            + " where after back little only round man year came show every good me give our under name very through"
            + " just form sentence great think say help low line differ turn cause much mean before move right boy old"
            + " too same tell does set three want air well also play small end put home read hand port large spell add"
            + " even land here must big high such follow act why ask men change went light kind off need house picture"
            + " try us again animal point mother world near build self earth father head stand own page should country"
            + " found answer school grow study still learn plant cover food sun four between state keep eye never last"
            + " let thought city tree cross farm hard start might story saw far sea draw left late run don't while press"
            + " close night real life few north open seem together next white children begin got walk example ease paper"
            + " group always music those both mark often letter until mile river car feet care second book carry took"
            + " science eat room friend began idea fish mountain stop once base hear horse cut sure watch color face wood"
            + " main enough plain girl usual young ready above ever red list though feel talk bird soon body dog family"
            + " direct pose leave song measure door product black short numeral class wind question happen complete ship"
            + " area half rock order fire south problem piece told knew pass since top whole king space heard best hour"
            + " better true during hundred five remember step early hold west ground interest reach fast verb sing listen"
            + " six table travel less morning ten simple several vowel toward war lay against pattern slow center love"
            + " person money serve appear road map rain rule govern pull cold notice voice unit power town fine certain"
            + " fly fall lead cry dark machine note wait plan figure star box noun field rest correct able pound done"
            + " beauty drive stood contain front teach week final gave green oh quick develop ocean warm free minute"
            + " strong special mind behind clear tail produce fact street inch multiply nothing course stay wheel full"
            + " force blue object decide surface deep moon island foot system busy test record boat common gold possible"
            + " plane stead dry wonder laugh thousand ago ran check game shape equate miss brought heat snow tire bring"
            + " yes distant fill east paint language among").split(" ");

    private static final String[] TLDS = {"com", "com", "com", "org", "net", "io", "de", "co.uk", "fr", "edu"};
    private static final String[] HOSTS = {"www.example", "shop.acme", "docs.widgets", "api.northwind", "blog.contoso",
        "news.fabrikam", "cdn.tailspin", "m.wingtip", "support.adventure-works", "store.litware"};
    private static final String[] FIRST = {"james", "mary", "john", "patricia", "robert", "jennifer", "michael",
        "linda", "william", "elizabeth", "david", "barbara", "richard", "susan", "joseph", "jessica", "thomas", "sarah",
        "charles", "karen", "lena", "ahmed", "wei", "sofia", "mateo", "yuki", "olga", "kwame", "priya", "lucas"};
    private static final String[] LAST = {"smith", "johnson", "williams", "brown", "jones", "garcia", "miller",
        "davis", "rodriguez", "martinez", "hernandez", "lopez", "gonzalez", "wilson", "anderson", "thomas", "taylor",
        "moore", "jackson", "martin", "lee", "perez", "thompson", "white", "harris", "sanchez", "clark", "nguyen"};
    private static final String[] MAIL = {"gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "example.org",
        "company.io", "university.edu", "mail.de", "proton.me", "icloud.com"};
    private static final String[] LEVELS = {"INFO", "INFO", "INFO", "INFO", "DEBUG", "DEBUG", "WARN", "ERROR"};
    private static final String[] METHODS = {"GET", "GET", "GET", "POST", "PUT", "DELETE"};
    private static final String[] ENDPOINTS = {"/api/v1/users", "/api/v1/orders", "/api/v2/search", "/health",
        "/api/v1/products", "/static/js/app.js", "/login", "/api/v1/cart/items"};
    private static final String[] MESSAGES = {"request completed", "cache miss for key", "connection reset by peer",
        "retrying after timeout", "slow query detected", "user session refreshed", "payload validated"};

    private final SplittableRandom random;
    private final double[] zipf;

    public FsstCorpus(long seed) {
        this.random = new SplittableRandom(seed);
        this.zipf = new double[WORDS.length];
        double sum = 0;
        for (int r = 0; r < WORDS.length; r++) {
            sum += 1.0 / (r + 1);
            zipf[r] = sum;
        }
        for (int r = 0; r < WORDS.length; r++) {
            zipf[r] /= sum;
        }
    }

    /** Corpus kinds the benchmark and tests iterate over. */
    public enum Kind { ENGLISH, URLS, EMAILS, CODES, LOGS }

    /** {@code count} strings of {@code kind}. */
    public List<byte[]> strings(Kind kind, int count) {
        List<byte[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String s = switch (kind) {
                case ENGLISH -> sentences(1 + random.nextInt(3));
                case URLS -> url();
                case EMAILS -> email();
                case CODES -> code();
                case LOGS -> logLine();
            };
            out.add(s.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    /** Strings of {@code kind} until they add up to at least {@code bytes} bytes. */
    public List<byte[]> stringsOfSize(Kind kind, long bytes) {
        List<byte[]> out = new ArrayList<>();
        long total = 0;
        while (total < bytes) {
            byte[] s = strings(kind, 1).getFirst();
            out.add(s);
            total += s.length;
        }
        return out;
    }

    public String word() {
        double u = random.nextDouble();
        int lo = 0;
        int hi = zipf.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (zipf[mid] < u) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return WORDS[lo];
    }

    /** {@code n} sentences of 4..24 Zipf-drawn words, capitalised, with commas and end marks. */
    public String sentences(int n) {
        StringBuilder b = new StringBuilder();
        for (int s = 0; s < n; s++) {
            if (s > 0) {
                b.append(' ');
            }
            int words = 4 + random.nextInt(21);
            int start = b.length();
            for (int w = 0; w < words; w++) {
                if (w > 0) {
                    b.append(random.nextInt(12) == 0 ? ", " : " ");
                }
                b.append(word());
            }
            b.setCharAt(start, Character.toUpperCase(b.charAt(start)));
            int end = random.nextInt(10);
            b.append(end < 7 ? "." : end < 9 ? "?" : "!");
        }
        return b.toString();
    }

    public String url() {
        StringBuilder b = new StringBuilder(random.nextInt(5) == 0 ? "http://" : "https://");
        b.append(HOSTS[random.nextInt(HOSTS.length)]).append('.').append(TLDS[random.nextInt(TLDS.length)]);
        int segments = 1 + random.nextInt(4);
        for (int s = 0; s < segments; s++) {
            b.append('/').append(word());
            if (random.nextInt(3) == 0) {
                b.append('-').append(word());
            }
        }
        if (random.nextBoolean()) {
            b.append('/').append(random.nextInt(1_000_000));
        }
        if (random.nextInt(3) == 0) {
            b.append("?id=").append(random.nextInt(100_000)).append("&ref=").append(word());
        }
        return b.toString();
    }

    public String email() {
        StringBuilder b = new StringBuilder(FIRST[random.nextInt(FIRST.length)]);
        switch (random.nextInt(4)) {
            case 0 -> b.append('.').append(LAST[random.nextInt(LAST.length)]);
            case 1 -> b.append('_').append(LAST[random.nextInt(LAST.length)]).append(random.nextInt(100));
            case 2 -> b.append(random.nextInt(10_000));
            default -> b.append(LAST[random.nextInt(LAST.length)].charAt(0));
        }
        return b.append('@').append(MAIL[random.nextInt(MAIL.length)]).toString();
    }

    /** Short identifiers: SKUs, airport-like and status codes, 3..14 bytes. */
    public String code() {
        return switch (random.nextInt(4)) {
            case 0 -> "SKU-" + (char) ('A' + random.nextInt(26)) + (char) ('A' + random.nextInt(26))
                    + String.format("%05d", random.nextInt(100_000));
            case 1 -> "" + (char) ('A' + random.nextInt(26)) + (char) ('A' + random.nextInt(26))
                    + (char) ('A' + random.nextInt(26));
            case 2 -> new String[] {"OK", "PENDING", "SHIPPED", "CANCELLED", "RETURNED", "ON_HOLD"}[random.nextInt(6)];
            default -> "INV" + random.nextInt(1_000_000);
        };
    }

    public String logLine() {
        StringBuilder b = new StringBuilder();
        b.append(String.format("2025-11-%02dT%02d:%02d:%02d.%03dZ ", 1 + random.nextInt(28), random.nextInt(24),
                random.nextInt(60), random.nextInt(60), random.nextInt(1000)));
        b.append(LEVELS[random.nextInt(LEVELS.length)]).append(" [worker-").append(random.nextInt(16)).append("] ");
        b.append(MESSAGES[random.nextInt(MESSAGES.length)]).append(' ');
        b.append(METHODS[random.nextInt(METHODS.length)]).append(' ').append(ENDPOINTS[random.nextInt(ENDPOINTS.length)]);
        if (random.nextBoolean()) {
            b.append('/').append(random.nextInt(100_000));
        }
        b.append(" status=").append(random.nextInt(10) == 0 ? 500 : 200).append(" took=").append(random.nextInt(900))
                .append("ms");
        return b.toString();
    }

    /** The strings as a variable-width block in {@code arena} ({@code bitsPerOffset} 32 or 64). */
    public static VariableWidthBlock block(List<byte[]> strings, int bitsPerOffset, OffHeapArena arena) {
        long total = strings.stream().mapToLong(s -> s.length).sum();
        int w = bitsPerOffset / 8;
        MemorySegment offsets = arena.allocate((strings.size() + 1L) * w);
        MemorySegment data = arena.allocate(total);
        long pos = 0;
        for (int i = 0; i < strings.size(); i++) {
            byte[] s = strings.get(i);
            MemorySegment.copy(s, 0, data, ValueLayout.JAVA_BYTE, pos, s.length);
            pos += s.length;
            if (w == 4) {
                offsets.setAtIndex(Layouts.U32, i + 1, (int) pos);
            } else {
                offsets.setAtIndex(Layouts.U64, i + 1, pos);
            }
        }
        return new VariableWidthBlock(new LanceBuffer(offsets), new LanceBuffer(data), bitsPerOffset, strings.size());
    }

    /** Writes {@code [u32 length][bytes]} records, for comparing with other FSST implementations. */
    public static void writeRecords(List<byte[]> strings, Path file) throws IOException {
        try (OutputStream os = Files.newOutputStream(file);
             DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(os))) {
            for (byte[] s : strings) {
                out.writeInt(Integer.reverseBytes(s.length));
                out.write(s);
            }
        }
    }

    /** Writes each corpus kind (about {@code args[1]} bytes, default 1 MiB) as records into directory {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        long bytes = args.length > 1 ? Long.parseLong(args[1]) : 1 << 20;
        Files.createDirectories(dir);
        for (Kind k : Kind.values()) {
            writeRecords(new FsstCorpus(42).stringsOfSize(k, bytes), dir.resolve(k.name().toLowerCase() + ".bin"));
        }
    }
}
