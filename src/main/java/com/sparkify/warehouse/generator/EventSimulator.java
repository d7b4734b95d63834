package com.sparkify.warehouse.generator;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Simulates the app's sessions and streams their events, in timestamp order, into one JSON-lines
 * file per UTC day.
 *
 * <p>Sessions start as planned by {@link SessionPlan}; the active ones wait in a priority queue
 * keyed by the time of their next event, so the log is produced in global time order while only
 * the concurrently active sessions are held in memory. Each session walks a small page model
 * after eventsim's: mostly NextSong, with Home, settings, help, thumbs, upgrade and downgrade
 * pages, logging out and back in, and guests who never log in.
 */
final class EventSimulator {

    /** Share of sessions of at most three events that are guests who never log in. */
    private static final double GUEST_SHARE_OF_SHORT = 0.05;
    /** Share of the other sessions that start logged out and log in first. */
    private static final double LOGIN_FIRST_SHARE = 0.055;
    /** Chance that a free user on the Upgrade page submits it (the real log: 8 of 21). */
    private static final double SUBMIT_UPGRADE_CHANCE = 0.4;
    /** Chance that a paid user on the Downgrade page submits it (the real log: 1 of 60). */
    private static final double SUBMIT_DOWNGRADE_CHANCE = 0.03;
    private static final double SAVE_SETTINGS_CHANCE = 0.3;
    /** Chance that a song is skipped before its end. */
    private static final double SKIP_CHANCE = 0.04;

    /** Next-page weights for logged-in free users; page order as in {@link #LOGGED_IN_PAGES}. */
    private static final Page[] LOGGED_IN_PAGES = {
        Page.NEXT_SONG, Page.HOME, Page.THUMBS_UP, Page.THUMBS_DOWN, Page.ADD_TO_PLAYLIST,
        Page.ADD_FRIEND, Page.ROLL_ADVERT, Page.LOGOUT, Page.SETTINGS, Page.HELP, Page.ABOUT,
        Page.ERROR, Page.UPGRADE, Page.DOWNGRADE};
    private static final double[] FREE_WEIGHTS = {
        0.855, 0.025, 0.012, 0.003, 0.007, 0.004, 0.020, 0.016, 0.007, 0.006, 0.004, 0.0012, 0.012, 0};
    private static final double[] PAID_WEIGHTS = {
        0.880, 0.025, 0.014, 0.003, 0.008, 0.004, 0, 0.016, 0.007, 0.006, 0.004, 0.0012, 0, 0.010};

    private static final byte[] ARTIST = JsonBuffer.ascii("{\"artist\":");
    private static final byte[] AUTH_IN = JsonBuffer.ascii(",\"auth\":\"Logged In\",\"firstName\":");
    private static final byte[] AUTH_OUT = JsonBuffer.ascii(",\"auth\":\"Logged Out\",\"firstName\":");
    private static final byte[] GENDER = JsonBuffer.ascii(",\"gender\":");
    private static final byte[] ITEM = JsonBuffer.ascii(",\"itemInSession\":");
    private static final byte[] LAST_NAME = JsonBuffer.ascii(",\"lastName\":");
    private static final byte[] LENGTH = JsonBuffer.ascii(",\"length\":");
    private static final byte[] LEVEL_FREE = JsonBuffer.ascii(",\"level\":\"free\",\"location\":");
    private static final byte[] LEVEL_PAID = JsonBuffer.ascii(",\"level\":\"paid\",\"location\":");
    private static final byte[] REGISTRATION = JsonBuffer.ascii(",\"registration\":");
    private static final byte[] SESSION_ID = JsonBuffer.ascii(",\"sessionId\":");
    private static final byte[] SONG = JsonBuffer.ascii(",\"song\":");
    private static final byte[] STATUS = JsonBuffer.ascii(",\"status\":");
    private static final byte[] TS = JsonBuffer.ascii(",\"ts\":");
    private static final byte[] USER_AGENT = JsonBuffer.ascii(",\"userAgent\":");
    private static final byte[] USER_ID = JsonBuffer.ascii(",\"userId\":");
    private static final byte[] EMPTY_USER_ID = JsonBuffer.ascii("\"\"}");

