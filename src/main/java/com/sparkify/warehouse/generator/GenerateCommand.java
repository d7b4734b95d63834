package com.sparkify.warehouse.generator;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import com.sparkify.warehouse.source.S3Clients;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Help.Ansi.IStyle;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.IParamLabelRenderer;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The {@code generate} command line: writes a generated data set to a directory or an S3 prefix
 * and prints a one-paragraph summary. Plain picocli rather than quarkus-picocli: the command runs
 * instead of the service, so it must not start Quarkus (the datasource, the HTTP server).
 */
@Command(name = "generate", sortOptions = false, usageHelpWidth = 100,
        synopsisHeading = "usage: ",
        customSynopsis = {
            "generate (--out DIR | --s3 s3://BUCKET/PREFIX [--endpoint URL] [--path-style] [--region REGION])",
            "                [--seed N] [--songs N] [--artists N] [--users N] [--days N] [--events N]",
            "                [--start-date YYYY-MM-DD] [--unmatched-share X] [--increment N]"},
        descriptionHeading = "%n",
        description = {
            "Writes a deterministic Sparkify raw data set (song_data/, log_data/, log_json_path.json)",
            "in the layout of the Udacity bucket. With --increment N, writes only what the N-th",
            "increment adds to the data set the same options generated: the next day of events",
            "and one new song in a hundred."},
        optionListHeading = "%n")
public final class GenerateCommand implements Callable<Integer> {

    /** Exit code for a successful run. */
    public static final int OK = CommandLine.ExitCode.OK;
    /** Exit code when writing the data failed. */
    public static final int FAILED = CommandLine.ExitCode.SOFTWARE;
    /** Exit code for a bad command line. */
    public static final int USAGE = CommandLine.ExitCode.USAGE;

    @Option(names = "--out", paramLabel = "DIR", description = "write into this directory (created if missing)")
    String outDir;

    @Option(names = "--s3", paramLabel = "URL", description = "write to this S3 bucket and key prefix")
    String s3Url;

    @Option(names = "--endpoint", paramLabel = "URL",
            description = "S3 endpoint, e.g. http://localhost:9000 for MinIO or s3proxy")
    String endpoint;

    @Option(names = "--path-style",
            description = "address the bucket in the path (needed by most local S3 servers)")
    boolean pathStyle;

    @Option(names = "--region", paramLabel = "REGION",
            description = "S3 region (default: $AWS_REGION, else us-east-1)")
    String region;

    @Option(names = "--seed", paramLabel = "N", converter = WholeNumber.class,
            defaultValue = "" + GeneratorOptions.DEFAULT_SEED,
            description = "random seed; the same options give identical files (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--songs", paramLabel = "N", converter = WholeNumber.class,
            defaultValue = "" + GeneratorOptions.DEFAULT_SONGS, description = "song files (default ${DEFAULT-VALUE})")
    long songs;

    @Option(names = "--artists", paramLabel = "N", converter = WholeNumber.class,
            description = "distinct artists, at most --songs (default 2/3 of --songs)")
    Long artists;

    @Option(names = "--users", paramLabel = "N", converter = WholeNumber.class,
            defaultValue = "" + GeneratorOptions.DEFAULT_USERS,
            description = "users (default ${DEFAULT-VALUE}; use about one per 80 events for realism)")
    long users;

    @Option(names = "--days", paramLabel = "N", converter = WholeNumber.class,
            defaultValue = "" + GeneratorOptions.DEFAULT_DAYS,
            description = "days of events, one file per day (default ${DEFAULT-VALUE})")
    long days;

    @Option(names = "--events", paramLabel = "N", converter = WholeNumber.class,
            defaultValue = "" + GeneratorOptions.DEFAULT_EVENTS, description = "total events (default ${DEFAULT-VALUE})")
    long events;

    @Option(names = "--start-date", paramLabel = "DATE", converter = Day.class,
            defaultValue = GeneratorOptions.DEFAULT_START_DAY,
            description = "first day of events, UTC (default ${DEFAULT-VALUE})")
    LocalDate startDate;

    @Option(names = "--unmatched-share", paramLabel = "X", converter = Share.class,
            defaultValue = "" + GeneratorOptions.DEFAULT_UNMATCHED_SHARE,
            description = "share of plays of songs missing from the catalog, 0..1 (default ${DEFAULT-VALUE})")
    double unmatchedShare;

