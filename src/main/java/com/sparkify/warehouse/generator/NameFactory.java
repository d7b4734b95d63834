package com.sparkify.warehouse.generator;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Makes up plausible artist names and song titles from word lists and syllables.
 *
 * <p>The combinations give millions of distinct names, enough for catalogs of 100,000+ songs and
 * for the much larger pool of songs that are played but not in the catalog. A small share of the
 * names carries accented letters, which the real data has and which exercises the escaping and
 * the double-encoding quirk of the event logs.
 */
final class NameFactory {

    /**
     * Share of artist name draws with an accented letter; name de-duplication favours them a
     * little, giving about 3% of catalog artists (2.6% in the real song files).
     */
    static final double ACCENTED_ARTIST_SHARE = 0.02;
    /** Share of song titles with an accented word. */
    static final double ACCENTED_TITLE_SHARE = 0.02;

    private static final List<String> ADJECTIVES = List.of(
            "Black", "Blue", "Golden", "Silver", "Broken", "Electric", "Crimson", "Lonely", "Wild",
            "Silent", "Neon", "Velvet", "Midnight", "Crystal", "Burning", "Frozen", "Hollow", "Lucky",
            "Sweet", "Dirty", "Little", "Big", "Young", "Old", "Dead", "Living", "Secret", "Holy",
            "Savage", "Gentle", "Restless", "Endless", "Falling", "Rising", "Shining", "Dark", "Bright",
            "Heavy", "Easy", "Lost", "Cosmic", "Atomic", "Magnetic", "Radio", "Paper", "Stone", "Iron",
            "Glass", "Rusty", "Tender", "Strange", "Happy", "Sad", "Red", "Green", "White", "Purple",
            "Southern", "Northern", "Western", "Eastern", "Royal", "Modern", "Ancient", "Sleepy",
            "Hungry", "Crazy", "Fading", "Drifting", "Sacred", "Wicked", "Pretty", "Quiet", "Loud",
            "Distant", "Hidden", "Naked", "Painted", "Perfect", "Simple", "Sunny", "Rainy", "Stormy");

    private static final List<String> NOUNS = List.of(
            "Heart", "Fire", "Rain", "River", "Moon", "Sun", "Star", "Night", "Dream", "Road", "Light",
            "Shadow", "Ocean", "Mountain", "City", "Street", "Train", "Highway", "Kiss", "Love", "Soul",
            "Angel", "Devil", "Ghost", "Wolf", "Bird", "Horse", "Tiger", "Lion", "Rose", "Flower",
            "Garden", "Window", "Door", "Mirror", "Machine", "Radio", "Telephone", "Letter", "Song",
            "Dance", "Party", "Summer", "Winter", "Autumn", "Spring", "Morning", "Evening", "Sky",
            "Storm", "Thunder", "Lightning", "Wave", "Island", "Desert", "Forest", "Valley", "Bridge",
            "Tower", "Castle", "Kingdom", "Empire", "Revolution", "Memory", "Secret", "Promise", "Lie",
            "Truth", "Echo", "Silence", "Whisper", "Voice", "Hand", "Eye", "Smile", "Tear", "Blood",
            "Bone", "Diamond", "Gold", "Silver", "Money", "Honey", "Sugar", "Candy", "Wine", "Whiskey",
            "Coffee", "Cigarette", "Ticket", "Suitcase", "Cowboy", "Sailor", "Soldier", "Stranger",
            "Lover", "Baby", "Mama", "Daddy", "Sister", "Brother", "Friend", "Enemy", "Hero", "King",
            "Queen", "Prince", "Saint", "Sinner", "Preacher", "Gypsy", "Rebel", "Outlaw", "Hunter",
            "Boy", "Girl", "Child", "Planet", "Galaxy", "Comet", "Rocket", "Satellite", "Signal",
            "Engine", "Motor", "Wheel", "Circle", "Line", "Square", "Paradise", "Heaven", "Hell",
            "Harbor", "Station", "Hotel", "Motel", "Avenue", "Boulevard", "Alley", "Canyon", "Prairie");

