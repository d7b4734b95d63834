package com.sparkify.warehouse.generator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * The generated song catalog: the artists and songs written to {@code song_data/}, in the shape of
 * the Million Song Dataset files of the Udacity bucket.
 */
final class SongCatalog {

    /** An artist; latitude and longitude are null in the files unless {@code geocoded}. */
    record Artist(String id, String name, String location, boolean geocoded, long latitudeUnits, long longitudeUnits) {
    }

    /** A song file; duration is in units of 1e-5 seconds, year 0 means unknown. */
    record Song(String trackId, String songId, String title, Artist artist, long durationUnits, int year) {

        /** The object key of the song's file, e.g. {@code song_data/A/A/B/TRAABJL12903CDCF1A.json}. */
        String key() {
            return "song_data/" + trackId.charAt(2) + '/' + trackId.charAt(3) + '/' + trackId.charAt(4)
                    + '/' + trackId + ".json";
        }
    }

    /** Share of artists with coordinates (about 35% in the real song files). */
    private static final double GEOCODED_SHARE = 0.35;
    /** Share of the artists without coordinates that still have a free-text location. */
    private static final double TEXT_LOCATION_SHARE = 0.31;
    /** Share of songs whose year is unknown and written as 0. */
    private static final double UNKNOWN_YEAR_SHARE = 0.5;

    private static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String HEX = "0123456789ABCDEF";

    private final List<Artist> artists;
    private final List<Song> songs;
    private final Set<String> titleArtistKeys;

    private SongCatalog(List<Artist> artists, List<Song> songs, Set<String> titleArtistKeys) {
        this.artists = artists;
        this.songs = songs;
        this.titleArtistKeys = titleArtistKeys;
    }

    List<Artist> artists() {
        return artists;
    }

    List<Song> songs() {
        return songs;
    }

    /** Whether some catalog song has exactly this title and artist name. */
    boolean containsTitleAndArtist(String title, String artistName) {
        return titleArtistKeys.contains(titleArtistKey(title, artistName));
    }

    static SongCatalog generate(GeneratorOptions options) {
        SplittableRandom rng = Randomness.stream(options.seed(), Randomness.CATALOG);
        Set<String> ids = new HashSet<>();
        List<Artist> artists = generateArtists(rng, options.artists(), ids);

        // Every artist gets one song; each further song goes to the artist of a uniformly chosen
        // earlier song. This preferential attachment gives the long tail of the real catalog
        // (most artists with one song, a few with many).
        int songCount = options.songs();
        int[] owner = new int[songCount];
        for (int i = 0; i < songCount; i++) {
            owner[i] = i < artists.size() ? i : owner[rng.nextInt(i)];
        }

        Set<String> titleArtistKeys = new HashSet<>(songCount * 2);
        List<Song> songs = new ArrayList<>(songCount);
        for (int i = 0; i < songCount; i++) {
            Artist artist = artists.get(owner[i]);
            String title = NameFactory.title(rng);
            // Titles are unique per artist so that a play identifies at most one catalog song.
            while (!titleArtistKeys.add(titleArtistKey(title, artist.name()))) {
                title = NameFactory.title(rng);
            }
            String trackId = uniqueId(ids, () -> "TRA" + chars(rng, LETTERS, 4) + "1" + chars(rng, HEX, 10));
            String songId = uniqueId(ids, () -> "SO" + chars(rng, LETTERS, 5) + "1" + chars(rng, HEX, 10));
            songs.add(new Song(trackId, songId, title, artist, durationUnits(rng), year(rng)));
        }
        return new SongCatalog(List.copyOf(artists), List.copyOf(songs), titleArtistKeys);
    }

    /** Share of the songs of an increment by artists the catalog already has; the others bring new artists. */
    private static final double INCREMENT_KNOWN_ARTIST_SHARE = 0.5;

    /** Songs each increment adds: one in a hundred of the base catalog, at least one. */
    static int incrementSongs(GeneratorOptions options) {
        return (int) Math.max(1, Math.round(options.songs() / 100.0));
    }

