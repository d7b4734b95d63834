package com.sparkify.warehouse.generator;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.sparkify.warehouse.source.S3Clients;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The {@code generate} command line: writes a generated data set to a directory or an S3 prefix
 * and prints a one-paragraph summary.
 */
public final class GenerateCommand {

    /** Exit code for a successful run. */
    public static final int OK = 0;
    /** Exit code when writing the data failed. */
    public static final int FAILED = 1;
    /** Exit code for a bad command line. */
    public static final int USAGE = 2;

    static final String USAGE_TEXT = String.join("\n",
            "usage: generate (--out DIR | --s3 s3://BUCKET/PREFIX [--endpoint URL] [--path-style] [--region REGION])",
            "                [--seed N] [--songs N] [--artists N] [--users N] [--days N] [--events N]",
            "                [--start-date YYYY-MM-DD] [--unmatched-share X]",
            "",
            "Writes a deterministic Sparkify raw data set (song_data/, log_data/, log_json_path.json)",
            "in the layout of the Udacity bucket.",
            "",
            "  --out DIR              write into this directory (created if missing)",
            "  --s3 URL               write to this S3 bucket and key prefix",
            "  --endpoint URL         S3 endpoint, e.g. http://localhost:9000 for MinIO or s3proxy",
            "  --path-style           address the bucket in the path (needed by most local S3 servers)",
            "  --region REGION        S3 region (default: $AWS_REGION, else us-east-1)",
            "  --seed N               random seed; the same options give identical files (default 42)",
            "  --songs N              song files (default 300)",
            "  --artists N            distinct artists, at most --songs (default 2/3 of --songs)",
            "  --users N              users (default 100; use about one per 80 events for realism)",
            "  --days N               days of events, one file per day (default 30)",
            "  --events N             total events (default 8000)",
            "  --start-date DATE      first day of events, UTC (default 2018-11-01)",
            "  --unmatched-share X    share of plays of songs missing from the catalog, 0..1 (default 0.6)",
            "  --help                 print this help");

    private static final Set<String> VALUE_OPTIONS = Set.of(
            "--out", "--s3", "--endpoint", "--region", "--seed", "--songs", "--artists", "--users",
            "--days", "--events", "--start-date", "--unmatched-share");
    private static final Set<String> FLAG_OPTIONS = Set.of("--path-style", "--help", "-h");

    private GenerateCommand() {
    }

    /**
     * Runs the command.
     *
     * @param args the arguments; a leading {@code generate} (the sub-command name) is ignored
     * @param out  where the summary, usage and errors are printed
     * @return {@link #OK}, {@link #FAILED} when writing failed, or {@link #USAGE} for a bad command line
     */
    public static int run(String[] args, PrintStream out) {
        Map<String, String> values;
        try {
            values = parse(args);
        } catch (UsageException e) {
            return usageError(out, e.getMessage());
        }
        if (values.containsKey("--help") || values.containsKey("-h")) {
            out.println(USAGE_TEXT);
            return OK;
        }
        Request request;
        try {
            request = toRequest(values);
        } catch (UsageException e) {
            return usageError(out, e.getMessage());
        }
        return generate(request, out);
    }

    /** A validated command line. */
    private record Request(GeneratorOptions options, Path directory, String s3Url, String endpoint,
                           boolean pathStyle, String region) {
    }