    private static final List<String> VERBS = List.of(
            "Dance", "Run", "Fly", "Fall", "Hold", "Take", "Give", "Break", "Burn", "Shine", "Wait",
            "Come", "Go", "Stay", "Leave", "Walk", "Drive", "Ride", "Sing", "Cry", "Smile", "Dream",
            "Believe", "Remember", "Forget", "Follow", "Find", "Lose", "Keep", "Tell", "Call", "Kiss",
            "Love", "Miss", "Need", "Want", "Feel", "Touch", "Save", "Shake", "Move", "Turn", "Change",
            "Rise", "Wake", "Sleep", "Hide", "Chase", "Catch", "Light");

    private static final List<String> PREPOSITIONS = List.of(
            "In", "On", "Under", "Over", "Through", "Into", "Across", "Beyond", "Down", "Up", "Around",
            "Behind", "Without", "Against", "Along");

    private static final List<String> PHRASES = List.of(
            "Hold On", "Let It Go", "Come Back Home", "All Night Long", "Don't Look Back", "One More Time",
            "I Want You", "You Gotta Be", "Stay With Me", "Take Me Away", "Never Again", "Right Here",
            "Tonight Tonight", "Say It Again", "Here We Go", "So Long", "Baby Please", "Ain't No Way",
            "Get Up", "Wake Me Up", "Leave It All Behind", "Nothing Else", "Everything Changes",
            "I Can't Get Started", "You're The One", "Just Like You", "Where Did You Go", "Going Home",
            "Half A World Away", "Somebody Else", "Another Day", "No Regrets", "Too Late", "Right Now");

    private static final List<String> TITLE_SUFFIXES = List.of(
            " (Album Version)", " (Live)", " (Remix)", " (Radio Edit)", " (Acoustic)", " (LP Version)",
            " (Remastered)", " (Instrumental)", " (Demo)", " (Extended Mix)", " (Single Version)",
            " (Live Version)", " (Explicit Album Version)", " (Original Mix)");

    private static final List<String> BAND_FORMS = List.of(
            "Band", "Orchestra", "Trio", "Quartet", "Experience", "Collective", "Project", "Brothers",
            "Sisters", "Crew", "Ensemble", "Sound System");

    private static final List<String> SYLLABLES = List.of(
            "ka", "lo", "ra", "mi", "ne", "so", "tor", "vel", "dan", "ri", "ya", "zo", "bel", "cor", "fa",
            "ga", "lin", "mar", "no", "pa", "qui", "sa", "ta", "ven", "xo", "bra", "cle", "dre", "fro",
            "gri", "ste", "tra", "na", "ki", "mo", "lu", "ja", "ro", "de", "ha", "ben", "sil", "tu", "vo");

    private static final List<String> ACCENTED_WORDS = List.of(
            "Corazón", "Señorita", "Für Dich", "Café", "Déjà Vu", "Über Alles", "Mañana", "Été", "Naïve",
            "Ångest", "Canção", "Ça Va", "Mélodie", "Niño", "Fröhlich", "Ébano", "Días", "Pequeño");

    private static final List<String> ACCENTED_FIRST_NAMES = List.of(
            "José", "Björn", "Zoë", "Renée", "Søren", "Åsa", "Ramón", "Inês", "Jürgen", "François",
            "Chloé", "Mikaël", "Joaquín", "Agnès", "Bjørn", "Hélène", "Sebastián", "Jérôme");

    private static final String PLAIN_VOWELS = "aeiou";
    private static final String[] ACCENTED_VOWELS = {"áäå", "éèë", "íï", "óöø", "úü"};

    private NameFactory() {
    }

