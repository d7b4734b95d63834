package com.sparkify.warehouse.generator;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The Sparkify users of a generated log, with their profile fields pre-rendered as JSON and their
 * mutable subscription level.
 *
 * <p>Activity is very uneven in the real log (the busiest user makes about 10% of all events, many
 * users only a handful), so each user gets a log-normal activity weight; paid users are picked
 * {@link #PAID_ACTIVITY_FACTOR} times as often as free ones, which makes most events "paid" as in
 * the real data although most users are free.
 */
final class UserBase {

    /** Share of users of median activity who are paying subscribers at the start of the period. */
    static final double INITIAL_PAID_SHARE = 0.15;
    static final double PAID_ACTIVITY_FACTOR = 6.0;
    private static final double ACTIVITY_SIGMA = 0.8;
    /** Share of users whose browser agent contains a comma and is therefore logged quoted. */
    private static final double QUOTED_AGENT_SHARE = 0.75;
    private static final double FEMALE_SHARE = 0.55;
    /** Users registered up to this long before the period starts. */
    private static final long MAX_REGISTRATION_AGE_SECONDS = 45L * 24 * 3600;
    private static final int PICK_ATTEMPTS = 32;

    /** One user; the JSON fragments are written verbatim into every logged-in event. */
    static final class User {
        final int id;
        final byte[] userIdJson;
        final byte[] firstNameJson;
        final byte[] lastNameJson;
        final byte[] genderJson;
        final byte[] locationJson;
        final byte[] userAgentJson;
        final byte[] registrationJson;
        boolean paid;
        int activeSessions;
        boolean seen;

        private User(int id, String firstName, String lastName, String gender, String location,
                     String userAgent, long registrationMillis, boolean paid) {
            this.id = id;
            this.userIdJson = JsonBuffer.quoted(Integer.toString(id), true);
            this.firstNameJson = JsonBuffer.quoted(firstName, true);
            this.lastNameJson = JsonBuffer.quoted(lastName, true);
            this.genderJson = JsonBuffer.quoted(gender, true);
            this.locationJson = JsonBuffer.quoted(location, true);
            this.userAgentJson = JsonBuffer.quoted(userAgent, true);
            // eventsim wrote registration as a float, hence the ".0" on whole milliseconds.
            this.registrationJson = JsonBuffer.ascii(registrationMillis + ".0");
            this.paid = paid;
        }
    }

    private final User[] users;
    private final double[] cumulativeActivity;

    UserBase(GeneratorOptions options, long periodStartMillis, int millisOffset) {
        SplittableRandom rng = Randomness.stream(options.seed(), Randomness.USERS);
        double[] metroWeights = new double[ReferenceData.METROS.size()];
        for (int i = 0; i < metroWeights.length; i++) {
            metroWeights[i] = ReferenceData.METROS.get(i).weight();
        }
        double[] cumulativeMetros = Randomness.cumulative(metroWeights);
        List<String> agentsWithComma = ReferenceData.USER_AGENTS.stream().filter(a -> a.contains(",")).toList();
        List<String> agentsWithoutComma = ReferenceData.USER_AGENTS.stream().filter(a -> !a.contains(",")).toList();

        users = new User[options.users()];
        double[] activity = new double[users.length];
        for (int i = 0; i < users.length; i++) {
            boolean female = rng.nextDouble() < FEMALE_SHARE;
            String firstName = NameFactory.pick(rng,
                    female ? ReferenceData.FEMALE_FIRST_NAMES : ReferenceData.MALE_FIRST_NAMES);
            String lastName = NameFactory.pick(rng, ReferenceData.LAST_NAMES);
            String location = ReferenceData.METROS.get(Randomness.pickCumulative(rng, cumulativeMetros)).name();
            String userAgent = ReferenceData.quoteIfNeeded(NameFactory.pick(rng,
                    rng.nextDouble() < QUOTED_AGENT_SHARE ? agentsWithComma : agentsWithoutComma));
            long ageSeconds = 3600 + (long) (rng.nextDouble() * MAX_REGISTRATION_AGE_SECONDS);
            long registration = periodStartMillis - ageSeconds * 1000 + millisOffset;
            activity[i] = Randomness.logNormal(rng, 1.0, ACTIVITY_SIGMA);
            // Heavy listeners are more likely to pay, as in the real log where the busiest users are paid.
            boolean paid = rng.nextDouble() < Math.min(0.8, INITIAL_PAID_SHARE * activity[i]);
            String gender = female ? "F" : "M";
            users[i] = new User(i + 1, firstName, lastName, gender, location, userAgent, registration, paid);
        }
        cumulativeActivity = Randomness.cumulative(activity);
    }

    /**
     * Picks the user of a new session: weighted by activity and level, and preferring users who
     * are not already in a session, so that one user's sessions do not overlap unless the
     * configuration has more concurrent sessions than users.
     */
    User pickForSession(SplittableRandom rng) {
        User idleFree = null;
        User busy = null;
        for (int attempt = 0; attempt < PICK_ATTEMPTS; attempt++) {
            User candidate = users[Randomness.pickCumulative(rng, cumulativeActivity)];
            if (candidate.activeSessions > 0) {
                busy = busy == null ? candidate : busy;
            } else if (candidate.paid || rng.nextDouble() < 1.0 / PAID_ACTIVITY_FACTOR) {
                return candidate;
            } else if (idleFree == null) {
                idleFree = candidate;
            }
        }
        return idleFree != null ? idleFree : busy;
    }

    /** Number of users who appeared in at least one logged-in event. */
    int seenCount() {
        int count = 0;
        for (User user : users) {
            if (user.seen) {
                count++;
            }
        }
        return count;
    }
}