    /**
     * This catalog with the songs of increments 1 to {@code increments} appended, each drawn from its own
     * stream, so that increment {@code k} adds the same songs whatever comes after it. Ids stay unique and
     * titles unique per artist over the whole catalog.
     */
    SongCatalog withIncrements(GeneratorOptions options, int increments) {
        Set<String> ids = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (Artist artist : artists) {
            ids.add(artist.id());
            names.add(artist.name());
        }
        for (Song song : songs) {
            ids.add(song.trackId());
            ids.add(song.songId());
        }
        List<Artist> allArtists = new ArrayList<>(artists);
        List<Song> allSongs = new ArrayList<>(songs);
        Set<String> keys = new HashSet<>(titleArtistKeys);
        for (int k = 1; k <= increments; k++) {
            SplittableRandom rng = Randomness.stream(options.seed(), Randomness.INCREMENTS, k);
            for (int i = 0; i < incrementSongs(options); i++) {
                Artist artist;
                if (rng.nextDouble() < INCREMENT_KNOWN_ARTIST_SHARE) {
                    // As in the base catalog: the artist of a uniformly chosen earlier song.
                    artist = allSongs.get(rng.nextInt(allSongs.size())).artist();
                } else {
                    String name = NameFactory.artistName(rng);
                    for (int attempt = 0; !names.add(name); attempt++) {
                        name = attempt < 5 ? NameFactory.artistName(rng) : NameFactory.rareArtistName(rng);
                    }
                    String id = uniqueId(ids, () -> "AR" + chars(rng, ALPHANUMERIC, 5) + "1" + chars(rng, HEX, 10));
                    artist = artist(rng, id, name);
                    allArtists.add(artist);
                }
                String title = NameFactory.title(rng);
                while (!keys.add(titleArtistKey(title, artist.name()))) {
                    title = NameFactory.title(rng);
                }
                String trackId = uniqueId(ids, () -> "TRA" + chars(rng, LETTERS, 4) + "1" + chars(rng, HEX, 10));
                String songId = uniqueId(ids, () -> "SO" + chars(rng, LETTERS, 5) + "1" + chars(rng, HEX, 10));
                allSongs.add(new Song(trackId, songId, title, artist, durationUnits(rng), year(rng)));
            }
        }
        return new SongCatalog(List.copyOf(allArtists), List.copyOf(allSongs), keys);
    }

    /** A song length in units of 1e-5 s: log-normal around 3:50, like the real catalog. */
    static long durationUnits(SplittableRandom rng) {
        double seconds = Randomness.logNormal(rng, 230.0, 0.36);
        seconds = Math.min(Math.max(seconds, 20.0), 2700.0);
        return Math.round(seconds * 100_000);
    }

    private static List<Artist> generateArtists(SplittableRandom rng, int count, Set<String> ids) {
        Set<String> names = new HashSet<>(count * 2);
        List<Artist> artists = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = NameFactory.artistName(rng);
            for (int attempt = 0; !names.add(name); attempt++) {
                // The word-list forms run out of combinations in large catalogs; syllable pairs do not.
                name = attempt < 5 ? NameFactory.artistName(rng) : NameFactory.rareArtistName(rng);
            }
            String id = uniqueId(ids, () -> "AR" + chars(rng, ALPHANUMERIC, 5) + "1" + chars(rng, HEX, 10));
            artists.add(artist(rng, id, name));
        }
        return artists;
    }

    private static Artist artist(SplittableRandom rng, String id, String name) {
        if (rng.nextDouble() < GEOCODED_SHARE) {
            ReferenceData.Place place = NameFactory.pick(rng, ReferenceData.PLACES_WITH_COORDINATES);
            return new Artist(id, name, place.location(), true, place.latitudeUnits(), place.longitudeUnits());
        }
        String location = rng.nextDouble() < TEXT_LOCATION_SHARE
                ? NameFactory.pick(rng, ReferenceData.PLACES_WITHOUT_COORDINATES)
                : "";
        return new Artist(id, name, location, false, 0, 0);
    }

    private static int year(SplittableRandom rng) {
        if (rng.nextDouble() < UNKNOWN_YEAR_SHARE) {
            return 0;
        }
        // Skewed to recent years (median about 2003) and never before 1927, as in the dataset.
        int yearsBack = (int) Math.abs(Randomness.gaussian(rng) * 10.4);
        return Math.max(1927, 2010 - yearsBack);
    }

    private static String uniqueId(Set<String> ids, Supplier<String> next) {
        String id = next.get();
        while (!ids.add(id)) {
            id = next.get();
        }
        return id;
    }

    private static String chars(SplittableRandom rng, String alphabet, int count) {
        char[] out = new char[count];
        for (int i = 0; i < count; i++) {
            out[i] = alphabet.charAt(rng.nextInt(alphabet.length()));
        }
        return new String(out);
    }

    private static String titleArtistKey(String title, String artistName) {
        return title + '\n' + artistName;
    }
}