    static String artistName(SplittableRandom rng) {
        boolean accented = rng.nextDouble() < ACCENTED_ARTIST_SHARE;
        double form = rng.nextDouble();
        if (form < 0.30) {
            String first = accented ? pick(rng, ACCENTED_FIRST_NAMES) : personFirstName(rng);
            return first + " " + pick(rng, ReferenceData.LAST_NAMES);
        }
        String name;
        if (form < 0.48) {
            name = "The " + pick(rng, ADJECTIVES) + " " + plural(pick(rng, NOUNS));
        } else if (form < 0.62) {
            name = pick(rng, ADJECTIVES) + " " + pick(rng, NOUNS);
        } else if (form < 0.80) {
            name = syllableWord(rng);
        } else if (form < 0.87) {
            name = personFirstName(rng) + " " + pick(rng, ReferenceData.LAST_NAMES)
                    + " & The " + plural(pick(rng, NOUNS));
        } else if (form < 0.92) {
            name = (rng.nextBoolean() ? "DJ " : "MC ") + syllableWord(rng);
        } else if (form < 0.96) {
            name = syllableWord(rng) + " " + pick(rng, BAND_FORMS);
        } else {
            name = pick(rng, NOUNS) + " " + pick(rng, NOUNS);
        }
        return accented ? accentOneVowel(rng, name) : name;
    }

    static String title(SplittableRandom rng) {
        double form = rng.nextDouble();
        String title;
        if (form < 0.22) {
            title = pick(rng, ADJECTIVES) + " " + pick(rng, NOUNS);
        } else if (form < 0.38) {
            title = pick(rng, VERBS) + " " + pick(rng, PREPOSITIONS) + " The " + pick(rng, NOUNS);
        } else if (form < 0.50) {
            title = pick(rng, NOUNS) + " Of " + pick(rng, NOUNS);
        } else if (form < 0.62) {
            title = pick(rng, PHRASES);
        } else if (form < 0.74) {
            title = pick(rng, VERBS) + " Me " + pick(rng, List.of("Now", "Tonight", "Again", "Home", "Down", "Slowly"));
        } else if (form < 0.86) {
            title = pick(rng, NOUNS);
        } else {
            title = "The " + pick(rng, ADJECTIVES) + " " + pick(rng, NOUNS) + " " + pick(rng, NOUNS);
        }
        if (rng.nextDouble() < ACCENTED_TITLE_SHARE) {
            title = pick(rng, ACCENTED_WORDS) + " " + title;
        }
        double suffix = rng.nextDouble();
        if (suffix < 0.12) {
            title += pick(rng, TITLE_SUFFIXES);
        } else if (suffix < 0.15) {
            title += " [feat. " + personFirstName(rng) + " " + pick(rng, ReferenceData.LAST_NAMES) + "]";
        }
        return title;
    }

    /** A unique-enough fallback name: two syllable words give millions of combinations. */
    static String rareArtistName(SplittableRandom rng) {
        return syllableWord(rng) + " " + syllableWord(rng);
    }

    static <T> T pick(SplittableRandom rng, List<T> values) {
        return values.get(rng.nextInt(values.size()));
    }

    private static String personFirstName(SplittableRandom rng) {
        return rng.nextBoolean()
                ? pick(rng, ReferenceData.FEMALE_FIRST_NAMES)
                : pick(rng, ReferenceData.MALE_FIRST_NAMES);
    }

    private static String syllableWord(SplittableRandom rng) {
        int count = 2 + rng.nextInt(2);
        StringBuilder word = new StringBuilder(12);
        for (int i = 0; i < count; i++) {
            word.append(pick(rng, SYLLABLES));
        }
        word.setCharAt(0, Character.toUpperCase(word.charAt(0)));
        return word.toString();
    }

    private static String plural(String noun) {
        if (noun.endsWith("y") && !noun.endsWith("ey") && !noun.endsWith("ay")) {
            return noun.substring(0, noun.length() - 1) + "ies";
        }
        if (noun.endsWith("s") || noun.endsWith("sh") || noun.endsWith("ch") || noun.endsWith("x")) {
            return noun + "es";
        }
        return noun + "s";
    }

    /** Replaces one lowercase vowel by an accented variant ("Kalora" becomes "Kälora"). */
    private static String accentOneVowel(SplittableRandom rng, String name) {
        int start = rng.nextInt(name.length());
        for (int k = 0; k < name.length(); k++) {
            int i = (start + k) % name.length();
            int vowel = PLAIN_VOWELS.indexOf(name.charAt(i));
            if (vowel >= 0) {
                String options = ACCENTED_VOWELS[vowel];
                char accented = options.charAt(rng.nextInt(options.length()));
                return name.substring(0, i) + accented + name.substring(i + 1);
            }
        }
        return name;
    }
}