    /** Counts of one simulation, all recountable from the written files. */
    record Result(long events, long nextSongEvents, long matchedPlays, int users, int days, long bytes) {
    }

    private enum Kind { REGULAR, LOGIN_FIRST, GUEST }

    /** A session in progress: who, how far, and what its next event will be. */
    private static final class Session {
        final long id;
        final UserBase.User user;
        final boolean canLogIn;
        int remaining;
        int item;
        boolean loggedIn;
        Page nextPage;
        long nextTs;

        Session(long id, UserBase.User user, Kind kind, int length, long start) {
            this.id = id;
            this.user = user;
            this.canLogIn = kind != Kind.GUEST;
            this.remaining = length;
            this.loggedIn = kind == Kind.REGULAR;
            this.nextTs = start;
        }
    }

    private final SplittableRandom rng;
    private final long writeFrom;
    private final long lastTimestamp;
    private final UserBase users;
    private final SessionPlan plan;
    private final SongPicker songs;
    private final double[] freeCumulative = Randomness.cumulative(FREE_WEIGHTS);
    private final double[] paidCumulative = Randomness.cumulative(PAID_WEIGHTS);
    private final JsonBuffer line = new JsonBuffer(1024);

    private long events;
    private long nextSongEvents;
    private long matchedPlays;

    EventSimulator(GeneratorOptions options, SongCatalog catalog) {
        this(options, catalog, Long.MIN_VALUE);
    }

    /**
     * A simulation that writes and counts only the events from {@code writeFrom} (epoch millis) on: the
     * earlier ones are simulated all the same, so users and sessions reach that time as they would.
     */
    EventSimulator(GeneratorOptions options, SongCatalog catalog, long writeFrom) {
        this.writeFrom = writeFrom;
        this.rng = Randomness.stream(options.seed(), Randomness.EVENTS);
        long periodStartMillis = options.startDate().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        int millisOffset = (int) Math.floorMod(Randomness.mix64(options.seed() ^ Randomness.CLOCK), 1000L);
        long periodEnd = periodStartMillis + options.days() * SessionPlan.DAY_MILLIS;
        this.lastTimestamp = periodEnd - 1000 + millisOffset;
        this.users = new UserBase(options, periodStartMillis, millisOffset);
        this.plan = new SessionPlan(options, periodStartMillis, millisOffset);
        this.songs = new SongPicker(options, catalog);
    }

    Result run(DataSink sink) throws IOException {
        PriorityQueue<Session> active = new PriorityQueue<>(
                Comparator.comparingLong((Session s) -> s.nextTs).thenComparingLong(s -> s.id));
        long nextSessionId = 1;
        try (DayFiles files = new DayFiles(sink)) {
            while (true) {
                Session head = active.peek();
                if (plan.hasNext() && (head == null || plan.peekStart() < head.nextTs)) {
                    long start = plan.peekStart();
                    active.add(startSession(nextSessionId++, start, plan.takeLength()));
                } else if (head != null) {
                    active.poll();
                    emit(head, files);
                    if (head.remaining > 0) {
                        active.add(head);
                    } else {
                        head.user.activeSessions--;
                    }
                } else {
                    break;
                }
            }
            return new Result(events, nextSongEvents, matchedPlays, users.seenCount(), files.count, files.bytes);
        }
    }

    private Session startSession(long id, long start, int length) {
        UserBase.User user = users.pickForSession(rng);
        user.activeSessions++;
        Kind kind;
        if (length <= 3 && rng.nextDouble() < GUEST_SHARE_OF_SHORT) {
            kind = Kind.GUEST;
        } else if (rng.nextDouble() < LOGIN_FIRST_SHARE) {
            kind = Kind.LOGIN_FIRST;
        } else {
            kind = Kind.REGULAR;
        }
        Session session = new Session(id, user, kind, length, start);
        session.nextPage = switch (kind) {
            case REGULAR -> firstLoggedInPage();
            case LOGIN_FIRST -> length >= 3 && rng.nextDouble() < 0.6 ? Page.HOME : Page.LOGIN;
            case GUEST -> loggedOutBrowsingPage();
        };
        return session;
    }