    @Option(names = "--increment", paramLabel = "N", converter = WholeNumber.class,
            description = "write only increment N (1, 2, ...) of the data set these options generate: one more day "
                    + "of events by the same users and 1%% new songs; give the options the set was generated with")
    Long increment;

    @Option(names = {"--help", "-h"}, usageHelp = true, description = "print this help")
    boolean help;

    @Spec
    CommandSpec spec;

    private PrintStream out;

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
        GenerateCommand command = new GenerateCommand();
        command.out = out;
        PrintWriter writer = new PrintWriter(out, true);
        CommandLine line = new CommandLine(command)
                .setOut(writer)
                .setErr(writer)
                .setOverwrittenOptionsAllowed(false)
                .setParameterExceptionHandler(GenerateCommand::usageError)
                .setHelpFactory((commandSpec, colors) -> new Help(commandSpec, colors) {
                    @Override
                    public IParamLabelRenderer parameterLabelRenderer() {
                        return new SpacedLabels();
                    }
                });
        String[] rest = args.length > 0 && "generate".equals(args[0]) ? Arrays.copyOfRange(args, 1, args.length) : args;
        return line.execute(rest);
    }

    /** Checks what picocli cannot (ranges, options that depend on each other), then generates. */
    @Override
    public Integer call() {
        return generate(validated());
    }

    /** A validated command line. */
    private record Request(GeneratorOptions options, Integer increment, Path directory, String s3Url,
                           String endpoint, boolean pathStyle, String region) {
    }

    private Request validated() {
        if ((outDir == null) == (s3Url == null)) {
            throw usage("give exactly one of --out DIR and --s3 s3://BUCKET/PREFIX");
        }
        if (s3Url == null) {
            for (String s3Only : new String[] {"--endpoint", "--path-style", "--region"}) {
                if (spec.commandLine().getParseResult().hasMatchedOption(s3Only)) {
                    throw usage(s3Only + " only applies with --s3");
                }
            }
        }
        int songCount = atLeast("--songs", songs, 1);
        int artistCount = artists != null ? atLeast("--artists", artists, 1) : GeneratorOptions.defaultArtists(songCount);
        if (artistCount > songCount) {
            throw usage("--artists " + artistCount + " is more than --songs " + songCount);
        }
        GeneratorOptions options = GeneratorOptions.builder()
                .seed(seed)
                .songs(songCount)
                .artists(artistCount)
                .users(atLeast("--users", users, 1))
                .days(atLeast("--days", days, 1))
                .events(atLeast("--events", events, 0))
                .startDate(startDate)
                .unmatchedShare(unmatchedShare)
                .build();
        Path directory = null;
        if (outDir != null) {
            if (outDir.isBlank()) {
                throw usage("--out needs a directory");
            }
            try {
                directory = Path.of(outDir);
            } catch (InvalidPathException e) {
                throw usage("--out " + outDir + " is not a valid path");
            }
        } else {
            checkS3Url(s3Url);
        }
        if (endpoint != null) {
            checkEndpoint(endpoint);
        }
        Integer incrementNumber = increment == null ? null : atLeast("--increment", increment, 1);
        return new Request(options, incrementNumber, directory, s3Url, endpoint, pathStyle,
                region != null ? region : defaultRegion());
    }

    private int generate(Request request) {
        long started = System.nanoTime();
        try {
            GenerationSummary summary;
            String destination;
            if (request.directory() != null) {
                DirectorySink sink = new DirectorySink(request.directory());
                destination = sink.root().toString();
                summary = generate(request, sink);
            } else {
                URI url = URI.create(request.s3Url());
                try (S3Client client = s3Client(request)) {
                    S3Sink sink = new S3Sink(client, url.getHost(), url.getPath());
                    destination = sink.toString();
                    summary = generate(request, sink);
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            out.println(request.increment() == null ? describe(summary, request.options(), destination, seconds)
                    : describeIncrement(summary, request.options(), request.increment(), destination, seconds));
            return OK;
        } catch (IOException | SdkException | SecurityException e) {
            out.println("generate: failed: " + e.getMessage());
            return FAILED;
        }
    }

    private static GenerationSummary generate(Request request, DataSink sink) throws IOException {
        SampleDataGenerator generator = new SampleDataGenerator();
        return request.increment() == null ? generator.generate(request.options(), sink)
                : generator.generateIncrement(request.options(), request.increment(), sink);
    }

    static String describeIncrement(GenerationSummary summary, GeneratorOptions options, int increment,
            String destination, double seconds) {
        LocalDate day = options.startDate().plusDays(options.days() + increment - 1L);
        return String.format(Locale.ROOT,
                "Generated increment %d of the data set of these options: %,d new song files (%,d artists) and"
                        + " %,d events (%,d NextSong plays, %,d of them matching a catalog song) from %,d users for"
                        + " %s into %s: %,.1f MB in %.1f s (seed %d).",
                increment, summary.songFiles(), summary.artists(), summary.events(), summary.nextSongEvents(),
                summary.matchedPlays(), summary.users(), day, destination, summary.bytesWritten() / 1e6, seconds,
                options.seed());
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

    private static String defaultRegion() {
        for (String variable : new String[] {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
            String value = System.getenv(variable);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return "us-east-1";
    }

    private void checkS3Url(String url) {
        try {
            URI parsed = new URI(url);
            if ("s3".equals(parsed.getScheme()) && parsed.getHost() != null && parsed.getQuery() == null) {
                return;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw usage("--s3 " + url + " is not an s3://BUCKET/PREFIX URL");
    }

    private void checkEndpoint(String url) {
        try {
            URI parsed = new URI(url);
            if (("http".equals(parsed.getScheme()) || "https".equals(parsed.getScheme())) && parsed.getHost() != null) {
                return;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw usage("--endpoint " + url + " is not an http(s) URL");
    }

    private int atLeast(String name, long value, long minimum) {
        if (value < minimum) {
            throw usage(name + " must be at least " + minimum + ", got " + value);
        }
        if (value > Integer.MAX_VALUE) {
            throw usage(name + " " + value + " is too large");
        }
        return (int) value;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /**
     * Prints a command-line mistake in the command's own words, then the usage. Picocli's messages for
     * the common mistakes are reworded to name the option first, as the usage lines do.
     */
    private static int usageError(ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("generate: " + reworded(e));
        e.getCommandLine().usage(err);
        return USAGE;
    }

    private static String reworded(ParameterException e) {
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            return "unknown argument " + unmatched.getUnmatched().get(0);
        }
        if (e instanceof CommandLine.MissingParameterException missing && missing.getMissing().size() == 1
                && missing.getMissing().get(0) instanceof OptionSpec option) {
            return option.longestName() + " needs a value";
        }
        if (e instanceof CommandLine.OverwrittenOptionException overwritten
                && overwritten.getOverwritten() instanceof OptionSpec option) {
            return option.longestName() + " is given twice";
        }
        if (e.getCause() instanceof TypeConversionException conversion && e.getArgSpec() instanceof OptionSpec option) {
            return option.longestName() + " " + conversion.getMessage();
        }
        return e.getMessage();
    }

    /**
     * Shows an option's value after a space ({@code --out DIR}), as the synopsis does; the parser
     * takes both {@code --out DIR} and {@code --out=DIR}.
     */
    private static final class SpacedLabels implements IParamLabelRenderer {
        @Override
        public Text renderParameterLabel(ArgSpec arg, Ansi ansi, List<IStyle> styles) {
            return ansi.new Text(arg.arity().max() == 0 ? "" : " " + arg.paramLabel());
        }

        @Override
        public String separator() {
            return " ";
        }
    }

    /** A whole number; {@code _} may group digits, as in Java literals. */
    static final class WholeNumber implements ITypeConverter<Long> {
        @Override
        public Long convert(String text) {
            try {
                return Long.parseLong(text.replace("_", ""));
            } catch (NumberFormatException e) {
                throw new TypeConversionException("expects a whole number, got '" + text + "'");
            }
        }
    }

    /** A share between 0 and 1. */
    static final class Share implements ITypeConverter<Double> {
        @Override
        public Double convert(String text) {
            try {
                double value = Double.parseDouble(text);
                if (value >= 0 && value <= 1) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new TypeConversionException("expects a number between 0 and 1, got '" + text + "'");
        }
    }

    /** An ISO date. */
    static final class Day implements ITypeConverter<LocalDate> {
        @Override
        public LocalDate convert(String text) {
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("expects a date like 2018-11-01, got '" + text + "'");
            }
        }
    }
}