    private static int generate(Request request, PrintStream out) {
        long started = System.nanoTime();
        try {
            GenerationSummary summary;
            String destination;
            if (request.directory() != null) {
                DirectorySink sink = new DirectorySink(request.directory());
                destination = sink.root().toString();
                summary = new SampleDataGenerator().generate(request.options(), sink);
            } else {
                URI url = URI.create(request.s3Url());
                try (S3Client client = s3Client(request)) {
                    S3Sink sink = new S3Sink(client, url.getHost(), url.getPath());
                    destination = sink.toString();
                    summary = new SampleDataGenerator().generate(request.options(), sink);
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            out.println(describe(summary, request.options(), destination, seconds));
            return OK;
        } catch (IOException | SdkException | SecurityException e) {
            out.println("generate: failed: " + e.getMessage());
            return FAILED;
        }
    }

    static String describe(GenerationSummary summary, GeneratorOptions options, String destination, double seconds) {
        LocalDate end = options.startDate().plusDays(options.days() - 1L);
        return String.format(Locale.ROOT,
                "Generated %,d song files by %,d artists and %,d events (%,d NextSong plays, %,d of them"
                        + " matching a catalog song) from %,d users in %,d daily files for %s to %s into %s:"
                        + " %,.1f MB in %.1f s (seed %d).",
                summary.songFiles(), summary.artists(), summary.events(), summary.nextSongEvents(),
                summary.matchedPlays(), summary.users(), summary.days(), options.startDate(), end,
                destination, summary.bytesWritten() / 1e6, seconds, options.seed());
    }

    private static S3Client s3Client(Request request) {
        return S3Clients.build(new S3Clients.Settings(request.region(), request.endpoint(), request.pathStyle(),
                false, 4, Duration.ofSeconds(60), 8));
    }

    private static Map<String, String> parse(String[] args) throws UsageException {
        Map<String, String> values = new TreeMap<>();
        int start = args.length > 0 && "generate".equals(args[0]) ? 1 : 0;
        for (int i = start; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            }
            if (FLAG_OPTIONS.contains(name)) {
                if (value != null) {
                    throw new UsageException(name + " takes no value");
                }
                values.put(name, "true");
            } else if (VALUE_OPTIONS.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                        throw new UsageException(name + " needs a value");
                    }
                    value = args[++i];
                }
                if (values.put(name, value) != null) {
                    throw new UsageException(name + " is given twice");
                }
            } else {
                throw new UsageException("unknown argument " + arg);
            }
        }
        return values;
    }

    private static Request toRequest(Map<String, String> values) throws UsageException {
        String outDir = values.get("--out");
        String s3Url = values.get("--s3");
        if ((outDir == null) == (s3Url == null)) {
            throw new UsageException("give exactly one of --out DIR and --s3 s3://BUCKET/PREFIX");
        }
        if (s3Url == null) {
            for (String s3Only : new String[] {"--endpoint", "--path-style", "--region"}) {
                if (values.containsKey(s3Only)) {
                    throw new UsageException(s3Only + " only applies with --s3");
                }
            }
        }
        GeneratorOptions defaults = GeneratorOptions.defaults();
        int songs = intOption(values, "--songs", defaults.songs(), 1);
        int artists = values.containsKey("--artists")
                ? intOption(values, "--artists", 0, 1)
                : GeneratorOptions.defaultArtists(songs);
        if (artists > songs) {
            throw new UsageException("--artists " + artists + " is more than --songs " + songs);
        }
        GeneratorOptions options = GeneratorOptions.builder()
                .seed(longOption(values, "--seed", defaults.seed(), Long.MIN_VALUE))
                .songs(songs)
                .artists(artists)
                .users(intOption(values, "--users", defaults.users(), 1))
                .days(intOption(values, "--days", defaults.days(), 1))
                .events(longOption(values, "--events", defaults.events(), 0))
                .startDate(dateOption(values, "--start-date", defaults.startDate()))
                .unmatchedShare(shareOption(values, "--unmatched-share", defaults.unmatchedShare()))
                .build();
        Path directory = null;
        if (outDir != null) {
            if (outDir.isBlank()) {
                throw new UsageException("--out needs a directory");
            }
            try {
                directory = Path.of(outDir);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--out " + outDir + " is not a valid path");
            }
        } else {
            checkS3Url(s3Url);
        }
        String endpoint = values.get("--endpoint");
        if (endpoint != null) {
            checkEndpoint(endpoint);
        }
        String region = values.getOrDefault("--region", defaultRegion());
        return new Request(options, directory, s3Url, endpoint, values.containsKey("--path-style"), region);
    }

    private static String defaultRegion() {
        for (String variable : new String[] {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
            String region = System.getenv(variable);
            if (region != null && !region.isBlank()) {
                return region;
            }
        }
        return "us-east-1";
    }

    private static void checkS3Url(String s3Url) throws UsageException {
        try {
            URI url = new URI(s3Url);
            if ("s3".equals(url.getScheme()) && url.getHost() != null && url.getQuery() == null) {
                return;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new UsageException("--s3 " + s3Url + " is not an s3://BUCKET/PREFIX URL");
    }

    private static void checkEndpoint(String endpoint) throws UsageException {
        try {
            URI url = new URI(endpoint);
            if (("http".equals(url.getScheme()) || "https".equals(url.getScheme())) && url.getHost() != null) {
                return;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new UsageException("--endpoint " + endpoint + " is not an http(s) URL");
    }

    private static int intOption(Map<String, String> values, String name, int fallback, int minimum)
            throws UsageException {
        long value = longOption(values, name, fallback, minimum);
        if (value > Integer.MAX_VALUE) {
            throw new UsageException(name + " " + value + " is too large");
        }
        return (int) value;
    }

    private static long longOption(Map<String, String> values, String name, long fallback, long minimum)
            throws UsageException {
        String text = values.get(name);
        if (text == null) {
            return fallback;
        }
        long value;
        try {
            value = Long.parseLong(text.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new UsageException(name + " expects a whole number, got '" + text + "'");
        }
        if (value < minimum) {
            throw new UsageException(name + " must be at least " + minimum + ", got " + value);
        }
        return value;
    }

    private static double shareOption(Map<String, String> values, String name, double fallback)
            throws UsageException {
        String text = values.get(name);
        if (text == null) {
            return fallback;
        }
        try {
            double value = Double.parseDouble(text);
            if (value >= 0 && value <= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(name + " expects a number between 0 and 1, got '" + text + "'");
    }

    private static LocalDate dateOption(Map<String, String> values, String name, LocalDate fallback)
            throws UsageException {
        String text = values.get(name);
        if (text == null) {
            return fallback;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new UsageException(name + " expects a date like 2018-11-01, got '" + text + "'");
        }
    }

    private static int usageError(PrintStream out, String message) {
        out.println("generate: " + message);
        out.println(USAGE_TEXT);
        return USAGE;
    }

    /** A command-line mistake, reported with the usage text. */
    private static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }
}