    /** Writes the session's next event, then decides the one after it. */
    private void emit(Session session, DayFiles files) throws IOException {
        Page page = session.nextPage;
        long ts = session.nextTs;
        SongPicker.Play play = page == Page.NEXT_SONG ? songs.next(rng) : null;
        boolean written = ts >= writeFrom;
        if (written) {
            writeLine(session, page, ts, play);
            files.write(ts, line);
            events++;
        }
        if (play != null && written) {
            nextSongEvents++;
            if (play.matchesCatalog) {
                matchedPlays++;
            }
        }
        UserBase.User user = session.user;
        if (session.loggedIn && written) {
            user.seen = true;
        }
        // The submit event still shows the old level; the change shows from the next event on.
        if (page == Page.SUBMIT_UPGRADE) {
            user.paid = true;
        } else if (page == Page.SUBMIT_DOWNGRADE) {
            user.paid = false;
        }
        if (page == Page.LOGIN) {
            session.loggedIn = true;
        } else if (page == Page.LOGOUT) {
            session.loggedIn = false;
        }
        session.item++;
        session.remaining--;
        if (session.remaining == 0) {
            return;
        }
        Page nextPage = session.loggedIn ? nextLoggedInPage(page, user) : nextLoggedOutPage(session, page);
        long gapSeconds = gapSeconds(page, nextPage, play);
        long nextTs = ts + gapSeconds * 1000;
        if (nextTs > lastTimestamp) {
            // Sessions still running at the end of the period are squeezed into its last
            // minutes (quick skips) so that every planned event is written inside the period.
            nextTs = ts + (lastTimestamp - ts) / 1000 / session.remaining * 1000;
        }
        session.nextPage = nextPage;
        session.nextTs = nextTs;
    }

    private void writeLine(Session session, Page page, long ts, SongPicker.Play play) {
        UserBase.User user = session.user;
        boolean in = session.loggedIn;
        JsonBuffer out = line;
        out.reset();
        out.raw(ARTIST);
        if (play != null) {
            out.raw(play.artistJson);
        } else {
            out.nullValue();
        }
        out.raw(in ? AUTH_IN : AUTH_OUT);
        nullable(out, in, user.firstNameJson);
        out.raw(GENDER);
        nullable(out, in, user.genderJson);
        out.raw(ITEM).number(session.item);
        out.raw(LAST_NAME);
        nullable(out, in, user.lastNameJson);
        out.raw(LENGTH);
        if (play != null) {
            out.raw(play.lengthJson);
        } else {
            out.nullValue();
        }
        out.raw(user.paid ? LEVEL_PAID : LEVEL_FREE);
        nullable(out, in, user.locationJson);
        out.raw(',').raw(page.methodAndPageJson());
        out.raw(REGISTRATION);
        nullable(out, in, user.registrationJson);
        out.raw(SESSION_ID).number(session.id);
        out.raw(SONG);
        if (play != null) {
            out.raw(play.songJson);
        } else {
            out.nullValue();
        }
        out.raw(STATUS).raw(page.statusJson());
        out.raw(TS).number(ts);
        out.raw(USER_AGENT);
        nullable(out, in, user.userAgentJson);
        out.raw(USER_ID);
        if (in) {
            out.raw(user.userIdJson).raw('}');
        } else {
            out.raw(EMPTY_USER_ID);
        }
    }

    private static void nullable(JsonBuffer out, boolean present, byte[] json) {
        if (present) {
            out.raw(json);
        } else {
            out.nullValue();
        }
    }

    private Page firstLoggedInPage() {
        double u = rng.nextDouble();
        if (u < 0.41) {
            return Page.HOME;
        }
        if (u < 0.97) {
            return Page.NEXT_SONG;
        }
        return u < 0.98 ? Page.HELP : u < 0.99 ? Page.ABOUT : Page.SETTINGS;
    }

    private Page nextLoggedInPage(Page current, UserBase.User user) {
        double u = rng.nextDouble();
        // Some pages lead on to a follow-up page: a submitted form, or Home after logging in.
        Page followUp = switch (current) {
            case UPGRADE -> !user.paid && u < SUBMIT_UPGRADE_CHANCE ? Page.SUBMIT_UPGRADE : null;
            case DOWNGRADE -> user.paid && u < SUBMIT_DOWNGRADE_CHANCE ? Page.SUBMIT_DOWNGRADE : null;
            case SETTINGS -> u < SAVE_SETTINGS_CHANCE ? Page.SAVE_SETTINGS : null;
            case LOGIN, SUBMIT_UPGRADE, SUBMIT_DOWNGRADE -> Page.HOME;
            default -> null;
        };
        if (followUp != null) {
            return followUp;
        }
        Page page = LOGGED_IN_PAGES[Randomness.pickCumulative(rng, user.paid ? paidCumulative : freeCumulative)];
        boolean aboutTheLastSong = page == Page.THUMBS_UP || page == Page.THUMBS_DOWN || page == Page.ADD_TO_PLAYLIST;
        return aboutTheLastSong && current != Page.NEXT_SONG ? Page.NEXT_SONG : page;
    }

    private Page nextLoggedOutPage(Session session, Page current) {
        if (current == Page.LOGOUT) {
            return Page.HOME;
        }
        // Logging in takes two events (Login, then Home logged in); guests never log in.
        if (session.canLogIn && session.remaining >= 2 && rng.nextDouble() < 0.65) {
            return Page.LOGIN;
        }
        return loggedOutBrowsingPage();
    }

    private Page loggedOutBrowsingPage() {
        double u = rng.nextDouble();
        return u < 0.75 ? Page.HOME : u < 0.9 ? Page.ABOUT : Page.HELP;
    }

    /** Seconds between an event and the next one of the same session. */
    private long gapSeconds(Page current, Page next, SongPicker.Play play) {
        if (current == Page.NEXT_SONG) {
            long seconds = play.durationUnits / 100_000;
            // The next event comes when the song ends, or earlier if the user skips it.
            return rng.nextDouble() < SKIP_CHANCE && seconds > 5 ? 5 + rng.nextInt((int) seconds - 5) : seconds;
        }
        if (next == Page.SUBMIT_UPGRADE || next == Page.SUBMIT_DOWNGRADE || next == Page.SAVE_SETTINGS
                || next == Page.LOGIN || current == Page.LOGOUT) {
            return 1 + rng.nextInt(30);
        }
        return Math.min(3600, Math.round(Randomness.logNormal(rng, 55.0, 1.5)));
    }

    /** The daily output files; events arrive in time order, so each day is opened once. */
    private static final class DayFiles implements AutoCloseable {

        private final DataSink sink;
        private long currentDay = Long.MIN_VALUE;
        private OutputStream out;
        private boolean lineWritten;
        int count;
        long bytes;

        DayFiles(DataSink sink) {
            this.sink = sink;
        }

        void write(long ts, JsonBuffer line) throws IOException {
            long day = Math.floorDiv(ts, SessionPlan.DAY_MILLIS);
            if (day != currentDay) {
                closeCurrent();
                out = new BufferedOutputStream(sink.open(key(LocalDate.ofEpochDay(day))), 1 << 16);
                currentDay = day;
                lineWritten = false;
                count++;
            }
            // Lines are separated, not terminated, by a newline, as in the real files.
            if (lineWritten) {
                out.write('\n');
                bytes++;
            }
            line.writeTo(out);
            bytes += line.length();
            lineWritten = true;
        }

        static String key(LocalDate date) {
            return String.format("log_data/%04d/%02d/%s-events.json", date.getYear(), date.getMonthValue(), date);
        }

        private void closeCurrent() throws IOException {
            if (out != null) {
                OutputStream closing = out;
                out = null;
                closing.close();
            }
        }

        @Override
        public void close() throws IOException {
            closeCurrent();
        }
    }
}
